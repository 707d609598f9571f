/** ImportService.importRows: rows held in memory go through the same pipeline as a file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../engine/calendar/day.ts';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { ImportService } from './import-service.ts';
import { TimelineService } from './timeline-service.ts';

const header = ['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'sex', 'address', 'postcode', 'assessment_date', 'tool', 'score'];
const person = ['KW1', 'Jordan', 'Smith', '1985-03-14', 'F', '12 Mill Lane', 'LE1 5AB'];

describe.each(testDatabases())('importing rows from memory on $name', ({ open }) => {
  let h: DatabaseHandle;
  let imports: ImportService;
  beforeAll(async () => {
    h = await open();
    imports = new ImportService(h.db, { today: () => parseDay('2024-01-01') });
  });
  afterAll(() => h?.close());

  it('stores good rows with provenance under the given name and quarantines bad ones', async () => {
    const report = await imports.importRows('assessments', {
      name: 'recorded on the family page by u1 at 2020-01-15T12:00:00.000Z',
      header,
      rows: [
        ['A-1', ...person, '2019-06-10', 'outcomes-star', '4'],
        ['A-2', ...person, '2019-06-11', 'Outcomes Star', '5'],
      ],
    });
    expect(report).toMatchObject({ alreadyImported: false, rows: 2, inserted: 1, quarantined: 1, newPeople: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ row: 3, column: 'tool' })]);
    const file = await h.db.selectFrom('import_files').selectAll().where('id', '=', report.fileId).executeTakeFirstOrThrow();
    expect(file.file_name).toBe('recorded on the family page by u1 at 2020-01-15T12:00:00.000Z');
    const event = await h.db.selectFrom('events').select(['file_id', 'row_number', 'type']).where('record_key', '=', 'A-1').executeTakeFirstOrThrow();
    expect(event).toEqual({ file_id: report.fileId, row_number: 2, type: 'assessment' });
    const households = await new TimelineService(h.db).households();
    const timeline = await new TimelineService(h.db).timelineForHousehold(households[0]!.id, '2020-01-01');
    expect(timeline!.events).toEqual([expect.objectContaining({ type: 'assessment', tool: 'outcomes-star', score: 4, origin: { file: file.file_name, row: 2 } })]);
  });

  it('changes nothing when the same rows are sent again', async () => {
    const extract = { name: 'recorded twice', header, rows: [['A-9', ...person, '2019-07-01', 'sdq', '12']] };
    expect((await imports.importRows('assessments', extract)).inserted).toBe(1);
    expect(await imports.importRows('assessments', extract)).toMatchObject({ alreadyImported: true, inserted: 0 });
  });

  it('refuses an unknown source and a name that is not one', async () => {
    await expect(imports.importRows('nope', { name: 'x', header, rows: [] })).rejects.toThrow(/No extract source "nope"/);
    await expect(imports.importRows('assessments', { name: 'a/b', header, rows: [] })).rejects.toThrow(/not a usable name/);
  });
});
