/**
 * `evaluate(plan, timeline, asOf)`: the one entry point of the rules engine. Pure and deterministic:
 * the same plan, timeline and as-of date give the same verdict, byte for byte.
 *
 * 1. Indicators are tested at each of the plan's `identifyAt` dates (identification, engagement, and
 *    for some plans the as-of date), for each member matching `who` on that date (or the household).
 * 2. A problem is identified when any of its indicators is met; the family is eligible with at least
 *    `minimumProblems` problems found at identification or engagement.
 * 3. Each outcome addressing a met indicator is evaluated at the as-of date for its subjects. A problem
 *    is turned around when every met indicator has at least one addressing outcome met.
 * 4. Claims: significant and sustained progress when eligible, engaged for the minimum sustainment
 *    period and every identified problem turned around; continuous employment when one of the plan's
 *    continuous-employment outcomes is met for an eligible, engaged family. A plan may also bar the
 *    first claim when the family has regressed (`claimRules.regression`) and may assume sustainment
 *    (`claimRules.assumedSustainment`); the claim's reasons say so.
 * An indicator with `householdIncludes` is tested only at dates when the household has such a member.
 * Programme dates after the as-of date are treated as not yet having happened.
 */
import { formatDay, formatDayLong, parseDay, type Day } from '../calendar/day.ts';
import { describeDuration, shift } from '../calendar/duration.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Anchor, Indicator, Outcome, Problem } from '../plan/plan-schema.ts';
import { prepareTimeline, type PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { ProblemId, Timeline } from '../timeline/timeline-schema.ts';
import { createContext, household, type EvalContext, type Subject } from './context.ts';
import { evaluateRule } from './rules/evaluate-rule.ts';
import { Frame } from './frame.ts';
import { MemberSets } from './member-sets.ts';
import { identifyAtWords, indicatorNotMet, outcomeNotAddressed, problemNotIdentified, whoOf, type TestedIndicator } from './unmet-results.ts';
import { planProgram, type IndicatorProgram, type PlanProgram } from './plan-program.ts';
import { allOrder, allRank, anyOrder, anyRank, type RuleResult } from './rules/rule-result.ts';
import { memberOn, whoWords, type MemberOn } from './subjects.ts';
import type { ClaimResult, IndicatorResult, OutcomeResult, OutcomeStatus, ProblemResult, ProblemStatus, SubjectResult, Verdict } from './verdict.ts';
import { anchorWords } from './windows.ts';
import { joinTexts } from './wording.ts';

/** Set for the duration of one (synchronous) evaluation: whether to build figures and explanations. */
let explain = true;
/**
 * For the duration of one evaluation: the members matching a `who` on a date (outcomes and claims ask
 * at the as-of date), kept in parallel lists searched in order — a family asks for a handful, and
 * maps made per family cost more than the search.
 */
const subjectWhos: object[] = [];
const subjectDays: Day[] = [];
const subjectSets: Array<readonly Subject[]> = [];
/** The members as subjects, and the sets of them `who`s select. */
let members: MemberSets;
/** Each member's age and school year on the date `factsDay`, worked out once per evaluation. */
let factsDay: Day | undefined;
let facts: readonly MemberOn[] = [];
/** For the duration of one evaluation: a frame per `identifyAt` date (null when the date has not happened). */
let frames: Array<Frame | null | undefined> = [];
/** For the duration of one evaluation: the plan's compiled program. */
let program: PlanProgram;
/**
 * Outcome rules evaluated at the as-of date, per subject: the continuous-employment claim reuses them.
 * Three parallel lists searched in order (a family evaluates a handful): cheaper than maps made per family.
 */
const resultOutcomes: Outcome[] = [];
const resultSubjects: object[] = [];
const resultValues: RuleResult[] = [];

function outcomeRuleResult(outcome: Outcome, subject: Subject, ctx: () => EvalContext): RuleResult {
  // Keyed by the member (or the household), not the id: a member could be called "household".
  const key = subject.member ?? household;
  for (let k = 0; k < resultOutcomes.length; k++) if (resultOutcomes[k] === outcome && resultSubjects[k] === key) return resultValues[k]!;
  const r = evaluateRule(outcome.rule, subject, ctx());
  resultOutcomes.push(outcome);
  resultSubjects.push(key);
  resultValues.push(r);
  return r;
}

export const problemTitles: Record<ProblemId, string> = {
  crime: 'Parents or children involved in crime or anti-social behaviour',
  education: 'Children who have not been attending school regularly',
  'children-need-help': 'Children who need help',
  worklessness: 'Adults out of work or at risk of financial exclusion, or young people at risk of worklessness',
  'domestic-abuse': 'Families affected by domestic violence and abuse',
  health: 'Parents and children with a range of health problems',
};

export interface EvaluateOptions {
  /**
   * `false` for batch work that needs only statuses (identification over every household, tracking):
   * indicator and outcome results then carry no figures and an empty explanation, which makes
   * evaluation several times cheaper. Statuses, problems and claims are identical either way.
   */
  readonly explain?: boolean;
}

export function evaluate(plan: CompiledPlan, timeline: Timeline, asOf: string, options: EvaluateOptions = {}): Verdict {
  return evaluatePrepared(plan, prepareTimeline(timeline, plan.calendar), parseDay(asOf), options);
}

/** As `evaluate`, for a timeline already prepared with this plan's calendar (benchmarks, batch runs). */
export function evaluatePrepared(plan: CompiledPlan, prepared: PreparedTimeline, asOf: Day, options: EvaluateOptions = {}): Verdict {
  explain = options.explain !== false;
  subjectWhos.length = 0;
  subjectDays.length = 0;
  subjectSets.length = 0;
  members = new MemberSets(prepared.members);
  factsDay = undefined;
  resultOutcomes.length = 0;
  resultSubjects.length = 0;
  resultValues.length = 0;
  frames = [];
  program = planProgram(plan);
  const tl: PreparedTimeline = {
    familyId: prepared.familyId,
    members: prepared.members,
    identified: prepared.identified,
    source: prepared.source,
    events: prepared.events,
    engaged: prepared.engaged !== undefined && prepared.engaged <= asOf ? prepared.engaged : undefined,
    closed: prepared.closed !== undefined && prepared.closed <= asOf ? prepared.closed : undefined,
  };
  const { claimRules } = plan.plan;
  const problems = plan.problems.map(({ id, problem }, i) => evaluateProblem(plan, tl, asOf, id, problem, program.problems[i]!));

  const foundEarly = problems.filter((p) => p.foundAt === 'identified' || p.foundAt === 'engaged');
  const eligible = foundEarly.length >= claimRules.minimumProblems;
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
      significantAndSustainedProgress: sspClaim(plan, tl, asOf, problems, foundEarly),
      continuousEmployment: ceClaim(plan, tl, asOf, problems, eligible),
    },
  };
}

