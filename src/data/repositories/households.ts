/** Households (people at one address) and their members over time. */
import { sql } from 'kysely';
import { copyRows } from '../copy-rows.ts';
import type { Executor } from './executor.ts';
import type { Household, Person } from '../schema.ts';

export interface NewHousehold {
  readonly id: string;
  readonly address: string;
  readonly postcode: string;
  readonly key: string;
}

export interface Membership {
  readonly householdId: string;
  readonly personId: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export async function loadHouseholdKeys(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('households').select(['address_key', 'id']).execute();
  return new Map(rows.map((r) => [r.address_key, r.id]));
}

/** New households are loaded with COPY, like events (see `insertEvents`). */
export async function insertHouseholds(db: Executor, households: readonly NewHousehold[]): Promise<void> {
  await copyRows(db, 'households', ['id', 'address', 'postcode', 'address_key'], households.map((h) => [h.id, h.address, h.postcode, h.key]));
}

/**
 * Records that each person was seen at each household between the dates given, widening what is known.
 * One JSON document per batch (an upsert, which COPY cannot do).
 */
export async function upsertMemberships(db: Executor, memberships: readonly Membership[]): Promise<void> {
  if (memberships.length === 0) return;
  const records = JSON.stringify(memberships.map((m) => ({ h: m.householdId, p: m.personId, f: m.firstSeen, l: m.lastSeen })));
  await sql`insert into household_members (household_id, person_id, first_seen, last_seen)
    select h, p, f, l from jsonb_to_recordset(${records}::jsonb) as t(h uuid, p uuid, f date, l date)
    on conflict (household_id, person_id) do update set
      first_seen = least(household_members.first_seen, excluded.first_seen),
      last_seen = greatest(household_members.last_seen, excluded.last_seen)`.execute(db);
}

export async function findHousehold(db: Executor, id: string): Promise<Household | undefined> {
  return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listHouseholds(db: Executor): Promise<Household[]> {
  return db.selectFrom('households').selectAll().orderBy('postcode').orderBy('address').execute();
}

export type HouseholdMember = Person & { first_seen: string; last_seen: string };

export async function householdMembers(db: Executor, householdId: string): Promise<HouseholdMember[]> {
  return db
    .selectFrom('household_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('p')
    .select(['m.first_seen', 'm.last_seen'])
    .where('m.household_id', '=', householdId)
    .orderBy('p.date_of_birth')
    .orderBy('p.id')
    .execute();
}
