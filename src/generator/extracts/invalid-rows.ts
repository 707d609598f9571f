/**
 * Deliberately invalid rows, one of each kind the importer's validator rejects, so the import report
 * and the quarantine have something real to show. Each breaks one cell (or one relationship between
 * cells) of an otherwise good row and says which column the importer should blame.
 */
import type { ColumnSpec, SourceSpec } from '../../imports/sources/index.ts';
import type { Rng } from '../random.ts';
import type { Cells } from './event-rows.ts';

export type InvalidKind =
  | 'missing-required'
  | 'bad-date'
  | 'unknown-code'
  | 'bad-identifier'
  | 'out-of-range'
  | 'bad-number'
  | 'future-date-of-birth'
  | 'end-before-start'
  | 'attended-over-possible'
  | 'sessions-over-possible';

export interface Breakage {
  readonly kind: InvalidKind;
  readonly column: string;
}

const identifierTypes = new Set<ColumnSpec['type']>(['nhs-number', 'upn', 'ni-number', 'postcode']);

/** Breaks `cells` in place in one of the ways that apply to this source; returns what was done. */
export function breakRow(spec: SourceSpec, cells: Cells, rng: Rng): Breakage {
  const options: (() => Breakage | undefined)[] = [
    () => {
      const col = pickColumn(spec, rng, (c) => c.required && c.name !== 'record_id' && c.name !== 'person_id' && Boolean(cells[c.name]));
      if (!col) return undefined;
      cells[col.name] = '';
      return { kind: 'missing-required', column: col.name };
    },
    () => {
      const col = pickColumn(spec, rng, (c) => c.type === 'date' && c.required && c.name !== 'date_of_birth');
      if (!col) return undefined;
      const value = cells[col.name]!;
      const iso = /^\d{4}-\d{2}-\d{2}$/.test(value);
      const [d, m, y] = iso ? value.split('-').reverse() : value.split('/');
      // US order when that is impossible in UK order, else a day that does not exist, else not a date at all.
      cells[col.name] = Number(d) > 12 ? `${m}/${d}/${y}` : rng.chance(0.5) ? `${y}-02-30` : rng.pick(['unknown', 'TBC', '00/00/0000']);
      return { kind: 'bad-date', column: col.name };
    },
    () => {
      const col = pickColumn(spec, rng, (c) => c.type === 'code' && c.name !== 'sex' && Boolean(cells[c.name]));
      if (!col) return undefined;
      // Never a value that happens to be a valid code (`other` is one for some columns).
      const known = new Set(col.codes?.map((code) => code.toLowerCase()));
      cells[col.name] = [rng.pick(['n/a', 'UNKNOWN', 'tbc']), `${cells[col.name]}x`, 'zz-unknown'].find((v) => !known.has(v.toLowerCase()))!;
      return { kind: 'unknown-code', column: col.name };
    },
    () => {
      const col = pickColumn(spec, rng, (c) => identifierTypes.has(c.type) && Boolean(cells[c.name]));
      if (!col) return undefined;
      const value = cells[col.name]!;
      cells[col.name] = col.type === 'postcode' ? value.slice(0, -2) : col.type === 'nhs-number' ? value.slice(0, -1) + String((Number(value.slice(-1)) + 1) % 10) : value.slice(0, -2);
      return { kind: 'bad-identifier', column: col.name };
    },
    () => {
      const col = pickColumn(spec, rng, (c) => (c.type === 'integer' || c.type === 'decimal') && c.max !== undefined && Boolean(cells[c.name]));
      if (!col) return undefined;
      cells[col.name] = String((col.max ?? 0) + rng.int(1, 500));
      return { kind: 'out-of-range', column: col.name };
    },
    () => {
      const col = pickColumn(spec, rng, (c) => c.type === 'decimal' && Boolean(cells[c.name]));
      if (!col || !/^\d+(\.\d+)?$/.test(cells[col.name]!)) return undefined;
      cells[col.name] = rng.chance(0.5) ? `£${cells[col.name]}` : `${cells[col.name]} approx`;
      return { kind: 'bad-number', column: col.name };
    },
    () => {
      const value = cells['date_of_birth']!;
      cells['date_of_birth'] = value.includes('/') ? value.replace(/\d{4}$/, '2031') : value.replace(/^\d{4}/, '2031');
      return { kind: 'future-date-of-birth', column: 'date_of_birth' };
    },
    () => {
      if (!cells['end_date'] || !cells['start_date']) return undefined;
      [cells['start_date'], cells['end_date']] = [cells['end_date'], cells['start_date']];
      return cells['start_date'] === cells['end_date'] ? undefined : { kind: 'end-before-start', column: 'end_date' };
    },
    () => {
      if (spec.id !== 'school-attendance') return undefined;
      const possible = Number(cells['possible_sessions']);
      if (rng.chance(0.5)) {
        cells['attended_sessions'] = String(possible + rng.int(1, 12));
        return { kind: 'attended-over-possible', column: 'attended_sessions' };
      }
      cells['unauthorised_absences'] = String(Number(cells['unauthorised_absences']) + rng.int(2, 20));
      return { kind: 'sessions-over-possible', column: 'possible_sessions' };
    },
  ];
  // Try the kinds in a random order until one applies (missing-required always can).
  const start = rng.int(0, options.length - 1);
  for (let i = 0; i < options.length; i++) {
    const done = options[(start + i) % options.length]!();
    if (done) return done;
  }
  throw new RangeError(`no way to break a ${spec.id} row`);
}

function pickColumn(spec: SourceSpec, rng: Rng, ok: (c: ColumnSpec) => boolean): ColumnSpec | undefined {
  const candidates = spec.columns.filter(ok);
  return candidates.length === 0 ? undefined : rng.pick(candidates);
}