function memberSubjects(tl: PreparedTimeline, who: Indicator['who'], on: Day): readonly Subject[] {
  for (let k = 0; k < subjectWhos.length; k++) if (subjectWhos[k] === who && subjectDays[k] === on) return subjectSets[k]!;
  const found = members.matching(who, on, membersOn(tl, on));
  subjectWhos.push(who);
  subjectDays.push(on);
  subjectSets.push(found);
  return found;
}

/** Each member's age and school year on a date, in member order (the last date asked for is kept: it is always the as-of date). */
function membersOn(tl: PreparedTimeline, on: Day): readonly MemberOn[] {
  if (factsDay !== on) {
    factsDay = on;
    facts = tl.members.map((m) => memberOn(m, on));
  }
  return facts;
}

function subjectLabel(s: Subject): string {
  return s.member ? s.id : 'the household';
}

function familyHasAny(tl: PreparedTimeline, types: readonly string[]): boolean {
  for (const t of types) if (tl.events.has(t)) return true;
  return false;
}

const householdOnly: readonly Subject[] = [household];

/**
 * The frame for the plan's i-th `identifyAt` date (one per date per evaluation), or undefined when
 * that date has not happened by the as-of date.
 */
function frameAt(plan: CompiledPlan, program: PlanProgram, tl: PreparedTimeline, asOf: Day, i: number, anchorName: Anchor): Frame | undefined {
  let frame = frames[i];
  if (frame === undefined) {
    const on = anchorName === 'now' ? asOf : anchorName === 'identified' ? tl.identified : anchorName === 'engaged' ? tl.engaged : tl.closed;
    frame = on === undefined || on > asOf ? null : new Frame(plan, program, tl, asOf, on, anchorName === 'now' ? 'the as-of date' : anchorWords[anchorName], 'indicator', members);
    frames[i] = frame;
  }
  return frame ?? undefined;
}

