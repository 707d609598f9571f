import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { testDatabases, truncateAll } from '../testing/test-databases.ts';
import { importFileRow } from '../testing/import-file-row.ts';
import { timeOrderedId } from '../time-ordered-id.ts';
import { insertMatchReviews, openMatchReviews } from './match-reviews.ts';
import { insertIdentifiers, insertPeople } from './people.ts';
import { insertRawRows } from './raw-rows.ts';

describe.each(testDatabases())('match reviews and identifiers loaded with COPY on $name', ({ open }) => {
  let h: DatabaseHandle;
  const fileId = timeOrderedId();
  const people = [timeOrderedId(), timeOrderedId(), timeOrderedId()] as const;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await truncateAll(h);
    await h.db.insertInto('import_files').values(importFileRow(fileId, 3)).execute();
    await insertRawRows(h.db, fileId, [2, 3, 4].map((rowNumber) => ({ rowNumber, recordKey: `R${rowNumber}`, values: ['x'], outcome: 'stored' as const })));
    await insertPeople(
      h.db,
      fileId,
      people.map((id, i) => ({ id, forename: 'Ann', surname: `Lee${i}`, dateOfBirth: '2010-01-01', sex: 'female' as const, address: '1 Road', postcode: 'LE1 1AA', matchKey: `k${i}` })),
    );
  });

  it('stores each review with its reason and the other people it names, none, one or two', async () => {
    await insertMatchReviews(h.db, fileId, [
      { personId: people[0], rowNumber: 2, reason: 'new-person', otherPersonIds: [] },
      { personId: people[1], rowNumber: 3, reason: 'conflicting-identifiers', otherPersonIds: [people[2]] },
      { personId: people[2], rowNumber: 4, reason: 'ambiguous-name-match', otherPersonIds: [people[0], people[1]] },
    ]);
    const stored = await openMatchReviews(h.db);
    expect(stored.map((r) => [r.person_id, r.row_number, r.reason, r.other_person_ids, r.status])).toEqual([
      [people[0], 2, 'new-person', [], 'open'],
      [people[1], 3, 'conflicting-identifiers', [people[2]], 'open'],
      [people[2], 4, 'ambiguous-name-match', [people[0], people[1]], 'open'],
    ]);
  });

  it('stores nothing for no reviews', async () => {
    await insertMatchReviews(h.db, fileId, []);
    expect(await openMatchReviews(h.db)).toEqual([]);
  });

  it('refuses an identifier that is already stored, failing the statement rather than skipping it unseen', async () => {
    await insertIdentifiers(h.db, [{ kind: 'upn', value: 'A123456789012', personId: people[0] }]);
    await expect(
      insertIdentifiers(h.db, [
        { kind: 'nhs', value: '9434765919', personId: people[1] },
        { kind: 'upn', value: 'A123456789012', personId: people[1] },
      ]),
    ).rejects.toThrow(/duplicate key/);
    const stored = await h.db.selectFrom('person_identifiers').select(['kind', 'value', 'person_id']).execute();
    expect(stored).toEqual([{ kind: 'upn', value: 'A123456789012', person_id: people[0] }]);
  });
});
