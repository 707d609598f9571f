/**
 * Starts the web application on `HOST`:`PORT`. `startWebApp` is what the demo command calls with the
 * services it built; running this file directly builds them from the environment.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { createApp, type WebOptions } from './app.ts';
import type { WebServices } from './web-services.ts';
import { startWebProcesses, type WebProcessStart } from './web-processes.ts';

export async function startWebApp(services: WebServices, config: Pick<Config, 'PORT' | 'HOST' | 'SESSION_SECRET' | 'NODE_ENV'>, options: WebOptions = { logger: true }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApp(services, config, options);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  return { app, url: address };
}

/** The web app as the config says: in this process, or in `WEB_PROCESSES` processes started from it (web-processes.ts). */
export async function serveWeb(services: WebServices, start: Omit<WebProcessStart, 'type'>, options?: WebOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Uploads a stopped process left queued or running stored nothing (an import is one transaction):
  // they are ended here, once, before any process takes uploads.
  await services.uploads.failInterrupted();
  if (start.config.WEB_PROCESSES > 1) return startWebProcesses(start, start.config.WEB_PROCESSES);
  const { app, url } = await startWebApp(services, start.config, options);
  return { url, close: () => app.close() };
}

/**
 * `node --import ./bin/register-typescript.mjs src/web/server.ts`: the app over the configured database in
 * WEB_PROCESSES processes; with demo accounts unless NODE_ENV=production.
 */
async function main(): Promise<void> {
  const { loadConfig } = await import('../config.ts');
  const { createServices } = await import('../composition.ts');
  const { seedDemoAccounts, describeDemoAccounts } = await import('../services/users-service-demo.ts');
  const config = loadConfig();
  const services = await (await createServices(config)).web(config.FAMILY_OUTCOMES_PLANS);
  // Demo accounts have published passwords: never on a production server, whose accounts are added with
  // `bin/family-outcomes users add` (the first administrator) and then on the Users page.
  const accounts = config.NODE_ENV === 'production' ? [] : await seedDemoAccounts(services.users);
  const { url } = await serveWeb(services, { config });
  const noAccounts = accounts.length === 0 && (await services.users.list()).length === 0;
  const then = accounts.length > 0
    ? `\nDemo accounts (role, username, password):\n${describeDemoAccounts(accounts)}`
    : noAccounts ? '\nNo accounts yet: add the first administrator with\n  bin/family-outcomes users add --username <name> --name "<full name>" --role administrator   (password on standard input)' : '';
  console.log(`Family Outcomes is running at ${url}${then}`);
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) await main();
