/**
 * Format extensions for Hampshire and Bath & North East Somerset, general to any plan:
 * an indicator's `householdIncludes` condition, `claimRules.regression` (no claim after regressing
 * in any area) and `claimRules.assumedSustainment` (sustainment assumed when a rule holds).
 */
import { describe, expect, it } from 'vitest';
import { PlanError } from '../errors.ts';
import { evaluate } from './evaluate.ts';
import { family, testPlan } from './testing/fixtures.ts';

const callout = (date: string) => ({ type: 'police-callout' as const, date, domestic: true });
const adults = [
  { id: 'A1', dateOfBirth: '1980-04-01', role: 'adult' as const, parentingResponsibility: true },
  { id: 'A2', dateOfBirth: '1978-06-12', role: 'adult' as const },
];

describe('householdIncludes', () => {
  const plan = testPlan({
    'domestic-abuse': {
      indicators: [
        {
          id: 'callout',
          ref: '5a',
          text: 'A police call out for a domestic incident in the last 12 months, where there is a child residing in the household',
          scope: 'household',
          householdIncludes: { role: 'child' },
          rule: { kind: 'count', of: { events: 'police-callout', where: { domestic: true } }, in: { last: 'P12M' }, atLeast: 1 },
        },
      ],
      outcomes: [{ id: 'fewer', ref: '5a outcome', text: '50% reduction', addresses: ['callout'], rule: { kind: 'evidence' } }],
    },
  });
  it('meets the indicator only when the household has a member matching `who`', () => {
    expect(evaluate(plan, family([callout('2018-10-01')]), '2019-07-01').problems[0]!.indicators[0]!.met).toBe(true);
    const noChild = evaluate(plan, family([callout('2018-10-01')], {}, adults), '2019-07-01').problems[0]!.indicators[0]!;
    expect(noChild.met).toBe(false);
    expect(noChild.explanation).toContain('only where the household includes a child');
  });
  it('tests the household at each date: a child born before engagement counts from then', () => {
    const baby = [...adults, { id: 'C1', dateOfBirth: '2018-12-15', role: 'child' as const }];
    const i = evaluate(plan, family([callout('2018-10-01')], {}, baby), '2019-07-01').problems[0]!.indicators[0]!;
    expect(i.met).toBe(true);
    expect(i.metAt).toEqual(['engaged']);
  });
});

const crime = {
  indicators: [{ id: 'asb', ref: 'i)', text: 'An ASB incident in the last 12 months', rule: { kind: 'count', of: { events: 'asb-incident' }, in: { last: 'P12M' }, atLeast: 1 } }],
  outcomes: [{ id: 'asb-evidenced', ref: 'vii)', text: 'Progress evidenced', addresses: ['asb'], rule: { kind: 'evidence' } }],
};
const health = {
  indicators: [{ id: 'mh', ref: 'i)', text: 'Mental health', who: { role: 'adult' }, rule: { kind: 'holds', state: { active: { events: 'health', where: { kind: 'mental-health' } } } } }],
  outcomes: [{ id: 'mh-evidenced', ref: 'Health outcome', text: 'Managing their health', addresses: ['mh'], rule: { kind: 'evidence' } }],
};
const evidence = (problem: 'crime' | 'health', outcome: string) => ({ type: 'evidence' as const, date: '2019-06-01', problem, outcome, author: 'K. Worker', role: 'Key worker', statement: 'Done.' });
const turnedAround = [
  { type: 'asb-incident' as const, person: 'C1', date: '2018-11-01' },
  { type: 'health' as const, person: 'A1', kind: 'mental-health' as const, start: '2018-01-01' },
  evidence('crime', 'asb-evidenced'),
  evidence('health', 'mh-evidenced'),
];

