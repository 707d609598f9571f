/**
 * One evaluation's members as subjects, and the sets of them that `who`s select, shared. The same few
 * sets (the adults, the school-age children, everyone) come out of many `who`s at each date, so each
 * is one array per evaluation instead of one per `who` and date: evaluation allocates little, and the
 * garbage collector, which ran for a tenth of it, has less to do.
 *
 * A set is named by a bit mask of member positions (bit i: the i-th member), for families of up to
 * {@link maxMasked} members; a larger family's sets are built once per `who` and date, unshared.
 */
import type { Day } from '../calendar/day.ts';
import type { Who } from '../plan/plan-schema.ts';
import type { PreparedMember } from '../timeline/prepared-timeline.ts';
import type { Subject } from './context.ts';
import { matchesWho, memberOn, type MemberOn } from './subjects.ts';

export const maxMasked = 30;

const noSubjects: readonly Subject[] = [];

export class MemberSets {
  /** One subject per member, in member order. */
  readonly all: readonly Subject[];
  /** Whether sets can be named by masks (see {@link maxMasked}). */
  readonly masked: boolean;
  private readonly masks: number[] = [];
  private readonly sets: Array<readonly Subject[]> = [];
  /** Each member's age and school year on a date, per date asked for (an evaluation asks for two or three). */
  private readonly factDays: Day[] = [];
  private readonly factLists: Array<readonly MemberOn[]> = [];
  /**
   * The members each `who` (keyed by the plan's own object) selects on each date asked for: frames,
   * outcomes and claims ask for a dozen or so per evaluation, in parallel lists searched in order
   * (maps made per family cost more than the search).
   */
  private readonly matchedWhos: object[] = [];
  private readonly matchedDays: Day[] = [];
  private readonly matchedSets: Array<readonly Subject[]> = [];

  constructor(members: readonly PreparedMember[]) {
    this.all = members.map((m) => ({ id: m.id, member: m }));
    this.masked = members.length <= maxMasked;
  }

  /** The members whose bits are set in the mask, in member order: the same array for the same mask. */
  ofMask(mask: number): readonly Subject[] {
    if (mask === 0) return noSubjects;
    const { masks, sets } = this;
    for (let k = 0; k < masks.length; k++) if (masks[k] === mask) return sets[k]!;
    let n = 0;
    for (let m = mask; m !== 0; m &= m - 1) n++;
    const set = new Array<Subject>(n);
    let j = 0;
    for (let i = 0; j < n; i++) if (mask & (1 << i)) set[j++] = this.all[i]!;
    masks.push(mask);
    sets.push(set);
    return set;
  }

  /** Each member's age and school year on the date, in member order: worked out once per date. */
  factsOn(on: Day): readonly MemberOn[] {
    const { factDays, factLists } = this;
    for (let k = 0; k < factDays.length; k++) if (factDays[k] === on) return factLists[k]!;
    const facts = this.all.map((s) => memberOn(s.member!, on));
    factDays.push(on);
    factLists.push(facts);
    return facts;
  }

  /**
   * The members matching `who` on the date, in member order: the shared set for their mask, or (for a
   * family too large for masks) a list of their own. Worked out once per `who` and date.
   */
  matching(who: Who, on: Day): readonly Subject[] {
    const { matchedWhos, matchedDays, matchedSets } = this;
    for (let k = 0; k < matchedWhos.length; k++) if (matchedWhos[k] === who && matchedDays[k] === on) return matchedSets[k]!;
    const found = this.match(who, on);
    matchedWhos.push(who);
    matchedDays.push(on);
    matchedSets.push(found);
    return found;
  }

  private match(who: Who, on: Day): readonly Subject[] {
    const all = this.all;
    const facts = this.factsOn(on);
    if (this.masked) {
      let mask = 0;
      for (let i = 0; i < all.length; i++) if (matchesWho(all[i]!.member!, who, on, facts[i])) mask |= 1 << i;
      return this.ofMask(mask);
    }
    const found: Subject[] = [];
    for (let i = 0; i < all.length; i++) if (matchesWho(all[i]!.member!, who, on, facts[i])) found.push(all[i]!);
    return found;
  }
}
