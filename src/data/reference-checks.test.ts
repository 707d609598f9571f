import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { insertHouseholds, upsertMemberships } from './repositories/households.ts';
import { insertMatchReviews } from './repositories/match-reviews.ts';
import { insertIdentifiers, insertPeople } from './repositories/people.ts';
import { insertRawRows } from './repositories/raw-rows.ts';
import { testDatabases, truncateAll } from './testing/test-databases.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { importFileRow } from './testing/import-file-row.ts';

// Migrations 0330 and 0350 replaced the foreign keys of raw rows, people, person identifiers, household
// memberships and match reviews with per-statement checks and permanent import files: each orphan the keys refused is
// still refused, by the statement as a whole, naming the row.
describe.each(testDatabases())('references checked per statement on $name', ({ open }) => {
  let h: DatabaseHandle;
  const fileId = timeOrderedId();
  const personId = timeOrderedId();
  const householdId = timeOrderedId();
  const missing = timeOrderedId();
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await truncateAll(h);
    await h.db.insertInto('import_files').values(importFileRow(fileId, 2)).execute();
    await insertPeople(h.db, fileId, [person(personId)]);
    await insertHouseholds(h.db, [{ id: householdId, address: '1 Road', postcode: 'LE1 1AA', key: 'k' }]);
  });

  const person = (id: string) => ({ id, forename: 'Ann', surname: 'Lee', dateOfBirth: '2010-01-01', sex: 'female' as const, address: '1 Road', postcode: 'LE1 1AA', matchKey: `k${id}` });
  const count = async (table: 'raw_rows' | 'people' | 'person_identifiers' | 'household_members' | 'match_reviews') =>
    Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const membership = (changes: Partial<{ householdId: string; personId: string }> = {}) => ({ householdId, personId, firstSeen: '2019-01-01', lastSeen: '2019-02-01', ...changes });

  it('stores rows whose references exist', async () => {
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    await insertIdentifiers(h.db, [{ kind: 'upn', value: 'A123456789012', personId }]);
    await upsertMemberships(h.db, [membership()]);
    await upsertMemberships(h.db, [{ ...membership(), lastSeen: '2019-03-01' }]);
    expect([await count('raw_rows'), await count('person_identifiers'), await count('household_members')]).toEqual([1, 1, 1]);
  });

  it('refuses raw rows of an import file that does not exist', async () => {
    await expect(insertRawRows(h.db, missing, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }])).rejects.toThrow(
      `raw rows refer to import file ${missing}, which does not exist`,
    );
    expect(await count('raw_rows')).toBe(0);
  });

  it('refuses a raw row moved to an import file that does not exist (its key never changes: migration 0320)', async () => {
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    await expect(sql`update raw_rows set file_id = ${missing}::uuid`.execute(h.db)).rejects.toThrow('raw_rows rows are never deleted and their keys never change');
  });

  it('refuses raw rows updated to refer to an import file that does not exist when the row trigger is not in the way', async () => {
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    // Disabled inside a transaction that the refused update then aborts, so the trigger is back after it.
    const refusal = await h.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table raw_rows disable trigger raw_rows_keep_key`.execute(trx);
        await sql`update raw_rows set file_id = ${missing}::uuid`.execute(trx);
      })
      .then(() => undefined, (error: unknown) => error);
    expect(String(refusal)).toContain(`raw rows refer to import file ${missing}, which does not exist`);
    expect((await h.db.selectFrom('raw_rows').select('file_id').executeTakeFirstOrThrow()).file_id).toBe(fileId);
  });

  it('refuses people created by an import file that does not exist', async () => {
    await expect(insertPeople(h.db, missing, [person(timeOrderedId())])).rejects.toThrow(`people refer to import file ${missing} as the file that created them, which does not exist`);
    expect(await count('people')).toBe(1);
  });

  it('refuses a batch of identifiers in which one refers to a person that does not exist', async () => {
    const batch = [
      { kind: 'upn', value: 'A123456789012', personId },
      { kind: 'nhs', value: '9434765919', personId: missing },
    ];
    await expect(insertIdentifiers(h.db, batch)).rejects.toThrow(`identifier nhs 9434765919 refers to person ${missing}, which does not exist`);
    expect(await count('person_identifiers')).toBe(0);
  });

  it('refuses an identifier moved to a person that does not exist', async () => {
    await insertIdentifiers(h.db, [{ kind: 'upn', value: 'A123456789012', personId }]);
    await expect(sql`update person_identifiers set person_id = ${missing}::uuid`.execute(h.db)).rejects.toThrow(`refers to person ${missing}, which does not exist`);
  });

  it.each([
    ['a household', { householdId: missing }, `membership of person PERSON refers to household ${missing}, which does not exist`],
    ['a person', { personId: missing }, `membership of household HOUSEHOLD refers to person ${missing}, which does not exist`],
  ])('refuses a batch of memberships in which one refers to %s that does not exist', async (_, changes, message) => {
    const other = timeOrderedId();
    await insertPeople(h.db, fileId, [person(other)]);
    await expect(upsertMemberships(h.db, [membership({ personId: other }), membership(changes)])).rejects.toThrow(
      message.replace('PERSON', personId).replace('HOUSEHOLD', householdId),
    );
    expect(await count('household_members')).toBe(0);
  });

  it('refuses a membership updated to a person that does not exist', async () => {
    await upsertMemberships(h.db, [membership()]);
    await expect(sql`update household_members set person_id = ${missing}::uuid`.execute(h.db)).rejects.toThrow(`refers to person ${missing}, which does not exist`);
  });

  it.each([
    ['a person', { personId: missing }, `refers to person ${missing}, which does not exist`],
    ['a raw row', { rowNumber: 9 }, `refers to row 9 of import file ${fileId}, which has no raw row`],
  ])('refuses a batch of match reviews in which one refers to %s that does not exist', async (_, changes, message) => {
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    const review = { personId, rowNumber: 2, reason: 'new-person' as const, otherPersonIds: [] };
    await expect(insertMatchReviews(h.db, fileId, [review, { ...review, ...changes }])).rejects.toThrow(message);
    expect(await count('match_reviews')).toBe(0);
    await insertMatchReviews(h.db, fileId, [review]);
    expect(await count('match_reviews')).toBe(1);
  });

  it('refuses a match review moved to a person that does not exist', async () => {
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    await insertMatchReviews(h.db, fileId, [{ personId, rowNumber: 2, reason: 'new-person', otherPersonIds: [] }]);
    await expect(sql`update match_reviews set person_id = ${missing}::uuid`.execute(h.db)).rejects.toThrow(`refers to person ${missing}, which does not exist`);
  });

  it.each([
    ['deleted', sql`delete from import_files`],
    ['given another id', sql`update import_files set id = gen_random_uuid()`],
  ])('never lets an import file be %s', async (_, statement) => {
    await expect(statement.execute(h.db)).rejects.toThrow('import_files rows are never deleted and their keys never change');
  });

  it('still lets an import file’s counts change', async () => {
    await h.db.updateTable('import_files').set({ row_count: 7 }).where('id', '=', fileId).execute();
    expect((await h.db.selectFrom('import_files').select('row_count').executeTakeFirstOrThrow()).row_count).toBe(7);
  });
});
