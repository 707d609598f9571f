/**
 * What the web application is built over. The composition root (src/composition.ts) makes these;
 * the web app never opens a database or reads configuration itself. Workflow services are optional
 * while they are being written: pages over a missing service say so instead of failing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../data/schema.ts';
import { WebSessionsRepository } from '../data/repositories/web-sessions.ts';
import { WebUsersRepository } from '../data/repositories/web-users.ts';
import type { PlanRepository } from '../plans/plan-repository.ts';
import { LocalIdentityProvider, type IdentityProvider } from '../services/identity.ts';
import { UsersService } from '../services/users-service.ts';

export interface WebServices {
  readonly plans: PlanRepository;
  readonly users: UsersService;
  readonly sessions: WebSessionsRepository;
  /** The first password provider is used by the sign-in form; redirect providers are offered as buttons. */
  readonly identityProviders: readonly IdentityProvider[];
}

/** The web app's own services over an open database: accounts, sessions and local sign-in. */
export function createWebServices(db: Kysely<Database>, plans: PlanRepository): WebServices {
  const usersRepository = new WebUsersRepository(db);
  const sessions = new WebSessionsRepository(db);
  return {
    plans,
    users: new UsersService(usersRepository, sessions),
    sessions,
    identityProviders: [new LocalIdentityProvider(usersRepository)],
  };
}