describe('regression', () => {
  const plan = testPlan(
    { crime, health },
    {
      regression: [
        {
          id: 'permanent-exclusion-since-engagement',
          ref: 'Introduction',
          text: 'Not regressed in any area',
          problem: 'crime',
          scope: 'person',
          who: { role: 'child' },
          rule: { kind: 'count', of: { events: 'offence' }, in: { from: 'engaged', to: 'now' }, atLeast: 2 },
        },
      ],
    },
  );
  it('allows the claim with no regression and says it was checked', () => {
    const ssp = evaluate(plan, family(turnedAround), '2019-07-01').claims.significantAndSustainedProgress;
    expect(ssp.claimable).toBe(true);
    expect(ssp.reasons.join('\n')).toContain('no regression in any area checked (crime)');
  });
  it('bars the claim when a check is met for any member, naming the area and the member', () => {
    const offences = [{ type: 'offence' as const, person: 'C1', date: '2019-03-01' }, { type: 'offence' as const, person: 'C1', date: '2019-04-01' }];
    const ssp = evaluate(plan, family([...turnedAround, ...offences]), '2019-07-01').claims.significantAndSustainedProgress;
    expect(ssp.claimable).toBe(false);
    expect(ssp.reasons.join('\n')).toContain('the family has regressed in crime (Introduction: Not regressed in any area) — C1: 2 offences');
  });
  it('does not count a window that begins before engagement as regression', () => {
    const before = testPlan(
      { crime, health },
      { regression: [{ id: 'r', ref: 'R', text: 'Regressed', problem: 'crime', rule: { kind: 'count', of: { events: 'asb-incident' }, in: { last: 'P12M' }, atLeast: 1 } }] },
    );
    expect(evaluate(before, family(turnedAround), '2019-07-01').claims.significantAndSustainedProgress.claimable).toBe(true);
  });
  it('rejects a check about a problem the plan does not have', () => {
    expect(() => testPlan({ crime }, { regression: [{ id: 'r', ref: 'R', text: 'Regressed', problem: 'health', rule: { kind: 'evidence' } }] })).toThrow(PlanError);
  });
});

describe('assumedSustainment', () => {
  const reEscalation = { events: 'social-care', where: { kind: ['early-help', 'child-in-need', 'child-protection-plan'] } };
  const pendingHealth = {
    indicators: health.indicators,
    outcomes: [{ id: 'mh-no-episode', ref: 'Health outcome', text: 'No A&E attendance for 18 months', addresses: ['mh'], rule: { kind: 'count', of: { events: 'ae-attendance' }, in: { last: 'P18M' }, equals: 0 } }],
  };
  const plan = testPlan(
    { crime, health: pendingHealth },
    {
      assumedSustainment: {
        ref: 'Final paragraph',
        text: 'Not re-escalated to Children’s Services for 12 months',
        problem: 'children-need-help',
        rule: { kind: 'no-recurrence', after: { events: 'social-care', where: { kind: 'early-help' } }, afterDate: 'end', none: reEscalation, for: 'P12M' },
      },
    },
  );
  const earlyHelp = { type: 'social-care' as const, person: 'C1', kind: 'early-help' as const, start: '2018-12-01', end: '2019-02-28', endReason: 'closed' as const };
  const timeline = [...turnedAround.slice(0, 3), earlyHelp];
  it('without 12 months free of re-escalation, a pending problem and the sustainment period bar the claim', () => {
    const ssp = evaluate(plan, family(timeline), '2019-05-01').claims.significantAndSustainedProgress;
    expect(ssp.claimable).toBe(false);
    expect(ssp.reasons.join('\n')).toContain('health is not turned around (pending)');
    expect(ssp.reasons.join('\n')).toContain('progress must be sustained for 6 months');
  });
  it('after 12 months free of re-escalation, pending problems count as sustained', () => {
    const later = family(timeline, { engagedOn: '2019-01-01' });
    const ssp = evaluate(plan, later, '2020-02-29').claims.significantAndSustainedProgress;
    expect(evaluate(plan, later, '2020-02-29').problems.find((p) => p.problem === 'health')!.status).toBe('pending');
    expect(ssp.claimable).toBe(true);
    expect(ssp.reasons.join('\n')).toContain('sustainment is assumed (Final paragraph)');
    expect(ssp.reasons.join('\n')).toContain('counts as sustained by assumption (health)');
  });
  it('a re-escalation within the 12 months means sustainment is not assumed', () => {
    const cin = { type: 'social-care' as const, person: 'C1', kind: 'child-in-need' as const, start: '2019-10-01', end: '2019-11-01' };
    const ssp = evaluate(plan, family([...timeline, cin]), '2020-02-29').claims.significantAndSustainedProgress;
    expect(ssp.claimable).toBe(false);
    expect(ssp.reasons.join('\n')).not.toContain('sustainment is assumed');
  });
  it('does not excuse a problem that is not met', () => {
    const ssp = evaluate(plan, family([...turnedAround.slice(0, 2), earlyHelp]), '2020-02-29').claims.significantAndSustainedProgress;
    expect(ssp.claimable).toBe(false);
    expect(ssp.reasons.join('\n')).toContain('crime is not turned around (evidence-required)');
  });
});

