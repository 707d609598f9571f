/**
 * The imports' version: one counter that every statement writing `import_files` moves on, in the
 * writing transaction. The family page reads it (programme-version.ts) to know, without reading a
 * household's timeline, that nothing was imported since an evaluation was kept; it was
 * `count(*)` and `max(finished_at)` over `import_files`, which every recorded piece of evidence adds
 * a row to, so the page's cost grew with the council's history. Reading one row costs the same always.
 *
 * Every import's events, people, households and memberships commit together with its `import_files`
 * row, so a timeline cannot change without the counter moving. It is bumped by a trigger, so no writer
 * can forget it. Imports already run one at a time (the import lock), so the counter's row lock makes
 * nobody wait who did not wait before; readers never wait for it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table imports_version (
    only_row boolean primary key default true check (only_row),
    version bigint not null
  )`.execute(db);
  await sql`insert into imports_version (version) select count(*) from import_files`.execute(db);
  await sql`create function bump_imports_version() returns trigger language plpgsql as $$
    begin
      update imports_version set version = version + 1;
      return null;
    end $$`.execute(db);
  await sql`create trigger import_files_bump_version after insert or update or delete on import_files
    for each statement execute function bump_imports_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger import_files_bump_version on import_files`.execute(db);
  await sql`drop function bump_imports_version()`.execute(db);
  await sql`drop table imports_version`.execute(db);
}
