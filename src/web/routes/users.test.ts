import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe.each(['data-analyst', 'key-worker', 'auditor', 'manager'] as const)('user pages as %s', (role) => {
  it('are refused', async () => {
    const agent = await t.signedIn(role);
    const res = await agent.get('/users');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You cannot see this page');
    expect(res.body).not.toContain('href="/users"');
  });
});

describe('administrators', () => {
  it('see every account with its role and status', async () => {
    const agent = await t.signedIn('administrator');
    const res = await agent.get('/users');
    expect(res.statusCode).toBe(200);
    for (const name of ['Ada Admin', 'Dan Analyst', 'Kim Worker', 'Aud Itor', 'Meg Manager']) expect(res.body).toContain(name);
  });

  it('add a user who can then sign in', async () => {
    const admin = await t.signedIn('administrator');
    const res = await admin.submit('/users/new', '/users/new', { displayName: 'Priya Shah', username: 'pshah', role: 'key-worker', password: 'a long enough password' });
    expect(res.statusCode).toBe(303);
    const page = await admin.get(String(res.headers.location));
    expect(page.body).toContain('User added');
    expect(page.body).toContain('Priya Shah');
    const signIn = await t.agent().submit('/sign-in', '/sign-in', { username: 'pshah', password: 'a long enough password' });
    expect(signIn.statusCode).toBe(303);
  });

  it('see every problem with a new user at once, each linked to its field', async () => {
    const admin = await t.signedIn('administrator');
    const res = await admin.submit('/users/new', '/users/new', { displayName: '', username: 'bad name!', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#displayName">Enter the person’s full name</a>');
    expect(res.body).toContain('<a href="#username">Username must only include letters, numbers, full stops, hyphens and underscores</a>');
    expect(res.body).toContain('<a href="#role">Select a role</a>');
    expect(res.body).toContain('<a href="#password">Password must be 12 characters or more</a>');
    expect(res.body).toContain('value="bad name!"');
  });

  it('are told when a username is taken', async () => {
    const admin = await t.signedIn('administrator');
    const res = await admin.submit('/users/new', '/users/new', { displayName: 'Another Admin', username: 'ADMIN', role: 'manager', password: 'a long enough password' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('That username is already in use');
  });

  it('change a role, and the new role takes effect at once', async () => {
    const admin = await t.signedIn('administrator');
    const user = await t.services.users.createLocal({ displayName: 'Role Change', username: 'rolechange', role: 'key-worker', password: 'a long enough password' });
    const worker = t.agent();
    await worker.submit('/sign-in', '/sign-in', { username: 'rolechange', password: 'a long enough password' });
    expect((await worker.get('/users')).statusCode).toBe(403);
    const res = await admin.submit(`/users/${user.id}`, `/users/${user.id}/role`, { role: 'administrator' });
    expect(res.statusCode).toBe(303);
    expect((await admin.get(String(res.headers.location))).body).toContain('Role changed to Administrator');
    expect((await worker.get('/users')).statusCode).toBe(200);
  });

  it('deactivate an account, which signs it out everywhere and stops it signing in', async () => {
    const admin = await t.signedIn('administrator');
    const user = await t.services.users.createLocal({ displayName: 'Leaver', username: 'leaver', role: 'manager', password: 'a long enough password' });
    const leaver = t.agent();
    await leaver.submit('/sign-in', '/sign-in', { username: 'leaver', password: 'a long enough password' });
    expect((await leaver.get('/plans')).statusCode).toBe(200);
    const res = await admin.submit(`/users/${user.id}`, `/users/${user.id}/deactivate`, {});
    expect(res.statusCode).toBe(303);
    expect((await leaver.get('/plans')).statusCode).toBe(302);
    const again = await t.agent().submit('/sign-in', '/sign-in', { username: 'leaver', password: 'a long enough password' });
    expect(again.statusCode).toBe(400);
  });

  it('cannot deactivate themselves or drop their own administrator role', async () => {
    const admin = await t.signedIn('administrator');
    const me = (await t.services.users.list()).find((u) => u.username === 'admin')!;
    expect((await admin.submit(`/users/${me.id}`, `/users/${me.id}/deactivate`, {})).statusCode).toBe(400);
    const res = await admin.submit(`/users/${me.id}`, `/users/${me.id}/role`, { role: 'manager' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('You cannot remove your own administrator role');
  });

  it('get 404 for an unknown user', async () => {
    const admin = await t.signedIn('administrator');
    expect((await admin.get('/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/users/not-an-id')).statusCode).toBe(404);
  });
});
