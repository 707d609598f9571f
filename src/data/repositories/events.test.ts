import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { testDatabases, truncateAll } from '../testing/test-databases.ts';
import { timeOrderedId } from '../time-ordered-id.ts';
import { insertHouseholds } from './households.ts';
import { correctEvents, countEvents, insertEvents, type NewEvent } from './events.ts';
import { insertPeople } from './people.ts';
import { insertRawRows } from './raw-rows.ts';
import { importFileRow } from '../testing/import-file-row.ts';

// Migration 0320 replaced the events' foreign keys with a per-statement check and permanent
// referenced rows: these tests show each half still refuses what the foreign keys refused.
describe.each(testDatabases())('event references on $name', ({ open }) => {
  let h: DatabaseHandle;
  const fileId = timeOrderedId();
  const personId = timeOrderedId();
  const householdId = timeOrderedId();
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await truncateAll(h);
    await h.db.insertInto('import_files').values(importFileRow(fileId, 2)).execute();
    await insertRawRows(h.db, fileId, [2, 3].map((rowNumber) => ({ rowNumber, recordKey: `R${rowNumber}`, values: ['x'], outcome: 'stored' as const })));
    await insertPeople(h.db, fileId, [{ id: personId, forename: 'Ann', surname: 'Lee', dateOfBirth: '2010-01-01', sex: 'female', address: '1 Road', postcode: 'LE1 1AA', matchKey: 'k' }]);
    await insertHouseholds(h.db, [{ id: householdId, address: '1 Road', postcode: 'LE1 1AA', key: 'k' }]);
  });

  const event = (changes: Partial<NewEvent> = {}): NewEvent => ({
    id: timeOrderedId(),
    recordKey: 'R2',
    type: 'school-attendance',
    personId,
    householdId,
    startDate: '2019-09-01',
    endDate: null,
    payloadJson: '{}',
    contentHash: 'h',
    rowNumber: 2,
    ...changes,
  });

  it('stores events whose person, household and raw row exist', async () => {
    await insertEvents(h.db, 'school-attendance', fileId, [event(), event({ recordKey: 'R3', rowNumber: 3 })]);
    expect(await countEvents(h.db)).toBe(2);
  });

  it.each([
    ['a person', { personId: timeOrderedId() }, /refers to person .* which does not exist/],
    ['a household', { householdId: timeOrderedId() }, /refers to household .* which does not exist/],
    ['a raw row', { recordKey: 'R9', rowNumber: 9 }, /refers to row 9 of import file .* which has no raw row/],
  ])('refuses a batch in which one event refers to %s that does not exist', async (_, changes, message) => {
    const batch = [event(), event({ recordKey: 'R3', rowNumber: 3, ...changes })];
    await expect(insertEvents(h.db, 'school-attendance', fileId, batch)).rejects.toThrow(message);
    expect(await countEvents(h.db)).toBe(0);
  });

  it('refuses a correction that points an event at a person that does not exist', async () => {
    await insertEvents(h.db, 'school-attendance', fileId, [event()]);
    await expect(correctEvents(h.db, 'school-attendance', fileId, [event({ personId: timeOrderedId(), rowNumber: 3 })])).rejects.toThrow(/which does not exist/);
  });

  it.each([
    ['people', sql`delete from people`],
    ['households', sql`delete from households`],
    ['raw_rows', sql`delete from raw_rows where row_number = 3`],
    ['people', sql`update people set id = gen_random_uuid()`],
    ['households', sql`update households set id = gen_random_uuid()`],
    ['raw_rows', sql`update raw_rows set row_number = 30 where row_number = 3`],
  ])('never deletes %s rows nor changes their keys (%#)', async (table, statement) => {
    await insertEvents(h.db, 'school-attendance', fileId, [event()]);
    await expect(statement.execute(h.db)).rejects.toThrow(`${table} rows are never deleted and their keys never change`);
  });

  it('still lets other columns of people change', async () => {
    await sql`update people set address = '2 Road'`.execute(h.db);
    expect((await h.db.selectFrom('people').select('address').executeTakeFirstOrThrow()).address).toBe('2 Road');
  });
});
