/**
 * A validated timeline turned into the form the evaluator reads: dates as day numbers, every event
 * with an inclusive [start, end] (a dated event is one day; an open spell runs to `openEnd`; an
 * attendance record spans its term; earnings span their month), sorted, and indexed by type and by
 * person and type.
 *
 * Events are prepared lazily, one type at a time, when a rule first reads that type: a plan reads
 * only some of the types a family's extracts hold (Southampton's indicators never read earnings or
 * assessments, which are half a generated family's events), so the rest are never parsed.
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
  /** The family's events by type and by person and type, each list prepared when first asked for. */
  readonly events: EventIndex;
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

function inOrder(list: readonly PreparedEvent[]): boolean {
  for (let i = 1; i < list.length; i++) if (byStart(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

const none = new Map<string, readonly PreparedEvent[]>();

/**
 * The family's events indexed by type, and by person and type. Building it only groups the events'
 * positions by type; a type's events are parsed, sorted (by start date, then input order; only when
 * not in that order already) and dealt out to their people the first time the type is read.
 */
export class EventIndex {
  /** Positions in the timeline's event list, by type, in input order. */
  private readonly positions = new Map<string, number[]>();
  private readonly prepared = new Map<string, readonly PreparedEvent[]>();
  /** Per type: each person's events, in the type's order (household events, with no person, under `''`). */
  private readonly byPerson = new Map<string, ReadonlyMap<string, readonly PreparedEvent[]>>();

  constructor(
    private readonly events: readonly TimelineEvent[],
    private readonly terms: TermCalendar,
  ) {
    for (let i = 0; i < events.length; i++) {
      const type = events[i]!.type;
      const list = this.positions.get(type);
      if (list) list.push(i);
      else this.positions.set(type, [i]);
    }
  }

  /** Whether the family has any event of the type (nothing is prepared to answer). */
  has(type: string): boolean {
    return this.positions.has(type);
  }

  /** The family's events of the type, sorted by start date then input order; undefined when it has none. */
  ofType(type: string): readonly PreparedEvent[] | undefined {
    let list = this.prepared.get(type);
    if (list === undefined) {
      const positions = this.positions.get(type);
      if (!positions) return undefined;
      const events = positions.map((i) => prepareEvent(this.events[i]!, i, this.terms));
      if (!inOrder(events)) events.sort(byStart);
      this.prepared.set(type, (list = events));
    }
    return list;
  }

  /** A person's events of the type (`''` for household events), in the type's order; undefined when none. */
  ofPerson(person: string, type: string): readonly PreparedEvent[] | undefined {
    let people = this.byPerson.get(type);
    if (people === undefined) {
      const list = this.ofType(type);
      if (!list) return undefined;
      const dealt = new Map<string, PreparedEvent[]>();
      for (const e of list) {
        const who = e.person ?? '';
        const own = dealt.get(who);
        if (own) own.push(e);
        else dealt.set(who, [e]);
      }
      this.byPerson.set(type, (people = dealt.size > 0 ? dealt : none));
    }
    return people.get(person);
  }

  /** Whether the person has any event of the type (read from the unprepared events until the type is prepared). */
  personHas(person: string, type: string): boolean {
    const people = this.byPerson.get(type);
    if (people !== undefined) return people.has(person);
    const positions = this.positions.get(type);
    if (!positions) return false;
    for (const i of positions) if ((this.events[i]!.person ?? '') === person) return true;
    return false;
  }
}

export function prepareTimeline(timeline: Timeline, terms: TermCalendar): PreparedTimeline {
  const { identifiedOn, engagedOn, closedOn } = timeline.programme;
  return {
    familyId: timeline.familyId,
    members: timeline.members.map((m) => ({ id: m.id, dateOfBirth: parseDay(m.dateOfBirth), role: m.role, parentingResponsibility: m.parentingResponsibility, sex: m.sex })),
    identified: parseDay(identifiedOn),
    engaged: engagedOn ? parseDay(engagedOn) : undefined,
    closed: closedOn ? parseDay(closedOn) : undefined,
    source: timeline,
    events: new EventIndex(timeline.events, terms),
  };
}
