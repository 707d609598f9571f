/**
 * Starts the web application on `HOST`:`PORT`. `startWebApp` is what the demo command calls with the
 * services it built; running this file directly builds them from the environment.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { createApp, type WebOptions } from './app.ts';
import type { WebServices } from './web-services.ts';

export async function startWebApp(services: WebServices, config: Pick<Config, 'PORT' | 'HOST' | 'SESSION_SECRET' | 'NODE_ENV'>, options: WebOptions = { logger: true }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApp(services, config, options);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  return { app, url: address };
}

/** `node --import ./bin/register-typescript.mjs src/web/server.ts`: the app over the configured database, with demo accounts. */
async function main(): Promise<void> {
  const { loadConfig } = await import('../config.ts');
  const { createDatabase, databaseTarget } = await import('../data/database.ts');
  const { PlanRepository } = await import('../plans/plan-repository.ts');
  const { createWebServices } = await import('./web-services.ts');
  const { PlanSourceCatalogue } = await import('../services/plan-sources.ts');
  const { TimelineService } = await import('../services/timeline-service.ts');
  const { FamilyEvaluator } = await import('../services/family-evaluation.ts');
  const { createWorkflowServices } = await import('../services/workflow-services.ts');
  const { seedDemoAccounts, describeDemoAccounts } = await import('../services/users-service-demo.ts');
  const config = loadConfig();
  const database = await createDatabase(databaseTarget(config));
  const planSources = await PlanSourceCatalogue.load([config.FAMILY_OUTCOMES_PLANS]);
  const timelines = new TimelineService(database.db);
  const workflow = createWorkflowServices({ db: database.db, plans: planSources, timelines });
  const programme = { workflow, evaluator: new FamilyEvaluator(planSources, timelines) };
  const services = createWebServices(database.db, await PlanRepository.load([config.FAMILY_OUTCOMES_PLANS]), programme);
  const accounts = await seedDemoAccounts(services.users);
  const { url } = await startWebApp(services, config);
  console.log(`Family Outcomes is running at ${url}\nDemo accounts (role, username, password):\n${describeDemoAccounts(accounts)}`);
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) await main();
