/**
 * Assembles a household's timeline, in the public contract, from stored events: its members (people seen
 * at the address), and every current event about them, each carrying its `id` and its `origin` (the file
 * name and row number it came from). Programme dates belong to the workflow (families): until a caller
 * supplies them, `identifiedOn` is the as-of date (see `withProgramme` in timeline-source.ts).
 */
import type { Kysely } from 'kysely';
import { ageOn, parseDay } from '../engine/calendar/day.ts';
import type { Member, TimelineInput } from '../engine/timeline/timeline-schema.ts';
import { householdTimelineRows, householdTimelineRowsMany, type HouseholdTimelineRows } from '../data/repositories/household-timelines.ts';
import { listHouseholds } from '../data/repositories/households.ts';
import type { Database, Household } from '../data/schema.ts';
import { FamilyOutcomesError } from '../engine/errors.ts';
import type { TimelineRequest, TimelineSource } from './timeline-source.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A household's stored rows as a timeline input as of a date (which decides who is an adult). */
function toTimelineInput(household: HouseholdTimelineRows, asOf: string): TimelineInput {
  const people = household.members;
  const on = parseDay(asOf);
  const roles = people.map((p) => (ageOn(parseDay(p.dateOfBirth), on) >= 18 ? 'adult' : 'child'));
  const hasChild = roles.includes('child');
  const members: Member[] = people.map((p, i) => ({
    id: p.id,
    dateOfBirth: p.dateOfBirth,
    role: roles[i]!,
    parentingResponsibility: roles[i] === 'adult' && hasChild,
    sex: p.sex,
  }));
  return {
    familyId: household.id,
    members,
    programme: { identifiedOn: asOf, engagedOn: null, closedOn: null },
    events: household.events.map((e) => ({ ...e.payload, id: e.id, person: e.personId, origin: { file: e.fileName, row: e.rowNumber } })) as TimelineInput['events'],
  };
}

export class TimelineService implements TimelineSource {
  /** Its timelines are read from what imports wrote, and nothing else writes those tables. */
  readonly changesOnlyByImport = true;

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The household's timeline as of a date (which decides who is an adult), or null when there is no such
   * household. Adults living with a child are marked as having parenting responsibility.
   */
  async timelineForHousehold(householdId: string, asOf: string): Promise<TimelineInput | null> {
    if (!uuidPattern.test(householdId)) return null;
    // One statement for the household, its members and their events (see household-timelines.ts).
    const household = await householdTimelineRows(this.db, householdId);
    return household ? toTimelineInput(household, asOf) : null;
  }

  /**
   * Many households' timelines in one statement, each as of its own date, in the order asked (null for a
   * household that does not exist or an id that is not one). Each is exactly what
   * {@link timelineForHousehold} gives. Identification and tracking ask a page of a few hundred at a time.
   */
  async timelinesForHouseholds(requests: readonly TimelineRequest[]): Promise<Array<TimelineInput | null>> {
    const ids = [...new Set(requests.map((r) => r.householdId).filter((id) => uuidPattern.test(id)))];
    const rows = await householdTimelineRowsMany(this.db, ids);
    return requests.map(({ householdId, asOf }) => {
      const household = rows.get(householdId.toLowerCase());
      return household ? toTimelineInput(household, asOf) : null;
    });
  }

  async households(): Promise<Household[]> {
    return listHouseholds(this.db);
  }
}

export class UnknownHouseholdError extends FamilyOutcomesError {
  readonly code = 'unknown-household';
  constructor(readonly householdId: string) {
    super(`No household ${JSON.stringify(householdId)}. List households with: family-outcomes timeline --list`);
  }
}
