/**
 * Signed-in users remembered for a moment: every page looks its session up, and under load that query
 * is a good share of a page's cost. A found session's user is kept for `ttlMs` (2 seconds); signing
 * out, ending a user's sessions (deactivation) and any change to an account (role, active, password)
 * forget at once, in this process. Another process's changes are seen within `ttlMs`. Misses are not
 * kept, so a made-up cookie costs a query each time, as before, and fills nothing.
 */
import type { Kysely } from 'kysely';
import { WebSessionsRepository, type SessionUser } from '../data/repositories/web-sessions.ts';
import { WebUsersRepository } from '../data/repositories/web-users.ts';
import type { Database } from '../data/schema.ts';
import type { Role } from '../data/web-tables.ts';

const maxEntries = 10_000;

export class CachingSessionsRepository extends WebSessionsRepository {
  private readonly users = new Map<string, { user: SessionUser; until: number }>();

  constructor(
    db: Kysely<Database>,
    private readonly ttlMs = 2_000,
    private readonly clock: () => number = Date.now,
  ) {
    super(db);
  }

  override async findUser(idHash: string, now: Date): Promise<SessionUser | undefined> {
    const known = this.users.get(idHash);
    if (known && known.until > this.clock()) return known.user;
    this.users.delete(idHash);
    const user = await super.findUser(idHash, now);
    if (user) {
      if (this.users.size >= maxEntries) this.users.clear();
      this.users.set(idHash, { user, until: this.clock() + this.ttlMs });
    }
    return user;
  }

  override async delete(idHash: string): Promise<void> {
    this.users.delete(idHash);
    await super.delete(idHash);
  }

  override async deleteForUser(userId: string): Promise<void> {
    this.forget();
    await super.deleteForUser(userId);
  }

  /** Forgets every remembered session. */
  forget(): void {
    this.users.clear();
  }
}

/** Accounts whose every change makes the sessions forget what they remembered. */
export class SessionForgettingUsersRepository extends WebUsersRepository {
  constructor(
    db: Kysely<Database>,
    private readonly sessions: CachingSessionsRepository,
  ) {
    super(db);
  }

  override async update(id: string, changes: { role?: Role; active?: boolean; passwordHash?: string }): Promise<boolean> {
    this.sessions.forget();
    const updated = await super.update(id, changes);
    this.sessions.forget();
    return updated;
  }
}
