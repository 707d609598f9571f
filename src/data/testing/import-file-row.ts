/** An `import_files` row for tests that need a file for raw rows, people or events to refer to. */
import { randomUUID } from 'node:crypto';
import type { NewImportFile } from '../schema.ts';

export function importFileRow(id: string, rows = 0, overrides: Partial<NewImportFile> = {}): NewImportFile {
  return {
    id, source: 'school-attendance', file_name: 'a.csv', sha256: randomUUID(), header: '[]', row_count: rows, stored_count: rows, quarantined_count: 0,
    inserted_count: rows, corrected_count: 0, unchanged_count: 0, blank_line_count: 0, started_at: new Date(), finished_at: new Date(), ...overrides,
  };
}
