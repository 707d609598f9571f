/** Sign in with a local account (rate-limited), and sign out. Single sign-on providers add buttons here. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PasswordIdentityProvider } from '../../services/identity.ts';
import { formError, parseForm } from '../forms.ts';
import { endSession, startSession } from '../setup/sessions.ts';
import type { WebServices } from '../web-services.ts';
import type { RouteOptions } from './index.ts';

const signInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100, 'Enter your username'),
  password: z.string().min(1, 'Enter your password').max(200, 'Enter your password'),
  returnTo: z.string().optional(),
});

/** Only paths on this site, never `//elsewhere` or a full URL. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-') ? value : '/';
}

export function signInRoutes(app: FastifyInstance, services: WebServices, options: RouteOptions): void {
  const local = services.identityProviders.find((p): p is PasswordIdentityProvider => p.kind === 'password');

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as Record<string, unknown>;
    return reply.page('pages/sign-in.njk', { returnTo: safeReturnTo(query['returnTo']), signedOut: query['signedOut'] === '1' });
  });

  app.post(
    '/sign-in',
    { config: { public: true, rateLimit: { max: options.signInAttemptsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> | undefined;
      const returnTo = safeReturnTo(body?.['returnTo']);
      const form = parseForm(signInForm, body);
      if (!form.ok) return reply.code(400).page('pages/sign-in.njk', { errors: form.errors, values: { username: body?.['username'] }, returnTo });
      const identity = local ? await local.verify(form.value.username, form.value.password) : null;
      const user = identity ? await services.users.findForIdentity(identity) : undefined;
      if (!user) {
        return reply.code(400).page('pages/sign-in.njk', {
          errors: formError('username', 'Enter a correct username and password'),
          values: { username: form.value.username },
          returnTo,
        });
      }
      await startSession(services.sessions, request, reply, user.id, options.secureCookies);
      return reply.redirect(returnTo, 303);
    },
  );

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    await endSession(services.sessions, request, reply, options.secureCookies);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
