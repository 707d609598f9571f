import { describe, expect, it } from 'vitest';
import { timeline } from '../engine/timeline/timeline-schema.ts';
import { generateFamilies, generateTimelines } from './timelines.ts';

const council = (families: number, seed = 42, eventsPerFamily?: number) =>
  [...generateTimelines({ families, seed, ...(eventsPerFamily === undefined ? {} : { eventsPerFamily }) })];

describe('generateTimelines', () => {
  it('yields timelines that are valid against the public contract', () => {
    for (const t of council(40)) {
      const result = timeline.safeParse(t);
      expect(result.success, result.success ? '' : `${t.familyId}: ${JSON.stringify(result.error.issues.slice(0, 3))}`).toBe(true);
    }
  });

  it('gives the same council for the same seed, and a different one for another seed', () => {
    expect(JSON.stringify(council(10, 7))).toBe(JSON.stringify(council(10, 7)));
    expect(JSON.stringify(council(10, 8))).not.toBe(JSON.stringify(council(10, 7)));
  });

  it('generates each family the same whatever the council size or slice', () => {
    const all = council(12, 3);
    const slice = [...generateTimelines({ families: 4, seed: 3, from: 8 })];
    expect(slice).toEqual(all.slice(8));
  });

  it('tops families up to the requested density for benchmarks', () => {
    const dense = council(20, 5, 100);
    const mean = dense.reduce((n, t) => n + (t.events?.length ?? 0), 0) / dense.length;
    expect(mean).toBeGreaterThanOrEqual(100);
    expect(mean).toBeLessThan(130);
  });

  it('makes families with several problems, some engaged and improving, and some with none', () => {
    const families = [...generateFamilies({ families: 200, seed: 11 })];
    const withTwoOrMore = families.filter((f) => f.problems.length >= 2).length;
    expect(withTwoOrMore).toBeGreaterThan(40);
    expect(withTwoOrMore).toBeLessThan(160);
    expect(families.some((f) => f.problems.length === 0)).toBe(true);
    expect(families.some((f) => f.improved.length > 0)).toBe(true);
    expect(families.some((f) => f.programme.engagedOn !== null && f.improved.length === 0)).toBe(true);
    expect(families.some((f) => f.change === 'split')).toBe(true);
    expect(families.some((f) => f.change === 'joined')).toBe(true);
  });

  it('gives every person unique identifiers', () => {
    const nhs = new Set<string>();
    const people = [...generateFamilies({ families: 100, seed: 1 })].flatMap((f) => f.people);
    for (const p of people) nhs.add(p.nhsNumber);
    expect(nhs.size).toBe(people.length);
  });
});
