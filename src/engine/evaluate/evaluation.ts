/**
 * One evaluation of one family against one plan at one as-of date, and what it works out once and
 * shares while it runs: the frames of the `identifyAt` dates, its `MemberSets` (the members a `who`
 * selects on a date, each member's age and school year per date), and the outcome results the claims
 * quote again. Made by `evaluatePrepared` (evaluate.ts) for each call and dropped with it, so that
 * evaluation keeps no state between calls and one evaluation can never see another's.
 *
 * 1. Indicators are tested at each of the plan's `identifyAt` dates (identification, engagement, and
 *    for some plans the as-of date), for each member matching `who` on that date (or the household).
 * 2. Each outcome addressing a met indicator is evaluated at the as-of date for its subjects. A problem
 *    is turned around when every met indicator has at least one addressing outcome met.
 * An indicator with `householdIncludes` is tested only at dates when the household has such a member.
 */
import type { Day } from '../calendar/day.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Anchor, Indicator, Outcome, Problem } from '../plan/plan-schema.ts';
import type { PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import { createContext, household, type EvalContext, type Subject } from './context.ts';
import { Frame } from './frame.ts';
import { MemberSets } from './member-sets.ts';
import { planProgram, type IndicatorProgram, type PlanProgram } from './plan-program.ts';
import { evaluateRule } from './rules/evaluate-rule.ts';
import { allOrder, allRank, anyOrder, anyRank, type RuleResult } from './rules/rule-result.ts';
import { whoWords } from './subjects.ts';
import { identifyAtWords, indicatorNotMet, outcomeNotAddressed, problemNotIdentified, whoOf, type TestedIndicator } from './unmet-results.ts';
import type { IndicatorResult, OutcomeResult, OutcomeStatus, ProblemResult, ProblemStatus, SubjectResult } from './verdict.ts';
import { anchorWords } from './windows.ts';
import { joinTexts } from './wording.ts';

export const problemTitles: Record<ProblemId, string> = {
  crime: 'Parents or children involved in crime or anti-social behaviour',
  education: 'Children who have not been attending school regularly',
  'children-need-help': 'Children who need help',
  worklessness: 'Adults out of work or at risk of financial exclusion, or young people at risk of worklessness',
  'domestic-abuse': 'Families affected by domestic violence and abuse',
  health: 'Parents and children with a range of health problems',
};

const statusWords: Record<OutcomeStatus, string> = {
  met: 'is met',
  'not-met': 'is not met',
  pending: 'is pending',
  'evidence-required': 'needs evidence',
  'not-applicable': 'does not apply',
};

const householdOnly: readonly Subject[] = [household];
/** Every member born by the date. */
const anyone: Indicator['who'] = {};

const foundRank: Partial<Record<string, number>> = { identified: 0, engaged: 1, now: 2 };
const foundByRank: ReadonlyArray<'identified' | 'engaged' | 'now'> = ['identified', 'engaged', 'now'];

export class Evaluation {
  /** The plan's compiled program (plan-program.ts). */
  readonly program: PlanProgram;
  /** The members as subjects, and the sets of them `who`s select. */
  private readonly members: MemberSets;
  /** A frame per `identifyAt` date (null when the date has not happened), made when first needed. */
  private readonly frames: Array<Frame | null | undefined> = [];
  /**
   * Outcome rules evaluated at the as-of date, per subject: the continuous-employment claim reuses them.
   * Three parallel lists searched in order (a family evaluates a handful): cheaper than maps.
   */
  private readonly resultOutcomes: Outcome[] = [];
  private readonly resultSubjects: object[] = [];
  private readonly resultValues: RuleResult[] = [];

  constructor(
    readonly plan: CompiledPlan,
    /** The family, with programme dates after the as-of date treated as not yet having happened. */
    readonly tl: PreparedTimeline,
    readonly asOf: Day,
    /** Whether to build figures and explanations (see `EvaluateOptions.explain`). */
    readonly explain: boolean,
  ) {
    this.program = planProgram(plan);
    this.members = new MemberSets(tl.members);
  }

  /** Every problem of the plan, in the national order. */
  problems(): ProblemResult[] {
    const { plan, program } = this;
    return plan.problems.map(({ id, problem }, i) => this.problem(id, problem, program.problems[i]!));
  }

  /** The outcome's rule for the subject at the as-of date, evaluated once per evaluation. */
  outcomeRuleResult(outcome: Outcome, subject: Subject, ctx: () => EvalContext): RuleResult {
    // Keyed by the member (or the household), not the id: a member could be called "household".
    const key = subject.member ?? household;
    const { resultOutcomes, resultSubjects, resultValues } = this;
    for (let k = 0; k < resultOutcomes.length; k++) if (resultOutcomes[k] === outcome && resultSubjects[k] === key) return resultValues[k]!;
    const r = evaluateRule(outcome.rule, subject, ctx());
    resultOutcomes.push(outcome);
    resultSubjects.push(key);
    resultValues.push(r);
    return r;
  }

  /** The members matching `who` on the date (outcomes and claims ask at the as-of date). */
  memberSubjects(who: Indicator['who'], on: Day): readonly Subject[] {
    return this.members.matching(who, on);
  }

  /** The frame for the plan's i-th `identifyAt` date, or undefined when that date has not happened by the as-of date. */
  private frameAt(i: number, anchorName: Anchor): Frame | undefined {
    let frame = this.frames[i];
    if (frame === undefined) {
      const { plan, program, tl, asOf } = this;
      const on = anchorName === 'now' ? asOf : anchorName === 'identified' ? tl.identified : anchorName === 'engaged' ? tl.engaged : tl.closed;
      frame = on === undefined || on > asOf ? null : new Frame(plan, program, tl, asOf, on, anchorName === 'now' ? 'the as-of date' : anchorWords[anchorName], 'indicator', this.members);
      this.frames[i] = frame;
    }
    return frame ?? undefined;
  }

  private indicator(problemId: ProblemId, compiled: IndicatorProgram): TestedIndicator {
    const { plan, tl, asOf, explain } = this;
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
      const frame = this.frameAt(i, anchorName);
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
    return this.testedIndicator(indicator, metAt ?? [], subjectsMet, householdLacks ?? []);
  }

  /** An indicator's result when someone met it, or when the household lacked a member it requires. */
  private testedIndicator(
    indicator: Indicator,
    metAt: Anchor[],
    subjectsMet: ReadonlyArray<{ subject: Subject; result: SubjectResult }> | undefined,
    householdLacks: readonly Anchor[],
  ): TestedIndicator {
    const { plan, explain } = this;
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

  private outcome(problemId: ProblemId, outcome: Outcome, indicators: readonly TestedIndicator[]): OutcomeResult {
    // Most outcomes address no met indicator: they are answered without allocating anything.
    if (!addressesAny(outcome, indicators)) return outcomeNotAddressed(this.plan, outcome, this.explain);
    return this.addressedOutcome(problemId, outcome, indicators);
  }

  /** An outcome addressing at least one met indicator, for its subjects at the as-of date. */
  private addressedOutcome(problemId: ProblemId, outcome: Outcome, indicators: readonly TestedIndicator[]): OutcomeResult {
    const { plan, tl, asOf, explain } = this;
    let subjects: readonly Subject[];
    let any = false;
    const spec = outcome.subjects;
    if (spec === 'family') subjects = householdOnly;
    else if (spec === 'indicated') {
      // Whoever met the addressed indicators: at least one subject, since one of them is met.
      const ids = indicatedIds(outcome, indicators);
      subjects = ids.includes('household') ? householdOnly : withIds(this.memberSubjects(anyone, asOf), ids);
    } else if ('indicated' in spec) {
      // The indicated members matching `who`; household-scoped indicators contribute no members.
      subjects = withIds(this.memberSubjects(spec.indicated, asOf), indicatedIds(outcome, indicators));
    } else if ('every' in spec) subjects = this.memberSubjects(spec.every, asOf);
    else {
      subjects = this.memberSubjects(spec.any, asOf);
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
      const r = this.outcomeRuleResult(outcome, subject, context);
      if (r.notApplicable) continue;
      results.push({ subject: subject.id, status: r.status, figures: explain ? r.figures() : [], explanation: explain ? r.text() : '' });
      const rk = any ? anyRank[r.status] : allRank[r.status];
      if (rk < rank) rank = rk;
    }
    if (results.length === 0) {
      if (!explain) return outcomeResult(outcome, 'not-applicable', [], '');
      const title = `${plan.plan.authority} ${outcome.ref}`;
      const why = joinTexts(subjects, '; ', (subject) => `for ${subjectLabel(subject)}, ${this.outcomeRuleResult(outcome, subject, context).text()}`);
      return outcomeResult(outcome, 'not-applicable', [], `${title} does not apply: ${why}.`);
    }
    const status = any ? anyOrder[rank]! : allOrder[rank]!;
    if (!explain) return outcomeResult(outcome, status, results, '');
    const detail = results.length === 1 ? results[0]!.explanation : joinTexts(results, '; ', (r) => `for ${r.subject === 'household' ? 'the household' : r.subject}, ${r.explanation} (${r.status})`);
    const forWhom = results.length === 1 && results[0]!.subject !== 'household' ? ` for ${results[0]!.subject}` : '';
    return outcomeResult(outcome, status, results, `${plan.plan.authority} ${outcome.ref} ${statusWords[status]}${forWhom}: ${detail}.`);
  }

  private problem(id: ProblemId, problem: Problem, compiled: readonly IndicatorProgram[]): ProblemResult {
    const { plan, explain } = this;
    // Made only once an indicator has a result of its own (for most problems none has): until then
    // every indicator has the shared result of one nobody meets.
    let tested: TestedIndicator[] | undefined;
    for (let i = 0; i < compiled.length; i++) {
      const c = compiled[i]!;
      const t = this.indicator(id, c);
      if (tested === undefined && t !== indicatorNotMet(plan, c.indicator, explain)) {
        tested = new Array<TestedIndicator>(compiled.length);
        for (let j = 0; j < i; j++) tested[j] = indicatorNotMet(plan, compiled[j]!.indicator, explain);
      }
      if (tested !== undefined) tested[i] = t;
    }
    const title = problem.title ?? problemTitles[id];
    if (tested === undefined) return problemNotIdentified(plan, id, problem, title, explain);
    return this.testedProblem(id, problem, title, tested);
  }

  private testedProblem(id: ProblemId, problem: Problem, title: string, tested: readonly TestedIndicator[]): ProblemResult {
    const outcomes = new Array<OutcomeResult>(problem.outcomes.length);
    for (let k = 0; k < outcomes.length; k++) outcomes[k] = this.outcome(id, problem.outcomes[k]!, tested);
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
}

export function subjectLabel(s: Subject): string {
  return s.member ? s.id : 'the household';
}

function familyHasAny(tl: PreparedTimeline, types: readonly string[]): boolean {
  for (const t of types) if (tl.events.has(t)) return true;
  return false;
}

function addressesAny(outcome: Outcome, indicators: readonly TestedIndicator[]): boolean {
  for (const i of indicators) if (i.result.met && outcome.addresses.includes(i.result.id)) return true;
  return false;
}

function outcomeResult(outcome: Outcome, status: OutcomeStatus, subjects: SubjectResult[], explanation: string): OutcomeResult {
  // An explicit literal, not `{ ...base, … }`: object spread here was a third of evaluation time.
  return { id: outcome.id, ref: outcome.ref, text: outcome.text, addresses: outcome.addresses, status, subjects, explanation };
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
