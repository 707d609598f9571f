/** Administrators: every account, add one, change its role, deactivate or reactivate it. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newLocalUserSchema, roleNames, roles, UsernameTakenError, type UsersService } from '../../services/users-service.ts';
import { formError, parseForm } from '../forms.ts';
import { PageNotFoundError } from '../web-errors.ts';

const roleField = z.enum(roles, { error: 'Select a role' });
const newUserForm = newLocalUserSchema;

const roleForm = z.object({ role: roleField });
const idParams = z.object({ id: z.uuid() });

const roleItems = (selected?: unknown) => roles.map((r) => ({ value: r, text: roleNames[r], checked: r === selected }));

export function userRoutes(app: FastifyInstance, users: UsersService): void {
  const config = { permission: 'users:manage' } as const;
  const userId = (params: unknown) => {
    const parsed = idParams.safeParse(params);
    if (!parsed.success) throw new PageNotFoundError('user');
    return parsed.data.id;
  };

  app.get('/users', { config }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return reply.page('pages/users/list.njk', { users: await users.list(), roleNames, created: query['created'] });
  });

  app.get('/users/new', { config }, async (_request, reply) => {
    return reply.page('pages/users/new.njk', { roleItems: roleItems() });
  });

  app.post('/users/new', { config }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { displayName: body['displayName'], username: body['username'] };
    const form = parseForm(newUserForm, body);
    if (!form.ok) return reply.code(400).page('pages/users/new.njk', { errors: form.errors, values, roleItems: roleItems(body['role']) });
    try {
      const user = await users.createLocal(form.value);
      return reply.redirect(`/users/${user.id}?created=1`, 303);
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
      return reply.code(400).page('pages/users/new.njk', { errors: formError('username', 'That username is already in use'), values, roleItems: roleItems(body['role']) });
    }
  });

  app.get('/users/:id', { config }, async (request, reply) => {
    const user = await users.get(userId(request.params));
    const query = request.query as Record<string, unknown>;
    return reply.page('pages/users/show.njk', { account: user, roleName: roleNames[user.role], roleItems: roleItems(user.role), banner: query['created'] ? 'created' : query['updated'] });
  });

  app.post('/users/:id/role', { config }, async (request, reply) => {
    const id = userId(request.params);
    const form = parseForm(roleForm, request.body);
    if (!form.ok) {
      const user = await users.get(id);
      return reply.code(400).page('pages/users/show.njk', { account: user, roleName: roleNames[user.role], roleItems: roleItems(), errors: form.errors });
    }
    if (id === request.user!.id && form.value.role !== 'administrator') {
      const user = await users.get(id);
      return reply.code(400).page('pages/users/show.njk', { account: user, roleName: roleNames[user.role], roleItems: roleItems(form.value.role), errors: formError('role', 'You cannot remove your own administrator role') });
    }
    await users.setRole(id, form.value.role);
    return reply.redirect(`/users/${id}?updated=role`, 303);
  });

  app.post('/users/:id/deactivate', { config }, async (request, reply) => {
    const id = userId(request.params);
    if (id === request.user!.id) {
      const user = await users.get(id);
      return reply.code(400).page('pages/users/show.njk', { account: user, roleName: roleNames[user.role], roleItems: roleItems(user.role), errors: formError('deactivate', 'You cannot deactivate your own account') });
    }
    await users.deactivate(id);
    return reply.redirect(`/users/${id}?updated=deactivated`, 303);
  });

  app.post('/users/:id/reactivate', { config }, async (request, reply) => {
    const id = userId(request.params);
    await users.reactivate(id);
    return reply.redirect(`/users/${id}?updated=reactivated`, 303);
  });
}
