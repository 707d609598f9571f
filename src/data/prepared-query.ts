/**
 * Prepared statements for the hottest reads on embedded PGlite. PGlite parses and plans every
 * statement afresh (its API has no named statements), and planning a statement with several
 * subqueries costs more than running it: the family page's one statement took 1.2 ms of this
 * process's CPU planned each time and 0.5 ms run as a prepared statement (1,000-family council).
 *
 * A query marked with {@link prepared} carries a name. The PGlite dialect prepares it once per
 * database (SQL `PREPARE`; a prepared statement lasts as long as the session and survives a rolled
 * back transaction) and then runs `EXECUTE name(…)` with the parameters written as SQL literals,
 * because `EXECUTE` takes no bind parameters. The PostgreSQL server dialect sends it as a named
 * statement, which pg prepares once per pooled connection (saving the server the planning).
 *
 * Only scalar parameters (text, numbers, booleans, dates, null) can be written as literals; anything
 * else is a bug in the caller and fails with {@link PreparedQueryError}.
 */
import type { CompiledQuery } from 'kysely';
import { FamilyOutcomesError } from '../engine/errors.ts';

/** A prepared query's name or parameter that cannot be used (a bug in the caller, never user input). */
export class PreparedQueryError extends FamilyOutcomesError {
  readonly code = 'internal';
}

export interface PreparedQuery<R = unknown> extends CompiledQuery<R> {
  /** The statement's name, a plain lower-case identifier unique in the application. */
  readonly preparedName: string;
}

const identifier = /^[a-z][a-z0-9_]*$/;

/** Marks `query` to be run as the prepared statement `name` where the database benefits. */
export function prepared<R>(name: string, query: CompiledQuery<R>): PreparedQuery<R> {
  if (!identifier.test(name)) throw new PreparedQueryError(`prepared: ${JSON.stringify(name)} is not a plain lower-case name`);
  return { ...query, preparedName: name };
}

export function isPreparedQuery(query: CompiledQuery): query is PreparedQuery {
  return typeof (query as Partial<PreparedQuery>).preparedName === 'string';
}

/** `PREPARE name AS <the query>`: parameter types are inferred from how `$1…` are used. */
export function prepareStatement(query: PreparedQuery): string {
  return `prepare ${query.preparedName} as ${query.sql}`;
}

/** One parameter as an SQL literal (standard-conforming strings: only the quote is doubled). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PreparedQueryError(`prepared query parameter ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new PreparedQueryError('prepared query parameter contains a NUL character');
    return `'${value.replaceAll("'", "''")}'`;
  }
  throw new PreparedQueryError(`prepared query parameter of type ${typeof value} cannot be written as a literal`);
}

/** `EXECUTE name('…', …)` with the query's parameters as literals. */
export function executeStatement(query: PreparedQuery): string {
  return query.parameters.length === 0 ? `execute ${query.preparedName}` : `execute ${query.preparedName}(${query.parameters.map(sqlLiteral).join(', ')})`;
}
