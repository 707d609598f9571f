/**
 * The family page keeps its evaluated part by the evaluation's input key (src/web/services/family-page-cache.ts),
 * and skips reading the timeline while nothing has been imported (src/services/family-evaluation.ts):
 * these tests show an import from another process shows on the next view, and nothing about one viewer
 * reaches another. Recording evidence on the page is shown at once in family-records.test.ts.
 */
import { sql } from 'kysely';
import { parseDay } from '../../engine/calendar/day.ts';
import { ImportService } from '../../services/import-service.ts';
import { importedFamily } from '../../services/testing/imported-family.ts';
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
  it('is reused while nothing is imported, without reading the timeline, and made again on the next view after another process’s import', async () => {
    const agent = await t.signedIn('data-analyst');
    const cache = t.services.familyPages;
    const evaluator = t.services.evaluator;
    const first = await agent.get(`/families/${t.otherReference}`);
    expect(first.statusCode).toBe(200);
    const made = cache.counts.made;
    const skipped = evaluator.timelineReadsSkipped;
    const again = await agent.get(`/families/${t.otherReference}`);
    expect(cache.counts.made).toBe(made);
    expect(cache.counts.reused).toBeGreaterThan(0);
    expect(evaluator.timelineReadsSkipped).toBe(skipped + 1);
    // The same page but for what is made per response (CSRF token, CSP nonce).
    const perResponse = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');
    expect(perResponse(again.body)).toBe(perResponse(first.body));

    // As a CLI import against the same database would: another ImportService, nothing in this process told.
    // The other family (so the page tests below still find its evidence needed).
    const { mother, outcome } = importedFamily;
    const [address, postcode] = ['3 Other Road', 'SO15 1XY'];
    const cli = new ImportService(t.db, { today: () => parseDay('2024-01-01') });
    const report = await cli.importRows('key-worker', {
      name: 'key-worker from the CLI.csv',
      header: ['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'sex', 'address', 'postcode', 'record_type', 'date', 'problem', 'outcome_ref', 'author', 'author_role', 'statement'],
      rows: [['KW-CLI-1', 'KW-CLI-mother', mother.forename, mother.surname, mother.dateOfBirth, 'F', address, postcode, 'evidence', '2019-12-02', outcome.problem, outcome.ref, 'A. Patel', 'Health visitor', 'Attending every appointment.']],
    });
    expect(report.alreadyImported).toBe(false);
    expect(first.body).toContain(recordEvidence);
    expect(first.body).not.toContain('key-worker from the CLI.csv');
    const after = await agent.get(`/families/${t.otherReference}`);
    expect(after.statusCode).toBe(200);
    expect(cache.counts.made).toBe(made + 1);
    expect(evaluator.timelineReadsSkipped).toBe(skipped + 1);
    expect(after.body).toContain('key-worker from the CLI.csv, row 2');
    expect(after.body).not.toContain(recordEvidence);
    // And the view after that is served from the new key without a read.
    const later = await agent.get(`/families/${t.otherReference}`);
    expect(evaluator.timelineReadsSkipped).toBe(skipped + 2);
    expect(perResponse(later.body)).toBe(perResponse(after.body));
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
