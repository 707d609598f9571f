import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { family, minimalPlan } from './testing/fixtures.ts';

describe('results shared between verdicts', () => {
  it('are one frozen object per plan part, so changing one verdict fails instead of changing the others', () => {
    const plan = minimalPlan();
    for (const explain of [true, false]) {
      const [a, b] = [evaluate(plan, family([]), '2019-09-30', { explain }), evaluate(plan, family([]), '2019-09-30', { explain })];
      const [pa, pb] = [a.problems[0]!, b.problems[0]!];
      expect(pa.identified).toBe(false);
      // Shared: the same object in both verdicts, so a change to one would be a change to both.
      expect(pa).toBe(pb);
      for (const part of [pa, pa.indicators, pa.indicators[0]!, pa.indicators[0]!.subjects, pa.indicators[0]!.metAt, pa.outcomes, pa.outcomes[0]!, pa.outcomes[0]!.subjects]) {
        expect(Object.isFrozen(part)).toBe(true);
      }
      expect(() => (pa.indicators[0]!.subjects as unknown[]).push({})).toThrow(TypeError);
      expect(() => {
        (pa as { status: string }).status = 'turned-around';
      }).toThrow(TypeError);
      expect(pb.status).toBe('not-identified');
      expect(pb.indicators[0]!.subjects).toEqual([]);
    }
  });
});
