/**
 * What the family pages need, assembled from the workflow services (attachment, evaluation, tracking
 * history, access log) without re-implementing any of their rules: the list of families on the
 * programme, and one family with its current verdict. Who may see a family is decided here too:
 * a key worker sees only the families they lead (the attachment's lead professional is their account;
 * for attachments without one, their name or username) — see docs/web.md.
 */
import { familyPageRows, type HistorySummary } from '../../data/repositories/family-page.ts';
import type { WorkflowDb } from '../../data/repositories/workflow-db.ts';
import type { SessionUser } from '../../data/repositories/web-sessions.ts';
import type { AttachedFamily } from '../../services/attachment-service.ts';
import type { FamilyEvaluation, FamilyEvaluator } from '../../services/family-evaluation.ts';
import { essentialsOf, isLeadProfessional, type LeadOf } from '../../services/essentials.ts';
import type { VerdictStore } from '../../services/verdict-store.ts';
import { NotFoundError, WorkflowStateError } from '../../services/workflow-errors.ts';
import type { WorkflowServices } from '../../services/workflow-services.ts';
import { can } from '../permissions.ts';
import { ForbiddenError } from '../web-errors.ts';

export interface FamilySummary {
  readonly reference: string;
  readonly postcode: string;
  readonly plan: string;
  readonly engagedOn: string;
  readonly leadProfessional: string | null;
  readonly missingEssentials: readonly string[];
}

/** A key worker's start page: their families, and those needing something from them first. */
export interface MyFamilies {
  readonly total: number;
  readonly missingEssentials: number;
  readonly evidenceRequired: number;
  /** Families with none of their verdict stored yet (never tracked or viewed). */
  readonly notYetEvaluated: number;
  readonly needingAction: ReadonlyArray<{ readonly reference: string; readonly postcode: string; readonly missingEssentials: readonly string[]; readonly evidenceRequiredFor: readonly string[] }>;
}

export interface FamilyDetail {
  readonly attached: AttachedFamily;
  readonly evaluation: FamilyEvaluation;
  readonly history: readonly HistorySummary[];
  /** Whether this user may change the family's records (the lead, or an analyst or administrator). */
  readonly mayChange: boolean;
}

/** Whether the user is the family's lead professional (by account; by display name or username only for an attachment without one). */
export function leads(user: SessionUser, lead: LeadOf): boolean {
  return isLeadProfessional(lead, user.id, [user.displayName, user.username]);
}

function mayRead(user: SessionUser, lead: LeadOf): boolean {
  return can(user.role, 'families:read-all') || (can(user.role, 'families:read-own') && leads(user, lead));
}

function mayChange(user: SessionUser, lead: LeadOf): boolean {
  return can(user.role, 'candidates:attach') || (can(user.role, 'evidence:record') && leads(user, lead));
}

export class FamilyDirectory {
  constructor(
    private readonly workflow: WorkflowServices,
    private readonly evaluator: FamilyEvaluator,
    private readonly db: WorkflowDb,
    /** Where each view's verdict summary is kept for the dashboard (written only when it changed). */
    private readonly verdicts?: VerdictStore,
  ) {}

  /** Families on the programme the user may see, filtered by reference/postcode/lead text. */
  async list(user: SessionUser, search: string | undefined): Promise<FamilySummary[]> {
    const attachments = await this.workflow.repositories.attachments.listOpen();
    const families = new Map((await this.workflow.repositories.families.byIds(attachments.map((a) => a.family_id))).map((f) => [f.id, f]));
    const needle = search?.trim().toLowerCase();
    const out: FamilySummary[] = [];
    for (const a of attachments) {
      const family = families.get(a.family_id);
      if (!family || !mayRead(user, a)) continue;
      const summary: FamilySummary = {
        reference: family.reference,
        postcode: family.postcode,
        plan: `${a.plan_id}@${a.plan_version}`,
        engagedOn: a.engaged_on,
        leadProfessional: a.lead_professional,
        missingEssentials: essentialsOf(a).missing,
      };
      if (needle && ![summary.reference, summary.postcode, summary.leadProfessional ?? ''].some((v) => v.toLowerCase().includes(needle))) continue;
      out.push(summary);
    }
    return out.sort((x, y) => (x.reference < y.reference ? -1 : 1));
  }

