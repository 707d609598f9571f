/** People and their identifiers (NHS number, UPN, NI number, agency system ids). */
import { sql } from 'kysely';
import type { KnownPeople, PersonIdentifier } from '../../matching/person-matcher.ts';
import type { Executor } from './executor.ts';
import type { Person } from '../schema.ts';

export interface NewPerson {
  readonly id: string;
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly sex: Person['sex'];
  readonly nhsNumber?: string | undefined;
  readonly upn?: string | undefined;
  readonly niNumber?: string | undefined;
  readonly address: string;
  readonly postcode: string;
  readonly matchKey: string;
}

/** Everything the matcher needs about existing people (identifiers and match keys only). */
export async function loadKnownPeople(db: Executor): Promise<KnownPeople> {
  const identifiers = await db.selectFrom('person_identifiers').select(['kind', 'value', 'person_id']).execute();
  const keys = await db.selectFrom('people').select(['match_key', 'id']).execute();
  return {
    identifiers: identifiers.map((r) => [r.kind, r.value, r.person_id] as const),
    matchKeys: keys.map((r) => [r.match_key, r.id] as const),
  };
}

export async function insertPeople(db: Executor, fileId: string, people: readonly NewPerson[]): Promise<void> {
  if (people.length === 0) return;
  const col = <T>(f: (p: NewPerson) => T) => people.map(f);
  await sql`insert into people (id, forename, surname, date_of_birth, sex, nhs_number, upn, ni_number, address, postcode, match_key, created_by_file_id)
    select i, f, s, d, x, n, u, ni, a, p, k, ${fileId}::uuid from unnest(
      ${col((p) => p.id)}::uuid[], ${col((p) => p.forename)}::text[], ${col((p) => p.surname)}::text[], ${col((p) => p.dateOfBirth)}::date[],
      ${col((p) => p.sex)}::text[], ${col((p) => p.nhsNumber ?? null)}::text[], ${col((p) => p.upn ?? null)}::text[], ${col((p) => p.niNumber ?? null)}::text[],
      ${col((p) => p.address)}::text[], ${col((p) => p.postcode)}::text[], ${col((p) => p.matchKey)}::text[]
    ) as t(i, f, s, d, x, n, u, ni, a, p, k)`.execute(db);
}

export async function insertIdentifiers(db: Executor, identifiers: readonly (PersonIdentifier & { personId: string })[]): Promise<void> {
  if (identifiers.length === 0) return;
  await sql`insert into person_identifiers (kind, value, person_id)
    select k, v, p from unnest(${identifiers.map((i) => i.kind)}::text[], ${identifiers.map((i) => i.value)}::text[], ${identifiers.map((i) => i.personId)}::uuid[]) as t(k, v, p)
    on conflict do nothing`.execute(db);
}

export async function findPerson(db: Executor, id: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countPeople(db: Executor): Promise<number> {
  const r = await db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
