/**
 * The family page keeps its evaluated part by the evaluation's input key (src/web/services/family-page-cache.ts):
 * these tests show a change to the family's data — made in the database directly, as an import from
 * another process would — shows on the next view, and nothing about one viewer reaches another.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportedTestApp, type ImportedTestApp } from '../testing/imported-app.ts';

let t: ImportedTestApp;
beforeAll(async () => {
  t = await createImportedTestApp();
});
afterAll(() => t?.close());

const recordEvidence = 'aria-label="Record evidence for outcome Strand 6, outcome 2"';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('the family page’s kept part', () => {
  it('is reused while the family’s data is unchanged, and made again on the next view after a change in the database', async () => {
    const agent = await t.signedIn('data-analyst');
    const cache = t.services.familyPages;
    const first = await agent.get(`/families/${t.reference}`);
    expect(first.statusCode).toBe(200);
    const made = cache.counts.made;
    const again = await agent.get(`/families/${t.reference}`);
    expect(cache.counts.made).toBe(made);
    expect(cache.counts.reused).toBeGreaterThan(0);
    // The same page but for what is made per response (CSRF token, CSP nonce).
    const perResponse = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');
    expect(perResponse(again.body)).toBe(perResponse(first.body));
    const { rows } = await sql<{ file_name: string }>`select file_name from import_files order by file_name`.execute(t.db);
    const file = rows.map((r) => r.file_name).find((name) => first.body.includes(`${name}, row`))!;
    expect(file).toBeDefined();

    // As another process's import or correction would: nothing in this process is told.
    await sql`update import_files set file_name = ${`corrected-${file}`} where file_name = ${file}`.execute(t.db);
    const after = await agent.get(`/families/${t.reference}`);
    expect(after.statusCode).toBe(200);
    expect(cache.counts.made).toBe(made + 1);
    expect(after.body).toContain(`corrected-${file}, row`);
    expect(after.body.replaceAll(`corrected-${file}`, '')).not.toContain(`${file}, row`);
  });

  it('shows a change to the attachment (the four essentials) at once: only the evaluated part is kept', async () => {
    const agent = await t.signedIn('data-analyst');
    await agent.get(`/families/${t.reference}`);
    await sql`update attachments set action_plan_on = '2019-03-04' where lead_user_id is not null and detached_at is null`.execute(t.db);
    const page = await agent.get(`/families/${t.reference}`);
    expect(page.body).toMatch(/name="actionPlanOn-day"[^>]*>/);
    expect(page.body.replace(/<[^>]*>/g, ' ')).toMatch(/Action plan\s+Completed/);
  });

  it('gives each viewer their own CSRF token and only what their permission allows, from the same kept evaluation', async () => {
    const worker = await t.signedIn('key-worker');
    const manager = await t.signedIn('manager');
    const analyst = await t.signedIn('data-analyst');
    const workerPage = (await worker.get(`/families/${t.reference}`)).body;
    const reused = t.services.familyPages.counts.reused;
    const managerPage = (await manager.get(`/families/${t.reference}`)).body;
    const analystPage = (await analyst.get(`/families/${t.reference}`)).body;
    expect(t.services.familyPages.counts.reused).toBeGreaterThan(reused);
    expect(workerPage).toContain(recordEvidence);
    expect(analystPage).toContain(recordEvidence);
    expect(managerPage).not.toContain(recordEvidence);
    // Each page's token (the sign-out form's, and the essentials form's where shown) is its viewer's own.
    const tokens = [workerPage, managerPage, analystPage].map(csrfOf);
    expect(tokens.every((token) => token !== undefined)).toBe(true);
    expect(new Set(tokens).size).toBe(3);
    expect(workerPage).toContain('Kim Worker');
    expect(managerPage).not.toContain('Kim Worker</');
  });
});
