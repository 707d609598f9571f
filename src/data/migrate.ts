/**
 * Versioned migrations: every file in src/data/migrations, applied in name order (`0001-…` data
 * platform, `0100-…` workflow, `0200-…` web).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { FamilyOutcomesError } from '../engine/errors.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationError extends FamilyOutcomesError {
  readonly code = 'internal';
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`Database migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Loads the migration files with this module's own `import()`, so they go through the same TypeScript
 * loader as the rest of the code (tsx, vitest); Kysely's FileMigrationProvider imports from node_modules.
 */
export const folderMigrationProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(migrationsFolder)).filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(migrationsFolder, file)).href)) as Migration;
    }
    return migrations;
  },
};

export function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: folderMigrationProvider });
}

/** Brings the schema up to date; throws {@link MigrationError} naming the migration that failed. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw new MigrationError(results?.find((r) => r.status === 'Error')?.migrationName, error);
}
