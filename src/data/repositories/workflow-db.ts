/** The data platform's database seen with the workflow's tables too (src/data/workflow-schema.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { WorkflowTables } from '../workflow-schema.ts';

export type WorkflowDb = Kysely<Database & WorkflowTables>;

export function workflowDb(db: Kysely<Database>): WorkflowDb {
  return db.withTables<WorkflowTables>();
}

/** Postgres's unique_violation, from the pg driver or PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
