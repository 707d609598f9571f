/**
 * A test oracle for the generated extracts: reads one CSV row by its source's column specification
 * (the documented cell formats, required columns, codes, ranges and the source's own checks) into a
 * ValidRow, or lists its problems. Used until the importer's validator is committed; then the tests
 * should use that instead.
 */
import { isValidDay } from '../../../engine/calendar/day.ts';
import { normaliseNhsNumber, normaliseNiNumber, normalisePostcode, normaliseUpn } from '../../../imports/identifiers.ts';
import type { ColumnSpec, SourceSpec, ValidRow } from '../../../imports/sources/index.ts';

type Value = string | number | boolean;

function parseCell(c: ColumnSpec, text: string): Value | { problem: string } {
  switch (c.type) {
    case 'text':
      return text;
    case 'date': {
      const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidDay(iso) && iso >= '1900' && iso < '2100' ? iso : { problem: 'not a date' };
    }
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(text) ? text : { problem: 'not a month' };
    case 'term':
      return /^\d{4}-(autumn|spring|summer)$/.test(text) ? text : { problem: 'not a term' };
    case 'integer':
    case 'decimal': {
      if (!(c.type === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(text)) return { problem: 'not a number' };
      const n = Number(text);
      return (c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max) ? { problem: 'out of range' } : n;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      return ['y', 'yes', 'true', '1'].includes(t) ? true : ['n', 'no', 'false', '0'].includes(t) ? false : { problem: 'not Y/N' };
    }
    case 'code':
      return c.codes?.find((code) => code.toLowerCase() === text.toLowerCase()) ?? { problem: 'unknown code' };
    case 'postcode':
      return normalisePostcode(text) ?? { problem: 'bad postcode' };
    case 'nhs-number':
      return normaliseNhsNumber(text) ?? { problem: 'bad NHS number' };
    case 'upn':
      return normaliseUpn(text) ?? { problem: 'bad UPN' };
    case 'ni-number':
      return normaliseNiNumber(text) ?? { problem: 'bad NI number' };
  }
}

export function readRow(spec: SourceSpec, cells: Readonly<Record<string, string>>, today: string): { row: ValidRow; problems: string[] } {
  const row: Record<string, Value> = {};
  const problems: string[] = [];
  for (const c of spec.columns) {
    const text = (cells[c.name] ?? '').trim();
    if (text === '') continue;
    const v = parseCell(c, text);
    if (typeof v === 'object') problems.push(`${c.name}: ${v.problem}`);
    else row[c.name] = v;
  }
  for (const c of spec.columns) {
    const needed = c.required || (c.requiredFor !== undefined && c.requiredFor.includes(String(row['record_type'])));
    if (needed && row[c.name] === undefined && !problems.some((p) => p.startsWith(`${c.name}:`))) problems.push(`${c.name}: required`);
  }
  if (typeof row['date_of_birth'] === 'string' && row['date_of_birth'] > today) problems.push('date_of_birth: in the future');
  if (problems.length === 0 && spec.check) problems.push(...spec.check(row).map((p) => `${p.column}: ${p.reason}`));
  return { row, problems };
}
