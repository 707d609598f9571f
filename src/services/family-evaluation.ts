/**
 * Evaluates one attached family: its timeline from the source, the programme dates from the attachment,
 * the plan version it was attached under. Everything a claim snapshot needs comes back together, so a
 * snapshot holds exactly what was evaluated.
 */
import { evaluate, parseTimeline, type Timeline, type Verdict } from '../engine/index.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import type { PlanSources, PlanWithSource } from './plan-sources.ts';
import { withProgramme, type TimelineSource } from './timeline-source.ts';
import { NotFoundError } from './workflow-errors.ts';

export interface FamilyEvaluation {
  readonly plan: PlanWithSource;
  readonly timeline: Timeline;
  readonly asOf: string;
  readonly verdict: Verdict;
}

export class FamilyEvaluator {
  constructor(
    private readonly plans: PlanSources,
    private readonly timelines: TimelineSource,
  ) {}

  async evaluateAttached(family: FamilyRow, attachment: Attachment, asOf: string): Promise<FamilyEvaluation> {
    const input = await this.timelines.timelineForHousehold(family.householdId, asOf);
    if (input === null) throw new NotFoundError('timeline for household of family', family.reference);
    const timeline = parseTimeline(withProgramme(input, family.reference, { identifiedOn: attachment.identified_on, engagedOn: attachment.engaged_on }), `timeline of ${family.reference}`);
    const plan = this.plans.get(`${attachment.plan_id}@${attachment.plan_version}`);
    return { plan, timeline, asOf, verdict: evaluate(plan.compiled, timeline, asOf) };
  }
}
