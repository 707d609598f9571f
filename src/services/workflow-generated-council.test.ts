/**
 * The full cycle over a generated council: the synthetic council's agency extracts are imported with the
 * import service, timelines come from the data platform's timeline service, and the workflow runs from
 * identification to an exported claim; every claim's snapshot then replays byte for byte.
 * Engagement dates come from the generator's ground truth (the key workers' records, in real life).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { evidenceTargets } from '../generator/evidence-targets.ts';
import { writeCouncil } from '../generator/extracts/write-council.ts';
import { ImportService } from './import-service.ts';
import { TimelineService } from './timeline-service.ts';
import { analyst, auditor, southamptonPlans } from './testing/workflow-fixture.ts';
import { createWorkflowServices, type WorkflowServices } from './workflow-services.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fo-workflow-council-'));

describe.each(testDatabases())('full cycle over a generated council on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let workflow: WorkflowServices;
  beforeAll(async () => {
    const plans = await southamptonPlans();
    if (readdirSync(dir).length === 0) writeCouncil({ families: 80, seed: 11, outDir: dir, evidence: evidenceTargets(plans.get('southampton').compiled) });
    handle = await open();
    const imports = new ImportService(handle.db);
    for (const file of readdirSync(path.join(dir, 'extracts')).sort()) await imports.importFile(path.basename(file, '.csv'), path.join(dir, 'extracts', file));
    workflow = createWorkflowServices({ db: handle.db, plans, timelines: new TimelineService(handle.db) });
  }, 600_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('identifies, attaches, tracks, claims, audits, submits, exports and replays', async () => {
    const truth = parse(readFileSync(path.join(dir, 'ground-truth', 'families.csv')), { columns: true }) as Array<Record<string, string>>;
    const residences = parse(readFileSync(path.join(dir, 'ground-truth', 'residences.csv')), { columns: true }) as Array<Record<string, string>>;
    const familyAt = new Map(residences.map((r) => [`${r['address']}|${r['postcode']}`.toUpperCase(), r['household_id']!.split('-')[0]!]));
    const truthOf = new Map(truth.map((t) => [t['family_id']!, t]));

    const run = await workflow.identification.identify({ plan: 'southampton', asOf: '2019-04-01', actor: analyst });
    expect(run.run.householdCount).toBeGreaterThan(0);
    expect(run.candidates.length).toBeGreaterThan(0);
    expect(run.candidates.every((c) => c.indicators.every((i) => i.origins.every((o) => o.file !== null && o.row !== null)))).toBe(true);

    const households = await handle.db.selectFrom('households').select(['id', 'address', 'postcode']).execute();
    let attached = 0;
    for (const h of households) {
      const t = truthOf.get(familyAt.get(`${h.address}|${h.postcode}`.toUpperCase()) ?? '');
      if (!t || !t['engaged_on'] || t['household_change'] !== 'stable') continue;
      try {
        await workflow.attachment.attach({
          householdId: h.id,
          plan: 'southampton@2018-2020',
          identifiedOn: t['identified_on']!,
          engagedOn: t['engaged_on']!,
          leadProfessional: 'Key Worker',
          assessmentOn: t['engaged_on']!,
          actionPlanOn: t['engaged_on']!,
          outcomesAligned: true,
          actor: analyst,
        });
        attached++;
      } catch (error) {
        if (!/already attached/.test(String(error))) throw error;
      }
    }
    expect(attached).toBeGreaterThan(0);

    const tracked = await workflow.tracking.trackAll({ asOf: '2020-03-31', actor: analyst });
    expect(tracked.evaluated).toBe(attached);
    const claimable = await workflow.claims.listClaimable({ asOf: '2020-03-31' });
    expect(claimable.length).toBeGreaterThan(0);

    const { batch, claimed } = await workflow.claims.createBatch({ periodStart: '2019-10-01', periodEnd: '2020-03-31', asOf: '2020-03-31', actor: analyst });
    expect(claimed).toHaveLength(claimable.length);
    const sample = await workflow.audit.sample({ batch: batch.reference, seed: 7, actor: auditor });
    for (const s of sample.sample) await workflow.audit.record({ batch: batch.reference, family: s.familyReference, result: 'pass', actor: auditor });
    await workflow.audit.submit({ batch: batch.reference, actor: auditor });
    const rows = parse(await workflow.exportBatchCsv(batch.reference), { columns: true }) as unknown[];
    expect(rows).toHaveLength(claimed.length);

    for (const c of claimed) expect((await workflow.claims.replay(c.claimId)).identical).toBe(true);
    const pack = await workflow.evidencePacks.render({ claimId: claimed[0]!.claimId });
    expect(pack.html).toMatch(/\.csv row \d+/);
  }, 600_000);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
