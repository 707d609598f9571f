import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDay } from '../engine/calendar/day.ts';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases, truncateAll } from '../data/testing/test-databases.ts';
import { ValidationError } from '../engine/errors.ts';
import { listQuarantineAccess } from '../data/repositories/quarantine-access-log.ts';
import { ImportService, UnknownSourceError } from './import-service.ts';
import { QuarantineExport, UnknownImportFileError, type QuarantineSelection } from './quarantine-export.ts';

const header = 'record_id,person_id,forename,surname,date_of_birth,sex,address,postcode,upn,term,possible_sessions,attended_sessions,authorised_absences,unauthorised_absences';
const person = 'EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012';
const good = (id: string, term: string) => `${id},${person},${term},120,100,10,10`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fo-quarantine-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, content);
  return at;
}

const analyst = { userId: 'u-analyst', role: 'data-analyst' } as const;

async function text(exporter: QuarantineExport, selection: QuarantineSelection): Promise<string> {
  const { csv } = await exporter.open(selection, analyst);
  let out = '';
  for await (const chunk of csv) out += String(chunk);
  return out;
}

async function openQuarantine(h: DatabaseHandle): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from quarantine where status = 'open'`.execute(h.db)).rows[0]!.n);
}

describe.each(testDatabases())('quarantine export on $name', ({ open }) => {
  let h: DatabaseHandle;
  let imports: ImportService;
  let exporter: QuarantineExport;
  beforeAll(async () => {
    h = await open();
    return () => h.close();
  });
  beforeEach(async () => {
    await truncateAll(h);
    imports = new ImportService(h.db, { today: () => parseDay('2024-01-01') });
    exporter = new QuarantineExport(h.db, () => new Date('2024-01-02T09:30:00Z'));
  });

  it('writes the open rows in the file’s own layout with every problem, the original file and row', async () => {
    const report = await imports.importFile(
      'school-attendance',
      await file('attendance.csv', [header, good('SA-1', '2019-spring'), 'SA-2,EDU1,Jordan,Smith,2005-03-14,Q,12 Mill Lane,LE1 5AB,A123456789012,2019-summer,100,90,x,0', good('SA-3', '2019-autumn'), 'SA-4,EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2020-spring,120,100,10,10,surplus'].join('\n')),
    );
    expect(report.quarantined).toBe(2);
    const rows = parse(await text(exporter, { fileId: report.fileId })) as string[][];
    expect(rows[0]).toEqual([...header.split(','), 'row_problems', 'original_file', 'original_row']);
    expect(rows.map((r) => r[0])).toEqual(['record_id', 'SA-2', 'SA-4']);
    const [sa2, sa4] = [rows[1]!, rows[2]!];
    expect(sa2.slice(0, 14).join(',')).toBe('SA-2,EDU1,Jordan,Smith,2005-03-14,Q,12 Mill Lane,LE1 5AB,A123456789012,2019-summer,100,90,x,0');
    expect(sa2[14]).toMatch(/^sex "Q": .+; authorised_absences "x": .+$/);
    expect(sa2.slice(15)).toEqual(['attendance.csv', '3']);
    expect(sa4[14]).toContain('cells beyond the header: "surplus"');
    expect(sa4[16]).toBe('5');
  });

  it('round trip: export, correct the cells, import again: rows stored, quarantine released, nothing lost', async () => {
    const first = await imports.importFile(
      'school-attendance',
      await file('autumn.csv', [header, good('SA-1', '2019-spring'), 'SA-2,EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-summer,100,150,0,0', 'SA-3,EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-winter,120,100,10,10'].join('\n')),
    );
    expect(first.quarantined).toBe(2);
    const exported = parse(await text(exporter, { source: 'school-attendance' })) as string[][];
    const corrected = exported.map((r, i) => {
      if (i === 0) return r;
      const fixed = [...r];
      if (fixed[0] === 'SA-2') fixed[11] = '90';
      if (fixed[0] === 'SA-3') fixed[9] = '2019-autumn';
      return fixed;
    });
    const csv = `${corrected.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n')}\n`;
    const second = await imports.importFile('school-attendance', await file('autumn-corrected.csv', csv));
    expect(second.quarantined).toBe(0);
    expect(second.inserted).toBe(2);
    expect(second.releasedFromQuarantine).toBe(2);
    expect(second.warnings.join()).toContain('row_problems, original_file, original_row');
    expect(await openQuarantine(h)).toBe(0);
    const events = await h.db.selectFrom('events').select(['record_key']).orderBy('record_key').execute();
    expect(events.map((e) => e.record_key)).toEqual(['SA-1', 'SA-2', 'SA-3']);
    // Nothing left to export; the header is still written.
    expect(parse(await text(exporter, { source: 'school-attendance' }))).toEqual([exported[0]]);
  });

  it('escapes formula-like cells for spreadsheets, and the re-import restores them exactly', async () => {
    const hostile = '=HYPERLINK("http://example.invalid","open")';
    const row = `SA-5,EDU1,Jordan,Smith,2005-03-14,M,"${hostile.replaceAll('"', '""')}",LE1 5AB,A123456789012,2019-summer,100,150,0,0`;
    await imports.importFile('school-attendance', await file('hostile.csv', `${header}\n${row}\n`));
    const exported = parse(await text(exporter, { source: 'school-attendance' })) as string[][];
    expect(exported[1]![6]).toBe(`'${hostile}`);
    const fixed = exported.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 11 ? '90' : c))));
    const second = await imports.importFile('school-attendance', await file('hostile-corrected.csv', stringify(fixed)));
    expect(second.inserted).toBe(1);
    expect(second.releasedFromQuarantine).toBe(1);
    const stored = await h.db.selectFrom('raw_rows').select(['raw_values']).where('record_key', '=', 'SA-5').where('outcome', '=', 'stored').executeTakeFirstOrThrow();
    expect((JSON.parse(stored.raw_values) as string[])[6]).toBe(hostile);
    // An ordinary extract keeps a leading apostrophe: only a quarantine export is unescaped.
    const plain = await imports.importFile('school-attendance', await file('plain.csv', `${header}\nSA-6,EDU1,Jordan,Smith,2005-03-14,M,'-1 Mill Lane,LE1 5AB,A123456789012,2019-spring,100,90,0,0\n`));
    expect(plain.inserted).toBe(1);
    const kept = await h.db.selectFrom('raw_rows').select(['raw_values']).where('record_key', '=', 'SA-6').executeTakeFirstOrThrow();
    expect((JSON.parse(kept.raw_values) as string[])[6]).toBe("'-1 Mill Lane");
  });

  it('writes a record quarantined in two files once, from the newer file, and counts per file', async () => {
    const bad = (term: string) => `SA-9,EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,${term},100,150,0,0`;
    await imports.importFile('school-attendance', await file('one.csv', `${header}\n${bad('2019-spring')}\n`));
    await imports.importFile('school-attendance', await file('two.csv', `${header}\n${good('SA-1', '2019-spring')}\n${bad('2019-summer')}\n`));
    const rows = parse(await text(exporter, { source: 'school-attendance' })) as string[][];
    expect(rows.slice(1).map((r) => [r[0], r[9], r.at(-2)])).toEqual([['SA-9', '2019-summer', 'two.csv']]);
    expect((await exporter.list()).map((f) => [f.fileName, f.open, f.released])).toEqual([
      ['two.csv', 1, 0],
      ['one.csv', 1, 0],
    ]);
  });

  it('refuses an unknown file or source by name', async () => {
    await expect(exporter.open({ fileId: 'not-an-id' }, analyst)).rejects.toThrow(UnknownImportFileError);
    await expect(exporter.open({ fileId: '00000000-0000-4000-8000-000000000000' }, analyst)).rejects.toThrow(/No imported file with id "00000000/);
    await expect(exporter.open({ source: 'nosuch' }, analyst)).rejects.toThrow(UnknownSourceError);
  });

  it('records each export in the quarantine access log: who, in what role, each file whose open rows it selected, when', async () => {
    const bad = (id: string) => `${id},EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-spring,100,150,0,0`;
    const one = await imports.importFile('school-attendance', await file('log-one.csv', `${header}\n${bad('SA-21')}\n`));
    const two = await imports.importFile('school-attendance', await file('log-two.csv', `${header}\n${bad('SA-22')}\n`));
    const clean = await imports.importFile('school-attendance', await file('log-clean.csv', `${header}\n${good('SA-23', '2019-spring')}\n`));
    await text(exporter, { fileId: one.fileId });
    await text(exporter, { source: 'school-attendance' });
    // A file with no open rows discloses nothing: exported, it is not recorded.
    await text(exporter, { fileId: clean.fileId });
    const log = await listQuarantineAccess(h.db, 10);
    expect(log.map((r) => [r.importFileId, r.fileName, r.userId, r.role, r.action, r.at.toISOString()]).sort()).toEqual(
      [
        [one.fileId, 'log-one.csv', 'u-analyst', 'data-analyst', 'export-quarantined-rows', '2024-01-02T09:30:00.000Z'],
        [one.fileId, 'log-one.csv', 'u-analyst', 'data-analyst', 'export-quarantined-rows', '2024-01-02T09:30:00.000Z'],
        [two.fileId, 'log-two.csv', 'u-analyst', 'data-analyst', 'export-quarantined-rows', '2024-01-02T09:30:00.000Z'],
      ].sort(),
    );
  });

  it('refuses an export or a listing without a valid actor, and records nothing', async () => {
    const report = await imports.importFile('school-attendance', await file('no-actor.csv', `${header}\nSA-31,EDU1,Jordan,Smith,2005-03-14,M,12 Mill Lane,LE1 5AB,A123456789012,2019-spring,100,150,0,0\n`));
    await expect(exporter.open({ fileId: report.fileId }, { userId: '', role: 'data-analyst' })).rejects.toThrow(ValidationError);
    await expect(exporter.open({ fileId: report.fileId }, { userId: 'u1', role: 'nobody' as never })).rejects.toThrow(/role/);
    await expect(exporter.recordListing(report.fileId, { userId: '', role: 'data-analyst' })).rejects.toThrow(ValidationError);
    expect(await listQuarantineAccess(h.db, 10)).toEqual([]);
  });
});
