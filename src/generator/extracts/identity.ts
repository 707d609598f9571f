/**
 * How each agency system has recorded a person: its own person id (sometimes two, when the agency
 * holds a duplicate record), the name as it was taken down (nicknames, spelling variants, typing
 * slips, forename and surname swapped, one half of a double-barrelled surname), the date of birth
 * with the occasional slip, which national identifiers it holds, and how late it learns of a move.
 * Decided once per person and system, so an agency's mistakes are consistent across its rows.
 */
import { addDays, dayFrom, toYmd, type Day } from '../../engine/calendar/day.ts';
import type { SyntheticPerson } from '../model.ts';
import { nicknameOf, spellingVariantOf, typo } from '../names.ts';
import { Rng } from '../random.ts';

export const systems = ['police', 'youth-justice', 'education', 'social-care', 'dwp', 'housing', 'health', 'key-worker'] as const;
export type SystemId = (typeof systems)[number];

interface SystemHabits {
  readonly idPrefix: string;
  /** How dates are written: ISO, or UK `DD/MM/YYYY`, or UK without leading zeros. */
  readonly dates: 'iso' | 'uk' | 'uk-short';
  /** Chance of recording a nickname (or the name the person gave) rather than the legal forename. */
  readonly nickname: number;
  /** Chance of holding each optional identifier. */
  readonly nhs: number;
  readonly upn: number;
  readonly ni: number;
  /** Chance that the system is slow to learn of a change of address. */
  readonly lagsMoves: number;
}

export const habits: Record<SystemId, SystemHabits> = {
  police: { idPrefix: 'POL', dates: 'iso', nickname: 0.25, nhs: 0, upn: 0, ni: 0, lagsMoves: 0.5 },
  'youth-justice': { idPrefix: 'YOT', dates: 'uk', nickname: 0.15, nhs: 0, upn: 0, ni: 0, lagsMoves: 0.3 },
  education: { idPrefix: 'EDU', dates: 'uk', nickname: 0.03, nhs: 0, upn: 0.55, ni: 0, lagsMoves: 0.3 },
  'social-care': { idPrefix: 'SOC', dates: 'iso', nickname: 0.08, nhs: 0.45, upn: 0, ni: 0, lagsMoves: 0.2 },
  dwp: { idPrefix: 'DWP', dates: 'iso', nickname: 0.01, nhs: 0, upn: 0, ni: 0, lagsMoves: 0.4 },
  housing: { idPrefix: 'HOU', dates: 'uk', nickname: 0.1, nhs: 0, upn: 0, ni: 0.35, lagsMoves: 0.1 },
  health: { idPrefix: 'HEA', dates: 'iso', nickname: 0.05, nhs: 0.7, upn: 0, ni: 0, lagsMoves: 0.6 },
  'key-worker': { idPrefix: 'KEY', dates: 'uk-short', nickname: 0.3, nhs: 0.2, upn: 0.15, ni: 0.25, lagsMoves: 0.05 },
};

export interface RecordedPerson {
  /** The system's id(s) for the person: a second one when the agency holds a duplicate record. */
  readonly personIds: readonly string[];
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: Day;
  readonly sex: string;
  readonly holdsNhs: boolean;
  readonly holdsUpn: boolean;
  readonly holdsNi: boolean;
  /** Days after a move before the system records the new address. */
  readonly addressLag: number;
  /** What differs from the truth, for the ground truth (`nickname`, `typo-surname`, `dob-day-month-swapped`, …). */
  readonly mess: readonly string[];
}

export function recordPerson(seed: number, familyIndex: number, person: SyntheticPerson, system: SystemId): RecordedPerson {
  const rng = Rng.for(seed, familyIndex, 0x1d, systems.indexOf(system), person.key);
  const h = habits[system];
  const mess: string[] = [];

  let forename = person.forename;
  const nick = rng.chance(h.nickname) ? nicknameOf(forename, rng) : undefined;
  if (nick) {
    forename = nick;
    mess.push('nickname');
  } else if (rng.chance(0.05)) {
    const v = spellingVariantOf(forename, rng);
    if (v) {
      forename = v;
      mess.push('forename-spelling');
    }
  }
  if (rng.chance(0.025)) {
    forename = typo(forename, rng);
    mess.push('forename-typo');
  }

  let surname = person.surname;
  if (surname.includes('-')) {
    const r = rng.float();
    const [first, second] = surname.split('-') as [string, string];
    if (r < 0.25) surname = first;
    else if (r < 0.5) surname = second;
    else if (r < 0.6) surname = `${first} ${second}`;
    if (surname !== person.surname) mess.push('double-barrelled-surname');
  } else if (rng.chance(0.05)) {
    const v = spellingVariantOf(surname, rng);
    if (v) {
      surname = v;
      mess.push('surname-spelling');
    }
  }
  if (rng.chance(0.025)) {
    surname = typo(surname, rng);
    mess.push('surname-typo');
  }
  if (rng.chance(system === 'police' || system === 'housing' ? 0.02 : 0.005)) {
    [forename, surname] = [surname, forename];
    mess.push('names-swapped');
  }

  let dateOfBirth = person.dateOfBirth;
  const r = rng.float();
  const { year, month, day } = toYmd(dateOfBirth);
  if (r < 0.025 && day <= 12 && day !== month) {
    dateOfBirth = dayFrom(year, day, month);
    mess.push('dob-day-month-swapped');
  } else if (r < 0.045) {
    dateOfBirth = addDays(dateOfBirth, rng.chance(0.5) ? 1 : -1);
    mess.push('dob-off-by-one-day');
  } else if (r < 0.052) {
    dateOfBirth = dayFrom(year + (rng.chance(0.5) ? 1 : -1), month, Math.min(day, 28));
    mess.push('dob-wrong-year');
  }

  const sex = rng.chance(0.06) ? (rng.chance(0.5) ? '' : 'U') : person.sex === 'female' ? 'F' : 'M';
  const idNumber = (k: number) => `${h.idPrefix}${String(((k * 104_729 + systems.indexOf(system) * 7_777) % 9_000_000) + 1_000_000)}`;
  const personIds = rng.chance(0.03) ? [idNumber(person.key), idNumber(person.key + 5_000_000)] : [idNumber(person.key)];
  if (personIds.length > 1) mess.push('duplicate-agency-record');

  const holdsNhs = rng.chance(h.nhs);
  const holdsUpn = rng.chance(h.upn);
  const holdsNi = rng.chance(h.ni);
  const addressLag = rng.chance(h.lagsMoves) ? rng.int(20, 240) : 0;
  return { personIds, forename, surname, dateOfBirth, sex, holdsNhs, holdsUpn, holdsNi, addressLag, mess };
}

/** A date as the system writes it. */
export function renderDate(iso: string, style: SystemHabits['dates']): string {
  if (style === 'iso' || iso === '') return iso;
  const [y, m, d] = iso.split('-') as [string, string, string];
  return style === 'uk' ? `${d}/${m}/${y}` : `${Number(d)}/${Number(m)}/${y}`;
}
