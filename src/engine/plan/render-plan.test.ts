import { describe, expect, it } from 'vitest';
import { testPlan } from '../evaluate/testing/fixtures.ts';
import { describeRule, describeWindow, ruleEvidenceKind } from './describe-rule.ts';
import type { Rule } from './plan-schema.ts';
import { renderPlanMarkdown } from './render-plan.ts';

describe('plain-English rules', () => {
  it('describes windows as a plan owner would say them', () => {
    expect(describeWindow({ last: 'P6M' })).toBe('the last 6 months');
    expect(describeWindow({ last: 'P12M', before: 'engaged' })).toBe('the 12 months before engagement');
    expect(describeWindow({ last: 'P6M', offset: 'P6M' })).toBe('the 6 months before the last 6 months');
    expect(describeWindow({ fullQuarters: 4, before: 'engaged' })).toBe('the 4 full calendar quarters before the quarter of engagement');
    expect(describeWindow({ fullTerms: 3, beforeQuarterOf: 'engaged' })).toBe('the 3 full school terms before the quarter of engagement');
  });
  it('describes reductions, absences and alternatives', () => {
    expect(
      describeRule({ kind: 'reduction', of: { count: { events: 'offence', where: { proven: true } } }, baseline: { fullQuarters: 4, before: 'engaged' }, outcome: { last: 'P6M' }, atLeast: 33, proRata: true, zeroBaseline: 'met' }),
    ).toBe('the number of offences (proven) in the last 6 months at least 33% lower than in the 4 full calendar quarters before the quarter of engagement, pro rata');
    expect(describeRule({ kind: 'count', of: { events: 'police-callout' }, in: { last: 'P6M' }, equals: 0 })).toBe('no police call-outs in the last 6 months');
    const either: Rule = { kind: 'any-of', rules: [{ kind: 'count', of: { events: 'offence' }, in: { last: 'P6M' }, equals: 0 }, { kind: 'evidence' }] };
    expect(describeRule(either)).toMatch(/^either \(no offences .*\) or \(a professional's recorded evidence dated after engagement\)$/);
    expect(ruleEvidenceKind(either)).toBe('mixed');
  });
});

describe('plan rendering', () => {
  it('lists every indicator and outcome with its reference', () => {
    const plan = testPlan({
      crime: {
        indicators: [{ id: 'asb', ref: '1b', text: 'An adult or child with an ASB intervention in the last 12 months', rule: { kind: 'count', of: { events: 'asb-intervention' }, in: { last: 'P12M' }, atLeast: 1 } }],
        outcomes: [{ id: 'asb-60', ref: '1b outcome', text: 'A 60% reduction in anti-social behaviour across the family', addresses: ['asb'], subjects: 'family', rule: { kind: 'reduction', of: { count: { events: 'asb-incident' } }, baseline: { last: 'P12M', before: 'engaged' }, outcome: { last: 'P6M' }, atLeast: 60 } }],
      },
    });
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('#### 1b — `asb`');
    expect(md).toContain('#### 1b outcome — `asb-60`');
    expect(md).toContain('- **Measured for:** the family as a whole');
    expect(md).toContain('at least 60% lower than in the 12 months before engagement, pro rata');
    expect(md).toContain('tested at identification, engagement');
  });
});
