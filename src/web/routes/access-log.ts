/** Administrators: who looked at which family, and when. */
import type { FastifyInstance } from 'fastify';
import { roleNames, type UsersService } from '../../services/users-service.ts';
import type { FamilyDirectory } from '../services/family-directory.ts';

export function accessLogRoutes(app: FastifyInstance, directory: FamilyDirectory, users: UsersService): void {
  app.get('/access-log', { config: { permission: 'access-log:read' } }, async (_request, reply) => {
    const names = new Map((await users.list()).map((u) => [u.id, u.displayName]));
    const entries = (await directory.accessLog(500)).map((e) => ({ ...e, who: names.get(e.userId) ?? e.userId, roleName: roleNames[e.role as keyof typeof roleNames] ?? e.role }));
    return reply.page('pages/access-log.njk', { entries });
  });
}
