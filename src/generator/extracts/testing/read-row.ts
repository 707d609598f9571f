/**
 * Reads one generated row with the importer's own row validator, so the tests hold the generator to
 * exactly what the import accepts and rejects.
 */
import { parseDay } from '../../../engine/calendar/day.ts';
import type { SourceSpec, ValidRow } from '../../../imports/sources/index.ts';
import { validateRow } from '../../../imports/validation/validate-row.ts';

export function readRow(spec: SourceSpec, cells: Readonly<Record<string, string>>, today: string): { row: ValidRow; problems: string[] } {
  const names = spec.columns.map((c) => c.name);
  const result = validateRow(spec, new Map(names.map((n, i) => [n, i])), names.map((n) => cells[n] ?? ''), parseDay(today));
  return result.ok ? { row: result.row, problems: [] } : { row: {}, problems: result.issues.map((i) => `${i.column ?? '(row)'}: ${i.reason}`) };
}
