/**
 * Who is in a family and where they live over the period: lone-parent and two-parent households of
 * mixed ages, births, moves of address, and a few families that split (a parent leaves) or combine
 * (a new partner moves in with their child).
 */
import { addDays, addMonths, ageOn, dayFrom, toYmd, type Day } from '../engine/calendar/day.ts';
import { isSchoolAge } from '../engine/calendar/school-terms.ts';
import { randomAddress } from './addresses.ts';
import { syntheticNhsNumber, syntheticNiNumber, syntheticUpn } from './identifiers.ts';
import type { Address, Residence, Sex, SyntheticPerson } from './model.ts';
import { femaleForenames, maleForenames, surnames } from './names.ts';
import { dayBetween, periodEnd, periodStart } from './period.ts';
import type { Rng } from './random.ts';

/** The local authority number in UPNs (a 3-digit number no English authority uses). */
export const laNumber = 990;

export interface Household {
  readonly people: SyntheticPerson[];
  readonly residences: Residence[];
  readonly change: 'stable' | 'split' | 'joined';
  /** When the change happened. */
  readonly changedOn: Day | null;
  /** The person who left (split) or joined. */
  readonly mover: string | null;
  readonly leadParent: SyntheticPerson;
  readonly partner: SyntheticPerson | null;
}

interface PersonDraft {
  slot: number;
  sex: Sex;
  dateOfBirth: Day;
  surname: string;
  parent: boolean;
}

export function createHousehold(rng: Rng, familyIndex: number, familyId: string): Household {
  const lone = rng.chance(0.55);
  const leadSex: Sex = lone && rng.chance(0.1) ? 'male' : 'female';
  const leadAge = Math.round(Math.min(55, Math.max(19, rng.normal(34, 7))));
  const leadSurname = rng.pick(surnames);
  const drafts: PersonDraft[] = [{ slot: 0, sex: leadSex, dateOfBirth: birthdayAtAge(rng, leadAge), surname: leadSurname, parent: true }];

  const partnerSurname = rng.chance(0.5) ? leadSurname : rng.pick(surnames);
  if (!lone) {
    const partnerAge = Math.round(Math.min(65, Math.max(19, leadAge + rng.normal(2, 4))));
    drafts.push({ slot: 1, sex: leadSex === 'female' ? 'male' : 'female', dateOfBirth: birthdayAtAge(rng, partnerAge), surname: partnerSurname, parent: true });
  }

  const childSurname = (): string => {
    if (lone || partnerSurname === leadSurname) return rng.chance(0.8) ? leadSurname : rng.pick(surnames);
    const r = rng.float();
    return r < 0.45 ? partnerSurname : r < 0.85 ? leadSurname : `${leadSurname}-${partnerSurname}`;
  };
  const children = rng.weighted([[1, 25], [2, 35], [3, 25], [4, 15]] as const);
  const oldestPossible = Math.min(22, leadAge - 17);
  for (let c = 0; c < children; c++) {
    const adultChild = c === 0 && oldestPossible >= 18 && rng.chance(0.12);
    const age = adultChild ? rng.int(18, oldestPossible) : rng.int(0, Math.max(0, Math.min(17, oldestPossible)));
    drafts.push({ slot: 2 + c, sex: rng.chance(0.5) ? 'female' : 'male', dateOfBirth: birthdayAtAge(rng, age), surname: childSurname(), parent: false });
  }

  const change = rng.weighted([['stable', 88], ['split', 6], ['joined', 6]] as const);
  const changedOn = change === 'stable' ? null : dayBetween(rng, addMonths(periodStart, 3), addMonths(periodEnd, -6));
  if (change === 'split' && lone) drafts.push({ slot: 1, sex: leadSex === 'female' ? 'male' : 'female', dateOfBirth: birthdayAtAge(rng, leadAge + 2), surname: partnerSurname, parent: true });
  if (change === 'joined') {
    const joinerAge = Math.round(Math.max(20, leadAge + rng.normal(1, 5)));
    const joinerSurname = rng.pick(surnames);
    drafts.push({ slot: 7, sex: leadSex === 'female' ? 'male' : 'female', dateOfBirth: birthdayAtAge(rng, joinerAge), surname: joinerSurname, parent: true });
    drafts.push({ slot: 6, sex: rng.chance(0.5) ? 'female' : 'male', dateOfBirth: birthdayAtAge(rng, rng.int(2, Math.min(15, joinerAge - 18))), surname: joinerSurname, parent: false });
  } else if (leadSex === 'female' && leadAge <= 42 && rng.chance(0.12)) {
    drafts.push({ slot: 6, sex: rng.chance(0.5) ? 'female' : 'male', dateOfBirth: dayBetween(rng, addMonths(periodStart, 2), addMonths(periodEnd, -3)), surname: childSurname(), parent: false });
  }

  const people = drafts.map((d) => toPerson(rng, familyIndex, familyId, d));
  const residences = placePeople(rng, familyId, people, change, changedOn);
  const byslot = (slot: number) => people.find((p) => p.id === `${familyId}-${slot + 1}`) ?? null;
  return {
    people,
    residences,
    change,
    changedOn,
    mover: change === 'split' ? `${familyId}-2` : change === 'joined' ? `${familyId}-8` : null,
    leadParent: byslot(0)!,
    partner: byslot(1) ?? (change === 'joined' ? byslot(7) : null),
  };
}

