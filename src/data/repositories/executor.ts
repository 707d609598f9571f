import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** A database or an open transaction: repositories work on either. */
export type Executor = Kysely<Database>;
