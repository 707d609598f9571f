/**
 * The thread embedded PGlite runs on (see pglite-dialect.ts, which starts it). It opens the database
 * named in `workerData`, answers `ready` (or the opening error), then runs each statement it is sent
 * and posts back the rows. Statements arrive one at a time (the dialect's queue); PGlite's own mutex
 * would keep them apart anyway.
 *
 * Rows travel by structured clone, which keeps what PGlite's parsers make: Date (timestamptz), bigint,
 * parsed jsonb, Uint8Array (bytea). The parsers themselves are functions, which cannot be posted, so
 * they are set here: DATE stays the `YYYY-MM-DD` text, as on the PostgreSQL server dialect.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite } from '@electric-sql/pglite';
import { dateOid, keepDateText } from './date-type.ts';

/** How the dialect opens the database: a data directory, or in memory when none is given. */
export interface PGliteWorkerOptions {
  readonly dataDir?: string | undefined;
}

/** From the dialect: run one statement (with COPY text, as UTF-8, read from `/dev/blob`), or close the database. */
export type PGliteWorkerRequest =
  | { readonly type: 'query'; readonly id: number; readonly sql: string; readonly parameters: readonly unknown[]; readonly copyData?: Uint8Array }
  | { readonly type: 'close'; readonly id: number };

/** An error as it crosses threads: its message, name and, for a PostgreSQL error, its fields. */
export interface PostedError {
  readonly message: string;
  readonly name: string;
  /** Set for PGlite's `DatabaseError`, which the dialect rebuilds with these fields. */
  readonly database: boolean;
  readonly fields: Readonly<Record<string, string | number>>;
}

/** To the dialect: the database is open (id 0) or not; a statement's rows; a statement's error. */
export type PGliteWorkerReply =
  | { readonly id: number; readonly ok: true; readonly rows: unknown[]; readonly affectedRows: number | undefined }
  | { readonly id: number; readonly ok: false; readonly error: PostedError };

/**
 * PostgreSQL settings for a database in a data directory, added to PGlite's own start parameters (which
 * already run it with fsync off). Measured on 1,000,000 attendance rows on a quiet 2-core machine (one run
 * each): 75.0 s with PGlite's defaults, 68.9 s with the larger buffer pool alone, 61.6 s with all four.
 *
 * - `shared_buffers=768MB` (PGlite: 128MB): a large import's tables and indexes stay in the buffer pool
 *   instead of being written out and read back through the emulated file system. The memory is taken as
 *   it is used, so a small database costs no more.
 * - `max_wal_size=4GB` (1GB): no checkpoint in the middle of a million-row import, which would write every
 *   dirty page and make the next change to each page log a whole-page image.
 * - `full_page_writes=off`: those whole-page images guard against a page half-written when the operating
 *   system crashes; with fsync off (PGlite's default) such a crash can lose recent writes anyway, and a
 *   crash or kill of this process leaves no page half-written. A transaction still commits or rolls
 *   back whole.
 * - `wal_init_zero=off`: a new WAL file is not first filled with zeros (16 MB of writes each).
 */
export const dataDirectorySettings = ['shared_buffers=768MB', 'max_wal_size=4GB', 'full_page_writes=off', 'wal_init_zero=off'] as const;

/** The fields of a PostgreSQL error (and a Node error's `code`/`errno`/`syscall`/`path`) worth keeping. */
const errorFields = [
  'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where', 'schema', 'table', 'column',
  'dataType', 'constraint', 'file', 'line', 'routine', 'length', 'query', 'errno', 'syscall', 'path',
] as const;

export function postedError(error: unknown): PostedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', database: false, fields: {} };
  const fields: Record<string, string | number> = {};
  for (const field of errorFields) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
  }
  return { message: error.message, name: error.name, database: error instanceof messages.DatabaseError, fields };
}

const port = parentPort;
if (port) {
  const options = workerData as PGliteWorkerOptions;
  const parsers = { [dateOid]: keepDateText };
  const startParams = [...PGlite.defaultStartParams, ...dataDirectorySettings.flatMap((setting) => ['-c', setting])];
  const pglite = options.dataDir === undefined ? new PGlite({ parsers }) : new PGlite(options.dataDir, { parsers, startParams });
  const reply = (message: PGliteWorkerReply) => port.postMessage(message);
  const fail = (id: number, error: unknown) => reply({ id, ok: false, error: postedError(error) });

  pglite.waitReady.then(
    () => reply({ id: 0, ok: true, rows: [], affectedRows: undefined }),
    (error: unknown) => fail(0, error),
  );

  port.on('message', (request: PGliteWorkerRequest) => {
    if (request.type === 'close') {
      (pglite.closed ? Promise.resolve() : pglite.close()).then(
        () => reply({ id: request.id, ok: true, rows: [], affectedRows: undefined }),
        (error: unknown) => fail(request.id, error),
      );
      return;
    }
    const result =
      request.copyData === undefined
        ? pglite.query(request.sql, [...request.parameters])
        : pglite.query(request.sql, [], { blob: new Blob([request.copyData]) });
    result.then(
      (r) => {
        try {
          reply({ id: request.id, ok: true, rows: r.rows, affectedRows: r.affectedRows });
        } catch (error) {
          fail(request.id, error); // a value structured clone cannot copy: this statement fails, the thread lives on
        }
      },
      (error: unknown) => fail(request.id, error),
    );
  });
}
