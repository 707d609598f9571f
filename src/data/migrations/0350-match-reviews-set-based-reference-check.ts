/**
 * Match reviews' references checked once per statement instead of once per row, as migrations 0320 and
 * 0330 did for events, raw rows, people, identifiers and memberships.
 *
 * A first import makes a review for every new person it creates: 200,000 per 1,000,000 attendance rows
 * in the benchmark, each with two foreign keys (its person, and the raw row it came from), so two
 * lookups and two row locks per review. Both people and raw rows are permanent (migration 0320: never
 * deleted, keys never change), so a reference found once stays good and the per-statement check needs
 * no row locks. The check fails the statement, and so the import, naming the first review that refers
 * to a missing person or raw row.
 */
import { sql, type Kysely } from 'kysely';
import { createReferenceCheck, dropReferenceCheck, type Check } from './0330-more-set-based-reference-checks.ts';

const check: Check = {
  table: 'match_reviews',
  find: `select n.id, n.person_id, n.file_id, n.row_number, p.id is null as no_person into bad from new_rows n
      left join people p on p.id = n.person_id
      left join raw_rows r on r.file_id = n.file_id and r.row_number = n.row_number
      where p.id is null or r.file_id is null limit 1`,
  message: `case when bad.no_person
      then format('match review %s refers to person %s, which does not exist', bad.id, bad.person_id)
      else format('match review %s refers to row %s of import file %s, which has no raw row', bad.id, bad.row_number, bad.file_id) end`,
  constraint: `case when bad.no_person then 'match_reviews_person_exists' else 'match_reviews_raw_row_exists' end`,
};

const droppedKeys = [
  ['match_reviews_person_id_fkey', 'foreign key (person_id) references people (id)'],
  ['match_reviews_file_id_row_number_fkey', 'foreign key (file_id, row_number) references raw_rows (file_id, row_number)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [constraint] of droppedKeys) await sql`alter table match_reviews drop constraint ${sql.id(constraint)}`.execute(db);
  await createReferenceCheck(db, check);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropReferenceCheck(db, check);
  for (const [constraint, definition] of droppedKeys) await sql`alter table match_reviews add constraint ${sql.id(constraint)} ${sql.raw(definition)}`.execute(db);
}
