/** Attachments (a family on the programme under a plan version, with the four essentials) and their problems. */
import type { ProblemId } from '../../engine/index.ts';
import type { Attachment, FoundAt } from '../workflow-schema.ts';
import type { WorkflowDb } from './workflow-db.ts';

export interface FamilyProblem {
  readonly problem: ProblemId;
  readonly foundAt: FoundAt;
  readonly foundOn: string;
  readonly note: string | null;
}

export type EssentialsUpdate = Partial<Pick<Attachment, 'lead_professional' | 'lead_user_id' | 'assessment_on' | 'action_plan_on' | 'outcomes_aligned'>>;

export class AttachmentRepository {
  constructor(private readonly db: WorkflowDb) {}

  async insert(row: Omit<Attachment, 'detached_at' | 'detached_by' | 'detach_reason'>): Promise<void> {
    await this.db.insertInto('attachments').values(row).execute();
  }

  /**
   * Inserts many attachments in one statement per 500, leaving out any whose family is attached already
   * (by an earlier attachment or an earlier one in the list); gives the ids of those inserted.
   */
  async insertManyUnlessAttached(rows: ReadonlyArray<Omit<Attachment, 'detached_at' | 'detached_by' | 'detach_reason'>>): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += 500) {
      const done = await this.db
        .insertInto('attachments')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('family_id').where('detached_at', 'is', null).doNothing())
        .returning('id')
        .execute();
      for (const r of done) inserted.add(r.id);
    }
    return inserted;
  }

  /** The family's open attachment; `forUpdate` locks it for the rest of the transaction. */
  async openForFamily(familyId: string, options: { forUpdate?: boolean } = {}): Promise<Attachment | undefined> {
    const query = this.db.selectFrom('attachments').selectAll().where('family_id', '=', familyId).where('detached_at', 'is', null);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  async byId(id: string): Promise<Attachment | undefined> {
    return this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The open attachments whose lead professional is this user account. */
  async openLedBy(userId: string): Promise<Attachment[]> {
    return this.db.selectFrom('attachments').selectAll().where('lead_user_id', '=', userId).where('detached_at', 'is', null).orderBy('attached_at').orderBy('id').execute();
  }

  async listOpen(): Promise<Attachment[]> {
    return this.db.selectFrom('attachments').selectAll().where('detached_at', 'is', null).orderBy('attached_at').orderBy('id').execute();
  }

  async updateEssentials(id: string, update: EssentialsUpdate): Promise<void> {
    if (Object.keys(update).length === 0) return;
    await this.db.updateTable('attachments').set(update).where('id', '=', id).execute();
  }

  async detach(id: string, by: string, reason: string, at: Date): Promise<void> {
    await this.db.updateTable('attachments').set({ detached_at: at, detached_by: by, detach_reason: reason }).where('id', '=', id).execute();
  }

  /** Records a problem unless the attachment already has it; true when added. */
  async addProblem(attachmentId: string, problem: FamilyProblem, recordedBy: string): Promise<boolean> {
    const result = await this.db
      .insertInto('family_problems')
      .values({ attachment_id: attachmentId, problem: problem.problem, found_at: problem.foundAt, found_on: problem.foundOn, note: problem.note, recorded_by: recordedBy })
      .onConflict((oc) => oc.columns(['attachment_id', 'problem']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Records many attachments' problems in one statement per 500, skipping those already recorded. */
  async addProblems(rows: ReadonlyArray<{ readonly attachmentId: string; readonly problem: FamilyProblem; readonly recordedBy: string }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('family_problems')
        .values(rows.slice(i, i + 500).map(({ attachmentId, problem, recordedBy }) => ({ attachment_id: attachmentId, problem: problem.problem, found_at: problem.foundAt, found_on: problem.foundOn, note: problem.note, recorded_by: recordedBy })))
        .onConflict((oc) => oc.columns(['attachment_id', 'problem']).doNothing())
        .execute();
    }
  }

  /** The problems of many attachments at once: attachment id → problems. */
  async problemsOf(attachmentIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (let i = 0; i < attachmentIds.length; i += 1000) {
      const rows = await this.db.selectFrom('family_problems').select(['attachment_id', 'problem']).where('attachment_id', 'in', attachmentIds.slice(i, i + 1000)).execute();
      for (const r of rows) out.set(r.attachment_id, (out.get(r.attachment_id) ?? new Set()).add(r.problem));
    }
    return out;
  }

  async problems(attachmentId: string): Promise<FamilyProblem[]> {
    const rows = await this.db.selectFrom('family_problems').selectAll().where('attachment_id', '=', attachmentId).orderBy('found_on').orderBy('problem').execute();
    return rows.map((r) => ({ problem: r.problem, foundAt: r.found_at, foundOn: r.found_on, note: r.note }));
  }
}
