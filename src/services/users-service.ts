/**
 * People who use the application: create an account, change its role, deactivate it (which also
 * signs it out everywhere). Roles decide what a person may see and do (see src/web/permissions.ts).
 */
import { randomUUID } from 'node:crypto';
import type { WebSessionsRepository } from '../data/repositories/web-sessions.ts';
import type { UserAccountRow, WebUsersRepository } from '../data/repositories/web-users.ts';
import { z } from 'zod';
import { roles, type Role } from '../data/web-tables.ts';
import { FamilyOutcomesError } from '../engine/errors.ts';
import { hashPassword, type VerifiedIdentity } from './identity.ts';

export { roles, type Role };
export type UserAccount = UserAccountRow;

export const roleNames: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  'data-analyst': 'Data analyst',
  'key-worker': 'Key worker',
  auditor: 'Auditor',
  manager: 'Manager',
};

export class UserNotFoundError extends FamilyOutcomesError {
  readonly code = 'not-found';
  constructor(readonly userId: string) {
    super(`No user ${userId}`);
  }
}

export class UsernameTakenError extends FamilyOutcomesError {
  readonly code = 'conflict';
  constructor(readonly username: string) {
    super(`The username ${username} is already in use`);
  }
}

/** What a new local account needs; the same rules whether it is added on the Users page or by the CLI. */
export const newLocalUserSchema = z.object({
  displayName: z.string({ error: 'Enter the person’s full name' }).trim().min(1, 'Enter the person’s full name').max(100, 'Full name must be 100 characters or fewer'),
  username: z
    .string({ error: 'Enter a username' })
    .trim()
    .min(1, 'Enter a username')
    .max(50, 'Username must be 50 characters or fewer')
    .regex(/^[A-Za-z0-9._-]+$/, 'Username must only include letters, numbers, full stops, hyphens and underscores'),
  role: z.enum(roles, { error: 'Select a role' }),
  password: z.string({ error: 'Enter a password' }).min(12, 'Password must be 12 characters or more').max(200, 'Password must be 200 characters or fewer'),
});

export interface NewLocalUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export class UsersService {
  constructor(
    private readonly users: WebUsersRepository,
    private readonly sessions: WebSessionsRepository,
  ) {}

  list(): Promise<UserAccount[]> {
    return this.users.list();
  }

  async get(id: string): Promise<UserAccount> {
    const user = await this.users.findById(id);
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  /** Creates an account that signs in with a password; usernames are kept in lower case. */
  async createLocal(input: NewLocalUser): Promise<UserAccount> {
    const id = randomUUID();
    const username = input.username.trim().toLowerCase();
    const inserted = await this.users.insert({
      id,
      username,
      displayName: input.displayName.trim(),
      role: input.role,
      identityProvider: 'local',
      identitySubject: id,
      passwordHash: await hashPassword(input.password),
    });
    if (!inserted) throw new UsernameTakenError(username);
    return this.get(id);
  }

  async setRole(id: string, role: Role): Promise<UserAccount> {
    if (!(await this.users.update(id, { role }))) throw new UserNotFoundError(id);
    return this.get(id);
  }

  /** Stops the account signing in and ends every session it has. */
  async deactivate(id: string): Promise<UserAccount> {
    if (!(await this.users.update(id, { active: false }))) throw new UserNotFoundError(id);
    await this.sessions.deleteForUser(id);
    return this.get(id);
  }

  async reactivate(id: string): Promise<UserAccount> {
    if (!(await this.users.update(id, { active: true }))) throw new UserNotFoundError(id);
    return this.get(id);
  }

  /** The active account an identity provider vouched for, if there is one. */
  async findForIdentity(identity: VerifiedIdentity): Promise<UserAccount | undefined> {
    const user = await this.users.findByIdentity(identity.provider, identity.subject);
    return user?.active ? user : undefined;
  }
}