function evaluateIndicator(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, problemId: ProblemId, compiled: IndicatorProgram): TestedIndicator {
  const indicator = compiled.indicator;
  // Nobody in a family with none of the types the rule needs can meet it, at any date.
  if (compiled.needsEvents && compiled.householdIncludes === undefined && !familyHasAny(tl, compiled.types)) return indicatorNotMet(plan, indicator, explain);
  // Made only when needed (most indicators are met by nobody): evaluation allocates little.
  let metAt: Anchor[] | undefined;
  let subjectsMet: Array<{ subject: Subject; result: SubjectResult }> | undefined;
  /** Dates at which the household had no member the indicator's `householdIncludes` requires. */
  let householdLacks: Anchor[] | undefined;
  const anchors = plan.plan.claimRules.identifyAt;
  for (let i = 0; i < anchors.length; i++) {
    const anchorName = anchors[i]!;
    const frame = frameAt(plan, program, tl, asOf, i, anchorName);
    if (!frame) continue;
    if (compiled.householdIncludes !== undefined && frame.subjects(compiled.householdIncludes).length === 0) {
      (householdLacks ??= []).push(anchorName);
      continue;
    }
    const subjects = compiled.household ? householdOnly : frame.subjects(compiled.who);
    let met: Array<{ subject: Subject; result: SubjectResult }> | undefined;
    for (const subject of subjects) {
      // Tested statuses-only (most tests fail and are discarded); a met test is evaluated again,
      // explained, when the verdict is to explain it. The statuses are the same either way.
      if (compiled.quiet(subject, frame, problemId).status !== 'met') continue;
      let result: SubjectResult = { subject: subject.id, status: 'met', figures: [], explanation: '' };
      // Only the first date's subjects are reported: later dates' need no explaining.
      if (explain && subjectsMet === undefined) {
        const ctx = createContext(plan, tl, asOf, frame.now, 'indicator', problemId, undefined, frame.nowName, true);
        const e = evaluateRule(indicator.rule, subject, ctx);
        result = { subject: subject.id, status: 'met', figures: e.figures(), explanation: e.text() };
      }
      (met ??= []).push({ subject, result });
    }
    if (met) {
      (metAt ??= []).push(anchorName);
      subjectsMet ??= met;
    }
  }
  if (metAt === undefined && householdLacks === undefined) return indicatorNotMet(plan, indicator, explain);
  return testedIndicator(plan, indicator, metAt ?? [], subjectsMet, householdLacks ?? []);
}

/** An indicator's result when someone met it, or when the household lacked a member it requires. */
function testedIndicator(
  plan: CompiledPlan,
  indicator: Indicator,
  metAt: Anchor[],
  subjectsMet: ReadonlyArray<{ subject: Subject; result: SubjectResult }> | undefined,
  householdLacks: readonly Anchor[],
): TestedIndicator {
  const met = metAt.length > 0;
  const explanation = !explain
    ? ''
    : met
    ? `${plan.plan.authority} ${indicator.ref} is met at ${joinTexts(metAt, ' and ', (a) => (a === 'now' ? 'the as-of date' : anchorWords[a]))}: ${joinTexts(subjectsMet!, '; ', (s) => `${subjectLabel(s.subject)}, ${s.result.explanation}`)}.`
    : `${plan.plan.authority} ${indicator.ref} is not met: no ${whoOf(indicator)} meets it at ${identifyAtWords(plan)} (it applies only where the household includes a ${whoWords(indicator.householdIncludes!)}, and it did not at ${householdLacks.map((a) => anchorWords[a]).join(' or ')}).`;
  return {
    result: { id: indicator.id, ref: indicator.ref, text: indicator.text, met, metAt, subjects: subjectsMet?.map((s) => s.result) ?? [], explanation },
    metSubjects: subjectsMet?.map((s) => s.subject) ?? [],
  };
}

