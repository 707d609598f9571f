/**
 * Attachment: a family joins the programme under one plan version on its engagement date. The problems
 * the plan finds at identification and engagement are recorded with the attachment; problems found
 * later are added with their date. The four essentials can be recorded at attachment or afterwards.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { problemIds, type ProblemResult, type Verdict } from '../engine/index.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { FamilyProblem } from '../data/repositories/workflow-attachments.ts';
import type { HistoryEntry } from '../data/repositories/workflow-history.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import { isUniqueViolation } from '../data/repositories/workflow-db.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import { actorSchema, type Actor } from './actor.ts';
import { essentialsOf, type Essentials } from './essentials.ts';
import type { FamilyEvaluator } from './family-evaluation.ts';
import { daySchema, parseInput } from './parse-input.ts';
import type { PlanSources } from './plan-sources.ts';
import type { PagedTimelineSource } from './timeline-source.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

const familyKey = z.union([z.object({ family: z.string().min(1) }), z.object({ householdId: z.string().uuid() })]);

const essentialsFields = {
  leadProfessional: z.string().trim().min(1).max(200).optional(),
  /** The lead professional's user account (a key worker); `null` clears it (a lead without an account). */
  leadUserId: z.string().uuid().nullable().optional(),
  assessmentOn: daySchema.optional(),
  actionPlanOn: daySchema.optional(),
  outcomesAligned: z.boolean().optional(),
};

const attachSchema = z.intersection(
  familyKey,
  z.object({
    plan: z.string().min(1),
    identifiedOn: daySchema.optional(),
    engagedOn: daySchema,
    ...essentialsFields,
    actor: actorSchema,
  }),
);

const essentialsSchema = z.object({ family: z.string().min(1), ...essentialsFields, actor: actorSchema });
const detachSchema = z.object({ family: z.string().min(1), reason: z.string().trim().min(3).max(2000), actor: actorSchema });
const problemSchema = z.object({ family: z.string().min(1), problem: z.enum(problemIds), foundOn: daySchema, note: z.string().max(2000).optional(), actor: actorSchema });

export interface AttachedFamily {
  readonly family: FamilyRow;
  readonly attachment: Attachment;
  readonly essentials: Essentials;
  readonly problems: Awaited<ReturnType<WorkflowRepositories['attachments']['problems']>>;
}

