import { describe, expect, it } from 'vitest';
import { testPlan } from '../evaluate/testing/fixtures.ts';
import { diffPlans, renderPlanDiff } from './diff-plans.ts';

const crime = (atLeast: number, extraOutcome = false) => ({
  indicators: [{ id: 'asb', ref: '1b', text: 'ASB intervention in the last 12 months', rule: { kind: 'count', of: { events: 'asb-intervention' }, in: { last: 'P12M' }, atLeast: 1 } }],
  outcomes: [
    { id: 'asb-reduced', ref: '1b outcome', text: 'A reduction in ASB', addresses: ['asb'], rule: { kind: 'reduction', of: { count: { events: 'asb-incident' } }, baseline: { last: 'P12M', before: 'engaged' }, outcome: { last: 'P6M' }, atLeast } },
    ...(extraOutcome ? [{ id: 'asb-evidence', ref: '1g', text: 'Professional statement', addresses: ['asb'], rule: { kind: 'evidence' } }] : []),
  ],
});

describe('plan diff', () => {
  it('reports a changed threshold in plain English and an added outcome', () => {
    const a = testPlan({ crime: crime(60) }).plan;
    const b = { ...testPlan({ crime: crime(50, true) }).plan, version: '2' };
    const changes = diffPlans(a, b);
    expect(changes.map((c) => `${c.change} ${c.part} ${c.id}`)).toEqual(['changed plan test', 'changed outcome asb-reduced', 'added outcome asb-evidence']);
    const meaning = changes[1]!.fields.find((f) => f.field === 'meaning')!;
    expect(meaning.before).toContain('at least 60% lower');
    expect(meaning.after).toContain('at least 50% lower');
    expect(renderPlanDiff(a, b, changes)).toContain('~ outcome 1b outcome [asb-reduced] (crime) changed');
  });
  it('finds nothing between identical plans', () => {
    const a = testPlan({ crime: crime(60) }).plan;
    expect(diffPlans(a, a)).toEqual([]);
  });
});