const statusWords: Record<OutcomeStatus, string> = {
  met: 'is met',
  'not-met': 'is not met',
  pending: 'is pending',
  'evidence-required': 'needs evidence',
  'not-applicable': 'does not apply',
};

function evaluateOutcome(
  plan: CompiledPlan,
  tl: PreparedTimeline,
  asOf: Day,
  problemId: ProblemId,
  outcome: Outcome,
  indicators: readonly TestedIndicator[],
): OutcomeResult {
  // Most outcomes address no met indicator: they are answered without allocating anything.
  if (!addressesAny(outcome, indicators)) return outcomeNotAddressed(plan, outcome, explain);
  return evaluateAddressedOutcome(plan, tl, asOf, problemId, outcome, indicators);
}

function addressesAny(outcome: Outcome, indicators: readonly TestedIndicator[]): boolean {
  for (const i of indicators) if (i.result.met && outcome.addresses.includes(i.result.id)) return true;
  return false;
}

function outcomeResult(outcome: Outcome, status: OutcomeStatus, subjects: SubjectResult[], explanation: string): OutcomeResult {
  // An explicit literal, not `{ ...base, … }`: object spread here was a third of evaluation time.
  return { id: outcome.id, ref: outcome.ref, text: outcome.text, addresses: outcome.addresses, status, subjects, explanation };
}

/** An outcome addressing at least one met indicator, for its subjects at the as-of date. */
function evaluateAddressedOutcome(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, problemId: ProblemId, outcome: Outcome, indicators: readonly TestedIndicator[]): OutcomeResult {
  let subjects: readonly Subject[];
  let any = false;
  const spec = outcome.subjects;
  if (spec === 'family') subjects = householdOnly;
  else if (spec === 'indicated') {
    // Whoever met the addressed indicators: at least one subject, since one of them is met.
    const ids = indicatedIds(outcome, indicators);
    subjects = ids.includes('household') ? householdOnly : withIds(memberSubjects(tl, anyone, asOf), ids);
  } else if ('indicated' in spec) {
    // The indicated members matching `who`; household-scoped indicators contribute no members.
    subjects = withIds(memberSubjects(tl, spec.indicated, asOf), indicatedIds(outcome, indicators));
  } else if ('every' in spec) subjects = memberSubjects(tl, spec.every, asOf);
  else {
    subjects = memberSubjects(tl, spec.any, asOf);
    any = true;
  }
  if (subjects.length === 0) {
    return outcomeResult(outcome, 'not-applicable', [], explain ? `${plan.plan.authority} ${outcome.ref} does not apply: no member of the family is one it measures.` : '');
  }
  let ctx: EvalContext | undefined;
  // The continuous-employment claim quotes its outcomes' results in its reasons, even statuses-only.
  const context = () => (ctx ??= createContext(plan, tl, asOf, asOf, 'outcome', problemId, outcome, undefined, explain || quotedByClaims(plan).has(outcome)));
  // People the outcome does not measure (not on JSA for the "off JSA" outcome) are left out.
  // Subjects combine as `combineAll` / `combineAny` do ("every" takes the least advanced status, "any"
  // the most), by rank (rule-result.ts), with no list of statuses built.
  const results: SubjectResult[] = [];
  let rank = any ? anyRank['not-met'] : allRank.met;
  for (const subject of subjects) {
    const r = outcomeRuleResult(outcome, subject, context);
    if (r.notApplicable) continue;
    results.push({ subject: subject.id, status: r.status, figures: explain ? r.figures() : [], explanation: explain ? r.text() : '' });
    const rk = any ? anyRank[r.status] : allRank[r.status];
    if (rk < rank) rank = rk;
  }
  if (results.length === 0) {
    if (!explain) return outcomeResult(outcome, 'not-applicable', [], '');
    const title = `${plan.plan.authority} ${outcome.ref}`;
    const why = joinTexts(subjects, '; ', (subject) => `for ${subjectLabel(subject)}, ${outcomeRuleResult(outcome, subject, context).text()}`);
    return outcomeResult(outcome, 'not-applicable', [], `${title} does not apply: ${why}.`);
  }
  const status = any ? anyOrder[rank]! : allOrder[rank]!;
  if (!explain) return outcomeResult(outcome, status, results, '');
  const detail = results.length === 1 ? results[0]!.explanation : joinTexts(results, '; ', (r) => `for ${r.subject === 'household' ? 'the household' : r.subject}, ${r.explanation} (${r.status})`);
  const forWhom = results.length === 1 && results[0]!.subject !== 'household' ? ` for ${results[0]!.subject}` : '';
  return outcomeResult(outcome, status, results, `${plan.plan.authority} ${outcome.ref} ${statusWords[status]}${forWhom}: ${detail}.`);
}

