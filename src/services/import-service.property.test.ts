/** Property: every data row of a file is either stored or quarantined, never both, never neither. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../engine/calendar/day.ts';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { schoolAttendance } from '../imports/sources/school-attendance.ts';
import { ImportService } from './import-service.ts';

const columns = schoolAttendance.columns.map((c) => c.name);
const good: Record<string, string> = {
  person_id: 'EDU1',
  forename: 'Mia',
  surname: 'Smith',
  date_of_birth: '2009-09-30',
  sex: 'F',
  address: '12 Mill Lane',
  postcode: 'LE1 5AB',
  upn: 'A123456789013',
  term: '2019-spring',
  possible_sessions: '120',
  attended_sessions: '100',
  authorised_absences: '10',
  unauthorised_absences: '10',
};

/** A value for a column: usually good, sometimes one of many kinds of bad (or arbitrary text). */
const cell = (column: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(good[column] ?? '') },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '31/02/2019', '03/14/2019', '-5', '999', 'x', '"quoted, comma"', '2019-13-01', 'zz') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
const rowArb = fc.record(Object.fromEntries(columns.filter((c) => c !== 'record_id').map((c) => [c, cell(c)])) as Record<string, fc.Arbitrary<string>>);
const fileArb = fc.array(fc.tuple(rowArb, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 25 });

describe.each(testDatabases())('every row stored or quarantined, on $name', ({ open }) => {
  let h: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    h = await open();
    dir = await mkdtemp(path.join(tmpdir(), 'fo-prop-'));
    return async () => {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    };
  });

  it('holds for random files', async () => {
    let run = 0;
    const imports = new ImportService(h.db, { batchSize: 7, today: () => parseDay('2024-01-01') });
    await fc.assert(
      fc.asyncProperty(fileArb, async (rows) => {
        run += 1;
        // Each row gets a fresh record_id, except that some repeat the previous row's (duplicates).
        const records = rows.map(([r, duplicate], i) => ({ record_id: `R${run}-${duplicate && i > 0 ? i - 1 : i}`, ...r }));
        const lines = [columns, ...records.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? ''))];
        const file = path.join(dir, `run-${run}.csv`);
        await writeFile(file, stringify(lines));
        const report = await imports.importFile('school-attendance', file);
        const raw = await h.db.selectFrom('raw_rows').select(['row_number', 'outcome']).where('file_id', '=', report.fileId).execute();
        const quarantined = await h.db.selectFrom('quarantine').select('row_number').where('file_id', '=', report.fileId).execute();
        const events = await h.db.selectFrom('events').select('row_number').where('file_id', '=', report.fileId).execute();
        const nonBlank = records.filter((r) => Object.values(r).some((v) => v.trim() !== '')).length;
        // Every non-blank row appears exactly once …
        expect(raw).toHaveLength(nonBlank);
        expect(new Set(raw.map((r) => r.row_number)).size).toBe(nonBlank);
        // … either stored (as an event with its provenance) or quarantined, not both.
        const storedRows = raw.filter((r) => r.outcome === 'stored').map((r) => r.row_number).sort((a, b) => a - b);
        const quarantinedRows = raw.filter((r) => r.outcome === 'quarantined').map((r) => r.row_number).sort((a, b) => a - b);
        expect(quarantined.map((q) => q.row_number).sort((a, b) => a - b)).toEqual(quarantinedRows);
        expect(events.map((e) => e.row_number).sort((a, b) => a - b)).toEqual(storedRows);
        expect(report.stored + report.quarantined).toBe(report.rows);
        expect(report.rows).toBe(nonBlank);
      }),
      { numRuns: 25 },
    );
  });
});
