import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../services/import-service.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

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

  it('list people awaiting a matching review', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/data/reviews');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('New person');
  });

  it.each(['key-worker', 'auditor', 'manager'] as const)('are refused to a %s', async (role) => {
    expect((await (await t.signedIn(role)).get('/data')).statusCode).toBe(403);
  });
});
