/**
 * Validates one data row of an extract against its source's columns and checks, and maps a valid row to
 * its timeline event and the person it is about.
 */
import { formatDay, type Day } from '../../engine/calendar/day.ts';
import type { ColumnSpec, EventDraft, SourceSpec, ValidRow } from '../sources/column-spec.ts';
import { sexMeaning } from '../sources/identity-columns.ts';
import { cellText, parseCell, type RawCell } from './parse-cell.ts';

export interface RowIssue {
  /** The column the problem is in; absent for whole-row problems (wrong number of cells). */
  readonly column?: string;
  /** The cell as it appears in the file. */
  readonly value?: string;
  readonly reason: string;
}

/** The person a row is about, as the agency describes them (already normalised by column type). */
export interface PersonDetails {
  readonly system: string;
  readonly systemId: string;
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
  readonly address: string;
  readonly postcode: string;
  readonly nhsNumber?: string | undefined;
  readonly upn?: string | undefined;
  readonly niNumber?: string | undefined;
}

export type RowValidation =
  | { readonly ok: true; readonly recordKey: string; readonly row: ValidRow; readonly person: PersonDetails; readonly event: EventDraft }
  | { readonly ok: false; readonly recordKey: string | undefined; readonly issues: readonly RowIssue[] };

/**
 * `cells[i]` is the cell under `columnIndex[spec.columns[i].name]`; columns the file lacks have index -1.
 * `today` bounds dates of birth.
 */
export function validateRow(spec: SourceSpec, columnIndex: ReadonlyMap<string, number>, cells: readonly RawCell[], today: Day): RowValidation {
  const issues: RowIssue[] = [];
  const row: Record<string, ValidRow[string]> = {};
  const recordTypeColumn = spec.columns.find((c) => c.name === 'record_type');
  for (const column of spec.columns) {
    const index = columnIndex.get(column.name) ?? -1;
    const cell = index >= 0 ? cells[index] : undefined;
    const result = parseCell(column, cell);
    if (!result.ok) {
      issues.push({ column: column.name, value: cellText(cell), reason: result.reason });
      continue;
    }
    if (result.value !== undefined) row[column.name] = result.value;
  }
  const recordType = recordTypeColumn ? row['record_type'] : undefined;
  for (const column of spec.columns) {
    if (row[column.name] !== undefined || issues.some((i) => i.column === column.name)) continue;
    if (isRequired(column, recordType)) {
      issues.push({ column: column.name, value: '', reason: column.required ? 'is required' : `is required when record_type is ${String(recordType)}` });
    }
  }
  const dob = row['date_of_birth'];
  if (typeof dob === 'string' && dob > formatDay(today)) issues.push({ column: 'date_of_birth', value: dob, reason: 'is in the future' });
  if (issues.length === 0 && spec.check) {
    for (const p of spec.check(row)) issues.push({ column: p.column, value: cellText(cells[columnIndex.get(p.column) ?? -1]), reason: p.reason });
  }
  const recordKey = typeof row['record_id'] === 'string' ? row['record_id'] : undefined;
  if (issues.length > 0 || recordKey === undefined) return { ok: false, recordKey, issues };
  return { ok: true, recordKey, row, person: personDetails(spec, row), event: spec.toEvent(row) };
}

function isRequired(column: ColumnSpec, recordType: unknown): boolean {
  return column.required || (typeof recordType === 'string' && (column.requiredFor?.includes(recordType) ?? false));
}

function personDetails(spec: SourceSpec, row: ValidRow): PersonDetails {
  const s = (name: string) => (row[name] === undefined ? undefined : String(row[name]));
  return {
    system: spec.system,
    systemId: s('person_id')!,
    forename: s('forename')!,
    surname: s('surname')!,
    dateOfBirth: s('date_of_birth')!,
    sex: sexMeaning[(s('sex') ?? 'U') as keyof typeof sexMeaning],
    address: s('address')!,
    postcode: s('postcode')!,
    nhsNumber: s('nhs_number'),
    upn: s('upn'),
    niNumber: s('ni_number'),
  };
}
