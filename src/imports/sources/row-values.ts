/** Typed reads of a validated row, for the sources' `toEvent` mappings. */
import type { ValidRow } from './column-spec.ts';

export function text(row: ValidRow, column: string): string {
  const v = row[column];
  if (v === undefined) throw new TypeError(`column ${column} has no value`);
  return String(v);
}

export function optionalText(row: ValidRow, column: string): string | undefined {
  const v = row[column];
  return v === undefined ? undefined : String(v);
}

export function num(row: ValidRow, column: string): number {
  const v = row[column];
  if (typeof v !== 'number') throw new TypeError(`column ${column} is not a number`);
  return v;
}

export function optionalNum(row: ValidRow, column: string): number | undefined {
  const v = row[column];
  return typeof v === 'number' ? v : undefined;
}

export function bool(row: ValidRow, column: string, fallback: boolean): boolean {
  const v = row[column];
  return typeof v === 'boolean' ? v : fallback;
}

/** Only the keys whose value is defined, so optional event fields stay absent rather than `undefined`. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A validated date column: already canonical `YYYY-MM-DD`. */
export const date = text;
