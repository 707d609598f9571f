/**
 * Read side of timeline assembly: a household, its members and every current event about them, in one
 * statement. Identification and tracking assemble one timeline per household, and on embedded PGlite
 * each statement costs about a millisecond of CPU before any work is done, so three statements per
 * household (household, members, events) were most of identification's time. Identification and
 * tracking read many households per statement ({@link householdTimelineRowsMany}); the family page reads one.
 */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { EventWithOrigin } from './events.ts';

export interface TimelineMember {
  readonly id: string;
  readonly dateOfBirth: string;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
}

export interface HouseholdTimelineRows {
  readonly id: string;
  readonly address: string;
  readonly postcode: string;
  /** People seen at the address, youngest last: ordered by date of birth, then id. */
  readonly members: readonly TimelineMember[];
  /** Current events about any member, oldest first (then by source and record), with their file and row. */
  readonly events: ReadonlyArray<Pick<EventWithOrigin, 'id' | 'personId' | 'payload' | 'fileName' | 'rowNumber'>>;
}

interface Row {
  id: string;
  address: string;
  postcode: string;
  members: TimelineMember[] | string;
  events: HouseholdTimelineRows['events'] | string;
}

/**
 * The select list shared by the one-household and many-household reads, so both give the same members and
 * events in the same order: members by date of birth then id; events by start date, then source and record.
 */
const timelineColumns = sql`h.id, h.address, h.postcode,
      coalesce((
        select json_agg(json_build_object('id', p.id, 'dateOfBirth', p.date_of_birth, 'sex', p.sex) order by p.date_of_birth, p.id)
        from household_members m join people p on p.id = m.person_id
        where m.household_id = h.id
      ), '[]') as members,
      coalesce((
        select json_agg(json_build_object('id', e.id, 'personId', e.person_id, 'payload', e.payload, 'fileName', f.file_name, 'rowNumber', e.row_number)
                        order by e.start_date, e.source, e.record_key)
        from events e join import_files f on f.id = e.file_id
        where e.person_id = any(array(select m.person_id from household_members m where m.household_id = h.id))
      ), '[]') as events`;

/** The household with its members and their events, or undefined when there is no such household. */
export async function householdTimelineRows(db: Executor, householdId: string): Promise<HouseholdTimelineRows | undefined> {
  const { rows } = await sql<Row>`select ${timelineColumns} from households h where h.id = ${householdId}`.execute(db);
  const row = rows[0];
  return row && toRows(row);
}

/**
 * Many households in one statement, keyed by id (ids with no household are left out). Callers page
 * through households a few hundred at a time, so memory stays flat however large the council.
 */
export async function householdTimelineRowsMany(db: Executor, householdIds: readonly string[]): Promise<Map<string, HouseholdTimelineRows>> {
  const out = new Map<string, HouseholdTimelineRows>();
  if (householdIds.length === 0) return out;
  const { rows } = await sql<Row>`select ${timelineColumns} from households h where h.id = any(${householdIds}::uuid[])`.execute(db);
  for (const row of rows) out.set(row.id, toRows(row));
  return out;
}

function toRows(row: Row): HouseholdTimelineRows {
  // PGlite parses json columns; node-postgres does too, but be safe if a driver hands back text.
  const members = typeof row.members === 'string' ? (JSON.parse(row.members) as TimelineMember[]) : row.members;
  const events = typeof row.events === 'string' ? (JSON.parse(row.events) as HouseholdTimelineRows['events']) : row.events;
  return { id: row.id, address: row.address, postcode: row.postcode, members, events };
}
