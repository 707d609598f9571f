/**
 * A validated timeline turned into the form the evaluator reads: dates as day numbers, every event
 * with an inclusive [start, end] (a dated event is one day; an open spell runs to `openEnd`; an
 * attendance record spans its term; earnings span their month), grouped by type and sorted.
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
  /** The event types each member has (household events, with no person, are under `''`). */
  readonly typesByPerson: ReadonlyMap<string, ReadonlySet<string>>;
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
  const range = raw.type === 'attendance' ? terms.byName(raw.term) : parseMonth(raw.month);
  return { index, id, type: raw.type, person: raw.person, start: range.start, end: range.end, ended: true, raw };
}

export function prepareTimeline(timeline: Timeline, terms: TermCalendar): PreparedTimeline {
  const byType = new Map<string, PreparedEvent[]>();
  const typesByPerson = new Map<string, Set<string>>();
  timeline.events.forEach((raw, index) => {
    const prepared = prepareEvent(raw, index, terms);
    const who = raw.person ?? '';
    let types = typesByPerson.get(who);
    if (!types) typesByPerson.set(who, (types = new Set()));
    types.add(raw.type);
    let list = byType.get(raw.type);
    if (!list) byType.set(raw.type, (list = []));
    list.push(prepared);
  });
  for (const list of byType.values()) list.sort((a, b) => a.start - b.start || a.index - b.index);
  const { identifiedOn, engagedOn, closedOn } = timeline.programme;
  return {
    familyId: timeline.familyId,
    members: timeline.members.map((m) => ({ ...m, dateOfBirth: parseDay(m.dateOfBirth) })),
    identified: parseDay(identifiedOn),
    engaged: engagedOn ? parseDay(engagedOn) : undefined,
    closed: closedOn ? parseDay(closedOn) : undefined,
    source: timeline,
    byType,
    typesByPerson,
  };
}
