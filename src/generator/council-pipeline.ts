/**
 * The real pipeline over one generated council, a stage at a time, each stage returning its counts (the
 * council benchmark, bench/council.bench.ts, times them; council-pipeline.test.ts checks they agree):
 *
 *   generate   the agency extracts and ground truth `family-outcomes generate` writes
 *   import     every extract through the import service (validation, exact person matching, households)
 *   matching   how well people and households were resolved, against the ground truth (no database writes)
 *   identify   the identification service over every household, timelines assembled from the database
 *   attach     the families the ground truth says were engaged, as the demo does (demo-programme.ts)
 *   track      the tracking service's `trackAll` over every attached family
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { Database } from '../data/schema.ts';
import { sources } from '../imports/sources/index.ts';
import type { Actor } from '../services/actor.ts';
import { ImportService, type ImportReport } from '../services/import-service.ts';
import type { PlanSources } from '../services/plan-sources.ts';
import { TimelineService } from '../services/timeline-service.ts';
import { createWorkflowServices, type WorkflowServices } from '../services/workflow-services.ts';
import { attachEngagedFamilies, type DemoLead } from './demo-programme.ts';
import { evidenceTargets } from './evidence-targets.ts';
import { writeCouncil, type CouncilSummary } from './extracts/write-council.ts';

export interface CouncilPipelineOptions {
  readonly families: number;
  readonly seed: number;
  /** Extracts and ground truth are written here. */
  readonly councilDir: string;
  readonly db: Kysely<Database>;
  readonly plans: PlanSources;
  /** The plan (`id` or `id@version`): key workers' evidence names its outcomes, and families are attached under it. */
  readonly plan: string;
  /** Identification, attachment and tracking are as of this date (the generated data ends in March 2020). */
  readonly asOf: string;
}

export interface ImportStage {
  readonly files: number;
  readonly rows: number;
  readonly stored: number;
  readonly quarantined: number;
  readonly newPeople: number;
  readonly matchReviews: number;
  readonly households: number;
}

/** Person and household resolution judged against the ground truth, over the rows stored as events. */
export interface MatchingStage {
  readonly storedRows: number;
  /** Stored rows the ground truth has no row for (should be none). */
  readonly rowsWithoutTruth: number;
  readonly personRecords: number;
  readonly truePeople: number;
  /** Of pairs of stored rows resolved to the same person record, the share truly about one person. */
  readonly pairwisePrecision: number;
  /** Of pairs of stored rows truly about one person, the share resolved to the same record. */
  readonly pairwiseRecall: number;
  /** Person records whose rows are all about one true person. */
  readonly pureRecords: number;
  /** True people whose rows all went to one person record. */
  readonly wholePeople: number;
  readonly householdRecords: number;
  /** True households (ground truth `household_id`) among the stored rows. */
  readonly trueHouseholds: number;
  /** Household records whose rows are all about one true family. */
  readonly pureHouseholds: number;
  /** Each household record's family in the ground truth (the family most of its rows are about). */
  readonly familyOfHousehold: ReadonlyMap<string, string>;
}

export interface IdentifyStage {
  readonly households: number;
  readonly candidates: number;
  readonly failed: number;
  /** Families the ground truth says have two or more headline problems over the period. */
  readonly trulyEligible: number;
  /** Of those, families at least one of whose household records is a candidate. */
  readonly trulyEligibleFound: number;
  /** Candidates whose household's true family has fewer than two problems. */
  readonly candidatesNotTrulyEligible: number;
}

export interface TrackStage {
  readonly evaluated: number;
  readonly changes: number;
  readonly failed: number;
}

const analyst: Actor = { userId: 'council-pipeline', role: 'data-analyst' };

/** Stored events read per statement when judging matching. */
const matchingPageSize = 50_000;

export class CouncilPipeline {
  readonly workflow: WorkflowServices;
  readonly #imports: ImportService;
  readonly #timelines: TimelineService;

