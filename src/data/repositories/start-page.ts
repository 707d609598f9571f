/**
 * The small aggregate reads behind each role's start page: latest imports and open quarantine (data
 * analysts), claim batches still to audit (auditors), headline figures (managers). Each is one
 * statement over small or indexed tables; nothing here evaluates a family.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface RecentImport {
  readonly id: string;
  readonly source: string;
  readonly fileName: string;
  readonly finishedAt: Date;
  readonly stored: number;
  readonly quarantined: number;
}

export interface BatchToAudit {
  readonly reference: string;
  readonly claims: number;
  /** Claims sampled for audit with no result yet; null when the sample has not been drawn. */
  readonly toAudit: number | null;
}

export interface Headline {
  readonly identified: number;
  readonly attached: number;
  /** Open attachments whose latest stored verdict is claimable (significant and sustained progress or continuous employment). */
  readonly turnedAround: number;
  readonly claimed: number;
}

export class StartPageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async recentImports(limit = 5): Promise<RecentImport[]> {
    const { rows } = await sql<{ id: string; source: string; file_name: string; finished_at: Date; stored_count: number; quarantined_count: number }>`
      select id, source, file_name, finished_at, stored_count, quarantined_count from import_files order by finished_at desc limit ${limit}`.execute(this.db);
    return rows.map((r) => ({ id: r.id, source: r.source, fileName: r.file_name, finishedAt: new Date(r.finished_at), stored: r.stored_count, quarantined: r.quarantined_count }));
  }

  async openQuarantine(): Promise<number> {
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from quarantine where status = 'open'`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /** Draft batches whose audit sample has not been drawn or still has claims without a result. */
  async batchesToAudit(): Promise<BatchToAudit[]> {
    const { rows } = await sql<{ reference: string; claims: string | number; sampled: boolean; to_audit: string | number }>`
      select b.reference,
        (select count(*) from claims c where c.batch_id = b.id) as claims,
        b.sampled_at is not null as sampled,
        (select count(*) from audit_samples s where s.batch_id = b.id and s.result is null) as to_audit
      from claim_batches b
      where b.status = 'draft'
      order by b.created_at`.execute(this.db);
    return rows
      .map((r) => ({ reference: r.reference, claims: Number(r.claims), toAudit: r.sampled ? Number(r.to_audit) : null }))
      .filter((b) => b.toAudit === null || b.toAudit > 0);
  }

  async headline(): Promise<Headline> {
    const { rows } = await sql<{ identified: number | null; attached: string | number; turned_around: string | number; claimed: string | number }>`select
        (select candidate_count from identification_runs order by run_at desc limit 1) as identified,
        (select count(*) from attachments where detached_at is null) as attached,
        (select count(*) from stored_verdicts v join attachments a on a.id = v.attachment_id
          where a.detached_at is null and ((v.summary->>'ssp')::boolean or (v.summary->>'ce')::boolean)) as turned_around,
        (select count(distinct family_id) from claims where status = 'claimed') as claimed`.execute(this.db);
    const r = rows[0]!;
    return { identified: Number(r.identified ?? 0), attached: Number(r.attached), turnedAround: Number(r.turned_around), claimed: Number(r.claimed) };
  }
}