/** The ids of the subjects who met any of the met indicators the outcome addresses, each once, in order met. */
function indicatedIds(outcome: Outcome, indicators: readonly TestedIndicator[]): string[] {
  const ids: string[] = [];
  for (const i of indicators) {
    if (!i.result.met || !outcome.addresses.includes(i.result.id)) continue;
    for (const s of i.metSubjects) if (!ids.includes(s.id)) ids.push(s.id);
  }
  return ids;
}

/** The subjects whose ids are listed, in the subjects' order. */
function withIds(subjects: readonly Subject[], ids: readonly string[]): Subject[] {
  const found: Subject[] = [];
  for (const s of subjects) if (ids.includes(s.id)) found.push(s);
  return found;
}

const quotedOutcomes = new WeakMap<CompiledPlan, ReadonlySet<Outcome>>();
/** The outcomes whose results the claims quote (the continuous-employment route's), once per plan. */
function quotedByClaims(plan: CompiledPlan): ReadonlySet<Outcome> {
  let found = quotedOutcomes.get(plan);
  if (!found) quotedOutcomes.set(plan, (found = new Set((plan.plan.claimRules.continuousEmployment?.outcomes ?? []).map((id) => plan.outcomes.get(id)!.outcome))));
  return found;
}

/** Every member born by the date. */
const anyone: Indicator['who'] = {};

function evaluateProblem(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, id: ProblemId, problem: Problem, compiled: readonly IndicatorProgram[]): ProblemResult {
  // Made only once an indicator has a result of its own (for most problems none has): until then
  // every indicator has the shared result of one nobody meets.
  let tested: TestedIndicator[] | undefined;
  for (let i = 0; i < compiled.length; i++) {
    const c = compiled[i]!;
    const t = evaluateIndicator(plan, tl, asOf, id, c);
    if (tested === undefined && t !== indicatorNotMet(plan, c.indicator, explain)) {
      tested = new Array<TestedIndicator>(compiled.length);
      for (let j = 0; j < i; j++) tested[j] = indicatorNotMet(plan, compiled[j]!.indicator, explain);
    }
    if (tested !== undefined) tested[i] = t;
  }
  const title = problem.title ?? problemTitles[id];
  if (tested === undefined) return problemNotIdentified(plan, id, problem, title, explain);
  return testedProblem(plan, tl, asOf, id, problem, title, tested);
}

const foundRank: Partial<Record<string, number>> = { identified: 0, engaged: 1, now: 2 };
const foundByRank: ReadonlyArray<'identified' | 'engaged' | 'now'> = ['identified', 'engaged', 'now'];