  /**
   * The families the user may see (a key worker's own) with what needs action: essentials not recorded,
   * and problems whose latest stored verdict waits for evidence. Reads stored summaries; evaluates nothing.
   */
  async workOf(user: SessionUser, limit = 10): Promise<MyFamilies> {
    const attachments = (await this.workflow.repositories.attachments.listOpen()).filter((a) => mayRead(user, a));
    const families = new Map((await this.workflow.repositories.families.byIds(attachments.map((a) => a.family_id))).map((f) => [f.id, f]));
    const summaries = this.verdicts ? await this.verdicts.summaries(attachments.map((a) => a.id)) : new Map<string, never>();
    const rows = attachments.map((a) => {
      const summary = summaries.get(a.id);
      const evidenceRequiredFor = summary ? Object.entries(summary.problems).filter(([, p]) => p.status === 'evidence-required' || p.outcomes['evidence-required'] > 0).map(([problem]) => problem).sort() : [];
      return { reference: families.get(a.family_id)?.reference ?? a.family_id, postcode: families.get(a.family_id)?.postcode ?? '', missingEssentials: essentialsOf(a).missing, evidenceRequiredFor, evaluated: summary !== undefined };
    });
    const needing = rows.filter((r) => r.missingEssentials.length > 0 || r.evidenceRequiredFor.length > 0).sort((x, y) => (x.reference < y.reference ? -1 : 1));
    return {
      total: rows.length,
      missingEssentials: rows.filter((r) => r.missingEssentials.length > 0).length,
      evidenceRequired: rows.filter((r) => r.evidenceRequiredFor.length > 0).length,
      notYetEvaluated: rows.filter((r) => !r.evaluated).length,
      needingAction: needing.slice(0, limit).map(({ reference, postcode, missingEssentials, evidenceRequiredFor }) => ({ reference, postcode, missingEssentials, evidenceRequiredFor })),
    };
  }

  /**
   * One family as the user may see it, evaluated as of `asOf`. Throws ForbiddenError for a key worker
   * who does not lead it. Every successful view is written to the access log before it is returned.
   * The evaluator reuses the verdict while the family's data is unchanged, and while nothing has been
   * imported since, without reading the timeline (see family-evaluation.ts).
   */
  async view(user: SessionUser, reference: string, asOf: string, action = 'view-family'): Promise<FamilyDetail> {
    // The family, its open attachment, problems and history in one statement (family-page.ts).
    const rows = await familyPageRows(this.db, reference);
    if (!rows) throw new NotFoundError('family', reference);
    const { family, attachment, problems, history, importsVersion } = rows;
    if (!attachment) throw new WorkflowStateError(`Family ${family.reference} is not attached to the programme`);
    const attached: AttachedFamily = { family, attachment, essentials: essentialsOf(attachment), problems };
    if (!mayRead(user, attachment)) throw new ForbiddenError('You can only see the families you lead.');
    await this.workflow.accessLog.recordAccess({ userId: user.id, role: user.role, familyId: family.id, action });
    // The imports' fingerprint from that statement lets a kept evaluation be reused without reading the timeline.
    const evaluation = await this.evaluator.evaluateAttached(family, attachment, asOf, { importsVersion });
    await this.verdicts?.record(attachment.id, evaluation);
    return { attached, evaluation, history, mayChange: mayChange(user, attachment) };
  }

  /** The evidence pack of the family's standing claim (self-contained HTML), written to the access log. */
  async evidencePack(user: SessionUser, reference: string): Promise<string> {
    const family = await this.workflow.attachment.family(reference);
    const attached = await this.workflow.attachment.describe(family);
    if (!mayRead(user, attached.attachment)) throw new ForbiddenError('You can only see the families you lead.');
    const pack = await this.workflow.evidencePacks.render({ family: family.id });
    await this.workflow.accessLog.recordAccess({ userId: user.id, role: user.role, familyId: family.id, action: 'view-evidence-pack' });
    return pack.html;
  }

  /** The latest family views and changes, newest first, with family references. */
  async accessLog(limit: number): Promise<Array<{ userId: string; role: string; familyReference: string; action: string; at: Date }>> {
    const records = await this.workflow.accessLog.listAccess({ limit });
    const families = new Map((await this.workflow.repositories.families.byIds([...new Set(records.map((r) => r.familyId))])).map((f) => [f.id, f.reference]));
    return records.map((r) => ({ userId: r.userId, role: r.role, familyReference: families.get(r.familyId) ?? r.familyId, action: r.action, at: r.at }));
  }

  async recordEssentials(user: SessionUser, reference: string, essentials: { leadProfessional?: string; leadUserId?: string | null; assessmentOn?: string; actionPlanOn?: string; outcomesAligned?: boolean }): Promise<void> {
    await this.workflow.attachment.recordEssentials({ family: reference, ...essentials, actor: { userId: user.id, role: user.role } });
  }

  /** Whether the user may change this family's records (the lead, or a data analyst or administrator). */
  async mayChange(user: SessionUser, reference: string): Promise<boolean> {
    const attached = await this.workflow.attachment.describe(await this.workflow.attachment.family(reference));
    return mayChange(user, attached.attachment);
  }
}
