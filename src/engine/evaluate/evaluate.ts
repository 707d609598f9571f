/**
 * `evaluate(plan, timeline, asOf)`: the one entry point of the rules engine. Pure and deterministic:
 * the same plan, timeline and as-of date give the same verdict, byte for byte.
 *
 * 1. Indicators are tested at the plan's `identifyAt` dates, outcomes at the as-of date, each with an
 *    explanation (evaluation.ts).
 * 2. A problem is identified when any of its indicators is met; the family is eligible with at least
 *    `minimumProblems` problems found at identification or engagement.
 * 3. The claims follow from the problems (claims.ts).
 * Programme dates after the as-of date are treated as not yet having happened.
 */
import { formatDay, parseDay, type Day } from '../calendar/day.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import { prepareTimeline, type PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { Timeline } from '../timeline/timeline-schema.ts';
import { ceClaim, sspClaim } from './claims.ts';
import { Evaluation } from './evaluation.ts';
import type { Verdict } from './verdict.ts';

export { problemTitles } from './evaluation.ts';

export interface EvaluateOptions {
  /**
   * `false` for batch work that needs only statuses (tracking lists): indicator and outcome results
   * then carry no figures and an empty explanation, which makes evaluation cheaper. Statuses,
   * problems and claims are identical either way.
   */
  readonly explain?: boolean;
}

export function evaluate(plan: CompiledPlan, timeline: Timeline, asOf: string, options: EvaluateOptions = {}): Verdict {
  return evaluatePrepared(plan, prepareTimeline(timeline, plan.calendar), parseDay(asOf), options);
}

/** As `evaluate`, for a timeline already prepared with this plan's calendar (benchmarks, batch runs). */
export function evaluatePrepared(plan: CompiledPlan, prepared: PreparedTimeline, asOf: Day, options: EvaluateOptions = {}): Verdict {
  const tl: PreparedTimeline = {
    familyId: prepared.familyId,
    members: prepared.members,
    identified: prepared.identified,
    source: prepared.source,
    events: prepared.events,
    engaged: prepared.engaged !== undefined && prepared.engaged <= asOf ? prepared.engaged : undefined,
    closed: prepared.closed !== undefined && prepared.closed <= asOf ? prepared.closed : undefined,
  };
  const evaluation = new Evaluation(plan, tl, asOf, options.explain !== false);
  const problems = evaluation.problems();
  const foundEarly = problems.filter((p) => p.foundAt === 'identified' || p.foundAt === 'engaged');
  const eligible = foundEarly.length >= plan.plan.claimRules.minimumProblems;
  const identifiedProblems = problems.filter((p) => p.identified).map((p) => p.problem);

  return {
    plan: { id: plan.plan.id, version: plan.plan.version, authority: plan.plan.authority },
    familyId: tl.familyId,
    asOf: formatDay(asOf),
    programme: {
      identifiedOn: formatDay(tl.identified),
      engagedOn: tl.engaged === undefined ? null : formatDay(tl.engaged),
      closedOn: tl.closed === undefined ? null : formatDay(tl.closed),
    },
    eligible,
    identifiedProblems,
    problems,
    claims: {
      significantAndSustainedProgress: sspClaim(evaluation, problems, foundEarly),
      continuousEmployment: ceClaim(evaluation, eligible),
    },
  };
}
