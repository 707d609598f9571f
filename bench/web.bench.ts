/**
 * Web app under load: the family page and the dashboard with 50 concurrent signed-in users
 * (autocannon against the app listening on loopback), on a generated council. Households are
 * inserted directly and their timelines held in memory (the import is measured elsewhere); every
 * engaged family is attached under the plan in force. Reports requests/s and the p95 latency seen by
 * the client. `--quick`: 1,000 families and shorter runs. FO_BENCH_WEB_FAMILIES overrides the size.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { createDatabase } from '../src/data/database.ts';
import { generateTimelines } from '../src/generator/index.ts';
import { PlanRepository } from '../src/plans/plan-repository.ts';
import { FamilyEvaluator } from '../src/services/family-evaluation.ts';
import { PlanSourceCatalogue } from '../src/services/plan-sources.ts';
import { InMemoryTimelineSource } from '../src/services/timeline-source.ts';
import { demoAccounts, seedDemoAccounts } from '../src/services/users-service-demo.ts';
import { createWorkflowServices } from '../src/services/workflow-services.ts';
import { createApp } from '../src/web/app.ts';
import { TestAgent } from '../src/web/testing/test-app.ts';
import { createWebServices, type WebServices } from '../src/web/web-services.ts';
import { median, type BenchOptions, type BenchResult } from './harness.ts';

const connections = 50;

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonInstance extends PromiseLike<{ requests: { average: number }; errors: number; timeouts: number; non2xx: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function load(url: string, cookie: string, seconds: number, paths: readonly string[]): Promise<{ rps: number; p95: number; errors: number; non2xx: number }> {
  const latencies: number[] = [];
  let next = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  return { rps: result.requests.average, p95: percentile(latencies, 95), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** A generated council in PGlite with every engaged family attached, and the web app over it (not listening). */
export async function setUpWebBench(families: number): Promise<{ app: FastifyInstance; services: WebServices; references: string[]; setupSeconds: number; close: () => Promise<void> }> {
  const handle = await createDatabase({ kind: 'pglite-memory' });
  try {
    const planSources = await PlanSourceCatalogue.load(['plans']);
    const timelines = new InMemoryTimelineSource();
    const workflow = createWorkflowServices({ db: handle.db, plans: planSources, timelines });
    const services = createWebServices(handle.db, await PlanRepository.load(['plans']), { workflow, evaluator: new FamilyEvaluator(planSources, timelines) });
    await seedDemoAccounts(services.users);

    const setupStart = Date.now();
    const rows = [];
    const engaged: Array<{ id: string; identifiedOn: string; engagedOn: string }> = [];
    for (const timeline of generateTimelines({ families, seed: 2026 })) {
      const id = randomUUID();
      rows.push({ id, address: `${id} Bench Road`, postcode: `SO${14 + (rows.length % 5)} 1AA`, address_key: id });
      timelines.set(id, timeline);
      if (timeline.programme.engagedOn) engaged.push({ id, identifiedOn: timeline.programme.identifiedOn, engagedOn: timeline.programme.engagedOn });
    }
    for (let i = 0; i < rows.length; i += 500) await handle.db.insertInto('households').values(rows.slice(i, i + 500)).execute();
    const references: string[] = [];
    for (const e of engaged) {
      try {
        const attached = await workflow.attachment.attach({ householdId: e.id, plan: 'southampton', identifiedOn: e.identifiedOn, engagedOn: e.engagedOn, actor: { userId: 'bench', role: 'system' } });
        references.push(attached.family.reference);
      } catch {
        // engaged outside any plan version in force: not attachable, as in real life
      }
    }
    const setupSeconds = (Date.now() - setupStart) / 1000;
    const app = await createApp(services, { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }, { logger: false });
    return {
      app,
      services,
      references,
      setupSeconds,
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Signs the demo manager in and returns the session cookie header. */
export async function signInManager(app: FastifyInstance): Promise<string> {
  const agent = new TestAgent(app);
  const manager = demoAccounts.find((a) => a.role === 'manager')!;
  await agent.submit('/sign-in', '/sign-in', { username: manager.username, password: manager.password });
  return agent.cookieHeader();
}

export default async function bench(options: BenchOptions): Promise<BenchResult[]> {
  const families = Number(process.env['FO_BENCH_WEB_FAMILIES'] ?? (options.quick ? 1_000 : 10_000));
  const seconds = options.quick ? 5 : 15;
  const { app, services, references, setupSeconds, close } = await setUpWebBench(families);
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const cookie = await signInManager(app);
    const familyPaths = references.slice(0, 500).map((r) => `/families/${r}`);
    const loadBefore = os.loadavg()[0]!;
    const family = await load(url, cookie, seconds, familyPaths);
    // Verdicts are reused while a family's data is unchanged (src/services/family-evaluation.ts): say how often.
    const { evaluated, reused } = services.evaluator.counts;
    const dashboard = await load(url, cookie, seconds, ['/dashboard']);
    const loadAfter = os.loadavg()[0]!;
    const notes = `${families} households, ${references.length} attached (set-up ${setupSeconds.toFixed(0)} s); ${connections} connections for ${seconds} s; family page: ${evaluated} evaluated, ${reused} reused; errors ${family.errors}/${dashboard.errors}, non-2xx ${family.non2xx}/${dashboard.non2xx}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (shared machine)`;
    return [
      { name: 'family page requests/s', unit: 'req/s', median: family.rps, runs: [family.rps], notes },
      { name: 'family page p95 latency', unit: 'ms', median: family.p95, runs: [family.p95], target: '< 150 ms', notes },
      { name: 'dashboard requests/s', unit: 'req/s', median: dashboard.rps, runs: [dashboard.rps], notes },
      { name: 'dashboard p95 latency', unit: 'ms', median: median([dashboard.p95]), runs: [dashboard.p95], target: '< 150 ms', notes },
    ];
  } finally {
    await close();
  }
}
