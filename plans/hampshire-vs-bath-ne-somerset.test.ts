/**
 * Hampshire and Bath & North East Somerset on the same family: the scenarios named "CROSS-PLAN …" in
 * both plans' scenario files share a familyId. This checks that each such pair really is the same
 * timeline (so the files cannot drift apart) and that the two plans' verdicts differ, which is the
 * point of the pair: the councils' own definitions give different answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePlan, parseTimeline } from '../src/engine/index.ts';
import { parseScenarioFile, type Scenario } from './scenario-file.ts';

const plansDir = import.meta.dirname;

function crossPlanScenarios(planId: string): Map<string, Scenario> {
  const dir = join(plansDir, `${planId}.scenarios`);
  const out = new Map<string, Scenario>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const s of parseScenarioFile(readFileSync(join(dir, f), 'utf8'), f).scenarios) {
      if (s.name.startsWith('CROSS-PLAN')) out.set(String(s.timeline.familyId), s);
    }
  }
  return out;
}

const plans = ['hampshire', 'bath-ne-somerset'] as const;
const compiled = plans.map((id) => parsePlan(readFileSync(join(plansDir, `${id}.yaml`), 'utf8'), `plans/${id}.yaml`));
const [hampshire, banes] = plans.map(crossPlanScenarios) as [Map<string, Scenario>, Map<string, Scenario>];

/** The parts of a verdict that differ between councils: eligibility, problems and their status, claims. */
function summary(v: ReturnType<typeof evaluate>) {
  return {
    eligible: v.eligible,
    problems: Object.fromEntries(v.problems.filter((p) => p.identified).map((p) => [p.problem, p.status])),
    ssp: v.claims.significantAndSustainedProgress.claimable,
    ce: v.claims.continuousEmployment.claimable,
  };
}

describe('the same timeline under Hampshire and B&NES', () => {
  it('has at least two cross-plan pairs, each present in both plans', () => {
    expect([...hampshire.keys()].sort()).toEqual([...banes.keys()].sort());
    expect(hampshire.size).toBeGreaterThanOrEqual(2);
  });
  for (const [familyId, h] of hampshire) {
    it(`${familyId}: identical timelines and dates, different verdicts`, () => {
      const b = banes.get(familyId);
      expect(b, `plans/bath-ne-somerset.scenarios has no CROSS-PLAN scenario for ${familyId}`).toBeDefined();
      expect(b!.timeline).toEqual(h.timeline);
      expect(b!.asOf).toBe(h.asOf);
      const timeline = parseTimeline(h.timeline, familyId);
      const [vh, vb] = compiled.map((p) => summary(evaluate(p, timeline, h.asOf)));
      expect(vh).not.toEqual(vb);
    });
  }
});
