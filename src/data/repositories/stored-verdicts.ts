/**
 * The latest verdict summary of each attachment (table `stored_verdicts`, migration 0300), keyed by the
 * hash of the inputs it was evaluated from. Reached with `db.withTables<StoredVerdictTables>()` so the
 * workflow schema stays its own.
 */
import type { ColumnType, Kysely } from 'kysely';
import type { OutcomeStatus, ProblemId, ProblemStatus } from '../../engine/index.ts';
import type { Database } from '../schema.ts';
import type { WorkflowTables } from '../workflow-schema.ts';

/** Outcome statuses counted in a summary (not-applicable outcomes are left out). */
export type CountedOutcomeStatus = Exclude<OutcomeStatus, 'not-applicable'>;

export interface VerdictSummary {
  /** Identified problems only: their status and how many of their outcomes have each status. */
  readonly problems: Partial<Record<ProblemId, { readonly status: ProblemStatus; readonly outcomes: Readonly<Record<CountedOutcomeStatus, number>> }>>;
  readonly ssp: boolean;
  readonly ce: boolean;
}

/** A type rather than an interface: Kysely's withTables needs an index signature. */
export type StoredVerdictsTable = {
  attachment_id: string;
  as_of: string;
  input_key: string;
  summary: ColumnType<VerdictSummary, string, string>;
  evaluated_at: Date;
};

export type StoredVerdictTables = {
  stored_verdicts: StoredVerdictsTable;
};

export interface StoredVerdict {
  readonly attachmentId: string;
  readonly asOf: string;
  readonly inputKey: string;
  readonly summary: VerdictSummary;
  readonly evaluatedAt: Date;
}

export class StoredVerdictsRepository {
  private readonly db: Kysely<Database & WorkflowTables & StoredVerdictTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<WorkflowTables & StoredVerdictTables>();
  }

  /**
   * Stores the summaries, each replacing the attachment's row unless that row already has the same input
   * key (then it is left as it is, evaluation time included): one statement per 500.
   */
  async put(verdicts: readonly StoredVerdict[]): Promise<void> {
    for (let i = 0; i < verdicts.length; i += 500) {
      await this.db
        .insertInto('stored_verdicts')
        .values(verdicts.slice(i, i + 500).map((v) => ({ attachment_id: v.attachmentId, as_of: v.asOf, input_key: v.inputKey, summary: JSON.stringify(v.summary), evaluated_at: v.evaluatedAt })))
        .onConflict((oc) =>
          oc
            .column('attachment_id')
            .doUpdateSet((eb) => ({ as_of: eb.ref('excluded.as_of'), input_key: eb.ref('excluded.input_key'), summary: eb.ref('excluded.summary'), evaluated_at: eb.ref('excluded.evaluated_at') }))
            .where('stored_verdicts.input_key', '<>', (eb) => eb.ref('excluded.input_key')),
        )
        .execute();
    }
  }

  /** The summaries stored for these attachments (those without one are left out). */
  async forAttachments(attachmentIds: readonly string[]): Promise<Map<string, VerdictSummary>> {
    const out = new Map<string, VerdictSummary>();
    for (let i = 0; i < attachmentIds.length; i += 1000) {
      const rows = await this.db.selectFrom('stored_verdicts').select(['attachment_id', 'summary']).where('attachment_id', 'in', attachmentIds.slice(i, i + 1000)).execute();
      for (const r of rows) out.set(r.attachment_id, r.summary);
    }
    return out;
  }

  /** The summaries of the open attachments, with the attachment each belongs to. */
  async forOpenAttachments(): Promise<StoredVerdict[]> {
    const rows = await this.db
      .selectFrom('stored_verdicts as v')
      .innerJoin('attachments as a', 'a.id', 'v.attachment_id')
      .where('a.detached_at', 'is', null)
      .select(['v.attachment_id', 'v.as_of', 'v.input_key', 'v.summary', 'v.evaluated_at'])
      .execute();
    return rows.map((r) => ({ attachmentId: r.attachment_id, asOf: r.as_of, inputKey: r.input_key, summary: r.summary, evaluatedAt: r.evaluated_at }));
  }
}
