/**
 * Plan-only results (src/engine/evaluate/unmet-results.ts) are made once and shared by verdicts:
 * they must carry the words an evaluation would have written, and a family that meets nothing must
 * get them.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate/evaluate.ts';
import { family, minimalPlan } from '../../src/engine/evaluate/testing/fixtures.ts';
import { indicatorNotMet, outcomeNotAddressed, problemNotIdentified } from '../../src/engine/evaluate/unmet-results.ts';

const plan = minimalPlan();
const { problem } = plan.problems[0]!;
const indicator = problem.indicators[0]!;
const outcome = problem.outcomes[0]!;

describe('results that depend on the plan alone', () => {
  it('word an unmet indicator, an unaddressed outcome and an unidentified problem', () => {
    expect(indicatorNotMet(plan, indicator, true).result).toEqual({ id: 'i', ref: 'i', text: 'i', met: false, metAt: [], subjects: [], explanation: 'Test Council i is not met: no member meets it at identification or engagement.' });
    expect(outcomeNotAddressed(plan, outcome, true).explanation).toBe('Test Council o does not apply: none of the indicators it addresses (i) is met.');
    const p = problemNotIdentified(plan, 'crime', problem, 'Crime', true);
    expect(p.explanation).toBe('Crime: not identified — none of its 1 indicators is met.');
    expect(p.indicators).toEqual([indicatorNotMet(plan, indicator, true).result]);
  });

  it('leave explanations out of statuses-only results, and are made once each', () => {
    expect(indicatorNotMet(plan, indicator, false).result.explanation).toBe('');
    expect(outcomeNotAddressed(plan, outcome, false).explanation).toBe('');
    expect(indicatorNotMet(plan, indicator, true)).toBe(indicatorNotMet(plan, indicator, true));
    expect(indicatorNotMet(plan, indicator, false)).not.toBe(indicatorNotMet(plan, indicator, true));
  });

  it('are what a family meeting nothing gets, and a family meeting the indicator does not', () => {
    const quiet = evaluate(plan, family([]), '2019-06-30');
    expect(quiet.problems[0]).toBe(problemNotIdentified(plan, 'crime', problem, quiet.problems[0]!.title, true));
    const offending = evaluate(plan, family([{ type: 'offence', person: 'A1', date: '2018-10-01' }]), '2019-06-30');
    expect(offending.problems[0]!.identified).toBe(true);
    expect(offending.problems[0]!.indicators[0]!.explanation).toMatch(/^Test Council i is met at identification/);
  });
});
