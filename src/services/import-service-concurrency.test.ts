/**
 * Two imports started at the same moment (two web requests, or the CLI while the web app imports) run
 * one after the other, so each sees what the other stored: a correction keeps the version it replaced
 * in history, and the same person and household are not created twice.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../engine/calendar/day.ts';
import type { DatabaseHandle } from '../data/database.ts';
import { eventVersions } from '../data/repositories/events.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { ImportService } from './import-service.ts';

const header = 'record_id,person_id,forename,surname,date_of_birth,sex,address,postcode,upn,term,possible_sessions,attended_sessions,authorised_absences,unauthorised_absences';
const rows = (attended: number) =>
  Array.from({ length: 40 }, (_, i) => `A${i},EDU${i},Pupil${i},Smith,2010-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 1).padStart(2, '0')},M,${i} Mill Lane,LE1 5AB,A${String(100000000000 + i).slice(1)}${i % 10},2019-spring,120,${attended},10,0`);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fo-import-concurrent-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(testDatabases())('concurrent imports on $name', ({ open }) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await open();
    return () => h.close();
  });

  it('run one at a time: the second sees the first, so corrections keep history and nobody is stored twice', async () => {
    const first = path.join(dir, `${h.kind}-first.csv`);
    const second = path.join(dir, `${h.kind}-second.csv`);
    await writeFile(first, [header, ...rows(100)].join('\n'));
    await writeFile(second, [header, ...rows(90)].join('\n'));
    const imports = new ImportService(h.db, { batchSize: 4, today: () => parseDay('2024-01-01') });
    const reports = await Promise.all([imports.importFile('school-attendance', first), imports.importFile('school-attendance', second)]);
    // Whichever ran first inserted the 40 records; the other corrected all 40 of them.
    expect(reports.map((r) => r.inserted).sort()).toEqual([0, 40]);
    expect(reports.map((r) => r.corrected).sort()).toEqual([0, 40]);
    const n = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n);
    expect({ events: await n('events'), history: await n('event_history'), people: await n('people'), households: await n('households') }).toEqual({ events: 40, history: 40, people: 40, households: 40 });
    expect((await eventVersions(h.db, 'school-attendance', 'A7')).map((v) => v.version)).toEqual([1, 2]);
  });
});