function testedProblem(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, id: ProblemId, problem: Problem, title: string, tested: readonly TestedIndicator[]): ProblemResult {
  const outcomes = new Array<OutcomeResult>(problem.outcomes.length);
  for (let k = 0; k < outcomes.length; k++) outcomes[k] = evaluateOutcome(plan, tl, asOf, id, problem.outcomes[k]!, tested);
  const indicators = new Array<IndicatorResult>(tested.length);
  let met = 0;
  // The earliest date any indicator was met at: identification, then engagement, then the as-of date.
  let found: number = foundByRank.length;
  for (let k = 0; k < tested.length; k++) {
    const i = (indicators[k] = tested[k]!.result);
    if (!i.met) continue;
    met++;
    for (const a of i.metAt) {
      const rank = foundRank[a];
      if (rank !== undefined && rank < found) found = rank;
    }
  }
  let status: ProblemStatus;
  let explanation: string;
  if (met === 0) {
    status = 'not-identified';
    explanation = `${title}: not identified — none of its ${problem.indicators.length} indicators is met.`;
  } else {
    // Each met indicator needs one addressing outcome met; the indicator's best outcome status stands
    // for it (the best of its applicable outcomes, not met when none), and the least advanced of those is the problem's.
    let combined = allRank.met;
    let open = '';
    let metRefs = '';
    for (const i of indicators) {
      if (!i.met) continue;
      let best = anyRank['not-met'];
      for (const o of outcomes) if (o.status !== 'not-applicable' && o.addresses.includes(i.id) && anyRank[o.status] < best) best = anyRank[o.status];
      const bestStatus = anyOrder[best]!;
      if (allRank[bestStatus] < combined) combined = allRank[bestStatus];
      metRefs += metRefs === '' ? i.ref : `, ${i.ref}`;
      if (bestStatus !== 'met') open += `${open === '' ? '' : '; '}${i.ref} has no outcome met (best: ${bestStatus})`;
    }
    const combinedStatus = allOrder[combined]!;
    status = combinedStatus === 'met' ? 'turned-around' : combinedStatus;
    explanation =
      status === 'turned-around' ? `${title}: turned around — every indicator met (${metRefs}) has an outcome met.` : `${title}: not yet turned around — ${open}.`;
  }
  return {
    problem: id,
    title,
    identified: met > 0,
    foundAt: found < foundByRank.length ? foundByRank[found]! : null,
    indicators,
    outcomes,
    status,
    explanation,
  };
}

/** The plan's regression checks met at the as-of date, each with an explanation. */
function regressions(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day): string[] {
  const found: string[] = [];
  for (const check of plan.plan.claimRules.regression) {
    const ctx = createContext(plan, tl, asOf, asOf, 'outcome', check.problem, undefined);
    const subjects = check.scope === 'household' ? [household] : memberSubjects(tl, check.who, asOf);
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
function sustainmentAssumed(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day): string | undefined {
  const rule = plan.plan.claimRules.assumedSustainment;
  if (!rule) return undefined;
  const r = evaluateRule(rule.rule, household, createContext(plan, tl, asOf, asOf, 'outcome', rule.problem, undefined));
  return r.status === 'met' ? `sustainment is assumed (${rule.ref}): ${r.text()}` : undefined;
}

function sspClaim(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, problems: readonly ProblemResult[], foundEarly: readonly ProblemResult[]): ClaimResult {
  const { minimumProblems, minimumSustainment } = plan.plan.claimRules;
  const assumed = sustainmentAssumed(plan, tl, asOf);
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
  const regressed = regressions(plan, tl, asOf);
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
function ceClaim(plan: CompiledPlan, tl: PreparedTimeline, asOf: Day, _problems: readonly ProblemResult[], eligible: boolean): ClaimResult {
  const route = plan.plan.claimRules.continuousEmployment;
  if (!route) return { claimable: false, reasons: ['this plan has no continuous-employment route'] };
  const reasons: string[] = [];
  if (!eligible) reasons.push('the family is not eligible for the programme');
  if (tl.engaged === undefined) reasons.push('the family has not engaged with the programme');
  if (reasons.length > 0) return { claimable: false, reasons };
  const adults = memberSubjects(tl, { role: 'adult' }, asOf);
  const met: string[] = [];
  const open: string[] = [];
  for (const id of route.outcomes) {
    const { problem, outcome } = plan.outcomes.get(id)!;
    let ctx: EvalContext | undefined;
    const context = () => (ctx ??= createContext(plan, tl, asOf, asOf, 'outcome', problem, outcome));
    for (const adult of adults) {
      const r = outcomeRuleResult(outcome, adult, context);
      if (r.notApplicable) continue;
      const line = `${plan.plan.authority} ${outcome.ref} is ${r.status === 'met' ? 'met' : r.status} for ${adult.id}: ${r.text()}`;
      (r.status === 'met' ? met : open).push(line);
    }
  }
  if (met.length > 0) return { claimable: true, reasons: met };
  return { claimable: false, reasons: open.length > 0 ? open : ['no adult was on an out-of-work benefit at identification or engagement'] };
}

