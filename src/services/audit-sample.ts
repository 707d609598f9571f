/**
 * The internal-audit sample: a reproducible random choice of claims from a batch. The same seed and the
 * same claims (ordered by family reference) always give the same sample; the seed is stored with the batch.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/** The department spot-checks about 10% of claims. */
export const defaultAuditRate = 0.1;

export function sampleSize(count: number, rate: number): number {
  if (count === 0) return 0;
  return Math.min(count, Math.max(1, Math.ceil(count * rate - 1e-9)));
}

/** A partial Fisher–Yates shuffle of `items` driven by `seed`; returns `size` of them in drawn order. */
export function drawSample<T>(items: readonly T[], size: number, seed: number): T[] {
  const rng = xoroshiro128plus(seed);
  const pool = [...items];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = uniformInt(rng, i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}
