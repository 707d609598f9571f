/**
 * Events' references checked once per statement instead of once per row.
 *
 * An event refers to its person, its household and the raw row it came from (file and row number).
 * Until now three foreign keys enforced that: PostgreSQL checks a foreign key with one lookup and one
 * row lock (`for key share`) per inserted row, which was more than half of the time to insert an event
 * (50,000 events: 3.3 s with them, 1.5 s without, on the project's PostgreSQL server; 5.9 s and 2.9 s
 * on PGlite). The guarantee stays, enforced by the database in two halves:
 *
 * - inserting or updating events: an after-statement trigger with the statement's new rows as a
 *   transition table looks every row's person, household and raw row up by primary key (nested
 *   loops over the indexes, so its cost follows the batch, not the size of the tables) and fails the
 *   statement, and so the whole import, naming the first event that refers to a missing row;
 * - the other side: people, households and raw rows are never deleted and their keys never change
 *   (a row trigger refuses it). Nothing in the product deletes them: raw rows are the audit trail and
 *   people and households are what events, memberships and claims hang on. With the referenced rows
 *   permanent, a reference found once stays good, so the check needs no row locks, whatever the
 *   transaction's isolation level.
 *
 * `event_history` keeps its foreign keys: it is written only for corrections.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table events
    drop constraint events_person_id_fkey,
    drop constraint events_household_id_fkey,
    drop constraint events_file_id_row_number_fkey`.execute(db);
  await sql`create function events_check_references() returns trigger language plpgsql
    set enable_hashjoin = off set enable_mergejoin = off
    as $$
    declare
      bad record;
    begin
      select n.id, n.person_id, n.household_id, n.file_id, n.row_number,
             p.id is null as no_person, h.id is null as no_household
        into bad
        from new_events n
        left join people p on p.id = n.person_id
        left join households h on h.id = n.household_id
        left join raw_rows r on r.file_id = n.file_id and r.row_number = n.row_number
       where p.id is null or h.id is null or r.file_id is null
       limit 1;
      if found then
        raise exception 'event % refers to %', bad.id,
          case when bad.no_person then format('person %s, which does not exist', bad.person_id)
               when bad.no_household then format('household %s, which does not exist', bad.household_id)
               else format('row %s of import file %s, which has no raw row', bad.row_number, bad.file_id) end
          using errcode = 'foreign_key_violation', table = 'events',
            constraint = case when bad.no_person then 'events_person_exists' when bad.no_household then 'events_household_exists' else 'events_raw_row_exists' end;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger events_check_references_insert after insert on events
    referencing new table as new_events for each statement execute function events_check_references()`.execute(db);
  await sql`create trigger events_check_references_update after update on events
    referencing new table as new_events for each statement execute function events_check_references()`.execute(db);
  await sql`create function refuse_removing_referenced_row() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are never deleted and their keys never change: events refer to them', tg_table_name
        using errcode = 'foreign_key_violation', table = tg_table_name;
    end $$`.execute(db);
  for (const [table, key] of [['people', 'old.id is distinct from new.id'], ['households', 'old.id is distinct from new.id'], ['raw_rows', '(old.file_id, old.row_number) is distinct from (new.file_id, new.row_number)']] as const) {
    await sql`create trigger ${sql.id(`${table}_keep_on_delete`)} before delete on ${sql.table(table)}
      for each row execute function refuse_removing_referenced_row()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_keep_key`)} before update on ${sql.table(table)}
      for each row when (${sql.raw(key)}) execute function refuse_removing_referenced_row()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['people', 'households', 'raw_rows']) {
    await sql`drop trigger ${sql.id(`${table}_keep_on_delete`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger ${sql.id(`${table}_keep_key`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function refuse_removing_referenced_row()`.execute(db);
  await sql`drop trigger events_check_references_update on events`.execute(db);
  await sql`drop trigger events_check_references_insert on events`.execute(db);
  await sql`drop function events_check_references()`.execute(db);
  await sql`alter table events
    add constraint events_person_id_fkey foreign key (person_id) references people (id),
    add constraint events_household_id_fkey foreign key (household_id) references households (id),
    add constraint events_file_id_row_number_fkey foreign key (file_id, row_number) references raw_rows (file_id, row_number)`.execute(db);
}