export class AttachmentService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly plans: PlanSources,
    private readonly evaluator: FamilyEvaluator,
    private readonly now: () => Date = () => new Date(),
    /** The evaluator's timeline source, when it can read a page of timelines at once (attachMany uses it). */
    private readonly pages?: PagedTimelineSource,
  ) {}

  async attach(input: z.input<typeof attachSchema>): Promise<AttachedFamily> {
    const request = parseInput(attachSchema, input, 'attachment');
    const identifiedOn = identifiedOnOf(request);
    const family = 'family' in request ? await this.family(request.family) : await this.repositories.families.ensureForHousehold(request.householdId);
    const plan = this.plans.get(request.plan, request.engagedOn).compiled.plan;
    const at = this.now();
    const attachment = newAttachment(family, plan, identifiedOn, request, at);
    const { verdict } = await this.evaluator.evaluateAttached(family, attachment, request.engagedOn);
    const found = foundAtAttachment(verdict);
    await this.repositories.transaction(async (r) => {
      try {
        await r.attachments.insert(attachment);
      } catch (error) {
        if (isUniqueViolation(error)) throw new WorkflowStateError(`Family ${family.reference} is already attached`);
        throw error;
      }
      await r.attachments.addProblems(problemRows(attachment, found));
      await r.history.append([this.attachedEntry(family, attachment, plan, identifiedOn, verdict.eligible, found, request.actor)]);
    });
    return this.describe(family);
  }

  /**
   * Attaches many families as {@link attach} attaches each (same checks, same records), for bulk work
   * such as seeding a council: their timelines are read together and every record is written in one
   * transaction, each kind in one statement. Invalid input throws before anything is written; a family
   * already attached is left as it is and reported `already-attached`. Results are in the inputs' order.
   */
  async attachMany(inputs: ReadonlyArray<z.input<typeof attachSchema>>): Promise<Array<{ readonly family: FamilyRow; readonly result: 'attached' | 'already-attached' }>> {
    const requests = inputs.map((input) => parseInput(attachSchema, input, 'attachment'));
    const identifiedOns = requests.map(identifiedOnOf);
    const byHousehold = await this.repositories.families.ensureForHouseholds(requests.flatMap((r) => ('householdId' in r ? [r.householdId] : [])));
    const families: FamilyRow[] = [];
    for (const request of requests) families.push('family' in request ? await this.family(request.family) : byHousehold.get(request.householdId.toLowerCase()) ?? (await this.repositories.families.ensureForHousehold(request.householdId)));
    const at = this.now();
    const prepared = await this.#withTimelines(families, requests, async () => {
      const out: Array<{ family: FamilyRow; attachment: Attachment; identifiedOn: string; found: ProblemResult[]; eligible: boolean; plan: { id: string; version: string }; actor: Actor }> = [];
      for (const [i, request] of requests.entries()) {
        const family = families[i]!;
        const identifiedOn = identifiedOns[i]!;
        const plan = this.plans.get(request.plan, request.engagedOn).compiled.plan;
        const attachment = newAttachment(family, plan, identifiedOn, request, at);
        const { verdict } = await this.evaluator.evaluateAttached(family, attachment, request.engagedOn);
        out.push({ family, attachment, identifiedOn, found: foundAtAttachment(verdict), eligible: verdict.eligible, plan, actor: request.actor });
      }
      return out;
    });
    const inserted = await this.repositories.transaction(async (r) => {
      const ids = await r.attachments.insertManyUnlessAttached(prepared.map((p) => p.attachment));
      const done = prepared.filter((p) => ids.has(p.attachment.id));
      await r.attachments.addProblems(done.flatMap(({ attachment, found }) => problemRows(attachment, found)));
      await r.history.append(done.map((p) => this.attachedEntry(p.family, p.attachment, p.plan, p.identifiedOn, p.eligible, p.found, p.actor)));
      return ids;
    });
    return prepared.map((p) => ({ family: p.family, result: inserted.has(p.attachment.id) ? 'attached' : 'already-attached' }));
  }

  /** Runs `work` with the families' timelines (each as of its engagement date) read in one statement when the source can page. */
  async #withTimelines<T>(families: readonly FamilyRow[], requests: ReadonlyArray<{ engagedOn: string }>, work: () => Promise<T>): Promise<T> {
    if (!this.pages) return work();
    return this.pages.withPage(families.map((f, i) => ({ householdId: f.householdId, asOf: requests[i]!.engagedOn })), work);
  }

  async recordEssentials(input: z.input<typeof essentialsSchema>): Promise<AttachedFamily> {
    const request = parseInput(essentialsSchema, input, 'four essentials');
    const family = await this.family(request.family);
    await this.repositories.transaction(async (r) => {
      const attachment = await this.openAttachment(r, family, true);
      const update = {
        ...(request.leadProfessional !== undefined && { lead_professional: request.leadProfessional }),
        ...(request.leadUserId !== undefined && { lead_user_id: request.leadUserId }),
        ...(request.assessmentOn !== undefined && { assessment_on: request.assessmentOn }),
        ...(request.actionPlanOn !== undefined && { action_plan_on: request.actionPlanOn }),
        ...(request.outcomesAligned !== undefined && { outcomes_aligned: request.outcomesAligned }),
      };
      await r.attachments.updateEssentials(attachment.id, update);
      const after = essentialsOf({ ...attachment, ...update });
      await r.history.append([this.entry(family, attachment.id, 'essential-recorded', null, `Four essentials: ${after.missing.length === 0 ? 'all recorded' : `missing ${after.missing.join(', ')}`}`, after, request.actor)]);
    });
    return this.describe(family);
  }

  async detach(input: z.input<typeof detachSchema>): Promise<void> {
    const request = parseInput(detachSchema, input, 'detachment');
    const family = await this.family(request.family);
    await this.repositories.transaction(async (r) => {
      const attachment = await this.openAttachment(r, family, true);
      await r.attachments.detach(attachment.id, request.actor.userId, request.reason, this.now());
      await r.history.append([this.entry(family, attachment.id, 'detached', null, 'Detached from the programme', { reason: request.reason }, request.actor)]);
    });
  }

  /** A problem found after engagement, with the date it was found. */
  async addProblem(input: z.input<typeof problemSchema>): Promise<boolean> {
    const request = parseInput(problemSchema, input, 'problem');
    const family = await this.family(request.family);
    return this.repositories.transaction(async (r) => {
      const attachment = await this.openAttachment(r, family, true);
      if (request.foundOn < attachment.engaged_on) throw new WorkflowStateError(`A problem added after attachment must be found on or after the engagement date ${attachment.engaged_on}`);
      const added = await r.attachments.addProblem(attachment.id, { problem: request.problem, foundAt: 'emerged', foundOn: request.foundOn, note: request.note ?? null }, request.actor.userId);
      if (added) await r.history.append([this.entry(family, attachment.id, 'problem-added', request.foundOn, `Problem ${request.problem} found on ${request.foundOn}`, { note: request.note ?? null }, request.actor, request.problem)]);
      return added;
    });
  }

  async describe(family: FamilyRow): Promise<AttachedFamily> {
    const attachment = await this.openAttachment(this.repositories, family, false);
    return { family, attachment, essentials: essentialsOf(attachment), problems: await this.repositories.attachments.problems(attachment.id) };
  }

  async family(key: string): Promise<FamilyRow> {
    const family = await this.repositories.families.find(key);
    if (!family) throw new NotFoundError('family', key);
    return family;
  }

  private async openAttachment(r: WorkflowRepositories, family: FamilyRow, forUpdate: boolean): Promise<Attachment> {
    const attachment = await r.attachments.openForFamily(family.id, { forUpdate });
    if (!attachment) throw new WorkflowStateError(`Family ${family.reference} is not attached to the programme`);
    return attachment;
  }

  /** The history entry of an attachment (the same for one family and for many). */
  private attachedEntry(family: FamilyRow, attachment: Attachment, plan: { id: string; version: string }, identifiedOn: string, eligible: boolean, found: readonly ProblemResult[], actor: Actor): HistoryEntry {
    return this.entry(family, attachment.id, 'attached', attachment.engaged_on, `Attached under ${plan.id}@${plan.version}, engaged ${attachment.engaged_on}`, {
      plan: `${plan.id}@${plan.version}`,
      identifiedOn,
      engagedOn: attachment.engaged_on,
      eligible,
      problems: found.map((p) => ({ problem: p.problem, foundAt: p.foundAt, indicators: p.indicators.filter((i) => i.met).map((i) => i.ref) })),
      essentials: essentialsOf(attachment),
    }, actor);
  }

  private entry(family: FamilyRow, attachmentId: string, kind: HistoryEntry['kind'], asOf: string | null, summary: string, detail: unknown, actor: Actor, problem: string | null = null): HistoryEntry {
    return { familyId: family.id, attachmentId, kind, asOf, problem, summary, detail, recordedBy: actor.userId, recordedAt: this.now() };
  }
}

