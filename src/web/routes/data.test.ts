import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sources } from '../../imports/sources/index.ts';
import { ImportService } from '../../services/import-service.ts';
import { createApp } from '../app.ts';
import { UploadJobs } from '../services/upload-jobs.ts';
import { HeldImports } from '../testing/held-imports.ts';
import { createTestApp, signIn, type TestAgent, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // The example attendance extract with one impossible row (more sessions attended than possible).
  const lines = readFileSync('examples/extracts/school-attendance.csv', 'utf8').trimEnd().split('\n');
  lines.push('SA-999999,EDU9999,Bad,Row,2006-01-01,F,1 High Street,LE1 1AA,,2019-spring,100,150,0,0');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fo-web-data-')), 'attendance-with-a-bad-row.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  await new ImportService(t.db).importFile('school-attendance', file);
});
afterAll(() => t.close());

describe('data pages', () => {
  it('list imported extracts with their counts', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/data');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('attendance-with-a-bad-row.csv');
    expect(res.body).toMatch(/govuk-tag--red">\s*1\s*</);
  });

  it('show a file’s quarantined row with its reason and the row as received', async () => {
    const analyst = await t.signedIn('data-analyst');
    const list = await analyst.get('/data');
    const href = /href="(\/data\/imports\/[0-9a-f-]+)"/.exec(list.body)?.[1];
    const res = await analyst.get(href!);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Quality report: quarantined rows');
    expect(res.body).toContain('SA-999999');
  });

  it('record each listing and download of quarantined rows for the access log page; a file without any is not recorded', async () => {
    const analyst = await t.signedIn('data-analyst');
    const [header, first] = readFileSync('examples/extracts/police-asb.csv', 'utf8').split('\n');
    const cleanFile = path.join(mkdtempSync(path.join(tmpdir(), 'fo-web-data-')), 'asb-all-good.csv');
    writeFileSync(cleanFile, `${header}\n${first!.replace(/^[^,]+/, 'ASB-LOG-1')}\n`);
    const clean = await new ImportService(t.db).importFile('police-asb', cleanFile);
    expect(clean.quarantined).toBe(0);
    const withRows = (await t.services.data.imports()).find((f) => f.file_name === 'attendance-with-a-bad-row.csv')!;
    const before = (await t.services.data.quarantineAccess(1000)).length;
    expect((await analyst.get(`/data/imports/${withRows.id}`)).statusCode).toBe(200);
    expect((await analyst.get(`/data/imports/${withRows.id}/quarantine.csv`)).statusCode).toBe(200);
    expect((await analyst.get(`/data/imports/${clean.fileId}`)).statusCode).toBe(200);
    const log = await t.services.data.quarantineAccess(1000);
    const added = log.slice(0, log.length - before);
    expect(added.map((r) => [r.action, r.fileName, r.role])).toEqual([
      ['export-quarantined-rows', 'attendance-with-a-bad-row.csv', 'data-analyst'],
      ['view-quarantined-rows', 'attendance-with-a-bad-row.csv', 'data-analyst'],
    ]);
    const page = await (await t.signedIn('administrator')).get('/access-log');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Quarantined rows');
    expect(page.body).toContain(`<a class="govuk-link" href="/data/imports/${withRows.id}">attendance-with-a-bad-row.csv</a>`);
    expect(page.body).toContain('export-quarantined-rows');
  });

  it('list people awaiting a matching review', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/data/reviews');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('New person');
  });

  it.each(['key-worker', 'auditor', 'manager'] as const)('are refused to a %s', async (role) => {
    expect((await (await t.signedIn(role)).get('/data')).statusCode).toBe(403);
  });
});

interface UploadFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * Sends the upload form as a browser would (multipart, the `_csrf` field first) from the Data page;
 * `csrf: false` leaves the token out, a string sends that token instead.
 */
