/** The access log: every view or change of a family, by whom, in what role, when. */
import { GroupCommit } from '../group-commit.ts';
import type { WorkflowDb } from './workflow-db.ts';

export interface AccessRecord {
  readonly userId: string;
  readonly role: string;
  readonly familyId: string;
  readonly action: string;
  readonly at: Date;
}

export interface AccessFilters {
  readonly familyId?: string | undefined;
  readonly userId?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit?: number | undefined;
}

export class AccessLogRepository {
  // Page views arrive many at a time; records offered together are inserted together (group-commit.ts).
  readonly #writes = new GroupCommit<AccessRecord>(async (records) => {
    await this.db
      .insertInto('access_log')
      .values(records.map((r) => ({ user_id: r.userId, role: r.role, family_id: r.familyId, action: r.action, at: r.at })))
      .execute();
  });

  constructor(private readonly db: WorkflowDb) {}

  /** Resolves once the record is written (see GroupCommit). */
  insert(record: AccessRecord): Promise<void> {
    return this.#writes.write(record);
  }

  /** Newest first. */
  async list(filters: AccessFilters): Promise<AccessRecord[]> {
    let query = this.db.selectFrom('access_log').selectAll();
    if (filters.familyId !== undefined) query = query.where('family_id', '=', filters.familyId);
    if (filters.userId !== undefined) query = query.where('user_id', '=', filters.userId);
    if (filters.from !== undefined) query = query.where('at', '>=', filters.from);
    if (filters.to !== undefined) query = query.where('at', '<', filters.to);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filters.limit ?? 1000).execute();
    return rows.map((r) => ({ userId: r.user_id, role: r.role, familyId: r.family_id, action: r.action, at: r.at }));
  }
}
