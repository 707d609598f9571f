import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the shell', () => {
  it('sends signed-out people to sign in and back to the page they asked for', async () => {
    const res = await t.agent().get('/plans');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fplans');
  });

  it('renders the sign-in page on govuk-frontend’s template with a nonce-based CSP', async () => {
    const res = await t.agent().get('/sign-in');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('govuk-template__body');
    expect(res.body).toContain('<link rel="stylesheet" href="/govuk/govuk-frontend.min.css">');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`<script nonce="${nonce}">document.body.className`);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('serves govuk-frontend’s assets from node_modules and nothing else from there', async () => {
    const agent = t.agent();
    expect((await agent.get('/govuk/govuk-frontend.min.css')).statusCode).toBe(200);
    expect((await agent.get('/govuk/govuk-frontend.min.js')).statusCode).toBe(200);
    expect((await agent.get('/assets/fonts/bold-b542beb274-v2.woff2')).statusCode).toBe(200);
    expect((await agent.get('/assets/images/favicon.svg')).statusCode).toBe(200);
    expect((await agent.get('/govuk/template.njk')).statusCode).toBe(404);
    expect((await agent.get('/public/app.css')).statusCode).toBe(200);
  });

  it('shows a GOV.UK 404 page for an unknown address', async () => {
    const res = await t.agent().get('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });

  it('refuses a form sent without its CSRF token', async () => {
    const res = await t.agent().post('/sign-in', { username: 'admin', password: 'demo-administrator-password' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Your form could not be sent');
  });
});

describe('sign-in', () => {
  it('signs in with a correct password, sets a secure session cookie and signs out', async () => {
    const agent = t.agent();
    const res = await agent.submit('/sign-in', '/sign-in', { username: 'Admin', password: 'demo-administrator-password', returnTo: '/plans' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/plans');
    const cookie = String(([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('fo_session=')));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await agent.get('/plans')).statusCode).toBe(200);
    const out = await agent.submit('/plans', '/sign-out', {});
    expect(out.headers.location).toBe('/sign-in?signedOut=1');
    expect((await agent.get('/plans')).statusCode).toBe(302);
  });

  it('shows an error summary and inline error for a wrong password, without saying which part was wrong', async () => {
    const res = await t.agent().submit('/sign-in', '/sign-in', { username: 'admin', password: 'wrong password' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('<a href="#username">Enter a correct username and password</a>');
    expect(res.body).toContain('<title>Error: Sign in');
  });

  it('asks for both fields when they are empty', async () => {
    const res = await t.agent().submit('/sign-in', '/sign-in', { username: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter your username');
    expect(res.body).toContain('Enter your password');
  });

  it('never sends people to another site after signing in', async () => {
    const res = await t.agent().submit('/sign-in', '/sign-in', { username: 'admin', password: 'demo-administrator-password', returnTo: '//evil.example' });
    expect(res.headers.location).toBe('/');
  });

  it('limits sign-in attempts', async () => {
    const { createApp } = await import('./app.ts');
    const app = await createApp(t.services, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { signInAttemptsPerMinute: 2 });
    const { TestAgent } = await import('./testing/test-app.ts');
    const agent = new TestAgent(app);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await agent.submit('/sign-in', '/sign-in', { username: 'admin', password: 'wrong' })).statusCode);
    expect(statuses).toEqual([400, 400, 429]);
    await app.close();
  });
});

describe('logging', () => {
  it('writes method, path and status only: no search terms, cookies or form fields', async () => {
    const { createApp } = await import('./app.ts');
    const { TestAgent } = await import('./testing/test-app.ts');
    const lines: string[] = [];
    const app = await createApp(t.services, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { logger: true, logStream: { write: (line) => lines.push(line) } });
    const agent = new TestAgent(app);
    await agent.submit('/sign-in', '/sign-in', { username: 'manager', password: 'demo-manager-password' });
    await agent.get('/families?search=Jordan%20Smith');
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"path":"/families"');
    expect(log).not.toContain('Jordan');
    expect(log).not.toContain('demo-manager-password');
    expect(log).not.toContain('fo_session');
  });
});
