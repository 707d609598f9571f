/**
 * Secure by default: every route needs a signed-in user unless it says `config: { public: true }`,
 * and a route that names a `permission` needs a role that has it. Signed-out people asking for a
 * page are sent to sign in and brought back afterwards.
 */
import type { FastifyInstance } from 'fastify';
import { can, type Permission } from '../permissions.ts';
import { ForbiddenError, NotSignedInError } from '../web-errors.ts';
import { isStaticAsset } from './sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to people who have not signed in (sign-in page, error pages). */
    public?: boolean;
    /** What the signed-in user's role must allow; any one of a list will do. */
    permission?: Permission | readonly Permission[];
  }
}

export function setUpAccessControl(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (isStaticAsset(request.url)) return;
    const config = request.routeOptions.config;
    if (config.public || request.is404) return;
    if (!request.user) throw new NotSignedInError();
    const needed = config.permission;
    if (needed === undefined) return;
    const list = typeof needed === 'string' ? [needed] : needed;
    if (!list.some((p) => can(request.user!.role, p))) throw new ForbiddenError('Your role does not allow you to see this page.');
  });
}
