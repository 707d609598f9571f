/**
 * The web bench's council: generated households in a fresh database (embedded PGlite in memory, or on the
 * PostgreSQL server FO_BENCH_WEB_DATABASE_URL names, as a council of this size would run it), every engaged family
 * attached under the plan in force and tracked, with the web app over it (not listening).
 *
 * `timelines: 'database'` (the default, what a council runs) stores each attached household's members
 * and events in the data platform's tables, as an import would leave them (one import file per source,
 * a raw row per event), and the app reads them through the real `TimelineService`. The import itself is
 * measured elsewhere (bench/import.bench.ts), so rows are written directly. `'memory'` holds the
 * generated timelines in memory instead (`InMemoryTimelineSource`), as the bench used to.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../src/data/database.ts';
import { openServerDatabase } from '../src/data/testing/test-databases.ts';
import type { Database } from '../src/data/schema.ts';
import type { TimelineInput } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
import { PlanRepository } from '../src/plans/plan-repository.ts';
import { FamilyEvaluator } from '../src/services/family-evaluation.ts';
import { PlanSourceCatalogue } from '../src/services/plan-sources.ts';
import { TimelineService } from '../src/services/timeline-service.ts';
import { InMemoryTimelineSource, type TimelineSource } from '../src/services/timeline-source.ts';
import { seedDemoAccounts } from '../src/services/users-service-demo.ts';
import { createWorkflowServices } from '../src/services/workflow-services.ts';
import { createApp } from '../src/web/app.ts';
import { createWebServices, type WebServices } from '../src/web/web-services.ts';

export type TimelineStorage = 'database' | 'memory';

/** The bench app's cookie secret (web processes started over the council sign cookies with it too). */
export const benchSessionSecret = 'x'.repeat(32);

export interface WebCouncil {
  readonly app: FastifyInstance;
  readonly services: WebServices;
  readonly db: Kysely<Database>;
  readonly references: string[];
  readonly setupSeconds: number;
  readonly timelines: TimelineStorage;
  /** `pglite` or `postgres`. */
  readonly database: string;
  /** The council's database on the PostgreSQL server, if it is on one. */
  readonly databaseUrl: string | undefined;
  close(): Promise<void>;
}

/** A day to order an event by (the engine orders by its own rules; this is only the stored order). */
function startDate(event: Record<string, unknown>): string {
  if (typeof event['date'] === 'string') return event['date'];
  if (typeof event['start'] === 'string') return event['start'];
  if (typeof event['month'] === 'string') return `${event['month']}-01`;
  if (typeof event['term'] === 'string') return `${event['term'].slice(0, 4)}-09-01`;
  return '2000-01-01';
}

