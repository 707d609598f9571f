/**
 * A cheap fingerprint of everything the dashboard's figures depend on, so they are worked out again
 * exactly when something changed: imports (new extracts change timelines), identification runs,
 * attachments and their essentials and detachments (all written to family history), tracking
 * (statuses), claims and audit failures. `outcomes` fingerprints the stored verdict summaries.
 * One statement of aggregates over indexed or small tables.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface ProgrammeVersion {
  /** Figures that need every family assessed (funnel, blockers). */
  readonly workflow: string;
  /** The stored verdict summaries (outcomes by problem). */
  readonly outcomes: string;
}

/**
 * The imports' fingerprint: the counter every statement writing `import_files` moves on (migration
 * 0340). An import's rows (events, people, households, memberships) commit together with its
 * `import_files` row, and nothing else writes them, so any change to a timeline changes this. The
 * family page reads it in its one statement; one row, whatever the number of imports.
 */
export const importsFingerprint = sql<string>`(select version::text from imports_version)`;

export async function programmeVersion(db: Kysely<Database>): Promise<ProgrammeVersion> {
  const { rows } = await sql<Record<string, unknown>>`select
      ${importsFingerprint} as imports,
      (select count(*) || '/' || coalesce(max(run_at)::text, '') from identification_runs) as runs,
      (select coalesce(max(id), 0)::text from family_history) as history,
      (select count(*) || '/' || count(detached_at) from attachments) as attachments,
      (select coalesce(max(evaluated_at)::text, '') from family_status) as tracked,
      (select count(*) || '/' || coalesce(max(created_at)::text, '') || '/' || coalesce(max(failed_at)::text, '') from claims) as claims,
      (select count(*) || '/' || coalesce(max(evaluated_at)::text, '') from stored_verdicts) as outcomes`.execute(db);
  const row = rows[0] ?? {};
  return {
    workflow: ['imports', 'runs', 'history', 'attachments', 'tracked', 'claims'].map((k) => String(row[k])).join('|'),
    outcomes: `${String(row['outcomes'])}|${String(row['history'])}|${String(row['attachments'])}`,
  };
}
