import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.ts';
import { family, testPlan } from '../testing/fixtures.ts';

/** A plan with one problem whose single indicator is a professional nomination, and the given outcome rule. */
function planWith(rule: unknown, outcome: Record<string, unknown> = {}) {
  return testPlan({
    'children-need-help': {
      indicators: [
        { id: 'nominated', ref: 'J', text: 'Nominated by professionals', who: { role: 'child' }, rule: { kind: 'count', of: { events: 'nomination' }, in: { last: 'P12M' }, atLeast: 1 } },
      ],
      outcomes: [{ id: 'o', ref: '3.x', text: 'outcome under test', addresses: ['nominated'], rule, ...outcome }],
    },
  });
}
const nominated = { type: 'nomination' as const, person: 'C1', date: '2018-11-20', problem: 'children-need-help' as const };
const status = (v: ReturnType<typeof evaluate>) => v.problems[0]!.outcomes[0]!.status;
const explanation = (v: ReturnType<typeof evaluate>) => v.problems[0]!.outcomes[0]!.explanation;

describe('no-recurrence', () => {
  const plan = planWith({
    kind: 'no-recurrence',
    after: { events: 'social-care', where: { kind: 'child-in-need', endReason: 'stepped-down' } },
    none: { events: 'social-care', where: { kind: ['child-in-need', 'section-47', 'child-protection-plan'] } },
    for: 'P6M',
  });
  const stepDown = { type: 'social-care' as const, person: 'C1', kind: 'child-in-need' as const, start: '2018-10-01', end: '2019-02-28', endReason: 'stepped-down' as const };

  it('is pending until six months after the step-down, then met', () => {
    const fam = family([nominated, stepDown]);
    expect(status(evaluate(plan, fam, '2019-08-27'))).toBe('pending');
    expect(explanation(evaluate(plan, fam, '2019-08-27'))).toContain('are reached on 28 Aug 2019');
    expect(status(evaluate(plan, fam, '2019-08-28'))).toBe('met');
  });
  it('is not met when a new episode starts within the period', () => {
    const fam = family([nominated, stepDown, { type: 'social-care', person: 'C1', kind: 'section-47', start: '2019-05-01', end: '2019-05-20' }]);
    expect(status(evaluate(plan, fam, '2019-09-01'))).toBe('not-met');
    expect(explanation(evaluate(plan, fam, '2019-09-01'))).toContain('1 May 2019');
  });
  it('is not met with no step-down at all', () => {
    expect(status(evaluate(plan, family([nominated]), '2019-09-01'))).toBe('not-met');
  });
});

describe('score', () => {
  const star = planWith({ kind: 'score', tool: 'outcomes-star', direction: 'up', change: 2, finalAbove: 5 });
  const score = (date: string, value: number, tool = 'outcomes-star') => ({ type: 'assessment' as const, person: 'C1', date, tool, score: value });
  it('needs two scores', () => {
    expect(status(evaluate(star, family([nominated, score('2018-12-15', 3)]), '2019-07-01'))).toBe('evidence-required');
  });
  it('is met by +2 points taking the score above 5, not by +2 to exactly 5', () => {
    expect(status(evaluate(star, family([nominated, score('2018-12-15', 4), score('2019-06-01', 6)]), '2019-07-01'))).toBe('met');
    expect(status(evaluate(star, family([nominated, score('2018-12-15', 3), score('2019-06-01', 5)]), '2019-07-01'))).toBe('not-met');
  });
  it('applies a lower-is-better tool only from a clinically high first score', () => {
    const sdq = planWith({ kind: 'score', tool: 'sdq', direction: 'down', change: 1, initialAbove: 18 });
    expect(status(evaluate(sdq, family([nominated, score('2018-12-20', 22, 'sdq'), score('2019-05-01', 17, 'sdq')]), '2019-07-01'))).toBe('met');
    const low = evaluate(sdq, family([nominated, score('2018-12-20', 18, 'sdq'), score('2019-05-01', 12, 'sdq')]), '2019-07-01');
    expect(status(low)).toBe('not-met');
    expect(explanation(low)).toContain('only when the first score was above 18');
  });
});

