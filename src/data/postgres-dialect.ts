/**
 * Kysely's PostgreSQL dialect with one addition: a {@link CopyQuery} (see `copy-rows.ts`) is sent with
 * `COPY … FROM STDIN` through `pg-copy-streams` on the connection it runs on. Kysely's own driver keeps
 * its `pg` client private, so the driver is written out here (what Kysely's does, less the streaming
 * and savepoints nothing in the project uses); the adapter, compiler and introspector are Kysely's.
 */
import { finished } from 'node:stream/promises';
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
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isCopyQuery } from './copy-rows.ts';
import { isPreparedQuery } from './prepared-query.ts';

export class PostgresCopyDialect implements Dialect {
  constructor(private readonly pool: pg.Pool) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PostgresCopyDriver(this.pool);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

const affectingCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

class PostgresCopyConnection implements DatabaseConnection {
  constructor(readonly client: pg.PoolClient) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (isCopyQuery(query)) {
      const stream = this.client.query(copyFrom(query.sql));
      stream.end(query.copyData);
      await finished(stream);
      return { rows: [], numAffectedRows: BigInt(stream.rowCount) };
    }
    // A prepared query (prepared-query.ts) becomes a named statement, which pg prepares once per connection.
    const result = isPreparedQuery(query)
      ? await this.client.query({ name: query.preparedName, text: query.sql, values: [...query.parameters] })
      : await this.client.query(query.sql, [...query.parameters]);
    return {
      rows: (result.rows ?? []) as R[],
      ...(affectingCommands.has(result.command) && result.rowCount !== null && { numAffectedRows: BigInt(result.rowCount) }),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PostgresCopyDialect does not support streaming queries');
  }
}

class PostgresCopyDriver implements Driver {
  readonly #connections = new WeakMap<pg.PoolClient, PostgresCopyConnection>();

  constructor(private readonly pool: pg.Pool) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.pool.connect();
    let connection = this.#connections.get(client);
    if (!connection) {
      connection = new PostgresCopyConnection(client);
      this.#connections.set(client, connection);
    }
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = settings.isolationLevel || settings.accessMode ? 'start transaction' : 'begin';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PostgresCopyConnection).client.release();
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}
