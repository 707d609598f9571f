/**
 * The council benchmark's pipeline (bench/council.bench.ts) on a small council, untimed: every stage's
 * counts agree with the generator's and with each other, so the benchmark cannot silently measure nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../data/testing/test-databases.ts';
import { southamptonPlans } from '../services/testing/workflow-fixture.ts';
import { CouncilPipeline } from './council-pipeline.ts';
import { WebSessionsRepository } from '../data/repositories/web-sessions.ts';
import { WebUsersRepository } from '../data/repositories/web-users.ts';
import { UsersService } from '../services/users-service.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(testDatabases())('the council pipeline on $name', ({ open }) => {
  it('generates, imports, matches, identifies, attaches and tracks 50 families, every count consistent', async () => {
    const councilDir = mkdtempSync(path.join(tmpdir(), 'fo-council-pipeline-'));
    dirs.push(councilDir);
    const handle = await open();
    try {
      const pipeline = new CouncilPipeline({ families: 50, seed: 5, councilDir, db: handle.db, plans: await southamptonPlans(), plan: 'southampton', asOf: '2020-03-31' });

      const generated = pipeline.generate();
      expect(generated.families).toBe(50);
      expect(generated.totalRows).toBeGreaterThan(1000);

      const imported = await pipeline.import();
      expect(imported.files).toBe(Object.keys(generated.rows).length);
      expect(imported.rows).toBe(generated.totalRows);
      expect(imported.stored + imported.quarantined).toBe(imported.rows);
      expect(imported.quarantined).toBe(generated.invalidRows);
      expect(imported.newPeople).toBeGreaterThanOrEqual(generated.people);
      expect(imported.households).toBeGreaterThanOrEqual(50);

      const matching = await pipeline.matching();
      expect(matching.storedRows).toBe(imported.stored);
      expect(matching.rowsWithoutTruth).toBe(0);
      expect(matching.personRecords).toBe(imported.newPeople);
      expect(matching.truePeople).toBeLessThanOrEqual(generated.people);
      expect(matching.householdRecords).toBe(imported.households);
      for (const share of [matching.pairwisePrecision, matching.pairwiseRecall]) expect(share).toBeGreaterThan(0.5);
      expect(matching.pairwisePrecision).toBeLessThanOrEqual(1);
      expect(matching.pureRecords).toBeLessThanOrEqual(matching.personRecords);
      expect(matching.wholePeople).toBeLessThanOrEqual(matching.truePeople);
      expect(await pipeline.matching(700)).toEqual(matching); // stored rows read in pages of 700: the same judgement

      const identified = await pipeline.identify(matching);
      expect(identified.households).toBe(imported.households);
      expect(identified.failed).toBe(0);
      expect(identified.candidates).toBeGreaterThan(0);
      expect(identified.candidates).toBeLessThanOrEqual(identified.households);
      expect(identified.trulyEligible).toBe(generated.truth.withTwoOrMoreProblems);
      expect(identified.trulyEligibleFound).toBeGreaterThan(0);
      expect(identified.trulyEligibleFound).toBeLessThanOrEqual(identified.trulyEligible);
      expect(identified.candidatesNotTrulyEligible).toBeLessThanOrEqual(identified.candidates);

      // The demo's key-worker account leads every sixth family by account; the others are led by name only.
      const users = new UsersService(new WebUsersRepository(handle.db), new WebSessionsRepository(handle.db));
      const kim = await users.createLocal({ username: 'kim', displayName: 'Kim Worker', role: 'key-worker', password: 'a long enough demo password' });
      const attached = await pipeline.attach([{ name: kim.displayName, userId: kim.id }]);
      expect(attached).toBeGreaterThan(0);
      const leads = await pipeline.workflow.repositories.attachments.listOpen();
      expect(leads.filter((a) => a.lead_user_id === kim.id)).toHaveLength(Math.ceil(attached / 6));
      for (const a of leads) expect(a.lead_user_id === kim.id).toBe(a.lead_professional === 'Kim Worker');
      expect(attached).toBeLessThanOrEqual(generated.truth.engaged);

      const tracked = await pipeline.track();
      expect(tracked.evaluated + tracked.failed).toBe(attached);
      expect(tracked.failed).toBe(0);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
