import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
    const id = timeOrderedId(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  });

  it('sorts ids made later after ids made earlier, and never repeats', () => {
    const earlier = Array.from({ length: 100 }, () => timeOrderedId(1_700_000_000_000));
    const later = Array.from({ length: 100 }, () => timeOrderedId(1_700_000_000_001));
    expect(new Set([...earlier, ...later]).size).toBe(200);
    for (const e of earlier) for (const l of later) expect(e < l).toBe(true);
  });

  it('carries the time it is given even when the times alternate (the prefix kept from the last call is not reused)', () => {
    const times = [1_700_000_000_000, 1_800_000_000_000, 1_700_000_000_000];
    expect(times.map((t) => parseInt(timeOrderedId(t).replace(/-/g, '').slice(0, 12), 16))).toEqual(times);
  });
});
