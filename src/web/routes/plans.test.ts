import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../services/users-service.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe.each(roles)('plan pages as %s', (role) => {
  it('lists every plan version with a link to each', async () => {
    const agent = await t.signedIn(role);
    const res = await agent.get('/plans');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/plans/testshire%401"');
    expect(res.body).toContain('href="/plans/testshire%402"');
    expect(res.body).toContain('Testshire County Council');
  });
});

describe('a plan’s readable rendering', () => {
  it('shows claim rules, each indicator and outcome with its reference and meaning in plain English', async () => {
    const agent = await t.signedIn('key-worker');
    const res = await agent.get('/plans/testshire@2');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Testshire Family Outcomes Plan (test fixture)</h1>');
    expect(res.body).toContain('Claim rules');
    expect(res.body).toContain('id="indicator-offending"');
    expect(res.body).toMatch(/Met when/);
    expect(res.body).toContain('Compare this plan’s versions');
    expect(res.body).toContain('govuk-breadcrumbs');
  });

  it('gives 404 for a plan that does not exist', async () => {
    const agent = await t.signedIn('manager');
    expect((await agent.get('/plans/nowhere@1')).statusCode).toBe(404);
    expect((await agent.get('/plans/not a ref')).statusCode).toBe(404);
  });
});

describe('comparing versions', () => {
  it('offers the versions to compare', async () => {
    const agent = await t.signedIn('data-analyst');
    const res = await agent.get('/plans/testshire@2/compare');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<option value="testshire@1"');
    expect(res.body).not.toContain('govuk-error-summary');
  });

  it('lists what changed between two versions', async () => {
    const agent = await t.signedIn('data-analyst');
    const res = await agent.get('/plans/testshire@2/compare?from=testshire%401&to=testshire%402');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\d+ changes? from version 1 to version 2/);
    expect(res.body).toContain('govuk-tag');
  });

  it('asks for both versions when one is missing', async () => {
    const agent = await t.signedIn('data-analyst');
    const res = await agent.get('/plans/testshire@2/compare?from=testshire%401&to=');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#to">Choose the later version</a>');
  });
});
