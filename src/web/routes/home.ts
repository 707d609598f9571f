/**
 * The start page: where each role's work begins, with what needs doing first — a key worker's families
 * needing action, the latest imports and open quarantine, claim batches to audit, headline figures.
 * Panels follow permissions, not roles; every figure is a cheap read (stored summaries, counts).
 */
import type { FastifyInstance } from 'fastify';
import { roleNames } from '../../services/users-service.ts';
import { navigationFor } from '../navigation.ts';
import { can } from '../permissions.ts';
import type { WebServices } from '../web-services.ts';

export function homeRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/', async (request, reply) => {
    const user = request.user!;
    const role = user.role;
    const [myFamilies, imports, quarantined, batches, headline] = await Promise.all([
      can(role, 'families:read-own') && !can(role, 'families:read-all') ? services.families.workOf(user) : undefined,
      can(role, 'data:manage') ? services.startPage.recentImports() : undefined,
      can(role, 'data:manage') ? services.startPage.openQuarantine() : undefined,
      can(role, 'audit:record') ? services.startPage.batchesToAudit() : undefined,
      can(role, 'dashboard:read') ? services.startPage.headline() : undefined,
    ]);
    return reply.page('pages/home.njk', {
      roleName: roleNames[role],
      sections: navigationFor(user, '/'),
      myFamilies,
      imports,
      quarantined,
      batches,
      headline,
      claimTarget: services.claimTarget,
    });
  });
}
