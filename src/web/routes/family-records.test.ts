import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportedTestApp, type ImportedTestApp } from '../testing/imported-app.ts';

let t: ImportedTestApp;
beforeAll(async () => {
  t = await createImportedTestApp();
});
afterAll(() => t?.close());

const outcome = 'Strand 6, outcome 2';
const formUrl = (ref: string) => `/families/${ref}/evidence?${new URLSearchParams({ problem: 'health', outcome }).toString()}`;
const evidence = { problem: 'health', outcome, 'date-day': '2', 'date-month': '12', 'date-year': '2019', author: 'A. Patel', role: 'Health visitor', statement: 'Mother attending every appointment since March.' };

describe('recording evidence and assessments on the family page', () => {
  it('a key worker records evidence for their family and the page shows the outcome met', async () => {
    const agent = await t.signedIn('key-worker');
    const family = await agent.get(`/families/${t.reference}`);
    expect(family.body).toContain('aria-label="Record evidence for outcome Strand 6, outcome 2"');
    expect(family.body).toContain('Adult 1');
    const form = await agent.get(formUrl(t.reference));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Record evidence for outcome Strand 6, outcome 2');
    expect(form.body).toMatch(/<option value="[0-9a-f-]{36}" selected>Adult, 34, Kerry Smith<\/option>/);
    const member = /<option value="([0-9a-f-]{36})" selected>/.exec(form.body)![1]!;
    const res = await agent.submit(formUrl(t.reference), `/families/${t.reference}/evidence`, { ...evidence, member });
    expect(res.statusCode).toBe(303);
    const page = await agent.get(res.headers.location as string);
    expect(page.body).toContain('Evidence recorded. Outcome Strand 6, outcome 2 is now met.');
    expect(page.body).not.toContain('aria-label="Record evidence for outcome Strand 6, outcome 2"');
    expect(page.body).toContain('recorded on the family page by');
    expect(page.body).toContain('evidence-recorded');
    // Sentences name the member by label, not by the person id the engine uses.
    expect(page.body).toContain(`${outcome} is met for Adult 1`);
    const visibleText = page.body.replace(/<[^>]*>/g, ' ');
    expect(visibleText).not.toContain(member);
  });

  it('shows the error summary and inline errors, keeping what was typed', async () => {
    const agent = await t.signedIn('key-worker');
    const res = await agent.submit(formUrl(t.reference), `/families/${t.reference}/evidence`, { ...evidence, member: 'nobody', 'date-day': '31', 'date-month': '2', statement: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    for (const text of ['Select who the evidence is about', 'Date of the evidence must be a real date', 'Enter the evidence']) expect(res.body).toContain(text);
    expect(res.body).toContain('href="#statement"');
    expect(res.body).toContain('value="A. Patel"');
    // A date after the family's as-of date comes back from the service, against the date field.
    const form = await agent.get(formUrl(t.reference));
    const member = /<option value="([0-9a-f-]{36})" selected>/.exec(form.body)![1]!;
    const late = await agent.submit(formUrl(t.reference), `/families/${t.reference}/evidence`, { ...evidence, member, 'date-day': '1', 'date-month': '6', 'date-year': '2020' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('The date must be on or before 2020-01-15');
  });

  it('refuses a key worker on a family they do not lead, even when the recorded name matches theirs', async () => {
    await t.services.workflow.attachment.recordEssentials({ family: t.otherReference, leadProfessional: 'Kim Worker', leadUserId: null, actor: { userId: 'setup', role: 'system' } });
    // Legacy row (no account): the name still lets the key worker in…
    const agent = await t.signedIn('key-worker');
    expect((await agent.get(formUrl(t.otherReference))).statusCode).toBe(200);
    // …but once the family is assigned to another account, it does not.
    const other = await t.services.users.createLocal({ username: 'other-kw', displayName: 'Kim Worker', role: 'key-worker', password: 'another-long-password' });
    await t.services.workflow.attachment.recordEssentials({ family: t.otherReference, leadUserId: other.id, actor: { userId: 'setup', role: 'system' } });
    expect((await agent.get(formUrl(t.otherReference))).statusCode).toBe(403);
    expect((await agent.get(`/families/${t.otherReference}`)).statusCode).toBe(403);
    const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get(formUrl(t.reference))).body)![1]!;
    expect((await agent.post(`/families/${t.otherReference}/evidence`, { _csrf: token, ...evidence, member: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(403);
    const auditor = await t.signedIn('auditor');
    expect((await auditor.get(formUrl(t.reference))).statusCode).toBe(403);
  });

  it('refuses a form without a CSRF token', async () => {
    const agent = await t.signedIn('key-worker');
    expect((await agent.post(`/families/${t.reference}/evidence`, evidence)).statusCode).toBe(403);
  });

  it('records an assessment score for a member chosen by name', async () => {
    const agent = await t.signedIn('data-analyst');
    const url = `/families/${t.reference}/assessments/new`;
    const form = await agent.get(url);
    expect(form.body).toContain('Child, 14, Jordan Smith');
    const child = /<option value="([0-9a-f-]{36})">Child, 14, Jordan Smith/.exec(form.body)![1]!;
    const bad = await agent.submit(url, `/families/${t.reference}/assessments`, { member: child, tool: 'SDQ', score: 'lots', 'date-day': '', 'date-month': '', 'date-year': '' });
    expect(bad.statusCode).toBe(400);
    for (const text of ['The tool must be lower-case words', 'The score must be a number', 'Enter the date of the assessment']) expect(bad.body).toContain(text);
    const res = await agent.submit(url, `/families/${t.reference}/assessments`, { member: child, tool: 'sdq', score: '18', 'date-day': '1', 'date-month': '7', 'date-year': '2019' });
    expect(res.statusCode).toBe(303);
    expect((await agent.get(res.headers.location as string)).body).toContain('Assessment recorded (sdq).');
    const stored = await t.db.selectFrom('events').select(['person_id', 'payload']).where('source', '=', 'assessments').execute();
    expect(stored).toEqual([{ person_id: child, payload: { type: 'assessment', date: '2019-07-01', tool: 'sdq', score: 18 } }]);
  });

  it('assigns the lead professional by account from the essentials form', async () => {
    const agent = await t.signedIn('data-analyst');
    const page = await agent.get(`/families/${t.otherReference}`);
    const kim = (await t.services.users.list()).find((u) => u.username === 'keyworker')!;
    expect(page.body).toContain(`<option value="${kim.id}"`);
    const res = await agent.submit(`/families/${t.otherReference}`, `/families/${t.otherReference}/essentials`, { leadUser: kim.id });
    expect(res.statusCode).toBe(303);
    const led = await t.services.workflow.repositories.attachments.openLedBy(kim.id);
    expect(led.map((a) => a.lead_professional)).toEqual(['Kim Worker', 'Kim Worker']);
    const bad = await agent.submit(`/families/${t.otherReference}`, `/families/${t.otherReference}/essentials`, { leadUser: '00000000-0000-4000-8000-000000000000' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose the lead professional from the list');
  });
});
