import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { createMigrator, migrateToLatest } from './migrate.ts';
import { insertMatchReviews } from './repositories/match-reviews.ts';
import { insertRawRows } from './repositories/raw-rows.ts';
import { testDatabases } from './testing/test-databases.ts';
import { importFileRow } from './testing/import-file-row.ts';
import { timeOrderedId } from './time-ordered-id.ts';

// Migrations can be taken back (their `down`) and applied again.
describe.each(testDatabases())('migrations down and up again on $name', ({ open }) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => h.close());

  it('0350 down puts back the match reviews’ foreign keys; up again checks per statement', async () => {
    const fileId = timeOrderedId();
    await h.db.insertInto('import_files').values(importFileRow(fileId, 1)).execute();
    await insertRawRows(h.db, fileId, [{ rowNumber: 2, recordKey: 'R2', values: ['x'], outcome: 'stored' }]);
    const orphan = [{ personId: timeOrderedId(), rowNumber: 2, reason: 'new-person' as const, otherPersonIds: [] }];

    const down = await createMigrator(h.db as Kysely<unknown>).migrateTo('0340-imports-version');
    expect(down.error).toBeUndefined();
    expect(down.results?.find((r) => r.migrationName === '0350-match-reviews-set-based-reference-check')?.status).toBe('Success');
    await expect(insertMatchReviews(h.db, fileId, orphan)).rejects.toThrow(/match_reviews_person_id_fkey/);

    await migrateToLatest(h.db as Kysely<unknown>);
    await expect(insertMatchReviews(h.db, fileId, orphan)).rejects.toThrow(/which does not exist/);
  });
});
