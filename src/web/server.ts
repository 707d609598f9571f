/**
 * Starts the web application on `HOST`:`PORT`. `startWebApp` is what the demo command calls with the
 * services it built; running this file directly builds them from the environment.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { createApp, type WebOptions } from './app.ts';
import type { WebServices } from './web-services.ts';
import { startWebProcesses } from './web-processes.ts';

export async function startWebApp(services: WebServices, config: Pick<Config, 'PORT' | 'HOST' | 'SESSION_SECRET' | 'NODE_ENV'>, options: WebOptions = { logger: true }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApp(services, config, options);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  return { app, url: address };
}

/** `node --import ./bin/register-typescript.mjs src/web/server.ts`: the app over the configured database, with demo accounts, in WEB_PROCESSES processes. */
async function main(): Promise<void> {
  const { loadConfig } = await import('../config.ts');
  const { createServices } = await import('../composition.ts');
  const { seedDemoAccounts, describeDemoAccounts } = await import('../services/users-service-demo.ts');
  const config = loadConfig();
  const services = await (await createServices(config)).web(config.FAMILY_OUTCOMES_PLANS);
  const accounts = await seedDemoAccounts(services.users);
  const { url } = config.WEB_PROCESSES > 1 ? await startWebProcesses({ config }, config.WEB_PROCESSES) : await startWebApp(services, config);
  console.log(`Family Outcomes is running at ${url}\nDemo accounts (role, username, password):\n${describeDemoAccounts(accounts)}`);
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) await main();
