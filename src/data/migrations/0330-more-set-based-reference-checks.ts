/**
 * The references an import writes most often, checked once per statement instead of once per row, as
 * migration 0320 did for events.
 *
 * Per 1,000,000 attendance rows an import writes 1,000,000 raw rows (each referring to its import
 * file) and about 200,000 each of people (the file that created them), person identifiers (their
 * person) and household memberships (household and person). A foreign key costs one index lookup and
 * one row lock per row: 200,000 rows referring to one parent row took 1.0–1.8 s to insert with the key
 * and 0.3–0.5 s without it on the project's PostgreSQL server. The guarantee stays, in two halves:
 *
 * - an after-statement trigger per table gets the statement's new or updated rows as a transition
 *   table, looks each referenced row up by primary key (nested loops over the indexes; for raw rows and
 *   people the distinct file ids only, one or two per statement) and fails the statement, and so the
 *   import, naming the first row that refers to a missing one;
 * - the rows referred to are permanent: people and households already are (migration 0320), and now
 *   import files too (a row trigger refuses deleting one or changing its id; nothing in the product
 *   deletes them: they are the provenance of every raw row and event). A reference found once stays
 *   good, so the check needs no row locks at any isolation level.
 *
 * Quarantine, issues, match reviews and history keep their foreign keys: they are written for far
 * fewer rows.
 */
import { sql, type Kysely } from 'kysely';

/** One table's per-statement reference check (also used by later migrations). */
export interface Check {
  readonly table: string;
  /** The body of the check: selects the first bad row `into bad` (columns as the message needs them). */
  readonly find: string;
  readonly message: string;
  readonly constraint: string;
}

const checks: readonly Check[] = [
  {
    table: 'raw_rows',
    find: `select n.file_id into bad from (select distinct file_id from new_rows) n
      left join import_files f on f.id = n.file_id where f.id is null limit 1`,
    message: `format('raw rows refer to import file %s, which does not exist', bad.file_id)`,
    constraint: 'raw_rows_import_file_exists',
  },
  {
    table: 'people',
    find: `select n.created_by_file_id into bad from (select distinct created_by_file_id from new_rows where created_by_file_id is not null) n
      left join import_files f on f.id = n.created_by_file_id where f.id is null limit 1`,
    message: `format('people refer to import file %s as the file that created them, which does not exist', bad.created_by_file_id)`,
    constraint: 'people_import_file_exists',
  },
  {
    table: 'person_identifiers',
    find: `select n.kind, n.value, n.person_id into bad from new_rows n
      left join people p on p.id = n.person_id where p.id is null limit 1`,
    message: `format('identifier %s %s refers to person %s, which does not exist', bad.kind, bad.value, bad.person_id)`,
    constraint: 'person_identifiers_person_exists',
  },
  {
    table: 'household_members',
    find: `select n.household_id, n.person_id, h.id is null as no_household into bad from new_rows n
      left join households h on h.id = n.household_id
      left join people p on p.id = n.person_id
      where h.id is null or p.id is null limit 1`,
    message: `case when bad.no_household
        then format('membership of person %s refers to household %s, which does not exist', bad.person_id, bad.household_id)
        else format('membership of household %s refers to person %s, which does not exist', bad.household_id, bad.person_id) end`,
    constraint: `case when bad.no_household then 'household_members_household_exists' else 'household_members_person_exists' end`,
  },
];

const droppedKeys = [
  ['raw_rows', 'raw_rows_file_id_fkey', 'foreign key (file_id) references import_files (id)'],
  ['people', 'people_created_by_file_id_fkey', 'foreign key (created_by_file_id) references import_files (id)'],
  ['person_identifiers', 'person_identifiers_person_id_fkey', 'foreign key (person_id) references people (id)'],
  ['household_members', 'household_members_household_id_fkey', 'foreign key (household_id) references households (id)'],
  ['household_members', 'household_members_person_id_fkey', 'foreign key (person_id) references people (id)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, constraint] of droppedKeys) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(constraint)}`.execute(db);
  for (const check of checks) await createReferenceCheck(db, check);
  // Import files join people, households and raw rows as rows that are never deleted and never change key.
  await sql`create function refuse_removing_import_file() returns trigger language plpgsql as $$
    begin
      raise exception 'import_files rows are never deleted and their keys never change: raw rows, people and events refer to them'
        using errcode = 'foreign_key_violation', table = 'import_files';
    end $$`.execute(db);
  await sql`create trigger import_files_keep_on_delete before delete on import_files
    for each row execute function refuse_removing_import_file()`.execute(db);
  await sql`create trigger import_files_keep_key before update on import_files
    for each row when (old.id is distinct from new.id) execute function refuse_removing_import_file()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger import_files_keep_key on import_files`.execute(db);
  await sql`drop trigger import_files_keep_on_delete on import_files`.execute(db);
  await sql`drop function refuse_removing_import_file()`.execute(db);
  for (const check of checks) await dropReferenceCheck(db, check);
  for (const [table, constraint, definition] of droppedKeys) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(constraint)} ${sql.raw(definition)}`.execute(db);
  }
}

/** The function and the insert and update triggers that check `check.table`'s references once per statement. */
export async function createReferenceCheck(db: Kysely<unknown>, check: Check): Promise<void> {
  const constraint = check.constraint.startsWith('case') ? check.constraint : `'${check.constraint}'`;
  await sql`create function ${sql.id(`${check.table}_check_references`)}() returns trigger language plpgsql
    set enable_hashjoin = off set enable_mergejoin = off
    as ${sql.lit(`
    declare
      bad record;
    begin
      ${check.find};
      if found then
        raise exception '%', ${check.message}
          using errcode = 'foreign_key_violation', table = '${check.table}', constraint = ${constraint};
      end if;
      return null;
    end`)}`.execute(db);
  for (const event of ['insert', 'update'] as const) {
    await sql`create trigger ${sql.id(`${check.table}_check_references_${event}`)} after ${sql.raw(event)} on ${sql.table(check.table)}
      referencing new table as new_rows for each statement execute function ${sql.id(`${check.table}_check_references`)}()`.execute(db);
  }
}

export async function dropReferenceCheck(db: Kysely<unknown>, check: Check): Promise<void> {
  for (const event of ['insert', 'update'] as const) {
    await sql`drop trigger ${sql.id(`${check.table}_check_references_${event}`)} on ${sql.table(check.table)}`.execute(db);
  }
  await sql`drop function ${sql.id(`${check.table}_check_references`)}()`.execute(db);
}
