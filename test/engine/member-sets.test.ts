/**
 * Member sets (src/engine/evaluate/member-sets.ts): the members a `who` selects, shared per mask, in
 * member order.
 */
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/engine/calendar/day.ts';
import { maxMasked, MemberSets } from '../../src/engine/evaluate/member-sets.ts';
import { memberOn } from '../../src/engine/evaluate/subjects.ts';
import type { PreparedMember } from '../../src/engine/timeline/prepared-timeline.ts';

const member = (id: string, role: PreparedMember['role'] = 'adult'): PreparedMember => ({ id, dateOfBirth: parseDay(role === 'adult' ? '1990-01-01' : '2010-06-01'), role, parentingResponsibility: role === 'adult', sex: 'female' });
const ids = (subjects: ReadonlyArray<{ id: string }>) => subjects.map((s) => s.id);

describe('MemberSets', () => {
  const sets = new MemberSets(['A1', 'A2', 'C1', 'C2'].map((id) => member(id)));

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

  it('gives the members matching a who, in member order, the same whether the family is named by masks or not', () => {
    const on = parseDay('2019-03-31');
    const people = Array.from({ length: maxMasked + 1 }, (_, i) => member(`M${i}`, i % 3 === 0 ? 'child' : 'adult'));
    const children = people.filter((p) => p.role === 'child').map((p) => p.id);
    const large = new MemberSets(people);
    const small = new MemberSets(people.slice(0, maxMasked));
    expect(ids(large.matching({ role: 'child' }, on))).toEqual(children);
    const smallChildren = small.matching({ role: 'child' }, on);
    expect(ids(smallChildren)).toEqual(children.filter((id) => id !== `M${maxMasked}`));
    expect(small.matching({ role: 'child' }, on)).toBe(smallChildren);
  });

  it('works out the members a who selects once per who and date', () => {
    const on = parseDay('2019-03-31');
    const later = parseDay('2040-03-31');
    const who = { role: 'child' as const, age: { max: 17 } };
    const family = new MemberSets([member('A1'), member('C1', 'child')]);
    const now = family.matching(who, on);
    expect(ids(now)).toEqual(['C1']);
    expect(family.matching(who, on)).toBe(now);
    // The same who on another date is matched afresh: by 2040 the child is an adult in age.
    expect(ids(family.matching(who, later))).toEqual([]);
    // Another who object is matched afresh, even when it reads the same.
    expect(ids(family.matching({ role: 'adult' }, on))).toEqual(['A1']);
    // A family too large for masks keeps its lists too.
    const large = new MemberSets(Array.from({ length: maxMasked + 1 }, (_, i) => member(`M${i}`)));
    const adults = { role: 'adult' as const };
    expect(large.matching(adults, on)).toHaveLength(maxMasked + 1);
    expect(large.matching(adults, on)).toBe(large.matching(adults, on));
  });

  it('works out each member’s age and school year once per date', () => {
    const on = parseDay('2019-03-31');
    const later = parseDay('2020-03-31');
    const facts = sets.factsOn(on);
    expect(facts).toEqual(sets.all.map((s) => memberOn(s.member!, on)));
    expect(sets.factsOn(later)).toEqual(sets.all.map((s) => memberOn(s.member!, later)));
    expect(sets.factsOn(on)).toBe(facts);
  });
});