async function insertAll<T>(db: Kysely<Database>, table: keyof Database, rows: readonly T[], size = 1_000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

/** Writes the households' members and events as an import would leave them (see the file comment). */
async function storeTimelines(db: Kysely<Database>, households: ReadonlyArray<{ id: string; timeline: TimelineInput }>): Promise<void> {
  const files = new Map<string, { id: string; rows: number }>();
  const fileFor = (type: string) => {
    let file = files.get(type);
    if (!file) files.set(type, (file = { id: randomUUID(), rows: 0 }));
    return file;
  };
  const people = [];
  const members = [];
  const rawRows = [];
  const events = [];
  for (const { id: householdId, timeline } of households) {
    const personIds = new Map<string, string>();
    for (const m of timeline.members) {
      const personId = randomUUID();
      personIds.set(m.id, personId);
      people.push({ id: personId, forename: 'Bench', surname: 'Person', date_of_birth: m.dateOfBirth, sex: (m as { sex?: 'female' | 'male' }).sex ?? 'unknown', address: `${householdId} Bench Road`, postcode: 'SO14 1AA', match_key: personId });
      members.push({ household_id: householdId, person_id: personId, first_seen: '2015-01-01', last_seen: '2020-01-01' });
    }
    for (const event of timeline.events as unknown as Array<Record<string, unknown>>) {
      const { id: _id, person, ...payload } = event;
      const personId = personIds.get(String(person));
      if (personId === undefined) continue;
      const file = fileFor(String(event['type']));
      const row = ++file.rows;
      const recordKey = randomUUID();
      rawRows.push({ file_id: file.id, row_number: row, record_key: recordKey, raw_values: '[]', outcome: 'stored' as const });
      events.push({ source: `bench-${String(event['type'])}`, record_key: recordKey, type: String(event['type']), person_id: personId, household_id: householdId, start_date: startDate(event), end_date: null, payload: JSON.stringify(payload), content_hash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'), file_id: file.id, row_number: row });
    }
  }
  const at = new Date();
  await insertAll(db, 'import_files', [...files].map(([type, f]) => ({ id: f.id, source: `bench-${type}`, file_name: `bench-${type}.csv`, sha256: createHash('sha256').update(f.id).digest('hex'), header: '[]', row_count: f.rows, stored_count: f.rows, quarantined_count: 0, inserted_count: f.rows, corrected_count: 0, unchanged_count: 0, blank_line_count: 0, started_at: at, finished_at: at })));
  await insertAll(db, 'people', people);
  await insertAll(db, 'household_members', members);
  await insertAll(db, 'raw_rows', rawRows);
  await insertAll(db, 'events', events);
  await sql`analyze`.execute(db);
}

/** Embedded PGlite in memory, or a fresh database on the PostgreSQL server at `serverUrl` (dropped on close). */
async function openDatabase(serverUrl: string | undefined): Promise<DatabaseHandle & { url?: string }> {
  return serverUrl ? openServerDatabase(serverUrl) : createDatabase({ kind: 'pglite-memory' });
}

export async function setUpWebCouncil(families: number, timelines: TimelineStorage = 'database', serverUrl = process.env['FO_BENCH_WEB_DATABASE_URL']): Promise<WebCouncil> {
  const handle = await openDatabase(serverUrl);
  try {
    const planSources = await PlanSourceCatalogue.load(['plans']);
    const memory = new InMemoryTimelineSource();
    const source: TimelineSource = timelines === 'memory' ? memory : new TimelineService(handle.db);
    const workflow = createWorkflowServices({ db: handle.db, plans: planSources, timelines: source });
    const services = createWebServices(handle.db, await PlanRepository.load(['plans']), { workflow, evaluator: new FamilyEvaluator(planSources, source) });
    await seedDemoAccounts(services.users);

    const setupStart = Date.now();
    const rows = [];
    const engaged: Array<{ id: string; identifiedOn: string; engagedOn: string; timeline: TimelineInput }> = [];
    for (const timeline of generateTimelines({ families, seed: 2026 })) {
      const id = randomUUID();
      rows.push({ id, address: `${id} Bench Road`, postcode: `SO${14 + (rows.length % 5)} 1AA`, address_key: id });
      memory.set(id, timeline);
      if (timeline.programme.engagedOn) engaged.push({ id, identifiedOn: timeline.programme.identifiedOn, engagedOn: timeline.programme.engagedOn, timeline });
    }
    await insertAll(handle.db, 'households', rows, 500);
    // Only engaged households can be attached, so only theirs are read by the pages.
    if (timelines === 'database') await storeTimelines(handle.db, engaged);
    const references: string[] = [];
    const actor = { userId: 'bench', role: 'system' } as const;
    for (const e of engaged) {
      try {
        const attached = await workflow.attachment.attach({ householdId: e.id, plan: 'southampton', identifiedOn: e.identifiedOn, engagedOn: e.engagedOn, actor });
        references.push(attached.family.reference);
      } catch {
        // engaged outside any plan version in force: not attachable, as in real life
      }
    }
    // As the demo does: tracking stores each family's status and verdict summary, which the dashboard reads.
    await workflow.tracking.trackAll({ asOf: services.today(), actor });
    const setupSeconds = (Date.now() - setupStart) / 1000;
    const app = await createApp(services, { NODE_ENV: 'production', SESSION_SECRET: benchSessionSecret }, { logger: false });
    return {
      app,
      services,
      db: handle.db,
      references,
      setupSeconds,
      timelines,
      database: serverUrl ? 'postgres' : 'pglite',
      databaseUrl: handle.url,
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
