/**
 * Keeps docs/plan-format.md honest: its whole-plan example loads, every rule example (```yaml rule)
 * loads as an outcome rule of a plan, and every one-line fragment for `who`, `subjects`, `of` and
 * `in` is valid for its schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../engine/index.ts';
import type { z } from 'zod';
import { claimRules, indicator, outcome, plan, rule, selector, subjects, who, window } from '../engine/plan/plan-schema.ts';

const doc = readFileSync(join(import.meta.dirname, '../../docs/plan-format.md'), 'utf8');
const blocks = [...doc.matchAll(/```yaml( \w+)?\n([\s\S]*?)```/g)].map((m) => ({ tag: m[1]?.trim(), text: m[2]! }));

function planWithOutcomeRule(rule: unknown): string {
  return stringify({
    id: 'docs',
    authority: 'Docs Council',
    title: 'docs/plan-format.md examples',
    version: '1',
    inForce: { from: '2019-04-01' },
    source: { document: 'docs/plan-format.md' },
    problems: {
      crime: {
        indicators: [{ id: 'x', ref: 'x', text: 'x', rule: { kind: 'count', of: { events: 'offence' }, in: { last: 'P12M' }, atLeast: 1 } }],
        outcomes: [{ id: 'y', ref: 'y', text: 'y', addresses: ['x'], rule }],
      },
    },
  });
}

describe('docs/plan-format.md', () => {
  it('has a whole-plan example that loads', () => {
    const plans = blocks.filter((b) => b.tag === 'plan');
    expect(plans).toHaveLength(1);
    const plan = parsePlan(plans[0]!.text, 'docs/plan-format.md');
    expect(plan.indicators.size).toBe(2);
  });

  const rules = blocks.filter((b) => b.tag === 'rule');
  it('has an example of every rule kind the plan format has', () => {
    const kinds = new Set<string>();
    const collect = (r: { kind: string; rules?: unknown[]; rule?: unknown }): void => {
      kinds.add(r.kind);
      for (const inner of r.rules ?? []) collect(inner as typeof r);
      if (r.rule) collect(r.rule as typeof r);
    };
    for (const b of rules) collect(parse(b.text) as { kind: string });
    const ruleKinds = (rule as unknown as z.ZodLazy<z.ZodDiscriminatedUnion<Array<z.ZodObject<{ kind: z.ZodLiteral<string> }>>>>).unwrap().options.map((o) => o.shape.kind.value);
    expect([...kinds].sort()).toEqual([...ruleKinds].sort());
  });

  it('mentions every field of every rule kind, indicator, outcome, plan and claim rule', () => {
    const mentioned = (field: string) => doc.includes(`\`${field}\``) || doc.includes(`${field}:`);
    const lazyUnion = rule as unknown as z.ZodLazy<z.ZodDiscriminatedUnion<Array<z.ZodObject<z.ZodRawShape & { kind: z.ZodLiteral<string> }>>>>;
    const shapes: Array<[string, z.ZodRawShape]> = [
      ...lazyUnion.unwrap().options.map((o): [string, z.ZodRawShape] => [`rule ${o.shape.kind.value}`, o.shape]),
      ['indicator', indicator.shape],
      ['outcome', outcome.shape],
      ['plan', plan.shape],
      ['claimRules', claimRules.shape],
    ];
    const missing = shapes.flatMap(([name, shape]) => Object.keys(shape).filter((f) => !mentioned(f)).map((f) => `${name}: ${f}`));
    expect(missing).toEqual([]);
  });

  it.each(rules.map((b, i) => [i, b.text.split('\n')[0], b.text] as const))('rule example %i (%s) loads', (_i, _first, text) => {
    expect(() => parsePlan(planWithOutcomeRule(parse(text)), 'docs example')).not.toThrow();
  });

  it('has valid who, subjects, selector and window fragments, and claim rules', () => {
    const schemas = { who, subjects, of: selector, in: window } as const;
    let checked = 0;
    for (const block of blocks.filter((b) => b.tag === undefined)) {
      if (block.text.startsWith('claimRules:')) {
        expect(claimRules.safeParse((parse(block.text) as { claimRules: unknown }).claimRules).success).toBe(true);
        checked++;
        continue;
      }
      for (const line of block.text.split('\n')) {
        const key = /^(\w+):/.exec(line)?.[1];
        if (!key || !(key in schemas)) continue;
        const value = (parse(line) as Record<string, unknown>)[key];
        const result = schemas[key as keyof typeof schemas].safeParse(value);
        expect(result.success, `${line}: ${result.error?.message}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
