/**
 * Identification: run a plan over every household as of a date and keep the run (plan id@version, as-of,
 * who ran it, when) with its candidate families (eligible: enough headline problems), the indicators each
 * met, and the source rows behind them. Runs can be listed, filtered by problem and area, and compared.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { evaluate, parseTimeline, problemIds, type Timeline, type Verdict } from '../engine/index.ts';
import { postcodeDistrict } from '../data/repositories/workflow-families.ts';
import type { CandidateRow, RunRow } from '../data/repositories/workflow-identification.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { CandidateIndicator, IdentificationFilters, SourceRow } from '../data/workflow-schema.ts';
import { actorSchema } from './actor.ts';
import { daySchema, parseInput } from './parse-input.ts';
import type { PlanSources } from './plan-sources.ts';
import { timelinesFor, withProgramme, type TimelineSource } from './timeline-source.ts';
import { NotFoundError } from './workflow-errors.ts';

const filtersSchema = z.object({
  problems: z.array(z.enum(problemIds)).optional(),
  areas: z
    .array(z.string().regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?$/, 'is a postcode district such as SO14'))
    .transform((a) => a.map((x) => x.toUpperCase()))
    .optional(),
});

const identifySchema = z.object({ plan: z.string().min(1), asOf: daySchema, filters: filtersSchema.default({}), actor: actorSchema });

/** Households whose timelines are read in one statement (a page's timelines are in memory at once). */
const timelinePageSize = 250;

export interface IdentificationResult {
  readonly run: RunRow;
  /** Candidates matching the run's filters. */
  readonly candidates: readonly CandidateRow[];
  /** Households that could not be evaluated, with the reason (the run carries on without them). */
  readonly failed: ReadonlyArray<{ readonly householdId: string; readonly reason: string }>;
}

export interface RunComparison {
  readonly from: RunRow;
  readonly to: RunRow;
  /** Candidates in `to` that were not in `from`. */
  readonly added: readonly string[];
  /** Candidates in `from` that are no longer candidates in `to`. */
  readonly removed: readonly string[];
  readonly continuing: number;
}

export class IdentificationService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly plans: PlanSources,
    private readonly timelines: TimelineSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async identify(input: z.input<typeof identifySchema>, onProgress?: (done: number, total: number) => void): Promise<IdentificationResult> {
    const request = parseInput(identifySchema, input, 'identification request');
    const plan = this.plans.get(request.plan, request.asOf).compiled;
    const households = await this.repositories.families.households();
    const found: Array<{ householdId: string; postcode: string; problems: CandidateRow['problems']; indicators: CandidateRow['indicators'] }> = [];
    const failed: Array<{ householdId: string; reason: string }> = [];
    // A page of households' timelines per statement: one statement per household was most of the time.
    for (let start = 0; start < households.length; start += timelinePageSize) {
      const page = households.slice(start, start + timelinePageSize);
      const timelines = await timelinesFor(this.timelines, page.map((h) => ({ householdId: h.id, asOf: request.asOf })));
      for (const [offset, household] of page.entries()) {
        onProgress?.(start + offset + 1, households.length);
        const input = timelines[offset];
        if (!input || input.members.length === 0) continue;
        let verdict: Verdict;
        let timeline: Timeline;
        try {
          timeline = parseTimeline(withProgramme(input, household.id, { identifiedOn: request.asOf, engagedOn: null }), `timeline of household ${household.id}`);
          verdict = evaluate(plan, timeline, request.asOf);
        } catch (error) {
          failed.push({ householdId: household.id, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
          continue;
        }
        if (verdict.eligible) found.push({ householdId: household.id, postcode: household.postcode, problems: verdict.identifiedProblems, indicators: indicatorsMet(verdict, timeline) });
      }
    }
    const families = await this.repositories.families.ensureForHouseholds(found.map((f) => f.householdId));
    const candidates = found.map((f) => ({ familyId: families.get(f.householdId)!.id, postcodeDistrict: postcodeDistrict(f.postcode), problems: f.problems, indicators: f.indicators }));
    const run: RunRow = {
      id: randomUUID(),
      planId: plan.plan.id,
      planVersion: plan.plan.version,
      asOf: request.asOf,
      runBy: request.actor.userId,
      runByRole: request.actor.role,
      runAt: this.now(),
      filters: request.filters,
      householdCount: households.length,
      candidateCount: candidates.length,
    };
    await this.repositories.transaction((r) => r.identification.insertRun(run, candidates));
    return { run, candidates: await this.repositories.identification.candidates(run.id, request.filters), failed };
  }

  async runs(limit?: number): Promise<RunRow[]> {
    return this.repositories.identification.runs(limit);
  }

  /** A run's candidates; the filters given here, or else the run's own. */
  async candidates(runId: string, filters?: z.input<typeof filtersSchema>): Promise<CandidateRow[]> {
    const run = await this.run(runId);
    const chosen: IdentificationFilters = filters === undefined ? run.filters : parseInput(filtersSchema, filters, 'candidate filters');
    return this.repositories.identification.candidates(run.id, chosen);
  }

  /** "42 new candidates since last month": what changed between two runs (all candidates, unfiltered). */
  async compare(fromRunId: string, toRunId: string): Promise<RunComparison> {
    const [from, to] = [await this.run(fromRunId), await this.run(toRunId)];
    const before = new Set((await this.repositories.identification.candidates(from.id)).map((c) => c.familyReference));
    const after = new Set((await this.repositories.identification.candidates(to.id)).map((c) => c.familyReference));
    return {
      from,
      to,
      added: [...after].filter((r) => !before.has(r)).sort(),
      removed: [...before].filter((r) => !after.has(r)).sort(),
      continuing: [...after].filter((r) => before.has(r)).length,
    };
  }

  private async run(id: string): Promise<RunRow> {
    const run = /^[0-9a-f-]{36}$/i.test(id) ? await this.repositories.identification.run(id) : undefined;
    if (!run) throw new NotFoundError('identification run', id);
    return run;
  }
}

/** Each indicator met, who met it, and the source rows (event id → file and row) of the figures behind it. */
export function indicatorsMet(verdict: Verdict, timeline: Timeline): CandidateIndicator[] {
  const origins = new Map(timeline.events.map((e, i) => [e.id ?? `e${i}`, e.origin]));
  return verdict.problems.flatMap((p) =>
    p.indicators
      .filter((i) => i.met)
      .map((i) => {
        const events = [...new Set(i.subjects.flatMap((s) => s.figures.flatMap((f) => f.events ?? [])))];
        return {
          id: i.id,
          ref: i.ref,
          problem: p.problem,
          text: i.text,
          subjects: i.subjects.map((s) => s.subject),
          events,
          origins: events.map((event): SourceRow => sourceRow(event, origins.get(event))),
        };
      }),
  );
}

export function sourceRow(event: string, origin: Timeline['events'][number]['origin']): SourceRow {
  if (origin === undefined) return { event, file: null, row: null };
  if (typeof origin === 'string') return { event, file: origin, row: null };
  return { event, file: origin.file, row: origin.row };
}