function birthdayAtAge(rng: Rng, age: number): Day {
  // Someone `age` years old on the first day of the period.
  const { year } = toYmd(periodStart);
  const born = dayFrom(year - age - 1, 4, 2);
  return addDays(born, rng.int(0, 364));
}

function toPerson(rng: Rng, familyIndex: number, familyId: string, d: PersonDraft): SyntheticPerson {
  const key = familyIndex * 8 + d.slot;
  const forename = rng.pick(d.sex === 'female' ? femaleForenames : maleForenames);
  const schoolAge = isSchoolAge(d.dateOfBirth, periodStart) || isSchoolAge(d.dateOfBirth, periodEnd);
  const ageAtEnd = ageOn(d.dateOfBirth, periodEnd);
  const person: SyntheticPerson = {
    id: `${familyId}-${d.slot + 1}`,
    key,
    forename,
    surname: d.surname,
    dateOfBirth: d.dateOfBirth,
    sex: d.sex,
    parent: d.parent,
    nhsNumber: syntheticNhsNumber(key),
    ...(schoolAge ? { upn: syntheticUpn(key, laNumber, toYmd(d.dateOfBirth).year + 5) } : {}),
    ...(ageAtEnd >= 16 ? { niNumber: syntheticNiNumber(key) } : {}),
  };
  return person;
}

function placePeople(rng: Rng, familyId: string, people: readonly SyntheticPerson[], change: Household['change'], changedOn: Day | null): Residence[] {
  const main = `${familyId}-H1`;
  const other = `${familyId}-H2`;
  // The main household's addresses: a quarter move once, a few twice.
  const moves = rng.weighted([[0, 68], [1, 25], [2, 7]] as const);
  const moveDays = Array.from({ length: moves }, () => dayBetween(rng, addMonths(periodStart, 2), addMonths(periodEnd, -2))).sort((a, b) => a - b);
  const addresses: { address: Address; from: Day; to: Day | null }[] = [];
  let from = periodStart;
  for (const m of moveDays) {
    if (m <= from) continue;
    addresses.push({ address: randomAddress(rng), from, to: addDays(m, -1) });
    from = m;
  }
  addresses.push({ address: randomAddress(rng), from, to: null });
  const otherAddress = randomAddress(rng);

  const inMain = (person: string, start: Day, end: Day | null): Residence[] =>
    addresses
      .filter((a) => (a.to === null || a.to >= start) && (end === null || a.from <= end))
      .map((a) => ({
        person,
        household: main,
        address: a.address,
        from: a.from > start ? a.from : start,
        to: end === null ? a.to : a.to === null || a.to > end ? end : a.to,
      }));

  const residences: Residence[] = [];
  for (const p of people) {
    const arrives = p.dateOfBirth > periodStart ? p.dateOfBirth : periodStart;
    const slot = Number(p.id.slice(p.id.lastIndexOf('-') + 1)) - 1;
    if (change === 'split' && slot === 1 && changedOn !== null) {
      residences.push(...inMain(p.id, arrives, addDays(changedOn, -1)));
      residences.push({ person: p.id, household: other, address: otherAddress, from: changedOn, to: null });
    } else if (change === 'joined' && slot >= 6 && changedOn !== null) {
      residences.push({ person: p.id, household: other, address: otherAddress, from: arrives, to: addDays(changedOn, -1) });
      residences.push(...inMain(p.id, changedOn, null));
    } else {
      residences.push(...inMain(p.id, arrives, null));
    }
  }
  return residences;
}

/** Where `person` lived on `day` (the first residence if before it, the last if after). */
export function residenceOn(residences: readonly Residence[], person: string, day: Day): Residence {
  let found: Residence | undefined;
  for (const r of residences) {
    if (r.person !== person) continue;
    if (found === undefined || r.from <= day) found = r;
    if (r.from <= day && (r.to === null || r.to >= day)) return r;
  }
  if (!found) throw new RangeError(`no residence for ${person}`);
  return found;
}
