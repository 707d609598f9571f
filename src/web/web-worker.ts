/**
 * One of several web processes (web-processes.ts): says it is ready, waits for its start message,
 * builds the services from the config given through the composition root, listens (sharing the
 * primary's port), and says so. `close` stops it at any point, even while it is still starting.
 */
import cluster from 'node:cluster';
import { createServices, type Services } from '../composition.ts';
import { startWebApp } from './server.ts';
import type { WebProcessMessage, WebProcessStart } from './web-processes.ts';

const send = (message: WebProcessMessage) => process.send!(message);

async function start(message: WebProcessStart, opened: { services?: Services; stop?: () => Promise<void> }): Promise<void> {
  const { config, asOf } = message;
  const services = (opened.services = await createServices(config));
  const web = await services.web(config.FAMILY_OUTCOMES_PLANS, {
    ...(asOf ? { now: () => new Date(`${asOf}T12:00:00Z`) } : {}),
    ...(message.claimTarget === undefined ? {} : { claimTarget: message.claimTarget }),
  });
  const { app, url } = await startWebApp(web, config, { logger: message.logRequests ?? config.NODE_ENV !== 'test' });
  opened.stop = () => app.close();
  send({ type: 'listening', url });
}

if (cluster.isWorker) {
  const opened: { services?: Services; stop?: () => Promise<void> } = {};
  let starting: Promise<void> | undefined;
  process.on('message', (message: WebProcessStart | { type: 'close' }) => {
    if (message.type === 'start' && !starting) {
      starting = start(message, opened).catch((error: unknown) => {
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      });
    } else if (message.type === 'close') {
      // Let a start under way finish (or fail) first, then stop what it opened.
      void (starting ?? Promise.resolve())
        .then(() => opened.stop?.())
        .then(() => opened.services?.close())
        .finally(() => process.exit(0));
    }
  });
  send({ type: 'ready' });
}