describe('wording found while encoding Hampshire', () => {
  it('reads percentages aloud with the right article', async () => {
    const { articleFor } = await import('./wording.ts');
    expect([8, 11, 18, 80, 83.5, 800, 11000, 18500].map(articleFor)).toEqual(['an', 'an', 'an', 'an', 'an', 'an', 'an', 'an']);
    expect([1, 60, 100, 110, 180, 1100, 1800, 0].map(articleFor)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a']);
  });
});

describe('evidence and steps in one outcome', () => {
  const plan = testPlan({
    worklessness: {
      indicators: [{ id: 'debt', ref: 'viii)', text: 'Unmanaged debts', scope: 'household', rule: { kind: 'holds', state: { active: { events: 'need', where: { kind: 'unmanageable-debt' } } } } }],
      outcomes: [
        {
          id: 'debt-managed',
          ref: 'viii) outcome',
          text: 'Evidence of embedded change AND at least 2 of the steps',
          addresses: ['debt'],
          rule: {
            kind: 'all-of',
            rules: [
              { kind: 'evidence' },
              { kind: 'steps', atLeast: 2, steps: [{ id: 'acknowledge', text: 'Acknowledge the debt' }, { id: 'plan', text: 'Debt management plan' }] },
            ],
          },
        },
      ],
    },
  });
  const need = { type: 'need' as const, kind: 'unmanageable-debt' as const, start: '2018-06-01' };
  const record = (step?: string) => ({ type: 'evidence' as const, date: '2019-03-01', problem: 'worklessness' as const, outcome: 'debt-managed', author: 'K. Worker', role: 'Key worker', statement: 'Done.', ...(step ? { step } : {}) });
  const status = (events: Parameters<typeof family>[0]) => evaluate(plan, family(events), '2019-07-01').problems[0]!.outcomes[0]!.status;
  it('does not let a step record stand for the outcome-level statement', () => {
    expect(status([need, record('acknowledge'), record('plan')])).toBe('evidence-required');
  });
  it('is met with the statement and the steps', () => {
    expect(status([need, record(), record('acknowledge'), record('plan')])).toBe('met');
  });
});

describe('members not yet born', () => {
  it('are not among "every child" on a date before their birth', () => {
    const plan = testPlan({
      education: {
        indicators: [{ id: 'cme', ref: '2e', text: 'Not registered with a school', who: { role: 'child' }, rule: { kind: 'holds', state: { active: { events: 'education-status', where: { status: 'not-registered' } } } } }],
        outcomes: [{ id: 'enrolled', ref: '2e outcome', text: 'Every child enrolled', addresses: ['cme'], subjects: { every: { role: 'child' } }, rule: { kind: 'holds', state: { active: { events: 'education-status', where: { status: 'mainstream' } } } } }],
      },
    });
    const members = [...adults, { id: 'C1', dateOfBirth: '2010-01-01', role: 'child' as const }, { id: 'C2', dateOfBirth: '2019-09-01', role: 'child' as const }];
    const events = [
      { type: 'education-status' as const, person: 'C1', start: '2018-01-01', end: '2019-02-28', status: 'not-registered' as const },
      { type: 'education-status' as const, person: 'C1', start: '2019-03-01', status: 'mainstream' as const },
    ];
    const before = evaluate(plan, family(events, {}, members), '2019-07-01').problems[0]!.outcomes[0]!;
    expect(before.subjects.map((s) => s.subject)).toEqual(['C1']);
    expect(before.status).toBe('met');
    expect(evaluate(plan, family(events, {}, members), '2019-10-01').problems[0]!.outcomes[0]!.status).toBe('not-met');
  });
});
