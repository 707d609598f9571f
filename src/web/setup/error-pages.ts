/**
 * Every failure becomes a GOV.UK error page with the right status: not signed in → the sign-in page,
 * forbidden → 403, anything missing → 404, a stale form (CSRF) → 403 with a way back, too many
 * sign-in attempts → 429, anything else → 500 with the details kept out of the page and the log
 * message free of personal data.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { ForbiddenError, NotSignedInError } from '../web-errors.ts';

export function setUpErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler({ preHandler: async () => undefined }, async (_request, reply) => {
    return reply.code(404).page('pages/errors/not-found.njk');
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof NotSignedInError) {
      if (request.method === 'GET') return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
      return reply.code(401).page('pages/errors/not-signed-in.njk');
    }
    if (error instanceof ForbiddenError) return reply.code(403).page('pages/errors/forbidden.njk', { reason: error.reason });
    if (error instanceof FamilyOutcomesError && error.code === 'not-found') return reply.code(404).page('pages/errors/not-found.njk');
    if (error.code?.startsWith('FST_CSRF')) return reply.code(403).page('pages/errors/form-expired.njk');
    if (error.statusCode === 429) return reply.code(429).page('pages/errors/too-many-requests.njk');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.code(error.statusCode).page('pages/errors/bad-request.njk');
    request.log.error({ errorName: error.name, errorCode: error.code, stack: error.stack }, 'request failed');
    return reply.code(500).page('pages/errors/server-error.njk');
  });
}
