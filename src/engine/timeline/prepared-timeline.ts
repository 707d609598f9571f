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
import { timelineEvent, type Timeline, type TimelineEvent } from './timeline-schema.ts';

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

/** The ids given to events without one (`e0`, `e1`, …), made once each rather than per event per family. */
const positionalIds: string[] = [];

function positionalId(index: number): string {
  // Grown in order, so the array stays packed.
  while (positionalIds.length <= index) positionalIds.push(`e${positionalIds.length}`);
  return positionalIds[index]!;
}

/** How each event type is dated, read from the timeline schema once: a day, a spell, a school term or a month. */
type Dating = 'date' | 'spell' | 'term' | 'month';
const datingOf = new Map<string, Dating>(
  timelineEvent.options.map((o) => {
    const shape = o.shape as Record<string, unknown>;
    return [o.shape.type.value, 'date' in shape ? 'date' : 'start' in shape ? 'spell' : 'term' in shape ? 'term' : 'month'];
  }),
);

/**
 * Prepares one event of a type dated as `dating` says (decided once per type, not by testing each
 * event's fields: events of many types have many shapes, and `'date' in raw` over them was slow).
 */
function prepareEvent(raw: TimelineEvent, index: number, terms: TermCalendar, dating: Dating): PreparedEvent {
  const id = raw.id ?? positionalId(index);
  if (dating === 'date') {
    const d = parseDay((raw as { date: string }).date);
    return { index, id, type: raw.type, person: raw.person, start: d, end: d, ended: true, raw };
  }
  if (dating === 'spell') {
    const spell = raw as { start: string; end?: string | null | undefined };
    const start = parseDay(spell.start);
    const ended = Boolean(spell.end);
    return { index, id, type: raw.type, person: raw.person, start, end: spell.end ? parseDay(spell.end) : openEnd, ended, raw };
  }
  const range = dating === 'term' ? terms.byName((raw as { term: string }).term) : monthRange((raw as { month: string }).month);
  return { index, id, type: raw.type, person: raw.person, start: range.start, end: range.end, ended: true, raw };
}

const byStart = (a: PreparedEvent, b: PreparedEvent) => a.start - b.start || a.index - b.index;

/**
 * Sorts by start date, then input order. A family's events of one type are few and most often in
 * order already: insertion sort, with no comparator calls, is the cheapest for them.
 */
function sortByStart(list: PreparedEvent[]): void {
  for (let i = 1; i < list.length; i++) {
    const e = list[i]!;
    let j = i - 1;
    while (j >= 0 && byStart(list[j]!, e) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = e;
  }
}

/** One event type's events in a family: their positions, then (when first read) prepared and dealt out. */
interface TypeEntry {
  /** The type's first position in the timeline's event list, its last, and how many it has. */
  readonly first: number;
  last: number;
  count: number;
  prepared: readonly PreparedEvent[] | undefined;
  /** Once dealt: the one person (`''` for the household) all the type's events belong to, if only one. */
  solo: string | undefined;
  /** Once dealt, when more than one person has events of the type: each one's events, in the type's order. */
  byPerson: ReadonlyMap<string, readonly PreparedEvent[]> | undefined;
}

/**
 * The family's events indexed by type, and by person and type. Building it only chains the events'
 * positions by type (each position holds the next of its type); a type's events are parsed, sorted
 * (by start date, then input order) and dealt out to their people the first time the type is read.
 * Everything known of a type is kept in one entry, found with one map lookup. Built for every
 * evaluation, so it allocates little: one array of positions, one entry per type, and a list per
 * person only when more than one person has events of a type.
 */
export class EventIndex {
  private readonly types = new Map<string, TypeEntry>();
  /** For each position, the next position with an event of the same type (-1 after the last). */
  private readonly next: number[];

  constructor(
    private readonly events: readonly TimelineEvent[],
    private readonly terms: TermCalendar,
  ) {
    const next = (this.next = new Array<number>(events.length));
    for (let i = 0; i < events.length; i++) {
      const type = events[i]!.type;
      next[i] = -1;
      const entry = this.types.get(type);
      if (entry) {
        next[entry.last] = i;
        entry.last = i;
        entry.count++;
      } else this.types.set(type, { first: i, last: i, count: 1, prepared: undefined, solo: undefined, byPerson: undefined });
    }
  }

  /** Whether the family has any event of the type (nothing is prepared to answer). */
  has(type: string): boolean {
    return this.types.has(type);
  }

  /** The family's events of the type, sorted by start date then input order; undefined when it has none. */
  ofType(type: string): readonly PreparedEvent[] | undefined {
    const entry = this.types.get(type);
    return entry === undefined ? undefined : (entry.prepared ?? this.prepare(entry));
  }

  private prepare(entry: TypeEntry): readonly PreparedEvent[] {
    const events = new Array<PreparedEvent>(entry.count);
    const dating = datingOf.get(this.events[entry.first]!.type)!;
    for (let i = entry.first, k = 0; i >= 0; i = this.next[i]!, k++) events[k] = prepareEvent(this.events[i]!, i, this.terms, dating);
    sortByStart(events);
    return (entry.prepared = events);
  }

  /** A person's events of the type (`''` for household events), in the type's order; undefined when none. */
  ofPerson(person: string, type: string): readonly PreparedEvent[] | undefined {
    const entry = this.types.get(type);
    if (entry === undefined) return undefined;
    if (entry.solo === undefined && entry.byPerson === undefined) this.deal(entry);
    if (entry.solo !== undefined) return entry.solo === person ? entry.prepared : undefined;
    return entry.byPerson!.get(person);
  }

  private deal(entry: TypeEntry): void {
    const list = entry.prepared ?? this.prepare(entry);
    const one = list[0]!.person ?? '';
    let shared = true;
    for (let k = 1; k < list.length && shared; k++) if ((list[k]!.person ?? '') !== one) shared = false;
    if (shared) {
      entry.solo = one;
      return;
    }
    const dealt = new Map<string, PreparedEvent[]>();
    for (const e of list) {
      const who = e.person ?? '';
      const own = dealt.get(who);
      if (own) own.push(e);
      else dealt.set(who, [e]);
    }
    entry.byPerson = dealt;
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
