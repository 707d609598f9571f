/**
 * The latest verdict of each attachment, in summary: per identified problem its status and how many of
 * its outcomes are met, pending, not met or waiting for evidence, and whether a claim is possible. The
 * dashboard's "outcomes by problem" reads these rows instead of evaluating every family. `input_key` is
 * the hash of everything the verdict depended on (src/services/family-evaluation.ts), so a summary is
 * replaced exactly when the family's data, plan or as-of date changes. Full verdicts (about 40 KB each
 * with explanations) are not stored: they are recomputed, and kept in memory while in use.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table stored_verdicts (
    attachment_id uuid primary key references attachments (id),
    as_of date not null,
    input_key text not null,
    summary jsonb not null,
    evaluated_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table stored_verdicts`.execute(db);
}
