/**
 * Member sets (src/engine/evaluate/member-sets.ts): the members a `who` selects, shared per mask, in
 * member order.
 */
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/engine/calendar/day.ts';
import { maxMasked, MemberSets } from '../../src/engine/evaluate/member-sets.ts';
import type { PreparedMember } from '../../src/engine/timeline/prepared-timeline.ts';

const member = (id: string): PreparedMember => ({ id, dateOfBirth: parseDay('1990-01-01'), role: 'adult', parentingResponsibility: true, sex: 'female' });
const ids = (subjects: ReadonlyArray<{ id: string }>) => subjects.map((s) => s.id);

describe('MemberSets', () => {
  const sets = new MemberSets(['A1', 'A2', 'C1', 'C2'].map(member));

  it('gives the members of a mask in member order, one array per mask', () => {
    expect(ids(sets.ofMask(0b1010))).toEqual(['A2', 'C2']);
    expect(ids(sets.ofMask(0b1111))).toEqual(['A1', 'A2', 'C1', 'C2']);
    expect(sets.ofMask(0b1010)).toBe(sets.ofMask(0b1010));
    expect(sets.ofMask(0b0110)).not.toBe(sets.ofMask(0b1010));
    expect(sets.ofMask(0)).toEqual([]);
    expect(sets.ofMask(0b1111)[0]).toBe(sets.all[0]);
  });

  it('names sets by masks only for families small enough', () => {
    expect(sets.masked).toBe(true);
    expect(new MemberSets(Array.from({ length: maxMasked }, (_, i) => member(`M${i}`))).masked).toBe(true);
    expect(new MemberSets(Array.from({ length: maxMasked + 1 }, (_, i) => member(`M${i}`))).masked).toBe(false);
    const last = new MemberSets(Array.from({ length: maxMasked }, (_, i) => member(`M${i}`)));
    expect(ids(last.ofMask(1 << (maxMasked - 1)))).toEqual([`M${maxMasked - 1}`]);
  });
});