/** The identification date a request gives (its engagement date when it gives none); refused when after engagement. */
function identifiedOnOf(request: { readonly identifiedOn?: string | undefined; readonly engagedOn: string }): string {
  const identifiedOn = request.identifiedOn ?? request.engagedOn;
  if (identifiedOn > request.engagedOn) throw new WorkflowStateError(`The identification date ${identifiedOn} is after the engagement date ${request.engagedOn}`);
  return identifiedOn;
}

/** The problems a verdict at engagement finds at identification or engagement: the ones attaching records. */
function foundAtAttachment(verdict: Verdict): ProblemResult[] {
  return verdict.problems.filter((p) => p.foundAt === 'identified' || p.foundAt === 'engaged');
}

/** The attachment's problem rows for those problems, each dated by when it was found, recorded by whoever attached. */
function problemRows(attachment: Attachment, found: readonly ProblemResult[]): Array<{ attachmentId: string; problem: FamilyProblem; recordedBy: string }> {
  return found.map((p) => ({
    attachmentId: attachment.id,
    problem: { problem: p.problem, foundAt: p.foundAt === 'identified' ? 'identified' : 'engaged', foundOn: p.foundAt === 'identified' ? attachment.identified_on : attachment.engaged_on, note: null },
    recordedBy: attachment.attached_by,
  }));
}

function newAttachment(
  family: FamilyRow,
  plan: { id: string; version: string },
  identifiedOn: string,
  request: { engagedOn: string; leadProfessional?: string | undefined; leadUserId?: string | null | undefined; assessmentOn?: string | undefined; actionPlanOn?: string | undefined; outcomesAligned?: boolean | undefined; actor: Actor },
  at: Date,
): Attachment {
  return {
    id: randomUUID(),
    family_id: family.id,
    plan_id: plan.id,
    plan_version: plan.version,
    identified_on: identifiedOn,
    engaged_on: request.engagedOn,
    lead_professional: request.leadProfessional ?? null,
    lead_user_id: request.leadUserId ?? null,
    assessment_on: request.assessmentOn ?? null,
    action_plan_on: request.actionPlanOn ?? null,
    outcomes_aligned: request.outcomesAligned ?? false,
    attached_by: request.actor.userId,
    attached_at: at,
    detached_at: null,
    detached_by: null,
    detach_reason: null,
  };
}
