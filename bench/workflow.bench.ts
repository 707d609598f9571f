/**
 * Programme workflow speed on embedded PGlite: a generated council (households inserted directly, their
 * timelines held in memory, so the import is not measured here) through identification, attachment,
 * tracking and a claim batch, and 50 concurrent claim attempts for one family.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDatabase } from '../src/data/database.ts';
import type { TimelineInput } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
import type { Actor } from '../src/services/actor.ts';
import { PlanSourceCatalogue } from '../src/services/plan-sources.ts';
import { InMemoryTimelineSource } from '../src/services/timeline-source.ts';
import { createWorkflowServices } from '../src/services/workflow-services.ts';
import { median, timeRuns, withPeakRss, type BenchOptions, type BenchResult } from './harness.ts';

const actor: Actor = { userId: 'bench', role: 'data-analyst' };

export default async function bench(options: BenchOptions): Promise<BenchResult[]> {
  const families = options.quick ? 200 : 2_000;
  const runs = options.quick ? 1 : 3;
  const plans = PlanSourceCatalogue.fromTexts({ 'plans/southampton.yaml': readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8') });
  const handle = await createDatabase({ kind: 'pglite-memory' });
  try {
    const timelines = new InMemoryTimelineSource();
    const workflow = createWorkflowServices({ db: handle.db, plans, timelines });
    const engaged: Array<{ householdId: string; timeline: TimelineInput }> = [];
    const rows = [];
    for (const timeline of generateTimelines({ families, seed: 2026 })) {
      const id = randomUUID();
      rows.push({ id, address: `${id} Bench Road`, postcode: `SO${14 + (rows.length % 5)} 1AA`, address_key: id });
      timelines.set(id, timeline);
      if (timeline.programme.engagedOn) engaged.push({ householdId: id, timeline });
    }
    for (let i = 0; i < rows.length; i += 500) await handle.db.insertInto('households').values(rows.slice(i, i + 500)).execute();

    const results: BenchResult[] = [];
    let candidates = 0;
    const { result: identifyMs, peakRssMiB } = await withPeakRss(() =>
      timeRuns(runs, async () => {
        candidates = (await workflow.identification.identify({ plan: 'southampton', asOf: '2019-04-01', actor })).run.candidateCount;
      }, false),
    );
    results.push({ name: `identify: ${families} households`, unit: 'households/s', median: median(identifyMs.map((ms) => families / (ms / 1000))), runs: identifyMs.map((ms) => families / (ms / 1000)), peakRssMiB, notes: `${candidates} candidates; each run stored with its candidates` });

    const attachMs = await timeRuns(1, async () => {
      for (const { householdId, timeline } of engaged) {
        await workflow.attachment.attach({ householdId, plan: 'southampton@2018-2020', identifiedOn: timeline.programme.identifiedOn, engagedOn: timeline.programme.engagedOn!, leadProfessional: 'Key Worker', assessmentOn: timeline.programme.engagedOn!, actionPlanOn: timeline.programme.engagedOn!, outcomesAligned: true, actor });
      }
    }, false);
    results.push({ name: `attach ${engaged.length} families (evaluated at engagement)`, unit: 'families/s', median: engaged.length / (attachMs[0]! / 1000), runs: [engaged.length / (attachMs[0]! / 1000)] });

    let changes = 0;
    const trackMs = await timeRuns(runs, async () => {
      changes += (await workflow.tracking.trackAll({ asOf: '2020-03-31', actor })).changes.length;
    }, false);
    results.push({ name: `trackAll: ${engaged.length} attached families`, unit: 'families/s', median: median(trackMs.map((ms) => engaged.length / (ms / 1000))), runs: trackMs.map((ms) => engaged.length / (ms / 1000)), notes: `${changes} status changes recorded over ${runs} runs (all in the first: nothing changes after)` });

    let claimed: string[] = [];
    const batchMs = await timeRuns(1, async () => {
      claimed = (await workflow.claims.createBatch({ periodStart: '2019-10-01', periodEnd: '2020-03-31', asOf: '2020-03-31', actor })).claimed.map((c) => c.familyReference);
    }, false);
    results.push({ name: `claims create: evaluate ${engaged.length} families and claim the claimable`, unit: 'ms', median: batchMs[0]!, runs: batchMs, notes: `${claimed.length} claims with snapshots` });

    // A copy of a claimed family's timeline in a new household: claimable, and claimed by exactly one of 50 attempts.
    const original = claimed[0] === undefined ? undefined : await workflow.repositories.families.find(claimed[0]);
    const source = original && (await timelines.timelineForHousehold(original.householdId));
    if (source) {
      const id = randomUUID();
      await handle.db.insertInto('households').values({ id, address: `${id} Bench Road`, postcode: 'SO14 1AA', address_key: id }).execute();
      const timeline = source;
      timelines.set(id, timeline);
      await workflow.attachment.attach({ householdId: id, plan: 'southampton@2018-2020', identifiedOn: timeline.programme.identifiedOn, engagedOn: timeline.programme.engagedOn!, leadProfessional: 'K', assessmentOn: timeline.programme.engagedOn!, actionPlanOn: timeline.programme.engagedOn!, outcomesAligned: true, actor });
      const family = await workflow.repositories.families.ensureForHousehold(id);
      const start = performance.now();
      const attempts = await Promise.allSettled(Array.from({ length: 50 }, () => workflow.claims.createBatch({ periodStart: '2019-10-01', periodEnd: '2020-03-31', asOf: '2020-03-31', families: [family.reference], actor })));
      const ms = performance.now() - start;
      results.push({ name: '50 concurrent claim attempts for one family (PGlite)', unit: 'ms', median: ms, runs: [ms], notes: `${attempts.filter((a) => a.status === 'fulfilled').length} succeeded (1 expected when the family is claimable, 0 otherwise)` });
    }
    return results;
  } finally {
    await handle.close();
  }
}
