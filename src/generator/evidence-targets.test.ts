import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../engine/index.ts';
import { evidenceTargets } from './evidence-targets.ts';
import { generateFamilies } from './timelines.ts';

const plan = parsePlan(readFileSync(new URL('../../plans/southampton.yaml', import.meta.url), 'utf8'), 'plans/southampton.yaml');

describe('evidence against a plan', () => {
  const targets = evidenceTargets(plan);

  it("lists the plan's professionally evidenced outcomes by problem", () => {
    const all = [...targets.values()].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const [problem, list] of targets) for (const t of list) expect(plan.outcomes.get(t.outcome)?.problem).toBe(problem);
  });

  it('makes key-worker evidence name those outcomes, and only for problems the family improved on', () => {
    const evidence = [...generateFamilies({ families: 60, seed: 4, evidence: targets })].flatMap((f) =>
      f.events.filter((e) => e.type === 'evidence').map((e) => ({ e, improved: f.improved })),
    );
    expect(evidence.filter(({ e }) => e.type === 'evidence' && e.outcome !== undefined).length).toBeGreaterThan(0);
    for (const { e, improved } of evidence) {
      if (e.type !== 'evidence') continue;
      expect(improved).toContain(e.problem);
      const outcomes = targets.get(e.problem)?.map((t) => t.outcome);
      // Where the plan has no professionally evidenced outcome for the problem, the evidence names none.
      if (outcomes === undefined) expect(e.outcome).toBeUndefined();
      else expect(outcomes).toContain(e.outcome);
    }
  });
});
