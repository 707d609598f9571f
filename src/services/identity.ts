/**
 * Who is signing in. The web app asks an {@link IdentityProvider} to prove an identity (a provider id
 * and that provider's subject), then looks the account up by that pair. Local accounts are one
 * provider; an organisation's single sign-on (OpenID Connect) is another kind — a redirect to the
 * provider and a callback — added by implementing {@link RedirectIdentityProvider} and linking accounts
 * by `identity_provider` + `identity_subject`, without changing sessions, roles or pages.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { WebUsersRepository } from '../data/repositories/web-users.ts';

export interface VerifiedIdentity {
  readonly provider: string;
  readonly subject: string;
}

/** Username and password, checked by the application itself. */
export interface PasswordIdentityProvider {
  readonly kind: 'password';
  readonly id: string;
  verify(username: string, password: string): Promise<VerifiedIdentity | null>;
}

/** Sign-in elsewhere (OpenID Connect): send the browser to the provider, then check what it sends back. */
export interface RedirectIdentityProvider {
  readonly kind: 'redirect';
  readonly id: string;
  /** Shown on the sign-in page, e.g. "Sign in with your council account". */
  readonly label: string;
  authorisationUrl(state: string, callbackUrl: string): Promise<URL>;
  completeSignIn(callbackParameters: Readonly<Record<string, string>>, expectedState: string, callbackUrl: string): Promise<VerifiedIdentity>;
}

export type IdentityProvider = PasswordIdentityProvider | RedirectIdentityProvider;

/** argon2id with the OWASP-recommended minimums (19 MiB, 2 passes). */
const argon2id = 2 as Algorithm; // Algorithm.Argon2id: a const enum, which verbatimModuleSyntax cannot import
const argon2Options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

// A real hash to check against when there is no such user, so a wrong username takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export class LocalIdentityProvider implements PasswordIdentityProvider {
  readonly kind = 'password';
  readonly id = 'local';

  constructor(private readonly users: WebUsersRepository) {}

  async verify(username: string, password: string): Promise<VerifiedIdentity | null> {
    const credentials = await this.users.findLocalCredentials(username.trim());
    if (!credentials) {
      decoyHash ??= hashPassword('decoy password that matches nothing');
      await verify(await decoyHash, password).catch(() => false);
      return null;
    }
    const ok = await verify(credentials.passwordHash, password).catch(() => false);
    return ok ? { provider: this.id, subject: credentials.id } : null;
  }
}
