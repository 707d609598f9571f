import { describe, expect, it } from 'vitest';
import { PlanError, ValidationError } from '../errors.ts';
import { parsePlan } from '../plan/plan-loader.ts';
import { evaluate } from './evaluate.ts';
import { family, testPlan } from './testing/fixtures.ts';

const crime = {
  indicators: [
    {
      id: 'youth-offending',
      ref: '1a',
      text: 'A child who has committed a proven offence in the previous 12 months',
      who: { role: 'child', age: { max: 17 } },
      rule: { kind: 'count', of: { events: 'offence', where: { proven: true } }, in: { last: 'P12M' }, atLeast: 1 },
    },
  ],
  outcomes: [
    {
      id: 'youth-offending-reduced',
      ref: '1.1',
      text: 'Minimum 33% reduction in offending',
      addresses: ['youth-offending'],
      rule: {
        kind: 'reduction',
        of: { count: { events: 'offence', where: { proven: true } } },
        baseline: { fullQuarters: 4, before: 'engaged' },
        outcome: { last: 'P6M' },
        atLeast: 33,
      },
    },
  ],
};

const education = {
  indicators: [
    {
      id: 'attendance-below-90',
      ref: '2a',
      text: 'Attendance below 90% over three consecutive terms',
      who: { school: 'school-age' },
      rule: { kind: 'attendance', absence: 'all-absence', in: { fullTerms: 3 }, below: 90 },
    },
  ],
  outcomes: [
    {
      id: 'attendance-90',
      ref: '2.1',
      text: '90% attendance or greater over the last 3 full terms',
      addresses: ['attendance-below-90'],
      rule: { kind: 'attendance', absence: 'all-absence', in: { fullTerms: 3 }, atLeast: 90 },
    },
    {
      id: 'attendance-evidence',
      ref: '2.6',
      text: 'Attendance improved in line with agreed expectations',
      addresses: ['attendance-below-90'],
      rule: { kind: 'evidence', roles: ['education'] },
    },
  ],
};

const worklessness = {
  indicators: [
    {
      id: 'out-of-work-benefit',
      ref: '4a',
      text: 'An adult in receipt of out of work benefits',
      who: { role: 'adult' },
      rule: { kind: 'holds', state: { active: { events: 'benefit', where: { benefit: ['JSA', 'ESA', 'IS'] } } } },
    },
  ],
  outcomes: [
    {
      id: 'off-jsa-26-weeks',
      ref: '4.1',
      text: 'Off JSA into continuous employment for 26 weeks',
      addresses: ['out-of-work-benefit'],
      rule: {
        kind: 'spell',
        was: { active: { events: 'benefit', where: { benefit: 'JSA' } } },
        state: { allOf: [{ active: { events: 'employment', where: { hoursPerWeek: { atLeast: 16 } } } }, { not: { active: { events: 'benefit' } } }] },
        for: 'P26W',
      },
    },
  ],
};

const plan = testPlan({ crime, education, worklessness }, { continuousEmployment: { outcomes: ['off-jsa-26-weeks'] } });

/** Six proven offences in the four full quarters before engagement on 1 Jan 2019 (2018 Q1–Q4). */
const sixOffences = ['2018-02-01', '2018-03-05', '2018-05-01', '2018-07-07', '2018-09-09', '2018-11-11'].map((date) => ({ type: 'offence' as const, person: 'C1', date }));
const term = (name: string, possible: number, attended: number) => ({
  type: 'attendance' as const,
  person: 'C2',
  term: name,
  possibleSessions: possible,
  attendedSessions: attended,
  authorisedAbsences: possible - attended,
  unauthorisedAbsences: 0,
});
const poorAttendance = [term('2018-spring', 100, 80), term('2018-summer', 100, 80), term('2018-autumn', 100, 80)];

function outcome(verdict: ReturnType<typeof evaluate>, id: string) {
  const o = verdict.problems.flatMap((p) => p.outcomes).find((x) => x.id === id);
  if (!o) throw new Error(`no outcome ${id}`);
  return o;
}

