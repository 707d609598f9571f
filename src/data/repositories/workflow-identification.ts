/** Identification runs and their candidate families. */
import type { ProblemId } from '../../engine/index.ts';
import type { CandidateIndicator, IdentificationFilters } from '../workflow-schema.ts';
import type { WorkflowDb } from './workflow-db.ts';

export interface RunRow {
  readonly id: string;
  readonly planId: string;
  readonly planVersion: string;
  readonly asOf: string;
  readonly runBy: string;
  readonly runByRole: string;
  readonly runAt: Date;
  readonly filters: IdentificationFilters;
  readonly householdCount: number;
  readonly candidateCount: number;
}

export interface CandidateRow {
  readonly familyId: string;
  readonly familyReference: string;
  readonly postcodeDistrict: string;
  readonly problems: readonly ProblemId[];
  readonly indicators: readonly CandidateIndicator[];
}

export class IdentificationRepository {
  constructor(private readonly db: WorkflowDb) {}

  async insertRun(run: RunRow, candidates: ReadonlyArray<Omit<CandidateRow, 'familyReference'>>): Promise<void> {
    await this.db
      .insertInto('identification_runs')
      .values({
        id: run.id,
        plan_id: run.planId,
        plan_version: run.planVersion,
        as_of: run.asOf,
        run_by: run.runBy,
        run_by_role: run.runByRole,
        run_at: run.runAt,
        filters: JSON.stringify(run.filters),
        household_count: run.householdCount,
        candidate_count: run.candidateCount,
      })
      .execute();
    for (let i = 0; i < candidates.length; i += 500) {
      await this.db
        .insertInto('identification_candidates')
        .values(
          candidates.slice(i, i + 500).map((c) => ({
            run_id: run.id,
            family_id: c.familyId,
            postcode_district: c.postcodeDistrict,
            problems: JSON.stringify(c.problems),
            indicators: JSON.stringify(c.indicators),
          })),
        )
        .execute();
    }
  }

  async run(id: string): Promise<RunRow | undefined> {
    const r = await this.db.selectFrom('identification_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRun(r);
  }

  /** Newest first. */
  async runs(limit = 50): Promise<RunRow[]> {
    return (await this.db.selectFrom('identification_runs').selectAll().orderBy('run_at', 'desc').orderBy('id').limit(limit).execute()).map(toRun);
  }

  async candidates(runId: string, filters: IdentificationFilters = {}): Promise<CandidateRow[]> {
    let query = this.db
      .selectFrom('identification_candidates')
      .innerJoin('families', 'families.id', 'identification_candidates.family_id')
      .select(['identification_candidates.family_id', 'families.reference', 'identification_candidates.postcode_district', 'identification_candidates.problems', 'identification_candidates.indicators'])
      .where('identification_candidates.run_id', '=', runId);
    if (filters.areas && filters.areas.length > 0) query = query.where('identification_candidates.postcode_district', 'in', filters.areas.map((a) => a.toUpperCase()));
    const rows = await query.orderBy('families.reference').execute();
    const wanted = filters.problems;
    return rows
      .map((r) => ({ familyId: r.family_id, familyReference: r.reference, postcodeDistrict: r.postcode_district, problems: r.problems, indicators: r.indicators }))
      .filter((c) => !wanted || wanted.length === 0 || wanted.every((p) => c.problems.includes(p)));
  }
}

function toRun(r: {
  id: string;
  plan_id: string;
  plan_version: string;
  as_of: string;
  run_by: string;
  run_by_role: string;
  run_at: Date;
  filters: IdentificationFilters;
  household_count: number;
  candidate_count: number;
}): RunRow {
  return {
    id: r.id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    asOf: r.as_of,
    runBy: r.run_by,
    runByRole: r.run_by_role,
    runAt: r.run_at,
    filters: r.filters,
    householdCount: r.household_count,
    candidateCount: r.candidate_count,
  };
}
