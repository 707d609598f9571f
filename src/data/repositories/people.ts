/** People and their identifiers (NHS number, UPN, NI number, agency system ids). */
import { CopyLines, copyLines, type CopyValue } from '../copy-rows.ts';
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

/** New people are loaded with COPY, like events (see `insertEvents`). */
export async function insertPeople(db: Executor, fileId: string, people: readonly NewPerson[]): Promise<void> {
  await copyPersonLines(db, CopyLines.of(people.map((p) => personCopyRow(fileId, p))));
}

/** One new person's values for {@link copyPersonLines}: added as the row is read. */
export function personCopyRow(fileId: string, p: NewPerson): CopyValue[] {
  return [p.id, p.forename, p.surname, p.dateOfBirth, p.sex, p.nhsNumber ?? null, p.upn ?? null, p.niNumber ?? null, p.address, p.postcode, p.matchKey, fileId];
}

export async function copyPersonLines(db: Executor, lines: CopyLines): Promise<void> {
  await copyLines(db, 'people', ['id', 'forename', 'surname', 'date_of_birth', 'sex', 'nhs_number', 'upn', 'ni_number', 'address', 'postcode', 'match_key', 'created_by_file_id'], lines);
}

/**
 * New identifiers are loaded with COPY, like people. Only imports write identifiers, one at a time under
 * the import lock, and the matcher hands out an identifier as new only when neither the stored ones
 * (loaded under that lock) nor this import's earlier rows have it: an identifier already stored is a
 * bug, and fails the statement (the primary key) and so the import, rather than being skipped unseen.
 * In the 200,000-row import profile (`bench/profile-import.ts`, PostgreSQL) the identifiers' statements took
 * 1.17 s against 1.56 s as one `jsonb_to_recordset` document with `on conflict do nothing`.
 */
export async function insertIdentifiers(db: Executor, identifiers: readonly (PersonIdentifier & { personId: string })[]): Promise<void> {
  await copyIdentifierLines(db, CopyLines.of(identifiers.map((i) => identifierCopyRow(i, i.personId))));
}

/** One new identifier's values for {@link copyIdentifierLines}. */
export function identifierCopyRow(identifier: PersonIdentifier, personId: string): CopyValue[] {
  return [identifier.kind, identifier.value, personId];
}

export async function copyIdentifierLines(db: Executor, lines: CopyLines): Promise<void> {
  await copyLines(db, 'person_identifiers', ['kind', 'value', 'person_id'], lines);
}

export async function findPerson(db: Executor, id: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countPeople(db: Executor): Promise<number> {
  const r = await db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
