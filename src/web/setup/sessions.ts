/**
 * Sessions stored in the database. The browser holds a random 256-bit id in an HttpOnly cookie; the
 * table holds only its SHA-256, so the table alone cannot be used to sign in. Every request that is
 * not for a static asset looks its session up and sets `request.user`. A new id is issued at each
 * sign-in (no session fixation), and signing out deletes the row.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser, WebSessionsRepository } from '../../data/repositories/web-sessions.ts';

export const sessionCookie = 'fo_session';
const sessionHours = 8;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export function isStaticAsset(url: string): boolean {
  return url.startsWith('/assets/') || url.startsWith('/govuk/') || url.startsWith('/public/');
}

export function setUpSessions(app: FastifyInstance, sessions: WebSessionsRepository): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    if (isStaticAsset(request.url)) return;
    const id = request.cookies[sessionCookie];
    if (!id || id.length > 100) return;
    request.user = (await sessions.findUser(hashId(id), new Date())) ?? null;
  });
}

export async function startSession(sessions: WebSessionsRepository, request: FastifyRequest, reply: FastifyReply, userId: string, secure: boolean): Promise<void> {
  await endSession(sessions, request, reply, secure);
  const id = randomBytes(32).toString('base64url');
  await sessions.insert(hashId(id), userId, new Date(Date.now() + sessionHours * 3_600_000));
  reply.setCookie(sessionCookie, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: sessionHours * 3600 });
}

export async function endSession(sessions: WebSessionsRepository, request: FastifyRequest, reply: FastifyReply, secure: boolean): Promise<void> {
  const id = request.cookies[sessionCookie];
  if (id) await sessions.delete(hashId(id));
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  request.user = null;
}
