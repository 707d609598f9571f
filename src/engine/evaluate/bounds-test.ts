/**
 * A rule's bounds compiled once into a test of `num / den` (wording.ts `withinBounds` is the meaning):
 * only the bounds the rule has are checked, read from the closure rather than from the rule each time
 * (rules come in many shapes, so reading their optional fields on every test is slow).
 */
import type { Bounds } from './wording.ts';

export type BoundsTest = (num: number, den: number) => boolean;

export function boundsTest(b: Bounds): BoundsTest {
  const { equals, atLeast, above, atMost, below } = b;
  const tests: BoundsTest[] = [];
  if (equals !== undefined) tests.push((num, den) => num === equals * den);
  if (atLeast !== undefined) tests.push((num, den) => num >= atLeast * den);
  if (above !== undefined) tests.push((num, den) => num > above * den);
  if (atMost !== undefined) tests.push((num, den) => num <= atMost * den);
  if (below !== undefined) tests.push((num, den) => num < below * den);
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [first, second] = tests as [BoundsTest, BoundsTest];
    return (num, den) => first(num, den) && second(num, den);
  }
  return (num, den) => tests.every((t) => t(num, den));
}
