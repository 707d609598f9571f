/**
 * The web application's tables (migration 0200), typed for Kysely. Repositories reach them with
 * `db.withTables<WebTables>()` so the data platform's schema stays its own.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const roles = ['administrator', 'data-analyst', 'key-worker', 'auditor', 'manager'] as const;
export type Role = (typeof roles)[number];

export interface UserAccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** `local`, or the id of a single sign-on provider. */
  identity_provider: Generated<string>;
  /** The provider's stable id for the person: for local accounts, the account id. */
  identity_subject: string;
  /** An argon2id hash (PHC string); null for accounts that sign in elsewhere. */
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserSessionsTable {
  /** SHA-256 of the session id held in the browser's cookie. */
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export type WebTables = {
  user_accounts: UserAccountsTable;
  user_sessions: UserSessionsTable;
};
