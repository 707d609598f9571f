import { describe, expect, it } from 'vitest';
import { boundsTest } from './bounds-test.ts';
import { withinBounds, type Bounds } from './wording.ts';

describe('boundsTest', () => {
  const cases: Bounds[] = [{}, { equals: 0 }, { atLeast: 3 }, { above: 2.5 }, { atMost: 10 }, { below: 90 }, { atLeast: 1, atMost: 4 }, { above: 0, below: 5, atMost: 4 }, { equals: 2, atLeast: 2, atMost: 2, above: 1, below: 3 }];
  it.each(cases.map((b) => [JSON.stringify(b), b] as const))('agrees with withinBounds for %s', (_name, b) => {
    const test = boundsTest(b);
    let agreed = 0;
    for (const den of [1, 3, 100]) {
      for (let num = -2; num <= 12 * den; num += den === 1 ? 0.5 : 7) {
        expect(test(num, den)).toBe(withinBounds(b, num, den));
        agreed++;
      }
    }
    expect(agreed).toBeGreaterThan(30);
  });

  it('is met only within the bounds', () => {
    expect(boundsTest({ atLeast: 3 })(2, 1)).toBe(false);
    expect(boundsTest({ atLeast: 3 })(3, 1)).toBe(true);
    expect(boundsTest({ below: 90 })(8999, 100)).toBe(true);
    expect(boundsTest({ below: 90 })(9000, 100)).toBe(false);
  });
});
