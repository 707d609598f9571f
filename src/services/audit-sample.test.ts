import { describe, expect, it } from 'vitest';
import { drawSample, sampleSize } from './audit-sample.ts';

describe('audit sample', () => {
  it('takes 10% rounded up, at least one, never more than the batch', () => {
    expect(sampleSize(0, 0.1)).toBe(0);
    expect(sampleSize(1, 0.1)).toBe(1);
    expect(sampleSize(9, 0.1)).toBe(1);
    expect(sampleSize(10, 0.1)).toBe(1);
    expect(sampleSize(11, 0.1)).toBe(2);
    expect(sampleSize(30, 0.1)).toBe(3);
    expect(sampleSize(5, 1)).toBe(5);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const items = Array.from({ length: 100 }, (_, i) => `F-${String(i).padStart(6, '0')}`);
    const a = drawSample(items, 10, 42);
    expect(drawSample(items, 10, 42)).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(a.every((x) => items.includes(x))).toBe(true);
    expect(drawSample(items, 10, 43)).not.toEqual(a);
  });

  it('reaches every item over many seeds (no item is never drawn)', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) for (const x of drawSample(items, 1, seed)) seen.add(x);
    expect([...seen].sort()).toEqual(items);
  });
});
