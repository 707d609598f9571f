/**
 * A Kysely dialect for embedded PGlite. PGlite is one connection, so the driver hands it out to one
 * query or transaction at a time (a queue), which keeps a transaction's statements together.
 *
 * Written here rather than taken from `kysely-pglite-dialect` because that package's peer range stops
 * at PGlite 0.4; this is the whole of what it would do for us. One addition: a {@link CopyQuery}
 * (`copy-rows.ts`) is run with its rows as the blob PGlite's `COPY … FROM '/dev/blob'` reads; a
 * {@link PreparedQuery} (`prepared-query.ts`) is prepared once and run with `EXECUTE`.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { isCopyQuery } from './copy-rows.ts';
import { executeStatement, isPreparedQuery, prepareStatement, PreparedQueryError, type PreparedQuery } from './prepared-query.ts';

/** The statements prepared in each PGlite database (its one session), by name, with their text. */
const preparedIn = new WeakMap<PGlite, Map<string, string>>();

export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = isCopyQuery(query)
      ? await this.pglite.query<R>(`copy ${query.copyInto} from '/dev/blob'`, [], { blob: new Blob([query.copyText]) })
      : isPreparedQuery(query)
        ? await this.#executePrepared<R>(query)
        : await this.pglite.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined && { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  /** Prepares the statement the first time its name is used in this database (prepared-query.ts), then executes it. */
  async #executePrepared<R>(query: PreparedQuery) {
    let prepared = preparedIn.get(this.pglite);
    if (!prepared) preparedIn.set(this.pglite, (prepared = new Map()));
    const known = prepared.get(query.preparedName);
    if (known === undefined) {
      await this.pglite.query(prepareStatement(query));
      prepared.set(query.preparedName, query.sql);
    } else if (known !== query.sql) throw new PreparedQueryError(`prepared statement ${query.preparedName} is already prepared with a different text`);
    return this.pglite.query<R>(executeStatement(query));
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGliteDialect does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#queue;
    if (!this.pglite.closed) await this.pglite.close();
  }
}
