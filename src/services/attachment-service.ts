/**
 * Attachment: a family joins the programme under one plan version on its engagement date. The problems
 * the plan finds at identification and engagement are recorded with the attachment; problems found
 * later are added with their date. The four essentials can be recorded at attachment or afterwards.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { problemIds } from '../engine/index.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { HistoryEntry } from '../data/repositories/workflow-history.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import { isUniqueViolation } from '../data/repositories/workflow-db.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import { actorSchema, type Actor } from './actor.ts';
import { essentialsOf, type Essentials } from './essentials.ts';
import type { FamilyEvaluator } from './family-evaluation.ts';
import { daySchema, parseInput } from './parse-input.ts';
import type { PlanSources } from './plan-sources.ts';
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
  ) {}

  async attach(input: z.input<typeof attachSchema>): Promise<AttachedFamily> {
    const request = parseInput(attachSchema, input, 'attachment');
    const identifiedOn = request.identifiedOn ?? request.engagedOn;
    if (identifiedOn > request.engagedOn) throw new WorkflowStateError(`The identification date ${identifiedOn} is after the engagement date ${request.engagedOn}`);
    const family = 'family' in request ? await this.family(request.family) : await this.repositories.families.ensureForHousehold(request.householdId);
    const plan = this.plans.get(request.plan, request.engagedOn).compiled.plan;
    const at = this.now();
    const attachment: Attachment = {
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
    const { verdict } = await this.evaluator.evaluateAttached(family, attachment, request.engagedOn);
    const found = verdict.problems.filter((p) => p.foundAt === 'identified' || p.foundAt === 'engaged');
    await this.repositories.transaction(async (r) => {
      try {
        await r.attachments.insert(attachment);
      } catch (error) {
        if (isUniqueViolation(error)) throw new WorkflowStateError(`Family ${family.reference} is already attached`);
        throw error;
      }
      for (const p of found) {
        await r.attachments.addProblem(attachment.id, { problem: p.problem, foundAt: p.foundAt === 'identified' ? 'identified' : 'engaged', foundOn: p.foundAt === 'identified' ? identifiedOn : request.engagedOn, note: null }, request.actor.userId);
      }
      await r.history.append([
        this.entry(family, attachment.id, 'attached', request.engagedOn, `Attached under ${plan.id}@${plan.version}, engaged ${request.engagedOn}`, {
          plan: `${plan.id}@${plan.version}`,
          identifiedOn,
          engagedOn: request.engagedOn,
          eligible: verdict.eligible,
          problems: found.map((p) => ({ problem: p.problem, foundAt: p.foundAt, indicators: p.indicators.filter((i) => i.met).map((i) => i.ref) })),
          essentials: essentialsOf(attachment),
        }, request.actor),
      ]);
    });
    return this.describe(family);
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

  private entry(family: FamilyRow, attachmentId: string, kind: HistoryEntry['kind'], asOf: string | null, summary: string, detail: unknown, actor: Actor, problem: string | null = null): HistoryEntry {
    return { familyId: family.id, attachmentId, kind, asOf, problem, summary, detail, recordedBy: actor.userId, recordedAt: this.now() };
  }
}
