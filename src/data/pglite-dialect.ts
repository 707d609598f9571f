/**
 * A Kysely dialect for embedded PGlite, run on a thread of its own (a `worker_threads` Worker,
 * pglite-worker.ts) so that PostgreSQL's work overlaps this thread's: while PGlite executes one
 * statement, the app goes on validating the next batch of an import or rendering another page. On one
 * thread the two took turns on one core; the Worker gives PGlite the machine's second.
 *
 * PGlite is one connection, so the driver hands it out to one query or transaction at a time (a queue),
 * which keeps a transaction's statements together; each statement is posted to the thread and its rows
 * posted back (structured clone: Date, bigint, jsonb objects and Uint8Array arrive as PGlite made them).
 * A {@link CopyQuery} (`copy-rows.ts`) travels as its text, which the thread hands PGlite as the blob
 * `COPY … FROM '/dev/blob'` reads; a {@link PreparedQuery} (`prepared-query.ts`) is prepared once per
 * database and run with `EXECUTE`. PostgreSQL errors arrive as PGlite's `DatabaseError` with their
 * fields (`code`, `constraint`, `detail`, …). If the thread dies (a crash, running out of memory) every
 * waiting and later query fails with {@link PGliteThreadError} rather than waiting for ever.
 *
 * The thread is started by Kysely's first query and ended by `db.destroy()`, after the queue has
 * drained and PGlite has closed. It holds the process open only while a statement is running, so a
 * process that forgets to close its database still exits, as it did with PGlite on the main thread.
 *
 * Written here rather than taken from `kysely-pglite-dialect`, whose peer range stops at PGlite 0.4 and
 * which runs PGlite on the caller's thread; PGlite's own `PGliteWorker` is for browsers' Web Workers.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { messages } from '@electric-sql/pglite';
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
import { FamilyOutcomesError } from '../engine/errors.ts';
import { isCopyQuery } from './copy-rows.ts';
import type { PGliteWorkerOptions, PGliteWorkerReply, PGliteWorkerRequest, PostedError } from './pglite-worker.ts';
import { executeStatement, isPreparedQuery, prepareStatement, PreparedQueryError, type PreparedQuery } from './prepared-query.ts';

/** The database's thread has stopped (crashed, ran out of memory, or the database was closed): no query can run. */
export class PGliteThreadError extends FamilyOutcomesError {
  readonly code = 'internal';
}

export interface PGliteDialectOptions extends PGliteWorkerOptions {
  /** Called with the thread once it has started (for tests: to end it as a crash would). */
  readonly onThreadStart?: (worker: Worker) => void;
}

// The worker is TypeScript: it starts with the same loader as `bin/family-outcomes` (its own `--import`,
// as web-processes.ts gives cluster processes), which works the same under Node and under Vitest, whose
// own transform does not reach worker threads. An explicit execArgv also stops the worker inheriting the
// parent's `--import`, which would register the loader twice.
const workerEntry = new URL('./pglite-worker.ts', import.meta.url);
const typescriptHook = fileURLToPath(new URL('../../bin/register-typescript.mjs', import.meta.url));

export class PGliteDialect implements Dialect {
  /** Embedded PGlite in `dataDir`, or in memory when no directory is given. */
  constructor(private readonly options: PGliteDialectOptions = {}) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.options);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

/** A PostgreSQL error rebuilt as PGlite's `DatabaseError` with its fields; any other error as an Error with its message and name. */
function rebuiltError(posted: PostedError): Error {
  const error: Error = posted.database ? new messages.DatabaseError(posted.message, Number(posted.fields['length'] ?? 0), 'error') : new Error(posted.message);
  if (!posted.database) error.name = posted.name;
  return Object.assign(error, posted.fields);
}

interface Pending {
  resolve(reply: { rows: unknown[]; affectedRows: number | undefined }): void;
  reject(error: Error): void;
}

