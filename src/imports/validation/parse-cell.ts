/**
 * Turns one cell, as read from a CSV or .xlsx file, into the value its column's type expects, or a reason
 * it cannot. Reasons are written for the analyst fixing the file.
 */
import { dayFrom, daysInMonth, formatDay, type Day } from '../../engine/calendar/day.ts';
import type { CellValue, ColumnSpec } from '../sources/column-spec.ts';
import { normaliseNhsNumber, normaliseNiNumber, normalisePostcode, normaliseUpn } from '../identifiers.ts';

/** A cell as a reader gives it: text from CSV; text, numbers, booleans or dates from .xlsx. */
export type RawCell = string | number | boolean | Date | null | undefined;

export type CellResult = { readonly ok: true; readonly value: CellValue | undefined } | { readonly ok: false; readonly reason: string };

const ok = (value: CellValue | undefined): CellResult => ({ ok: true, value });
const fail = (reason: string): CellResult => ({ ok: false, reason });

/** The cell as text, the way it appears in the file (for reports and raw rows). */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
}

export function isBlank(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function parseCell(column: ColumnSpec, cell: RawCell): CellResult {
  if (isBlank(cell)) return ok(undefined);
  if (column.type === 'date') return parseDateCell(cell);
  const text = cellText(cell).trim();
  if (text.includes('\uFFFD')) return fail('contains characters that are not valid UTF-8: save the file as "CSV UTF-8", or import with --encoding windows-1252');
  switch (column.type) {
    case 'text':
      return ok(text);
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(text);
      return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? ok(text) : fail('is not a month as YYYY-MM');
    }
    case 'term': {
      const m = /^(\d{4})-(autumn|spring|summer)$/i.exec(text);
      return m ? ok(`${m[1]}-${m[2]!.toLowerCase()}`) : fail('is not a school term such as 2019-spring (YYYY-autumn, YYYY-spring or YYYY-summer)');
    }
    case 'integer':
    case 'decimal':
      return parseNumber(column, cell, text);
    case 'boolean': {
      const t = text.toLowerCase();
      if (['y', 'yes', 'true', '1'].includes(t)) return ok(true);
      if (['n', 'no', 'false', '0'].includes(t)) return ok(false);
      return fail('is not Y or N');
    }
    case 'code': {
      const codes = column.codes ?? [];
      const found = codes.find((c) => c.toLowerCase() === text.toLowerCase());
      return found === undefined ? fail(`is not one of the codes ${codes.join(', ')}`) : ok(found);
    }
    case 'postcode':
      return optional(normalisePostcode(text), 'is not a UK postcode');
    case 'nhs-number':
      return optional(normaliseNhsNumber(text), 'is not a valid NHS number (10 digits with a correct check digit)');
    case 'upn':
      return optional(normaliseUpn(text), 'is not a valid UPN (a letter, 11 digits, then a digit or letter)');
    case 'ni-number':
      return optional(normaliseNiNumber(text), 'is not a valid National Insurance number (e.g. QQ123456C)');
  }
}

function optional(value: string | undefined, reason: string): CellResult {
  return value === undefined ? fail(reason) : ok(value);
}

function parseNumber(column: ColumnSpec, cell: RawCell, text: string): CellResult {
  const pattern = column.type === 'integer' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)$/;
  if (typeof cell !== 'number' && !pattern.test(text)) {
    return fail(column.type === 'integer' ? 'is not a whole number' : 'is not a number (digits and a decimal point only, no commas or £)');
  }
  const n = typeof cell === 'number' ? cell : Number(text);
  if (!Number.isFinite(n)) return fail('is not a number');
  if (column.type === 'integer' && !Number.isInteger(n)) return fail('is not a whole number');
  if (column.min !== undefined && n < column.min) return fail(`is less than ${column.min}`);
  if (column.max !== undefined && n > column.max) return fail(`is more than ${column.max}`);
  return ok(n);
}

const earliest = dayFrom(1900, 1, 1);
const latest = dayFrom(2100, 12, 31);
/** Excel's 1900 date system: serial 25569 is 1970-01-01; serials below 61 are before 1 March 1900 (and include Excel's phantom 29 February 1900). */
const excelEpochOffset = 25569;

/** Dates: `YYYY-MM-DD`, `DD/MM/YYYY`, and in .xlsx a date cell or an Excel serial number. */
export function parseDateCell(cell: RawCell): CellResult {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('is not a date');
    return inRange(dayFrom(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 61) return fail('is not an Excel date serial number on or after 1900-03-01');
    return inRange((cell - excelEpochOffset) as Day);
  }
  const text = cellText(cell).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (month > 12 && day <= 12) return fail('is not a date: looks like US order (MM/DD/YYYY); write DD/MM/YYYY or YYYY-MM-DD');
    return ymd(Number(m[3]), month, day);
  }
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    return fail('looks like an Excel date serial number; in CSV files write dates as YYYY-MM-DD or DD/MM/YYYY (format the column as a date before saving)');
  }
  return fail('is not a date as YYYY-MM-DD or DD/MM/YYYY');
}

function ymd(year: number, month: number, day: number): CellResult {
  if (month < 1 || month > 12) return fail(`is not a date: there is no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`is not a date: ${year}-${String(month).padStart(2, '0')} has ${daysInMonth(year, month)} days`);
  return inRange(dayFrom(year, month, day));
}

function inRange(day: Day): CellResult {
  if (day < earliest || day > latest) return fail('is not a plausible date (before 1900 or after 2100)');
  return ok(formatDay(day));
}
