/**
 * Format extensions made while encoding the Southwark and Leicester plans.
 *
 * `subjects: { indicated: who }` — an outcome measured for the people who met an addressed
 * indicator, restricted to those matching `who` (Southwark 1.1 "no further offences committed by
 * children" and 1.2 "… by all adults", both addressing indicator A, which a child or an adult can
 * meet; Leicester 1.5 "young people 16-18 who were persistently absent … are in education").
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { family, testPlan } from './testing/fixtures.ts';

const noOffences = { kind: 'count', of: { events: 'offence' }, in: { last: 'P6M' }, equals: 0 };
const plan = testPlan({
  crime: {
    indicators: [
      { id: 'offender', ref: 'A', text: 'A child or adult with a proven offence in the previous 12 months', rule: { kind: 'count', of: { events: 'offence' }, in: { last: 'P12M', before: 'now' }, atLeast: 1 } },
      { id: 'asb', ref: 'B', text: 'Household ASB', scope: 'household', rule: { kind: 'count', of: { events: 'asb-incident' }, in: { last: 'P12M', before: 'now' }, atLeast: 1 } },
    ],
    outcomes: [
      { id: 'children', ref: '1.1', text: 'No further offences committed by children', addresses: ['offender', 'asb'], subjects: { indicated: { age: { max: 17 } } }, rule: noOffences },
      { id: 'adults', ref: '1.2', text: 'No further offences by adults', addresses: ['offender'], subjects: { indicated: { age: { min: 18 } } }, rule: noOffences },
    ],
  },
});
const offence = (person: string, date: string) => ({ type: 'offence' as const, person, date });
const outcomes = (v: ReturnType<typeof evaluate>) => Object.fromEntries(v.problems[0]!.outcomes.map((o) => [o.id, { status: o.status, subjects: o.subjects.map((s) => s.subject) }]));

describe('subjects: { indicated: who }', () => {
  it('measures only the indicated members matching who; the outcome does not apply to the others', () => {
    // C1 (born 2004) offended before identification; A1 did not. Engaged 1 Jan 2019, as of 1 Aug 2019.
    const childOnly = evaluate(plan, family([offence('C1', '2018-06-01')]), '2019-08-01');
    expect(outcomes(childOnly)).toEqual({ children: { status: 'met', subjects: ['C1'] }, adults: { status: 'not-applicable', subjects: [] } });

    const adultOnly = evaluate(plan, family([offence('A1', '2018-06-01'), offence('A1', '2019-05-01')]), '2019-08-01');
    expect(outcomes(adultOnly)).toEqual({ children: { status: 'not-applicable', subjects: [] }, adults: { status: 'not-met', subjects: ['A1'] } });
    expect(adultOnly.problems[0]!.status).toBe('not-met');
  });

  it('does not let an unindicated member stand in for the indicated one', () => {
    // C2 never offended; only C1 did, and C1 re-offended: the children's outcome is not met.
    const v = evaluate(plan, family([offence('C1', '2018-06-01'), offence('C1', '2019-04-01')]), '2019-08-01');
    expect(outcomes(v).children).toEqual({ status: 'not-met', subjects: ['C1'] });
  });

  it('takes no members from a household-scoped indicator', () => {
    const v = evaluate(plan, family([{ type: 'asb-incident', date: '2018-06-01' }]), '2019-08-01');
    expect(outcomes(v).children).toEqual({ status: 'not-applicable', subjects: [] });
  });

  it('is rejected with a path when the who is malformed', () => {
    expect(() =>
      testPlan({
        crime: {
          indicators: [{ id: 'i', ref: 'A', text: 't', rule: noOffences }],
          outcomes: [{ id: 'o', ref: '1', text: 't', addresses: ['i'], subjects: { indicated: { age: { max: -1 } } }, rule: noOffences }],
        },
      }),
    ).toThrow(/subjects/);
  });
});
