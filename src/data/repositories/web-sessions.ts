/** Signed-in sessions (table `user_sessions`), found by the hash of the id in the browser's cookie. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Role, WebTables } from '../web-tables.ts';

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

export class WebSessionsRepository {
  private readonly db: Kysely<Database & WebTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<WebTables>();
  }

  async insert(idHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.insertInto('user_sessions').values({ id_hash: idHash, user_id: userId, expires_at: expiresAt }).execute();
  }

  /** The session's user, if the session has not expired and the account is still active. */
  async findUser(idHash: string, now: Date): Promise<SessionUser | undefined> {
    const row = await this.db
      .selectFrom('user_sessions as s')
      .innerJoin('user_accounts as u', 'u.id', 's.user_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.role'])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', now)
      .where('u.active', '=', true)
      .executeTakeFirst();
    return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('expires_at', '<=', now).execute();
  }
}
