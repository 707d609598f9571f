/**
 * The web application: a flat list of small set-up steps, then the routes. It receives the services
 * the composition root built (src/composition.ts) and the validated configuration; it opens nothing
 * itself. Server-rendered GOV.UK pages that work without JavaScript.
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';
import { registerRoutes } from './routes/index.ts';
import { setUpAccessControl } from './setup/access-control.ts';
import { setUpErrorPages } from './setup/error-pages.ts';
import { setUpSecurityHeaders } from './setup/security-headers.ts';
import { setUpSessions } from './setup/sessions.ts';
import { setUpStaticAssets } from './setup/static-assets.ts';
import { setUpUploads } from './setup/uploads.ts';
import { setUpViews } from './setup/views.ts';
import type { WebServices } from './web-services.ts';

export type WebConfig = Pick<Config, 'SESSION_SECRET' | 'NODE_ENV'>;

export interface WebOptions {
  /** Fastify's logger; off unless asked for (tests keep it off). */
  readonly logger?: boolean;
  /** Where the log goes when on (standard output by default). */
  readonly logStream?: { write(line: string): void };
  /** Sign-in attempts allowed per address per minute. */
  readonly signInAttemptsPerMinute?: number;
  /** The largest extract a form may upload, in bytes (200 MB by default). */
  readonly uploadLimitBytes?: number;
}

export async function createApp(services: WebServices, config: WebConfig, options: WebOptions = {}): Promise<FastifyInstance> {
  const production = config.NODE_ENV === 'production';
  const logger = options.logger ? { ...loggerOptions, ...(options.logStream ? { stream: options.logStream } : {}) } : false;
  const app = Fastify({ logger, trustProxy: production });

  await setUpSecurityHeaders(app, production);
  await setUpStaticAssets(app);
  await setUpCookies(app, config.SESSION_SECRET);
  await app.register(formBody, { bodyLimit: 1_048_576 });
  await setUpUploads(app, options.uploadLimitBytes);
  await setUpCsrf(app, production);
  await app.register(rateLimit, { global: false });
  setUpSessions(app, services.sessions);
  setUpAccessControl(app);
  setUpViews(app, production);
  setUpErrorPages(app);
  await registerRoutes(app, services, { secureCookies: production, signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 10 });

  await app.ready();
  return app;
}

async function setUpCookies(app: FastifyInstance, secret: string | undefined): Promise<void> {
  await app.register(cookie, { secret: secret ?? randomBytes(32).toString('hex') });
}

/** A signed secret cookie per browser; every POST must carry the matching `_csrf` field. */
async function setUpCsrf(app: FastifyInstance, secure: boolean): Promise<void> {
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'fo_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure, signed: true },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    app.csrfProtection(request, reply, done);
  });
}

/** Logs method, path and status only: no query strings (searches hold names), cookies or bodies. */
const loggerOptions: Exclude<FastifyServerOptions['logger'], boolean | undefined> = {
  level: 'info',
  redact: { paths: ['req.headers', 'req.query', 'req.body', 'res.headers'], remove: true },
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};
