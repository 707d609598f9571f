/** User accounts (table `user_accounts`): plain reads and writes, no rules. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Role, UserAccountsTable, WebTables } from '../web-tables.ts';

export interface UserAccountRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly identityProvider: string;
  readonly identitySubject: string;
  readonly active: boolean;
  readonly createdAt: Date;
}

const columns = ['id', 'username', 'display_name', 'role', 'identity_provider', 'identity_subject', 'active', 'created_at'] as const;

type Selected = Pick<UserAccountsTable, 'id' | 'username' | 'display_name' | 'role' | 'identity_subject'> & {
  identity_provider: string;
  active: boolean;
  created_at: Date;
};

function toRow(r: Selected): UserAccountRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    identityProvider: r.identity_provider,
    identitySubject: r.identity_subject,
    active: r.active,
    createdAt: r.created_at,
  };
}

export class WebUsersRepository {
  private readonly db: Kysely<Database & WebTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<WebTables>();
  }

  async list(): Promise<UserAccountRow[]> {
    const rows = await this.db.selectFrom('user_accounts').select(columns).orderBy('display_name').orderBy('username').execute();
    return rows.map(toRow);
  }

  async findById(id: string): Promise<UserAccountRow | undefined> {
    const row = await this.db.selectFrom('user_accounts').select(columns).where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  async findByIdentity(provider: string, subject: string): Promise<UserAccountRow | undefined> {
    const row = await this.db
      .selectFrom('user_accounts')
      .select(columns)
      .where('identity_provider', '=', provider)
      .where('identity_subject', '=', subject)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /** The password hash of an active local account, by username (case-insensitive). */
  async findLocalCredentials(username: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const row = await this.db
      .selectFrom('user_accounts')
      .select(['id', 'password_hash'])
      .where('username', '=', username.toLowerCase())
      .where('identity_provider', '=', 'local')
      .where('active', '=', true)
      .executeTakeFirst();
    return row?.password_hash ? { id: row.id, passwordHash: row.password_hash } : undefined;
  }

  /** Inserts an account; returns false when the username is taken. */
  async insert(account: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    identityProvider: string;
    identitySubject: string;
    passwordHash: string | null;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('user_accounts')
      .values({
        id: account.id,
        username: account.username,
        display_name: account.displayName,
        role: account.role,
        identity_provider: account.identityProvider,
        identity_subject: account.identitySubject,
        password_hash: account.passwordHash,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async update(id: string, changes: { role?: Role; active?: boolean; passwordHash?: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('user_accounts')
      .set({
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(changes.active === undefined ? {} : { active: changes.active }),
        ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