describe('indicators and eligibility', () => {
  it('identifies problems at identification and engagement and needs two for eligibility', () => {
    const one = evaluate(plan, family(sixOffences), '2019-03-01');
    expect(one.identifiedProblems).toEqual(['crime']);
    expect(one.eligible).toBe(false);
    expect(one.claims.significantAndSustainedProgress.reasons[0]).toMatch(/1 headline problem identified \(crime\); at least 2 needed/);

    const two = evaluate(plan, family([...sixOffences, ...poorAttendance]), '2019-03-01');
    expect(two.identifiedProblems).toEqual(['crime', 'education']);
    expect(two.eligible).toBe(true);
    const ind = two.problems[0]!.indicators[0]!;
    expect(ind.metAt).toEqual(['identified', 'engaged']);
    expect(ind.subjects.map((s) => s.subject)).toEqual(['C1']);
    expect(ind.explanation).toContain('Test Council 1a is met');
  });

  it('does not count an adult as a child offender', () => {
    const v = evaluate(plan, family(sixOffences.map((e) => ({ ...e, person: 'A1' }))), '2019-03-01');
    expect(v.problems[0]!.identified).toBe(false);
  });
});

describe('reductions against a pro-rata baseline', () => {
  const base = [...sixOffences, ...poorAttendance];
  it('is met at exactly the required reduction (6 a year → 3 per six months; 2 is 33.3% fewer)', () => {
    const v = evaluate(plan, family([...base, { type: 'offence', person: 'C1', date: '2019-03-03' }, { type: 'offence', person: 'C1', date: '2019-04-04' }]), '2019-07-01');
    const o = outcome(v, 'youth-offending-reduced');
    expect(o.status).toBe('met');
    expect(o.subjects[0]!.figures.find((f) => f.label === 'pro-rata baseline')?.value).toBe(3);
    expect(o.explanation).toMatch(/2 offences .* against 6 offences .*pro rata 3 for 6 months.*33\.3% reduction; at least 33% required/);
  });

  it('is not met when the reduction falls short', () => {
    const v = evaluate(plan, family([...base, ...['2019-02-01', '2019-03-03', '2019-04-04'].map((date) => ({ type: 'offence' as const, person: 'C1', date }))]), '2019-07-01');
    expect(outcome(v, 'youth-offending-reduced').status).toBe('not-met');
  });

  it('is pending a day before six months from engagement, and decided on the day', () => {
    const fam = family(base);
    // Engaged 1 Jan 2019: the last 6 months as of 30 Jun 2019 start on 31 Dec 2018 — before engagement.
    expect(outcome(evaluate(plan, fam, '2019-06-30'), 'youth-offending-reduced').status).toBe('pending');
    expect(outcome(evaluate(plan, fam, '2019-07-01'), 'youth-offending-reduced').status).toBe('met');
  });
});

describe('attendance over full terms', () => {
  it('treats exactly 90% as met and 89.9% as not', () => {
    const after = [term('2019-spring', 1000, 900), term('2019-summer', 1000, 900), term('2019-autumn', 1000, 900)];
    expect(outcome(evaluate(plan, family([...poorAttendance, ...after]), '2020-01-06'), 'attendance-90').status).toBe('met');
    const short = [term('2019-spring', 1000, 900), term('2019-summer', 1000, 900), term('2019-autumn', 1000, 897)];
    expect(outcome(evaluate(plan, family([...poorAttendance, ...short]), '2020-01-06'), 'attendance-90').status).toBe('not-met');
  });

  it('uses the terms that had ended by the as-of date (a term boundary)', () => {
    const after = [term('2019-spring', 100, 95), term('2019-summer', 100, 95), term('2019-autumn', 100, 95)];
    const fam = family([...poorAttendance, ...after]);
    const onLastDay = outcome(evaluate(plan, fam, '2019-12-31'), 'attendance-90');
    expect(onLastDay.subjects[0]!.figures[0]!.window?.terms).toEqual(['2019-spring', '2019-summer', '2019-autumn']);
    const dayBefore = outcome(evaluate(plan, fam, '2019-12-30'), 'attendance-90');
    // Autumn 2019 has not ended; the last three full terms run from autumn 2018, which ended before engagement.
    expect(dayBefore.status).toBe('pending');
  });

  it('offers a professional-evidence alternative that needs recorded evidence', () => {
    const fam = family([...sixOffences, ...poorAttendance]);
    expect(outcome(evaluate(plan, fam, '2019-03-01'), 'attendance-evidence').status).toBe('evidence-required');
    const withEvidence = family([
      ...sixOffences,
      ...poorAttendance,
      { type: 'evidence', date: '2019-02-20', problem: 'education', outcome: '2.6', author: 'J. Patel', role: 'Education welfare officer', statement: 'Attendance now meets the agreed plan.' },
    ]);
    const v = evaluate(plan, withEvidence, '2019-03-01');
    expect(outcome(v, 'attendance-evidence').status).toBe('met');
    expect(v.problems.find((p) => p.problem === 'education')!.status).toBe('turned-around');
  });
});

