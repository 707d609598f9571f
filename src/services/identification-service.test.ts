import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { analyst, claimableTimeline, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';

describe.each(testDatabases())('identification on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('stores runs with candidates, their indicators and source rows, filters them, and compares runs', async () => {
    const a = await fx.addFamily(claimableTimeline(), 'SO14 0AB');
    const healthOnly = claimableTimeline();
    healthOnly.events = (healthOnly.events ?? []).filter((e) => e.type !== 'asb-incident');
    await fx.addFamily(healthOnly, 'SO14 1AA');

    const first = await fx.services.identification.identify({ plan: 'southampton', asOf: '2019-01-01', actor: analyst });
    expect(first.run).toMatchObject({ planId: 'southampton', planVersion: '2018-2020', asOf: '2019-01-01', runBy: 'analyst-1', householdCount: 2, candidateCount: 1 });
    expect(first.candidates.map((c) => [c.familyReference, c.postcodeDistrict, c.problems])).toEqual([[a.reference, 'SO14', ['crime', 'health']]]);
    const crime = first.candidates[0]!.indicators.find((i) => i.problem === 'crime')!;
    expect(crime.subjects).toEqual(['C1']);
    expect(crime.origins).toEqual([
      { event: 'ev-asb-1', file: 'police-2018.csv', row: 12 },
      { event: 'ev-asb-2', file: 'police-2018.csv', row: 40 },
    ]);

    const b = await fx.addFamily(claimableTimeline(), 'so15 2cd');
    const second = await fx.services.identification.identify({ plan: 'southampton', asOf: '2019-02-01', filters: { areas: ['so15'] }, actor: analyst });
    expect(second.run.candidateCount).toBe(2);
    expect(second.candidates.map((c) => c.familyReference)).toEqual([b.reference]); // the run's own filter
    expect((await fx.services.identification.candidates(second.run.id, { problems: ['crime', 'health'] })).map((c) => c.familyReference)).toEqual([a.reference, b.reference]);
    expect(await fx.services.identification.candidates(second.run.id, { problems: ['education'] })).toEqual([]);

    const comparison = await fx.services.identification.compare(first.run.id, second.run.id);
    expect(comparison).toMatchObject({ added: [b.reference], removed: [], continuing: 1 });
    expect((await fx.services.identification.runs()).map((r) => r.id)).toEqual([second.run.id, first.run.id]);
  });

  it('rejects bad input with the field named', async () => {
    await expect(fx.services.identification.identify({ plan: 'southampton', asOf: '2019-02-30', actor: analyst })).rejects.toThrow(/asOf: must be a real date/);
    await expect(fx.services.identification.identify({ plan: 'southampton', asOf: '2019-02-01', filters: { areas: ['nowhere'] }, actor: analyst })).rejects.toThrow(/postcode district/);
    await expect(fx.services.identification.identify({ plan: 'nosuch', asOf: '2019-02-01', actor: analyst })).rejects.toThrow(/No plan "nosuch"/);
  });
});