describe('steps', () => {
  const plan = planWith({
    kind: 'steps',
    atLeast: 2,
    steps: [
      { id: 'cv', text: 'Write a CV' },
      { id: 'bank-account', text: 'Opened a bank account' },
      { id: 'health-services', text: 'Engaged with health services', group: 'triggers' },
      { id: 'counselling', text: 'Engaged with counselling', group: 'triggers' },
    ],
  });
  const step = (step: string, date = '2019-03-01') => ({ type: 'evidence' as const, date, problem: 'children-need-help' as const, outcome: '3.x', step, author: 'K. Worker', role: 'Key worker', statement: `Achieved ${step}` });
  it('counts distinct steps, steps in one group once', () => {
    expect(status(evaluate(plan, family([nominated, step('cv')]), '2019-07-01'))).toBe('evidence-required');
    expect(status(evaluate(plan, family([nominated, step('health-services'), step('counselling')]), '2019-07-01'))).toBe('evidence-required');
    expect(status(evaluate(plan, family([nominated, step('cv'), step('counselling')]), '2019-07-01'))).toBe('met');
  });
  it('ignores evidence recorded before engagement', () => {
    expect(status(evaluate(plan, family([nominated, step('cv', '2018-12-01'), step('bank-account')]), '2019-07-01'))).toBe('evidence-required');
  });
});

describe('spells over weeks with earnings', () => {
  const plan = testPlan({
    worklessness: {
      indicators: [{ id: 'uc', ref: 'i)', text: 'Claiming Universal Credit', who: { role: 'adult' }, rule: { kind: 'holds', state: { active: { events: 'benefit', where: { benefit: 'UC' } } } } }],
      outcomes: [{ id: 'aet', ref: 'CE', text: 'AET for 26 of the last 30 weeks', addresses: ['uc'], rule: { kind: 'spell', state: { earnings: { atLeast: 338, couple: 541 } }, weeks: { atLeast: 26, ofLast: 30 } } }],
    },
  });
  const uc = { type: 'benefit' as const, person: 'A1', benefit: 'UC' as const, start: '2018-01-01' };
  const earn = (person: string, months: string[], amount: number) => months.map((month) => ({ type: 'earnings' as const, person, month, amount }));
  const months = ['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06', '2019-07', '2019-08'];

  it('counts whole ISO weeks covered by qualifying months', () => {
    const v = evaluate(plan, family([uc, ...earn('A1', months, 400)]), '2019-08-31');
    expect(v.problems[0]!.outcomes[0]!.status).toBe('met');
  });
  it('uses the couple threshold on the adults’ joint earnings', () => {
    const single = evaluate(plan, family([uc, ...earn('A1', months, 300)]), '2019-08-31');
    expect(single.problems[0]!.outcomes[0]!.status).not.toBe('met');
    const couple = evaluate(plan, family([uc, ...earn('A1', months, 300), ...earn('A2', months, 300)]), '2019-08-31');
    expect(couple.problems[0]!.outcomes[0]!.status).toBe('met');
  });
});

