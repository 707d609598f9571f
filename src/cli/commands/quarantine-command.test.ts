/**
 * `quarantine list|export` and `import` through `main`, on an embedded database of their own: import a
 * file with a bad row, list it, export it, correct the cell, import the export, and nothing is left open.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-quarantine-'));
  vi.stubEnv('FAMILY_OUTCOMES_DATA', join(dir, 'data'));
  vi.stubEnv('DATABASE_URL', undefined as unknown as string);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args);

describe('quarantine commands', () => {
  it('list, export and a corrected re-import that leaves nothing open', async () => {
    const lines = (await readFile('examples/extracts/school-attendance.csv', 'utf8')).trimEnd().split('\n');
    lines.push('SA-999999,EDU1008,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-summer,100,150,0,0');
    await writeFile(join(dir, 'attendance.csv'), `${lines.join('\n')}\n`);
    expect((await run(['import', 'school-attendance', join(dir, 'attendance.csv')])).code).toBe(2);

    const list = await run(['quarantine', 'list']);
    expect(list.code).toBe(0);
    const fileId = /^([0-9a-f-]{36})\s+school-attendance\s+1\s+0\s/m.exec(list.stdout)?.[1];
    expect(fileId, list.stdout).toBeDefined();

    const printed = await run(['quarantine', 'export', '--file', fileId!]);
    expect(printed.code).toBe(0);
    expect(printed.stdout.split('\n')[0]).toBe(`${lines[0]},row_problems,original_file,original_row`);
    expect(printed.stdout).toContain(`SA-999999,EDU1008,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-summer,100,150,0,0,`);
    expect(printed.stdout).toContain(`,attendance.csv,${lines.length}\n`);

    const out = join(dir, 'to-correct.csv');
    const written = await run(['quarantine', 'export', '--source', 'school-attendance', '--out', out, '--user', 'alice', '--role', 'administrator']);
    expect(written.stderr).toContain(`Wrote ${out}`);
    // Both exports are in the quarantine access log, newest first, in the names they were made in.
    const log = await run(['quarantine', 'log', '--json']);
    expect(log.code).toBe(0);
    const records = JSON.parse(log.stdout) as Array<{ userId: string; role: string; action: string; importFileId: string; fileName: string }>;
    expect(records.map((r) => [r.userId === 'alice' ? 'alice' : 'login name', r.role, r.action, r.importFileId, r.fileName])).toEqual([
      ['alice', 'administrator', 'export-quarantined-rows', fileId, 'attendance.csv'],
      ['login name', 'data-analyst', 'export-quarantined-rows', fileId, 'attendance.csv'],
    ]);
    expect((await run(['quarantine', 'log'])).stdout).toMatch(/alice\s+administrator\s+export-quarantined-rows\s+[0-9a-f-]{36}\s+attendance\.csv/);
    const corrected = (await readFile(out, 'utf8')).replace('2019-summer,100,150,0,0', '2019-summer,100,90,0,0');
    await writeFile(join(dir, 'corrected.csv'), corrected);
    const reimport = await run(['import', 'school-attendance', join(dir, 'corrected.csv')]);
    expect(reimport.code, reimport.stdout + reimport.stderr).toBe(0);
    expect(reimport.stdout).toContain('1 earlier quarantined rows corrected');
    expect((await run(['quarantine', 'list'])).stdout).toMatch(new RegExp(`^${fileId}\\s+school-attendance\\s+0\\s+1\\s`, 'm'));
  }, 120_000);

  it.each([
    [['quarantine', 'export'], /give exactly one of --file <id> or --source <source>/],
    [['quarantine', 'export', '--file', 'x', '--source', 'housing'], /give exactly one/],
    [['quarantine', 'export', '--file', '00000000-0000-4000-8000-000000000000'], /No imported file with id/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);
});

describe('import auto', () => {
  it('works the kind of extract out from the header row, and says which it took', async () => {
    const r = await run(['import', 'auto', 'examples/extracts/police-offences.csv']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('police-offences.csv: its header row fits a police-offences extract');
    expect(r.stdout).toMatch(/^examples\/extracts\/police-offences\.csv \(police-offences, sha256/);
  }, 60_000);

  it('refuses a header that fits several kinds equally well, naming them, and stores nothing', async () => {
    // The nine columns police-asb, domestic-abuse and key-worker extracts share.
    await writeFile(join(dir, 'shared.csv'), 'record_id,person_id,forename,surname,date_of_birth,address,postcode,record_type,date\nR1,P1,Ann,Lee,1980-01-01,1 High St,SO14 1AA,x,2019-01-01\n');
    const r = await run(['import', 'auto', join(dir, 'shared.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shared.csv row 1 (header): fits more than one kind of extract equally well (police-asb, domestic-abuse, key-worker): choose the kind');
    expect((await run(['quarantine', 'list'])).stdout).not.toContain('shared.csv');
    const json = await run(['import', 'auto', join(dir, 'shared.csv'), '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'source-not-detected' } });
  }, 60_000);
});
