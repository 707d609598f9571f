/**
 * A validated timeline turned into the form the evaluator reads: dates as day numbers, every event
 * with an inclusive [start, end] (a dated event is one day; an open spell runs to `openEnd`; an
 * attendance record spans its term; earnings span their month), sorted, and indexed by type and by
 * person and type.
 */
import { parseDay, type Day } from '../calendar/day.ts';
import { parseMonth } from '../calendar/quarter.ts';
import type { TermCalendar } from '../calendar/school-terms.ts';
import type { Timeline, TimelineEvent } from './timeline-schema.ts';

/** The end of a spell with no end date: far beyond any as-of date. */
export const openEnd = 2_000_000 as Day;

export interface PreparedEvent {
  readonly index: number;
  readonly id: string;
  readonly type: TimelineEvent['type'];
  readonly person: string | undefined;
  readonly start: Day;
  /** Inclusive; `openEnd` for a spell still open. */
  readonly end: Day;
  /** True when the spell had a recorded end date. */
  readonly ended: boolean;
  readonly raw: TimelineEvent;
}

export interface PreparedMember {
  readonly id: string;
  readonly dateOfBirth: Day;
  readonly role: 'adult' | 'child';
  readonly parentingResponsibility: boolean;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
}

export interface PreparedTimeline {
  readonly familyId: string;
  readonly members: readonly PreparedMember[];
  readonly identified: Day;
  readonly engaged: Day | undefined;
  readonly closed: Day | undefined;
  readonly source: Timeline;
  /** Events of each type, sorted by start date then input order. */
  readonly byType: ReadonlyMap<string, readonly PreparedEvent[]>;
  /**
   * Each person's events by type, sorted as `byType` (household events, with no person, are under
   * `''`). Most rules read one member's events of one or two types: this index hands them over without
   * scanning the family's other events. A person's map holds only the types they have events of.
   */
  readonly byPerson: ReadonlyMap<string, ReadonlyMap<string, readonly PreparedEvent[]>>;
}

/** Month ranges by `YYYY-MM`: earnings are monthly, and every family repeats the same few hundred months. */
const months = new Map<string, { readonly start: Day; readonly end: Day }>();
const maxMonths = 10_000;

function monthRange(text: string): { readonly start: Day; readonly end: Day } {
  let range = months.get(text);
  if (!range) {
    const { start, end } = parseMonth(text);
    if (months.size >= maxMonths) months.clear();
    months.set(text, (range = { start, end }));
  }
  return range;
}

function prepareEvent(raw: TimelineEvent, index: number, terms: TermCalendar): PreparedEvent {
  const id = raw.id ?? `e${index}`;
  if ('date' in raw) {
    const d = parseDay(raw.date);
    return { index, id, type: raw.type, person: raw.person, start: d, end: d, ended: true, raw };
  }
  if ('start' in raw) {
    const start = parseDay(raw.start);
    const ended = Boolean(raw.end);
    return { index, id, type: raw.type, person: raw.person, start, end: raw.end ? parseDay(raw.end) : openEnd, ended, raw };
  }
  const range = raw.type === 'attendance' ? terms.byName(raw.term) : monthRange(raw.month);
  return { index, id, type: raw.type, person: raw.person, start: range.start, end: range.end, ended: true, raw };
}

const byStart = (a: PreparedEvent, b: PreparedEvent) => a.start - b.start || a.index - b.index;

function push<K>(map: Map<K, PreparedEvent[]>, key: K, e: PreparedEvent): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function inOrder(list: readonly PreparedEvent[]): boolean {
  for (let i = 1; i < list.length; i++) if (byStart(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

export function prepareTimeline(timeline: Timeline, terms: TermCalendar): PreparedTimeline {
  const events = timeline.events;
  const byType = new Map<string, PreparedEvent[]>();
  for (let i = 0; i < events.length; i++) {
    const e = prepareEvent(events[i]!, i, terms);
    push(byType, e.type, e);
  }
  // Each type sorted on its own (extracts often list a type in date order already), then dealt out
  // to its people: every person's list keeps the type's order.
  const byPerson = new Map<string, Map<string, PreparedEvent[]>>();
  for (const [type, list] of byType) {
    if (!inOrder(list)) list.sort(byStart);
    for (const e of list) {
      const who = e.person ?? '';
      let own = byPerson.get(who);
      if (!own) byPerson.set(who, (own = new Map()));
      push(own, type, e);
    }
  }
  const { identifiedOn, engagedOn, closedOn } = timeline.programme;
  return {
    familyId: timeline.familyId,
    members: timeline.members.map((m) => ({ id: m.id, dateOfBirth: parseDay(m.dateOfBirth), role: m.role, parentingResponsibility: m.parentingResponsibility, sex: m.sex })),
    identified: parseDay(identifiedOn),
    engaged: engagedOn ? parseDay(engagedOn) : undefined,
    closed: closedOn ? parseDay(closedOn) : undefined,
    source: timeline,
    byType,
    byPerson,
  };
}
