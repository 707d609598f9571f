/**
 * Route tests' set-up: the real app, views and services over a fresh in-memory database with the
 * test plans and one demo account per role, plus a small browser-like agent that keeps cookies and
 * sends each form's CSRF token the way a browser would.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createDatabase, type DatabaseHandle } from '../../data/database.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import { demoAccounts, seedDemoAccounts } from '../../services/users-service-demo.ts';
import type { Role } from '../../services/users-service.ts';
import { createApp } from '../app.ts';
import { createWebServices, type WebServices } from '../web-services.ts';
import { testProgramme, type TestProgramme } from './programme.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly services: WebServices;
  readonly programme: TestProgramme;
  /** The test database, for set-up through other services (imports). */
  readonly db: DatabaseHandle['db'];
  agent(): TestAgent;
  /** An agent already signed in with the demo account for the role. */
  signedIn(role: Role): Promise<TestAgent>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const database = await createDatabase({ kind: 'pglite-memory' });
  const planDirectories = ['src/plans/fixtures', 'plans'];
  const programme = { ...(await testProgramme(database, planDirectories, () => new Date('2020-01-15T12:00:00Z'))), claimTarget: 3 };
  const services = createWebServices(database.db, await PlanRepository.load(planDirectories), programme);
  await seedDemoAccounts(services.users);
  const app = await createApp(services, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { signInAttemptsPerMinute: 1000 });
  return { ...appHandle(app, database, services), services, programme };
}

/** What every test app gives a test: the app, its database, agents (signed in or not), and closing both. */
export function appHandle(app: FastifyInstance, database: DatabaseHandle, services: Pick<WebServices, 'uploads'>): Pick<TestApp, 'app' | 'db' | 'agent' | 'signedIn' | 'close'> {
  return {
    app,
    db: database.db,
    agent: () => new TestAgent(app),
    signedIn: (role) => signIn(app, role),
    async close() {
      await app.close();
      // An upload still importing would otherwise run on into the closed database.
      await services.uploads.stop();
      await database.close();
    },
  };
}

/** An agent signed in to `app` with the demo account for the role (any app over the test services). */
export async function signIn(app: FastifyInstance, role: Role): Promise<TestAgent> {
  const agent = new TestAgent(app);
  const account = demoAccounts.find((a) => a.role === role)!;
  const res = await agent.submit('/sign-in', '/sign-in', { username: account.username, password: account.password });
  if (res.statusCode !== 303) throw new Error(`Could not sign in as ${role}: ${res.statusCode}`);
  return agent;
}

export class TestAgent {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies) }));
  }

  /** Sends a form the way a browser would: opens `pageUrl`, takes its CSRF token, posts to `action`. */
  async submit(pageUrl: string, action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`No CSRF token on ${pageUrl} (${page.statusCode})`);
    return this.post(action, { _csrf: token, ...fields });
  }

  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  /** The cookies as a `Cookie` header, for tools that send their own requests (benchmarks). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}