describe('increase', () => {
  const term = (name: string, attended: number) => ({ type: 'attendance' as const, person: 'C2', term: name, possibleSessions: 100, attendedSessions: attended, authorisedAbsences: 100 - attended, unauthorisedAbsences: 0 });
  const baseline = { fullTerms: 3, beforeQuarterOf: 'engaged' };
  const plan = (extra: Record<string, unknown>) =>
    testPlan({
      education: {
        indicators: [{ id: 'att', ref: 'A', text: 'Persistent absence', who: { school: 'school-age' }, rule: { kind: 'attendance', absence: 'all-absence', in: { fullTerms: 3 }, below: 90 } }],
        outcomes: [{ id: 'up', ref: '2.6', text: 'Improved attendance', addresses: ['att'], rule: { kind: 'increase', of: { attendance: 'all-absence' }, baseline, outcome: { fullTerms: 3 }, ...extra } }],
      },
    });
  const terms = [term('2018-spring', 40), term('2018-summer', 40), term('2018-autumn', 40), term('2019-spring', 80), term('2019-summer', 80), term('2019-autumn', 80)];
  it('measures percentage points and relative increases exactly', () => {
    expect(evaluate(plan({ points: 40 }), family(terms), '2020-01-02').problems[0]!.outcomes[0]!.status).toBe('met');
    expect(evaluate(plan({ points: 41 }), family(terms), '2020-01-02').problems[0]!.outcomes[0]!.status).toBe('not-met');
    expect(evaluate(plan({ percent: 100 }), family(terms), '2020-01-02').problems[0]!.outcomes[0]!.status).toBe('met');
  });
  it('applies only below the stated baseline', () => {
    const v = evaluate(plan({ points: 10, whenBaselineBelow: 40 }), family(terms), '2020-01-02');
    expect(v.problems[0]!.outcomes[0]!.status).toBe('not-met');
    expect(v.problems[0]!.outcomes[0]!.explanation).toContain('only when the baseline is below 40%');
  });
});

describe('states and subjects', () => {
  it('finds a prisoner within 12 months of release at identification (endingWithin)', () => {
    const plan = testPlan({
      crime: {
        indicators: [{ id: 'prisoner', ref: 'C', text: 'Prisoner less than 12 months from release', who: { role: 'adult', parentingResponsibility: true }, rule: { kind: 'holds', state: { active: { events: 'custody' }, endingWithin: 'P12M' } } }],
        outcomes: [{ id: 'no-offence', ref: '1.2', text: 'No further offences', addresses: ['prisoner'], rule: { kind: 'count', of: { events: 'offence' }, in: { last: 'P6M' }, equals: 0 } }],
      },
    });
    const soon = evaluate(plan, family([{ type: 'custody', person: 'A2', start: '2018-01-01', end: '2019-06-30' }]), '2019-03-01');
    expect(soon.problems[0]!.indicators[0]!.met).toBe(true);
    const later = evaluate(plan, family([{ type: 'custody', person: 'A2', start: '2018-01-01', end: '2020-06-30' }]), '2019-03-01');
    expect(later.problems[0]!.indicators[0]!.met).toBe(false);
  });

  it('requires every matching member for `every`, one for `any`, and a household total for `family`', () => {
    const reg = (person: string, status: 'mainstream' | 'not-registered') => ({ type: 'education-status' as const, person, start: '2018-01-01', status });
    const mk = (subjects: unknown) =>
      testPlan({
        education: {
          indicators: [{ id: 'cme', ref: 'G', text: 'Not registered with a school', who: { school: 'school-age' }, rule: { kind: 'holds', state: { active: { events: 'education-status', where: { status: 'not-registered' } } } } }],
          outcomes: [{ id: 'registered', ref: '1.1', text: 'All school age children have a school place', addresses: ['cme'], subjects, rule: { kind: 'holds', state: { active: { events: 'education-status', where: { status: 'mainstream' } } } } }],
        },
      });
    const fam = family([reg('C1', 'not-registered'), reg('C2', 'mainstream')]);
    expect(evaluate(mk({ every: { school: 'school-age' } }), fam, '2019-03-01').problems[0]!.outcomes[0]!.status).toBe('not-met');
    expect(evaluate(mk({ any: { school: 'school-age' } }), fam, '2019-03-01').problems[0]!.outcomes[0]!.status).toBe('met');
    expect(evaluate(mk('indicated'), fam, '2019-03-01').problems[0]!.outcomes[0]!.subjects.map((s) => s.subject)).toEqual(['C1']);
  });
});