describe('continuous employment', () => {
  const jsa = { type: 'benefit' as const, person: 'A1', benefit: 'JSA' as const, start: '2018-06-01', end: '2019-02-28' };
  const job = { type: 'employment' as const, person: 'A1', start: '2019-03-01', hoursPerWeek: 30 };
  const fam = family([...sixOffences, jsa, job]);

  it('is claimable after 26 weeks off JSA in work, pending the day before', () => {
    // 1 Mar 2019 + 26 weeks = 30 Aug 2019; the 182nd day of work is 29 Aug 2019.
    const before = evaluate(plan, fam, '2019-08-28');
    expect(outcome(before, 'off-jsa-26-weeks').status).toBe('pending');
    expect(before.claims.continuousEmployment.claimable).toBe(false);
    const on = evaluate(plan, fam, '2019-08-29');
    expect(outcome(on, 'off-jsa-26-weeks').status).toBe('met');
    expect(on.claims.continuousEmployment.claimable).toBe(true);
  });

  it('is not met when the person returns to benefit', () => {
    const back = family([...sixOffences, jsa, { ...job, end: '2019-05-31' }, { type: 'benefit', person: 'A1', benefit: 'JSA', start: '2019-06-01' }]);
    expect(outcome(evaluate(plan, back, '2019-10-01'), 'off-jsa-26-weeks').status).toBe('not-met');
  });
});

describe('claims for significant and sustained progress', () => {
  it('needs every identified problem turned around and six months since engagement', () => {
    const after = [term('2019-spring', 100, 95), term('2019-summer', 100, 95), term('2019-autumn', 100, 95)];
    const fam = family([...sixOffences, ...poorAttendance, ...after]);
    // On 1 Aug 2019 the last three full terms still include autumn 2018, before engagement: pending.
    expect(evaluate(plan, fam, '2019-08-01').problems.map((p) => p.status)).toEqual(['turned-around', 'pending', 'not-identified']);
    const v = evaluate(plan, fam, '2020-01-02');
    expect(v.problems.map((p) => p.status)).toEqual(['turned-around', 'turned-around', 'not-identified']);
    expect(v.claims.significantAndSustainedProgress.claimable).toBe(true);
    expect(v.claims.significantAndSustainedProgress.reasons.join(' ')).toContain('every identified problem is turned around');
  });

  it('is deterministic byte for byte', () => {
    const fam = family([...sixOffences, ...poorAttendance]);
    expect(JSON.stringify(evaluate(plan, fam, '2019-08-01'))).toBe(JSON.stringify(evaluate(plan, fam, '2019-08-01')));
  });

  it('treats programme dates after the as-of date as not yet happened', () => {
    const v = evaluate(plan, family([...sixOffences, ...poorAttendance], { engagedOn: '2019-05-01' }), '2019-03-01');
    expect(v.programme.engagedOn).toBeNull();
    expect(v.claims.significantAndSustainedProgress.reasons).toContain('the family has not engaged with the programme');
  });
});

describe('plan validation', () => {
  it('names the file and path of a schema error', () => {
    expect(() => testPlan({ crime: { ...crime, indicators: [{ ...crime.indicators[0], rule: { kind: 'count', of: { events: 'offence' }, in: { last: '6 months' } } }] } })).toThrow(
      /test\.yaml is invalid:[\s\S]*problems\.crime\.indicators\[0\]\.rule/,
    );
  });
  it('rejects an event field that the timeline contract does not have', () => {
    expect(() => testPlan({ crime: { ...crime, indicators: [{ ...crime.indicators[0], rule: { kind: 'count', of: { events: 'offence', where: { proved: true } }, in: { last: 'P6M' } } }] } })).toThrow(PlanError);
  });
  it('rejects an outcome addressing an unknown indicator', () => {
    expect(() => testPlan({ crime: { ...crime, outcomes: [{ ...crime.outcomes[0], addresses: ['nope'] }] } })).toThrow(/"nope" is not an indicator of crime/);
  });
  it('reports YAML syntax errors with the line', () => {
    expect(() => parsePlan('id: x\n  bad: [', 'broken.yaml')).toThrow(ValidationError);
    expect(() => parsePlan('id: x\n  bad: [', 'broken.yaml')).toThrow(/broken\.yaml is invalid:[\s\S]*line \d/);
  });
});
