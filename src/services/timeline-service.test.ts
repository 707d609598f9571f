/**
 * Timeline assembly reads a household, its members and their events in one statement. On every
 * household of an imported generated council it must give what reading them separately gives (the
 * repositories' householdMembers and eventsForPeople, the queries it replaced).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { eventsForPeople } from '../data/repositories/events.ts';
import { householdMembers, listHouseholds } from '../data/repositories/households.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { writeCouncil } from '../generator/extracts/write-council.ts';
import { ImportService } from './import-service.ts';
import { TimelineService } from './timeline-service.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fo-timeline-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testDatabases())('timeline assembly on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    if (readdirSync(dir).length === 0) writeCouncil({ families: 30, seed: 3, outDir: dir });
    handle = await open();
    const imports = new ImportService(handle.db);
    for (const file of readdirSync(path.join(dir, 'extracts')).sort()) await imports.importFile(path.basename(file, '.csv'), path.join(dir, 'extracts', file));
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('gives every household the members and events the separate queries give, in the same order', async () => {
    const timelines = new TimelineService(handle.db);
    const households = await listHouseholds(handle.db);
    expect(households.length).toBeGreaterThan(30);
    let events = 0;
    for (const household of households) {
      const timeline = (await timelines.timelineForHousehold(household.id, '2019-04-01'))!;
      const people = await householdMembers(handle.db, household.id);
      const expected = await eventsForPeople(handle.db, people.map((p) => p.id));
      expect(timeline.familyId).toBe(household.id);
      expect(timeline.members.map((m) => [m.id, m.dateOfBirth, m.sex])).toEqual(people.map((p) => [p.id, p.date_of_birth, p.sex]));
      expect(timeline.events).toEqual(expected.map((e) => ({ ...e.payload, id: e.id, person: e.personId, origin: { file: e.fileName, row: e.rowNumber } })));
      events += timeline.events?.length ?? 0;
    }
    expect(events).toBeGreaterThan(1000);
  });

  it('gives, for many households in one statement, exactly what one household at a time gives', async () => {
    const timelines = new TimelineService(handle.db);
    const ids = (await listHouseholds(handle.db)).map((h) => h.id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    // Pages of 7, each household as of one of two dates (which decide who is an adult).
    const dates = ['2019-04-01', '2012-06-30'];
    for (let i = 0; i < ids.length; i += 7) {
      const asked = ids.slice(i, i + 7).map((householdId, j) => ({ householdId, asOf: dates[j % 2]! }));
      const many = await timelines.timelinesForHouseholds(asked);
      expect(many).toHaveLength(asked.length);
      for (const [j, { householdId, asOf }] of asked.entries()) expect(many[j]).toEqual(await timelines.timelineForHousehold(householdId, asOf));
    }
    // An unknown id, an id that is not one, one in capitals and the same household twice, as callers may ask.
    const first = ids[0]!;
    const odd = await timelines.timelinesForHouseholds([
      { householdId: unknown, asOf: dates[0]! },
      { householdId: 'not-a-household', asOf: dates[0]! },
      { householdId: first.toUpperCase(), asOf: dates[0]! },
      { householdId: first, asOf: dates[1]! },
    ]);
    expect(odd[0]).toBeNull();
    expect(odd[1]).toBeNull();
    expect(odd[2]).toEqual(await timelines.timelineForHousehold(first, dates[0]!));
    expect(odd[3]).toEqual(await timelines.timelineForHousehold(first, dates[1]!));
    expect(await timelines.timelinesForHouseholds([])).toEqual([]);
  });

  it('marks adults living with a child as having parenting responsibility, by age on the as-of date', async () => {
    const timelines = new TimelineService(handle.db);
    for (const household of (await listHouseholds(handle.db)).slice(0, 20)) {
      const timeline = (await timelines.timelineForHousehold(household.id, '2019-04-01'))!;
      const hasChild = timeline.members.some((m) => m.role === 'child');
      for (const m of timeline.members) {
        const adult = m.dateOfBirth <= '2001-04-01';
        expect(m.role).toBe(adult ? 'adult' : 'child');
        expect(m.parentingResponsibility).toBe(adult && hasChild);
      }
    }
  });

  it('gives null for a household that does not exist or an id that is not one', async () => {
    const timelines = new TimelineService(handle.db);
    expect(await timelines.timelineForHousehold('00000000-0000-4000-8000-000000000000', '2019-04-01')).toBeNull();
    expect(await timelines.timelineForHousehold('not-a-household', '2019-04-01')).toBeNull();
  });
});