  constructor(private readonly options: CouncilPipelineOptions) {
    this.#imports = new ImportService(options.db);
    this.#timelines = new TimelineService(options.db);
    this.workflow = createWorkflowServices({ db: options.db, plans: options.plans, timelines: this.#timelines });
  }

  generate(): CouncilSummary {
    const { families, seed, councilDir, plans, plan, asOf } = this.options;
    return writeCouncil({ families, seed, outDir: councilDir, evidence: evidenceTargets(plans.get(plan, asOf).compiled) });
  }

  /** Imports every extract, one file per source, in the formats' order (as the demo does). */
  async import(): Promise<ImportStage> {
    const reports: ImportReport[] = [];
    for (const source of sources) reports.push(await this.#imports.importFile(source.id, path.join(this.options.councilDir, 'extracts', `${source.id}.csv`)));
    const sum = (f: (r: ImportReport) => number) => reports.reduce((total, r) => total + f(r), 0);
    return {
      files: reports.length,
      rows: sum((r) => r.rows),
      stored: sum((r) => r.stored),
      quarantined: sum((r) => r.quarantined),
      newPeople: sum((r) => r.newPeople),
      matchReviews: sum((r) => r.matchReviews),
      households: await count(this.options.db, 'households'),
    };
  }

  /**
   * Compares each stored row's person and household records with who the row is really about
   * (ground-truth/rows.csv). Pairwise figures count pairs of rows, so people with many rows weigh more.
   */
  async matching(pageSize = matchingPageSize): Promise<MatchingStage> {
    const truth = await readRowTruth(path.join(this.options.councilDir, 'ground-truth', 'rows.csv'));
    const records = new Interner();
    const households = new Interner();
    const cells = new Map<number, number>();
    const householdFamilies = new Map<number, Map<number, number>>();
    const householdTrue = new Set<number>();
    let storedRows = 0;
    let rowsWithoutTruth = 0;
    // Every stored event, a page at a time in id order: memory stays flat (100,000 families store over
    // six million rows; reading a whole source at once grew PGlite's heap by that source's size).
    for (let after: string | null = null; ; ) {
      let query = this.options.db.selectFrom('events').select(['id', 'source', 'person_id', 'household_id', 'row_number']).orderBy('id').limit(pageSize);
      if (after !== null) query = query.where('id', '>', after);
      const events = await query.execute();
      if (events.length === 0) break;
      after = events[events.length - 1]!.id;
      for (const e of events) {
        storedRows++;
        const at = truth.bySource.get(e.source)?.[e.row_number];
        if (at === undefined) {
          rowsWithoutTruth++;
          continue;
        }
        const record = records.id(e.person_id);
        const key = record * 2 ** 24 + at.person;
        cells.set(key, (cells.get(key) ?? 0) + 1);
        const household = households.id(e.household_id);
        householdTrue.add(at.household);
        const byFamily = householdFamilies.get(household) ?? new Map<number, number>();
        byFamily.set(at.family, (byFamily.get(at.family) ?? 0) + 1);
        householdFamilies.set(household, byFamily);
      }
    }
    const pairs = (n: number) => (n * (n - 1)) / 2;
    const perRecord = new Map<number, number[]>();
    const perPerson = new Map<number, number[]>();
    let together = 0;
    for (const [key, n] of cells) {
      const record = Math.floor(key / 2 ** 24);
      const person = key % 2 ** 24;
      together += pairs(n);
      perRecord.set(record, [...(perRecord.get(record) ?? []), n]);
      perPerson.set(person, [...(perPerson.get(person) ?? []), n]);
    }
    const sumPairs = (m: Map<number, number[]>) => [...m.values()].reduce((t, ns) => t + pairs(ns.reduce((a, b) => a + b, 0)), 0);
    const resolvedPairs = sumPairs(perRecord);
    const truePairs = sumPairs(perPerson);
    const familyOfHousehold = new Map<string, string>();
    let pureHouseholds = 0;
    for (const [household, byFamily] of householdFamilies) {
      const [family] = [...byFamily.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
      familyOfHousehold.set(households.name(household), truth.families.name(family));
      if (byFamily.size === 1) pureHouseholds++;
    }
    return {
      storedRows,
      rowsWithoutTruth,
      personRecords: perRecord.size,
      truePeople: perPerson.size,
      pairwisePrecision: resolvedPairs === 0 ? 1 : together / resolvedPairs,
      pairwiseRecall: truePairs === 0 ? 1 : together / truePairs,
      pureRecords: [...perRecord.values()].filter((ns) => ns.length === 1).length,
      wholePeople: [...perPerson.values()].filter((ns) => ns.length === 1).length,
      householdRecords: householdFamilies.size,
      trueHouseholds: householdTrue.size,
      pureHouseholds,
      familyOfHousehold,
    };
  }

  /** Identification over every household; judged against the ground truth when `matching` has run. */
  async identify(matching?: MatchingStage): Promise<IdentifyStage> {
    const { run, candidates, failed } = await this.workflow.identification.identify({ plan: this.options.plan, asOf: this.options.asOf, actor: analyst });
    const truth = await readFamiliesTruth(path.join(this.options.councilDir, 'ground-truth', 'families.csv'));
    const eligible = new Set([...truth].filter(([, problems]) => problems >= 2).map(([family]) => family));
    const found = new Set<string>();
    let candidatesNotTrulyEligible = 0;
    if (matching) {
      const families = await this.workflow.repositories.families.byIds(candidates.map((c) => c.familyId));
      for (const f of families) {
        const family = matching.familyOfHousehold.get(f.householdId);
        if (family !== undefined && eligible.has(family)) found.add(family);
        else candidatesNotTrulyEligible++;
      }
    }
    return { households: run.householdCount, candidates: candidates.length, failed: failed.length, trulyEligible: eligible.size, trulyEligibleFound: found.size, candidatesNotTrulyEligible };
  }

  /** Attaches the families engaged by the as-of date, from the ground truth, as the demo does. */
  /** Attaches as the demo does; `accountLeads` (key workers with accounts) lead families in turn with the named ones. */
  async attach(accountLeads: readonly DemoLead[] = []): Promise<number> {
    const households = await this.#timelines.households();
    const plan = this.options.plans.get(this.options.plan, this.options.asOf).ref;
    return attachEngagedFamilies(this.workflow, this.options.councilDir, { plan, asOf: this.options.asOf, householdAddresses: households, accountLeads });
  }

  async track(): Promise<TrackStage> {
    const result = await this.workflow.tracking.trackAll({ asOf: this.options.asOf, actor: analyst });
    return { evaluated: result.evaluated, changes: result.changes.length, failed: result.failed.length };
  }
}

async function count(db: Kysely<Database>, table: 'households' | 'people'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Strings to small integers and back, so millions of rows fit in compact maps. */
class Interner {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];
  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.#names.length;
      this.#ids.set(name, id);
      this.#names.push(name);
    }
    return id;
  }
  name(id: number): string {
    return this.#names[id]!;
  }
}

interface RowTruth {
  readonly person: number;
  readonly household: number;
  readonly family: number;
}

/** ground-truth/rows.csv, streamed: per source, by line number, who the row is really about. */
async function readRowTruth(file: string): Promise<{ bySource: Map<string, RowTruth[]>; families: Interner }> {
  const people = new Interner();
  const households = new Interner();
  const families = new Interner();
  const bySource = new Map<string, RowTruth[]>();
  for await (const r of createReadStream(file).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) {
    const rows = bySource.get(r['source']!) ?? [];
    bySource.set(r['source']!, rows);
    rows[Number(r['row'])] = { person: people.id(r['person_id']!), household: households.id(r['household_id']!), family: families.id(r['family_id']!) };
  }
  return { bySource, families };
}

/** ground-truth/families.csv: each family's number of true headline problems. */
async function readFamiliesTruth(file: string): Promise<Map<string, number>> {
  const problems = new Map<string, number>();
  for await (const r of createReadStream(file).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) {
    problems.set(r['family_id']!, r['problems'] ? r['problems'].split(';').length : 0);
  }
  return problems;
}
