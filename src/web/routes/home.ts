/** The start page: where each role's work begins. */
import type { FastifyInstance } from 'fastify';
import { roleNames } from '../../services/users-service.ts';
import { navigationFor } from '../navigation.ts';

export function homeRoutes(app: FastifyInstance): void {
  app.get('/', async (request, reply) => {
    const user = request.user!;
    return reply.page('pages/home.njk', { roleName: roleNames[user.role], sections: navigationFor(user, '/') });
  });
}
