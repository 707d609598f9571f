/**
 * The two payment-by-results claims of one evaluation, each with its reasons.
 *
 * - Significant and sustained progress: eligible, engaged for the minimum sustainment period and every
 *   identified problem turned around. A plan may also bar the claim when the family has regressed
 *   (`claimRules.regression`) and may assume sustainment (`claimRules.assumedSustainment`); the
 *   claim's reasons say so.
 * - Continuous employment: one of the plan's continuous-employment outcomes met for an adult of an
 *   eligible, engaged family.
 */
import { formatDayLong } from '../calendar/day.ts';
import { describeDuration, shift } from '../calendar/duration.ts';
import { createContext, household, type EvalContext } from './context.ts';
import type { Evaluation } from './evaluation.ts';
import { evaluateRule } from './rules/evaluate-rule.ts';
import type { Who } from '../plan/plan-schema.ts';
import type { ClaimResult, ProblemResult } from './verdict.ts';
import { joinTexts } from './wording.ts';

/** The continuous-employment claim's subjects: one object, so that the evaluation's members per `who` serve it. */
const adultsOnly: Who = { role: 'adult' };

/** The plan's regression checks met at the as-of date, each with an explanation. */
function regressions(e: Evaluation): string[] {
  const { plan, tl, asOf } = e;
  const found: string[] = [];
  for (const check of plan.plan.claimRules.regression) {
    const ctx = createContext(plan, tl, asOf, asOf, 'outcome', check.problem, undefined);
    const subjects = check.scope === 'household' ? [household] : e.memberSubjects(check.who, asOf);
    for (const subject of subjects) {
      const r = evaluateRule(check.rule, subject, ctx);
      if (r.status === 'met') {
        found.push(`the family has regressed in ${check.problem} (${check.ref}: ${check.text.trim()})${subject.member ? ` — ${subject.id}` : ''}: ${r.text()}`);
        break;
      }
    }
  }
  return found;
}

/** Whether the plan's assumed-sustainment rule holds at the as-of date, and why. */
function sustainmentAssumed(e: Evaluation): string | undefined {
  const rule = e.plan.plan.claimRules.assumedSustainment;
  if (!rule) return undefined;
  const r = evaluateRule(rule.rule, household, createContext(e.plan, e.tl, e.asOf, e.asOf, 'outcome', rule.problem, undefined));
  return r.status === 'met' ? `sustainment is assumed (${rule.ref}): ${r.text()}` : undefined;
}

export function sspClaim(e: Evaluation, problems: readonly ProblemResult[], foundEarly: readonly ProblemResult[]): ClaimResult {
  const { plan, tl, asOf } = e;
  const { minimumProblems, minimumSustainment } = plan.plan.claimRules;
  const assumed = sustainmentAssumed(e);
  const reasons: string[] = [];
  let claimable = true;
  const names = (ps: readonly ProblemResult[]) => joinTexts(ps, ', ', (p) => p.problem) || 'none';
  if (foundEarly.length < minimumProblems) {
    claimable = false;
    reasons.push(`not eligible: ${foundEarly.length} headline problem${foundEarly.length === 1 ? '' : 's'} identified (${names(foundEarly)}); at least ${minimumProblems} needed`);
  } else reasons.push(`eligible: ${foundEarly.length} headline problems identified (${names(foundEarly)})`);
  if (tl.engaged === undefined) {
    claimable = false;
    reasons.push('the family has not engaged with the programme');
  } else {
    const duration = plan.duration(minimumSustainment);
    const sustainedOn = shift(tl.engaged, duration);
    if (asOf < sustainedOn && !assumed) {
      claimable = false;
      reasons.push(`progress must be sustained for ${describeDuration(duration)} from engagement on ${formatDayLong(tl.engaged)}, which is reached on ${formatDayLong(sustainedOn)}`);
    } else if (asOf >= sustainedOn) reasons.push(`${describeDuration(duration)} have passed since engagement on ${formatDayLong(tl.engaged)}`);
  }
  if (assumed) reasons.push(assumed);
  const identified = problems.filter((p) => p.identified);
  // With sustainment assumed, a problem whose outcomes are achieved but not yet sustained counts as turned around.
  const sustainedByAssumption = assumed ? identified.filter((p) => p.status === 'pending') : [];
  const open = identified.filter((p) => p.status !== 'turned-around' && !sustainedByAssumption.includes(p));
  if (open.length > 0) {
    claimable = false;
    for (const p of open) reasons.push(`${p.problem} is not turned around (${p.status})${p.foundAt === 'now' ? ', a problem that emerged during the intervention' : ''}`);
  } else if (identified.length > 0) {
    const turned = identified.filter((p) => !sustainedByAssumption.includes(p));
    reasons.push(
      sustainedByAssumption.length > 0
        ? `every identified problem is turned around (${names(turned)}) or has its outcomes achieved and counts as sustained by assumption (${names(sustainedByAssumption)})`
        : `every identified problem is turned around (${names(identified)})`,
    );
  }
  const regressed = regressions(e);
  if (regressed.length > 0) {
    claimable = false;
    reasons.push(...regressed);
  } else if (plan.plan.claimRules.regression.length > 0) {
    reasons.push(`no regression in any area checked (${[...new Set(plan.plan.claimRules.regression.map((r) => r.problem))].join(', ')})`);
  }
  return { claimable, reasons };
}

/**
 * Continuous employment: one adult who was on an out-of-work benefit at identification or engagement
 * and has since been in continuous employment for the plan's duration is enough. Each of the plan's
 * continuous-employment outcomes is evaluated for every adult, whatever the problem's own status.
 */
export function ceClaim(e: Evaluation, eligible: boolean): ClaimResult {
  const { plan, tl, asOf } = e;
  const route = plan.plan.claimRules.continuousEmployment;
  if (!route) return { claimable: false, reasons: ['this plan has no continuous-employment route'] };
  const reasons: string[] = [];
  if (!eligible) reasons.push('the family is not eligible for the programme');
  if (tl.engaged === undefined) reasons.push('the family has not engaged with the programme');
  if (reasons.length > 0) return { claimable: false, reasons };
  const adults = e.memberSubjects(adultsOnly, asOf);
  const met: string[] = [];
  const open: string[] = [];
  for (const id of route.outcomes) {
    const { problem, outcome } = plan.outcomes.get(id)!;
    let ctx: EvalContext | undefined;
    const context = () => (ctx ??= createContext(plan, tl, asOf, asOf, 'outcome', problem, outcome));
    for (const adult of adults) {
      const r = e.outcomeRuleResult(outcome, adult, context);
      if (r.notApplicable) continue;
      const line = `${plan.plan.authority} ${outcome.ref} is ${r.status === 'met' ? 'met' : r.status} for ${adult.id}: ${r.text()}`;
      (r.status === 'met' ? met : open).push(line);
    }
  }
  if (met.length > 0) return { claimable: true, reasons: met };
  return { claimable: false, reasons: open.length > 0 ? open : ['no adult was on an out-of-work benefit at identification or engagement'] };
}
