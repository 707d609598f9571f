/**
 * Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite in a data
 * directory (or in memory, for tests). Either way the schema is migrated to the latest version and
 * dates come back as `YYYY-MM-DD` strings.
 */
import { mkdirSync } from 'node:fs';
import { Kysely } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { PostgresCopyDialect } from './postgres-dialect.ts';
import type { Database } from './schema.ts';
import { dateOid, keepDateText } from './date-type.ts';

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory' };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

/** Where the configuration says the database is: `DATABASE_URL` if set, else PGlite in `FAMILY_OUTCOMES_DATA`. */
export function databaseTarget(config: { DATABASE_URL?: string | undefined; FAMILY_OUTCOMES_DATA: string }): DatabaseTarget {
  return config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.FAMILY_OUTCOMES_DATA };
}

export async function createDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const db = new Kysely<Database>({ dialect: createDialect(target) });
  try {
    if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: target.kind, close: () => db.destroy() };
}

function createDialect(target: DatabaseTarget) {
  switch (target.kind) {
    case 'postgres':
      // Kysely's PostgreSQL dialect plus COPY (see copy-rows.ts).
      return new PostgresCopyDialect(
        new pg.Pool({
          connectionString: target.url,
          max: 4,
          types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === dateOid ? keepDateText : pg.types.getTypeParser(oid, format)) },
        }),
      );
    case 'pglite': {
      mkdirSync(target.dataDir, { recursive: true });
      // PGlite on a thread of its own (pglite-dialect.ts), which sets the same DATE parser there.
      return new PGliteDialect({ dataDir: target.dataDir });
    }
    case 'pglite-memory':
      return new PGliteDialect();
  }
}
