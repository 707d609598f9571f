/** Administrators: who looked at which family, and who listed or exported quarantined rows, and when. */
import type { FastifyInstance } from 'fastify';
import { roleNames, type UsersService } from '../../services/users-service.ts';
import type { DataOverview } from '../services/data-overview.ts';
import type { FamilyDirectory } from '../services/family-directory.ts';

/** Entries shown in each of the page's two tables. */
const shown = 500;

export function accessLogRoutes(app: FastifyInstance, directory: FamilyDirectory, data: DataOverview, users: UsersService): void {
  app.get('/access-log', { config: { permission: 'access-log:read' } }, async (_request, reply) => {
    const names = new Map((await users.list()).map((u) => [u.id, u.displayName]));
    const named = <T extends { userId: string; role: string }>(e: T) => ({ ...e, who: names.get(e.userId) ?? e.userId, roleName: roleNames[e.role as keyof typeof roleNames] ?? e.role });
    const [families, quarantine] = await Promise.all([directory.accessLog(shown), data.quarantineAccess(shown)]);
    return reply.page('pages/access-log.njk', { entries: families.map(named), quarantineEntries: quarantine.map(named), shown });
  });
}