async function upload(
  agent: TestAgent,
  fields: Record<string, string>,
  file: UploadFile | readonly UploadFile[] | undefined,
  options: { csrf?: boolean | string; app?: FastifyInstance; page?: string } = {},
): Promise<LightMyRequestResponse> {
  const page = await agent.get(options.page ?? '/data');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const form = new FormData();
  if (options.csrf !== false) form.append('_csrf', typeof options.csrf === 'string' ? options.csrf : token!);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // A browser sends one empty part when no file is chosen.
  const files = file === undefined ? [{ name: '', content: '' }] : 'name' in file ? [file] : file;
  for (const f of files) form.append('file', new Blob([f.content]), f.name);
  const request = new Request('http://localhost/data/upload', { method: 'POST', body: form });
  return (options.app ?? t.app).inject({
    method: 'POST',
    url: '/data/upload',
    headers: { 'content-type': request.headers.get('content-type')!, cookie: agent.cookieHeader() },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

/**
 * Uploads as `upload` does, expects the redirect to the upload's page, lets the background import end
 * and returns that page.
 */
async function uploadAndImport(agent: TestAgent, fields: Record<string, string>, file: UploadFile): Promise<LightMyRequestResponse & { jobPath: string }> {
  const res = await upload(agent, fields, file);
  expect(res.statusCode).toBe(303);
  const jobPath = String(res.headers.location);
  expect(jobPath).toMatch(/^\/data\/uploads\/[0-9a-f-]{36}$/);
  await t.services.uploads.idle();
  return Object.assign(await agent.get(jobPath), { jobPath });
}

const uploadDirectories = () => readdirSync(tmpdir()).filter((d) => d.startsWith('fo-upload-') || d.startsWith('fo-import-job-'));
/** A copy of `file` where an upload would leave it: in a temporary directory of its own. */
async function copyToTemporary(file: string, name = path.basename(file)): Promise<string> {
  const at = path.join(mkdtempSync(path.join(tmpdir(), 'fo-web-data-')), name);
  await copyFile(file, at);
  return at;
}
/** A CSV example as an Excel workbook of one worksheet. */
async function workbookOf(csvFile: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Extract');
  for (const line of readFileSync(csvFile, 'utf8').trimEnd().split('\n')) sheet.addRow(line.split(','));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const example = (source: string) => ({ name: `${source}.csv`, content: readFileSync(`examples/extracts/${source}.csv`) });
/** The GOV.UK error summary and the field's inline error both carry the message. */
function expectFormError(res: LightMyRequestResponse, field: string, message: string | RegExp): void {
  expect(res.statusCode).toBe(400);
  expect(res.body).toContain('govuk-error-summary');
  expect(res.body).toContain(`href="#${field}"`);
  const inline = new RegExp(`id="${field}-error"[^>]*>\\s*<span class="govuk-visually-hidden">Error:</span>([^<]*)<`).exec(res.body)?.[1];
  if (typeof message === 'string') expect(inline?.trim()).toBe(message.replaceAll('’', '&#8217;').replaceAll('‘', '&#8216;'));
  else expect(inline).toMatch(message);
}

describe('uploading an extract', () => {
  it('shows the upload form on the Data page: every source, a file input, the CSRF field first', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/data');
    expect(res.body).toMatch(/<form method="post" action="\/data\/upload" enctype="multipart\/form-data" novalidate>\s*<input type="hidden" name="_csrf"/);
    const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;');
    for (const s of sources) expect(res.body).toContain(`<option value="${s.id}">${escape(s.title)} (${s.id})</option>`);
    expect(res.body).toMatch(/<option value="from-header">Work it out from the file’s header row<\/option>/);
    expect(res.body.match(/<option value="[a-z-]+"/g)).toHaveLength(sources.length + 1);
    expect(res.body).toContain('class="govuk-file-upload');
  });

  it('checks an upload, imports it in the background and shows its report on its own page; no file is left behind', async () => {
    const before = uploadDirectories();
    const analyst = await t.signedIn('data-analyst');
    const res = await uploadAndImport(analyst, { source: 'housing', encoding: 'utf-8' }, example('housing'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Imported: housing.csv');
    expect(res.body).toMatch(/Text encoding\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*UTF-8\s*</);
    const rows = readFileSync('examples/extracts/housing.csv', 'utf8').trimEnd().split('\n').length - 1;
    expect(res.body).toMatch(new RegExp(`Rows read\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*${rows}\\s*<`));
    expect(res.body).toContain(`Every row was stored: ${rows} of ${rows}.`);
    expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
    const dataPage = (await analyst.get('/data')).body;
    expect(dataPage).toMatch(/>housing\.csv<\/a>/);
    expect(dataPage).toContain(`<a class="govuk-link" href="${res.jobPath}">housing.csv</a>`);
    expect(dataPage).toMatch(/govuk-tag--green">\s*Imported\s*</);
    const again = await uploadAndImport(analyst, { source: 'housing' }, example('housing'));
    expect(again.body).toContain('This file was imported before. Nothing was changed.');
    expect(again.jobPath).not.toBe(res.jobPath);
  });

  it('works the kind of extract out from the header row when asked to, and asks for it when the header fits no one kind', async () => {
    const analyst = await t.signedIn('data-analyst');
    const res = await uploadAndImport(analyst, { source: 'from-header' }, { name: 'which-is-it.csv', content: readFileSync('examples/extracts/police-offences.csv') });
    expect(res.body).toContain('Imported: which-is-it.csv');
    expect(res.body).toMatch(/Kind of extract\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*[^<]*\(police-offences\)\s*</);
    expect((await t.services.data.imports()).find((f) => f.file_name === 'which-is-it.csv')?.source).toBe('police-offences');

    const shared = 'record_id,person_id,forename,surname,date_of_birth,address,postcode,record_type,date\n';
    const tied = await upload(analyst, { source: 'from-header' }, { name: 'tied.csv', content: shared });
    expectFormError(tied, 'source', 'The header row of tied.csv fits a police-asb or a domestic-abuse or a key-worker extract equally well: select which it is');
    expect(tied.body).toContain('<option value="from-header" selected>');
    const none = await upload(analyst, { source: 'from-header' }, { name: 'none.csv', content: 'record_id,colour\nX-1,blue\n' });
    expectFormError(none, 'source', 'The header row of none.csv fits no kind of extract: select the kind it should be, and the problem will say which columns it lacks');
  });

  it('takes several files at once, each of the kind its own header fits, and imports them one after another', async () => {
    const analyst = await t.signedIn('data-analyst');
    const before = uploadDirectories();
    // Two files with the same name from different folders are two files.
    const files = [
      { name: 'month.csv', content: readFileSync('examples/extracts/police-offences.csv') },
      { name: 'month.csv', content: readFileSync('examples/extracts/dwp-benefits.csv') },
      { name: 'attendance.xlsx', content: await workbookOf('examples/extracts/school-attendance.csv') },
    ];
    const res = await upload(analyst, { source: 'from-header' }, files);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/data?uploaded=3#uploads');
    await t.services.uploads.idle();
    const latest = await t.services.uploads.recent(3);
    expect(latest.map((j) => [j.fileName, j.source, j.status]).reverse()).toEqual([
      ['month.csv', 'police-offences', 'imported'],
      ['month.csv', 'dwp-benefits', 'imported'],
      ['attendance.xlsx', 'school-attendance', 'imported'],
    ]);
    expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
    const page = await analyst.get('/data?uploaded=3');
    expect(page.body).toContain('3 extracts were checked and queued for import');
    for (const job of latest) expect(page.body).toContain(`href="/data/uploads/${job.id}"`);
    for (const query of ['', '?uploaded=1', '?uploaded=11', '?uploaded=three']) expect((await analyst.get(`/data${query}`)).body).not.toContain('were checked and queued');
  });

  it('refuses several files together when any is refused, naming each refused file and why, and queues none of them', async () => {
    const analyst = await t.signedIn('data-analyst');
    const before = uploadDirectories();
    const jobsBefore = (await t.services.uploads.recent(100)).length;
    const res = await upload(analyst, { source: 'housing' }, [
      example('housing'),
      { name: 'notes.txt', content: 'not an extract' },
      { name: 'nothing.csv', content: '' },
    ]);
    expectFormError(res, 'file', 'notes.txt must be a CSV or an Excel workbook (.xlsx). nothing.csv is empty.');
    expect(res.body).toMatch(/<a href="#file">notes\.txt must be a CSV or an Excel workbook \(\.xlsx\)<\/a>[\s\S]*<a href="#file">nothing\.csv is empty<\/a>/);

    // Files that pass the form's checks are then checked for their encoding and header, every one.
    const checked = await upload(analyst, { source: 'housing' }, [example('housing'), example('police-asb'), { name: 'latin.csv', content: Buffer.from('record_id,forename\nH-1,Zo\xeb\n', 'latin1') }]);
    expect(checked.statusCode).toBe(400);
    expect(checked.body).toMatch(/<a href="#file">The header row of police-asb\.csv is missing the columns? [^<]*for a housing extract\./);
    expect(checked.body).toMatch(/<a href="#file">latin\.csv is not UTF-8 text/);
    expect(checked.body).not.toMatch(/<a href="#file">[^<]*housing\.csv/);
    expect(await t.services.uploads.recent(100)).toHaveLength(jobsBefore);
    expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('refuses more files than it takes at once, and queues none of them', async () => {
    const analyst = await t.signedIn('data-analyst');
    const jobsBefore = (await t.services.uploads.recent(100)).length;
    const res = await upload(analyst, { source: 'housing' }, Array.from({ length: 11 }, (_, i) => ({ name: `housing-${i}.csv`, content: readFileSync('examples/extracts/housing.csv') })));
    expectFormError(res, 'file', 'Select up to 10 files at a time');
    expect(await t.services.uploads.recent(100)).toHaveLength(jobsBefore);
    const before = uploadDirectories();
    const twelve = await upload(analyst, { source: 'housing' }, Array.from({ length: 12 }, (_, i) => ({ name: `housing-${i}.csv`, content: readFileSync('examples/extracts/housing.csv') })));
    expect(twelve.statusCode).toBe(413);
    expect(await t.services.uploads.recent(100)).toHaveLength(jobsBefore);
    expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('shows an upload still waiting, or importing with how far it has got, with a link to refresh, to every data analyst', async () => {
    const held = new HeldImports((await t.services.data.imports())[0]!.id);
    const uploads = new UploadJobs(t.db, held);
    const app = await createApp({ ...t.services, uploads }, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { signInAttemptsPerMinute: 1000 });
    try {
      const analyst = await signIn(app, 'data-analyst');
      const someoneElse = { userId: 'someone-else', role: 'data-analyst' } as const;
      const receive = async (name: string) => ({ source: 'housing', encoding: 'utf-8' as const, fileName: name, path: await copyToTemporary('examples/extracts/housing.csv', name), bytes: 2_500_000 });
      const running = await uploads.submit(await receive('first.csv'), someoneElse, { error: () => undefined });
      const waiting = await uploads.submit(await receive('second.csv'), someoneElse, { error: () => undefined });
      await vi.waitUntil(() => held.started.length === 1);
      held.progress({ bytesRead: 1_000_000, totalBytes: 2_500_000, rows: 12_345 });

      const first = await analyst.get(`/data/uploads/${running.id}`);
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('Importing: first.csv');
      expect(first.body).toContain('40% of the file read: 12,345 rows so far.');
      expect(first.body).toContain(`<a class="govuk-link" href="/data/uploads/${running.id}">Refresh to see how the import is going</a>`);
      expect(first.body).toMatch(/File size\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2\.4 MB\s*</);
      const second = await analyst.get(`/data/uploads/${waiting.id}`);
      expect(second.body).toContain('Waiting to be imported: second.csv');
      expect(second.body).toContain('will be imported after 1 upload received before it.');
      const dataPage = (await analyst.get('/data')).body;
      expect(dataPage).toMatch(/second\.csv<\/a>\s*<\/td>[\s\S]*?govuk-tag--grey">\s*Waiting\s*</);
      expect(dataPage).toMatch(/first\.csv<\/a>\s*<\/td>[\s\S]*?govuk-tag--blue">\s*Importing\s*</);

      held.finish();
      await vi.waitUntil(() => held.started.length === 2);
      held.finish();
      await uploads.idle();
      expect((await analyst.get(`/data/uploads/${waiting.id}`)).body).toContain('Imported: second.csv');
    } finally {
      await app.close();
      await uploads.stop();
    }
  });

  it('answers 404 for an unknown upload and refuses upload pages to a key worker', async () => {
    const analyst = await t.signedIn('data-analyst');
    expect((await analyst.get('/data/uploads/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await analyst.get('/data/uploads/nope')).statusCode).toBe(404);
    const job = (await t.services.uploads.recent(1))[0]!;
    expect((await (await t.signedIn('key-worker')).get(`/data/uploads/${job.id}`)).statusCode).toBe(403);
  });

  it('shows an upload the import refused part-way, with the reason, and stores nothing of it', async () => {
    const analyst = await t.signedIn('data-analyst');
    const [header, first] = readFileSync('examples/extracts/housing.csv', 'utf8').split('\n');
    const before = (await t.services.data.imports()).length;
    const res = await uploadAndImport(analyst, { source: 'housing' }, { name: 'unclosed.csv', content: `${header}\n${first}\n"H-9,never closed\n` });
    expect(res.body).toContain('Not imported: unclosed.csv');
    expect(res.body).toMatch(/<div class="govuk-inset-text">\s*unclosed\.csv row \d+ [^<]+\. Nothing was imported\.\s*<\/div>/);
    expect(await t.services.data.imports()).toHaveLength(before);
    expect((await analyst.get('/data')).body).toMatch(/govuk-tag--red">\s*Not imported\s*</);
  });

  it('reports quarantined rows with their problems and links to the full quality report, whose rows download as CSV', async () => {
    const analyst = await t.signedIn('data-analyst');
    const lines = readFileSync('examples/extracts/police-asb.csv', 'utf8').trimEnd().split('\n');
    const bad = lines[1]!.split(',');
    bad[0] = 'ASB-BAD-1';
    bad[4] = '2099-13-45';
    const res = await uploadAndImport(analyst, { source: 'police-asb' }, { name: 'asb with a bad row.csv', content: `${[...lines, bad.join(',')].join('\n')}\n` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Some rows were not stored');
    expect(res.body).toMatch(/Problems found\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*</);
    // The problem's value is personal data: it is shown on the file's page, whose listings are logged.
    expect(res.body).not.toContain('2099-13-45');
    const fileHref = /href="(\/data\/imports\/[0-9a-f-]+)"/.exec(res.body)?.[1];
    const filePage = await analyst.get(fileHref!);
    expect(filePage.body).toContain('ASB-BAD-1');
    expect(filePage.body).toContain('<strong>date_of_birth</strong> “2099-13-45”');
    const csvHref = /href="(\/data\/imports\/[0-9a-f-]+\/quarantine\.csv)"/.exec(filePage.body)?.[1];
    expect(csvHref).toBe(`${fileHref}/quarantine.csv`);
    const csv = await analyst.get(csvHref!);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="asb_with_a_bad_row-quarantine.csv"');
    const [header, row, ...rest] = csv.body.trimEnd().split('\n');
    expect(header).toBe(`${lines[0]},row_problems,original_file,original_row`);
    expect(rest).toEqual([]);
    expect(row).toMatch(new RegExp(`^${bad.join(',')},"date_of_birth ""2099-13-45"": [^"]+",asb with a bad row\\.csv,${lines.length + 1}$`));

    // Correct the cell, upload the download: the row is stored and its quarantine released.
    const corrected = csv.body.replace('2099-13-45', lines[1]!.split(',')[4]!);
    const fixed = await uploadAndImport(analyst, { source: 'police-asb' }, { name: 'asb corrected.csv', content: corrected });
    expect(fixed.body).toContain('Every row was stored: 1 of 1.');
    expect(fixed.body).toMatch(/Earlier quarantined rows corrected\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*</);
    expect((await analyst.get(fileHref!)).body).not.toContain('Download the quarantined rows');
  });

  it('imports an Excel workbook (.xlsx)', async () => {
    const content = await workbookOf('examples/extracts/exclusions.csv');
    const rows = readFileSync('examples/extracts/exclusions.csv', 'utf8').trimEnd().split('\n').length - 1;
    const res = await uploadAndImport(await t.signedIn('data-analyst'), { source: 'exclusions' }, { name: 'exclusions.xlsx', content });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Imported: exclusions.xlsx');
    expect(res.body).toMatch(/Text encoding\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not used: an Excel workbook\s*</);
    expect(res.body).toContain(`Every row was stored: ${rows} of ${rows}.`);
  });

  it.each([
    ['no kind of extract', {}, example('housing'), 'source', 'Select the kind of extract'],
    ['an unknown kind of extract', { source: 'nosuch' }, example('housing'), 'source', 'There is no kind of extract called “nosuch”: select one from the list'],
    ['no file', { source: 'housing' }, undefined, 'file', 'Select an extract file to upload'],
    ['an empty file', { source: 'housing' }, { name: 'empty.csv', content: '' }, 'file', 'The selected file is empty'],
    ['a file that is not CSV or .xlsx', { source: 'housing' }, { name: 'housing.xls', content: 'not really' }, 'file', 'The selected file must be a CSV or an Excel workbook (.xlsx)'],
    ['a CSV that is not UTF-8', { source: 'housing', encoding: 'utf-8' }, { name: 'latin.csv', content: Buffer.from('record_id,forename\nH-1,Zo\xeb\n', 'latin1') }, 'file', /^\s*latin\.csv is not UTF-8 text: save it as/],
    ['a header without the source’s columns', { source: 'housing' }, example('police-asb'), 'file', /The header row of police-asb\.csv is missing the columns? .*for a housing extract\. Nothing was imported\. Its columns fit a police-asb extract: choose that kind of extract and upload it again\./],
    ['a broken .xlsx workbook', { source: 'housing' }, { name: 'broken.xlsx', content: 'this is not a zip file' }, 'file', /broken\.xlsx cannot be read as an \.xlsx workbook/],
  ] as const)('refuses %s with the GOV.UK error summary and an inline error', async (_what, fields, file, field, message) => {
    const before = uploadDirectories();
    const analyst = await t.signedIn('data-analyst');
    const res = await upload(analyst, fields, file);
    expectFormError(res, field, message);
    expect(res.body).toContain('Error: Data');
    expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('refuses a file over the upload limit and keeps nothing of it', async () => {
    const small = await createApp(t.services, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { uploadLimitBytes: 2048, signInAttemptsPerMinute: 1000 });
    try {
      const agent = await signIn(small, 'data-analyst');
      const before = uploadDirectories();
      const big = `${readFileSync('examples/extracts/housing.csv', 'utf8')}${'\n'.repeat(3000)}`;
      const res = await upload(agent, { source: 'housing' }, { name: 'big.csv', content: big }, { app: small });
      expectFormError(res, 'file', 'The selected file must be smaller than 2 KB');
      expect((await agent.get('/data')).body).toContain('smaller than 2 KB');
      expect(uploadDirectories().filter((d) => !before.includes(d))).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it.each([
    ['without a CSRF token', false],
    ['with a wrong CSRF token', 'not-the-token'],
  ] as const)('refuses an upload %s and imports nothing', async (_what, csrf) => {
    const analyst = await t.signedIn('data-analyst');
    const before = (await t.services.data.imports()).length;
    const res = await upload(analyst, { source: 'key-worker' }, example('key-worker'), { csrf });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Your form could not be sent');
    expect(await t.services.data.imports()).toHaveLength(before);
  });

  it('refuses an upload and the download to a key worker', async () => {
    const keyWorker = await t.signedIn('key-worker');
    const before = (await t.services.data.imports()).length;
    const res = await upload(keyWorker, { source: 'key-worker' }, example('key-worker'), { page: '/' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You cannot see this page');
    expect(await t.services.data.imports()).toHaveLength(before);
    const file = (await t.services.data.imports())[0]!;
    expect((await keyWorker.get(`/data/imports/${file.id}/quarantine.csv`)).statusCode).toBe(403);
  });

  it('answers 404 for the download of an unknown import', async () => {
    const analyst = await t.signedIn('data-analyst');
    expect((await analyst.get('/data/imports/00000000-0000-4000-8000-000000000000/quarantine.csv')).statusCode).toBe(404);
    expect((await analyst.get('/data/imports/nope/quarantine.csv')).statusCode).toBe(404);
  });
});
