/** Each family's history of workflow events and the last tracked status of each attachment. */
import { sql } from 'kysely';
import type { HistoryKind, TrackedStatus } from '../workflow-schema.ts';
import type { WorkflowDb } from './workflow-db.ts';

export interface HistoryEntry {
  readonly familyId: string;
  readonly attachmentId: string | null;
  readonly kind: HistoryKind;
  readonly asOf: string | null;
  readonly problem: string | null;
  readonly summary: string;
  readonly detail: unknown;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export interface StoredStatus {
  readonly asOf: string;
  readonly status: TrackedStatus;
  readonly evaluatedAt: Date;
}

/** Any number fixed for this use: the advisory lock tracking takes while it records a page of families. */
const trackingLockKey = 4_774_260_502;

export class HistoryRepository {
  constructor(private readonly db: WorkflowDb) {}

  /**
   * Waits until no other tracking run is recording, then holds the lock until the caller's transaction
   * ends: a run compares each family with its stored status and appends history on that basis.
   */
  async lockTracking(): Promise<void> {
    await sql`select pg_advisory_xact_lock(${trackingLockKey}::bigint)`.execute(this.db);
  }

  async append(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('family_history')
      .values(
        entries.map((e) => ({
          family_id: e.familyId,
          attachment_id: e.attachmentId,
          kind: e.kind,
          as_of: e.asOf,
          problem: e.problem,
          summary: e.summary,
          detail: JSON.stringify(e.detail ?? null),
          recorded_by: e.recordedBy,
          recorded_at: e.recordedAt,
        })),
      )
      .execute();
  }

  async forFamily(familyId: string): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('family_history').selectAll().where('family_id', '=', familyId).orderBy('id').execute();
    return rows.map((r) => ({
      familyId: r.family_id,
      attachmentId: r.attachment_id,
      kind: r.kind,
      asOf: r.as_of,
      problem: r.problem,
      summary: r.summary,
      detail: r.detail,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }

  async status(attachmentId: string): Promise<StoredStatus | undefined> {
    const row = await this.db.selectFrom('family_status').selectAll().where('attachment_id', '=', attachmentId).executeTakeFirst();
    return row && { asOf: row.as_of, status: row.status, evaluatedAt: row.evaluated_at };
  }

  async statuses(attachmentIds: readonly string[]): Promise<Map<string, StoredStatus>> {
    const out = new Map<string, StoredStatus>();
    for (let i = 0; i < attachmentIds.length; i += 1000) {
      const rows = await this.db.selectFrom('family_status').selectAll().where('attachment_id', 'in', attachmentIds.slice(i, i + 1000)).execute();
      for (const row of rows) out.set(row.attachment_id, { asOf: row.as_of, status: row.status, evaluatedAt: row.evaluated_at });
    }
    return out;
  }

  /** Marks unchanged statuses as evaluated again (as-of and time) in one statement per thousand. */
  async touchStatuses(attachmentIds: readonly string[], asOf: string, evaluatedAt: Date): Promise<void> {
    for (let i = 0; i < attachmentIds.length; i += 1000) {
      await this.db.updateTable('family_status').set({ as_of: asOf, evaluated_at: evaluatedAt }).where('attachment_id', 'in', attachmentIds.slice(i, i + 1000)).execute();
    }
  }

  async putStatus(attachmentId: string, status: StoredStatus): Promise<void> {
    await this.putStatuses([{ attachmentId, status }]);
  }

  /** Stores (inserts or replaces) many attachments' statuses, one statement per 500; each attachment once. */
  async putStatuses(statuses: ReadonlyArray<{ readonly attachmentId: string; readonly status: StoredStatus }>): Promise<void> {
    for (let i = 0; i < statuses.length; i += 500) {
      await this.db
        .insertInto('family_status')
        .values(statuses.slice(i, i + 500).map(({ attachmentId, status }) => ({ attachment_id: attachmentId, as_of: status.asOf, status: JSON.stringify(status.status), evaluated_at: status.evaluatedAt })))
        .onConflict((oc) => oc.column('attachment_id').doUpdateSet((eb) => ({ as_of: eb.ref('excluded.as_of'), status: eb.ref('excluded.status'), evaluated_at: eb.ref('excluded.evaluated_at') })))
        .execute();
    }
  }
}