/** The thread PGlite runs on and the statements waiting for its answers. */
class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopped: PGliteThreadError | undefined;
  #closing = false;
  #crash: Error | undefined;
  readonly #exited: Promise<void>;

  constructor(options: PGliteDialectOptions) {
    this.#worker = new Worker(workerEntry, {
      workerData: { dataDir: options.dataDir } satisfies PGliteWorkerOptions,
      execArgv: ['--import', typescriptHook],
    });
    this.#worker.on('message', (reply: PGliteWorkerReply) => this.#settle(reply));
    this.#worker.on('error', (error) => (this.#crash = error));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', (exitCode) => {
      this.#stop(exitCode);
      resolve();
    }));
    options.onThreadStart?.(this.#worker);
  }

  /** Resolves once PGlite is open; rejects with the opening error (the thread then ended). */
  async opened(): Promise<void> {
    try {
      await this.#await(0);
    } catch (error) {
      await this.#end();
      throw error;
    }
  }

  query(sql: string, parameters: readonly unknown[], copyData?: Uint8Array) {
    const id = this.#nextId++;
    const reply = this.#await(id);
    if (copyData === undefined) this.#post({ type: 'query', id, sql, parameters }, id);
    else {
      // Copied once into a buffer of their own, which is moved to the thread rather than cloned: a clone
      // copies the view's whole buffer (a growing buffer's spare room, or Node's shared pool) twice over,
      // and moving the caller's own buffer would empty it under the caller.
      const bytes = new Uint8Array(copyData); // not .slice(): on a Buffer that is a view, not a copy
      this.#post({ type: 'query', id, sql, parameters, copyData: bytes }, id, [bytes.buffer]);
    }
    return reply;
  }

  /** Closes PGlite on its thread, then ends the thread. Quietly done if the thread has already stopped. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    const id = this.#nextId++;
    const closed = this.#await(id);
    this.#post({ type: 'close', id }, id);
    try {
      await closed;
    } finally {
      await this.#end();
    }
  }

  async #end(): Promise<void> {
    this.#closing = true;
    await this.#worker.terminate();
    await this.#exited;
  }

  #await(id: number): Promise<{ rows: unknown[]; affectedRows: number | undefined }> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    // Held open while a statement runs (so nothing exits under it), let go when idle.
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  #post(request: PGliteWorkerRequest, id: number, transfer: ArrayBuffer[] = []) {
    if (this.#stopped) return;
    try {
      this.#worker.postMessage(request, transfer);
    } catch (error) {
      this.#settle({ id, ok: false, error: { message: error instanceof Error ? error.message : String(error), name: 'DataCloneError', database: false, fields: {} } });
    }
  }

  #settle(reply: PGliteWorkerReply) {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply);
    else pending.reject(rebuiltError(reply.error));
  }

  #stop(exitCode: number) {
    this.#stopped = this.#closing
      ? new PGliteThreadError('the PGlite database is closed')
      : new PGliteThreadError(
          `the PGlite database thread stopped (${this.#crash ? this.#crash.message : `exit code ${exitCode}`}); ` +
            'no query can run on this database until the app is restarted',
          { cause: this.#crash },
        );
    for (const pending of this.#pending.values()) pending.reject(this.#stopped);
    this.#pending.clear();
  }
}

class PGliteConnection implements DatabaseConnection {
  /** The statements prepared in this database (its one session), by name, with their text. */
  readonly #prepared = new Map<string, string>();

  constructor(private readonly thread: PGliteThread) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = isCopyQuery(query)
      ? await this.thread.query(`copy ${query.copyInto} from '/dev/blob'`, [], query.copyData)
      : isPreparedQuery(query)
        ? await this.#executePrepared(query)
        : await this.thread.query(query.sql, query.parameters);
    return {
      rows: result.rows as R[],
      ...(result.affectedRows !== undefined && { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  /** Prepares the statement the first time its name is used in this database (prepared-query.ts), then executes it. */
  async #executePrepared(query: PreparedQuery) {
    const execute = executeStatement(query); // a parameter that cannot be a literal fails before anything is prepared
    const known = this.#prepared.get(query.preparedName);
    if (known === undefined) {
      await this.thread.query(prepareStatement(query), []);
      this.#prepared.set(query.preparedName, query.sql);
    } else if (known !== query.sql) throw new PreparedQueryError(`prepared statement ${query.preparedName} is already prepared with a different text`);
    return this.thread.query(execute, []);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGliteDialect does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  #thread: PGliteThread | undefined;
  #connection: PGliteConnection | undefined;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(private readonly options: PGliteDialectOptions) {}

  async init(): Promise<void> {
    const thread = new PGliteThread(this.options);
    await thread.opened();
    this.#thread = thread;
    this.#connection = new PGliteConnection(thread);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection!;
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
    await this.#thread?.close();
  }
}
