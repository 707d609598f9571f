/** Matches a file's header row to a source's columns. */
import { FamilyOutcomesError } from '../engine/errors.ts';
import type { SourceSpec } from './sources/column-spec.ts';
import { cellText, type RawCell } from './validation/parse-cell.ts';

/**
 * The header lacks required columns, or names a column twice: no row can be read reliably. `fits` names
 * the other kinds of extract the header fits best (`bestFittingSources`): the person most likely chose
 * the wrong kind.
 */
export class HeaderError extends FamilyOutcomesError {
  readonly code = 'invalid-extract-header';
  constructor(
    readonly file: string,
    readonly source: string,
    readonly missing: readonly string[],
    readonly duplicated: readonly string[],
    readonly fits: readonly string[] = [],
  ) {
    const parts = [
      missing.length > 0 && `is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      duplicated.length > 0 && `names column${duplicated.length > 1 ? 's' : ''} ${duplicated.join(', ')} more than once`,
    ].filter(Boolean);
    const hint = fits.length > 0 ? ` Its columns fit ${fittingKinds(fits)}.` : '';
    super(`${file} row 1 (header): ${parts.join('; ')} for a ${source} extract (see docs/data-sources.md). Nothing was imported.${hint}`);
  }
}

/** "a police-asb extract", "a police-asb or a housing extract". */
export function fittingKinds(fits: readonly string[]): string {
  return `${fits.map((id) => `a ${id}`).join(' or ')} extract`;
}

export interface HeaderMapping {
  /** The header cells as read. */
  readonly header: readonly string[];
  /** Column name → index in the row; -1 when the file lacks the (optional) column. */
  readonly columnIndex: ReadonlyMap<string, number>;
  /** Header cells that are not columns of the source: kept in raw rows, otherwise ignored. */
  readonly unknown: readonly string[];
}

export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function mapHeader(file: string, spec: SourceSpec, cells: readonly RawCell[]): HeaderMapping {
  const header = Array.from(cells, (c) => cellText(c).trim());
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const name = normaliseColumnName(h);
    if (name) positions.set(name, [...(positions.get(name) ?? []), i]);
  });
  const known = new Set(spec.columns.map((c) => c.name));
  const duplicated = [...positions].filter(([name, at]) => known.has(name) && at.length > 1).map(([name]) => name);
  const missing = spec.columns.filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
  if (missing.length > 0 || duplicated.length > 0) throw new HeaderError(file, spec.id, missing, duplicated);
  const columnIndex = new Map(spec.columns.map((c) => [c.name, positions.get(c.name)?.[0] ?? -1]));
  const unknown = header.filter((h) => h !== '' && !known.has(normaliseColumnName(h)));
  return { header, columnIndex, unknown };
}

/**
 * The kinds of extract among `candidates` that a header fits best: of those whose columns it has, the
 * ones leaving fewest of its columns unused (several kinds share the same required columns and differ
 * in their optional ones). Empty when it fits none.
 */
export function bestFittingSources(cells: readonly RawCell[], candidates: readonly SourceSpec[]): string[] {
  const fitting = candidates.flatMap((spec) => {
    const unused = unusedColumns(spec, cells);
    return unused === undefined ? [] : [{ id: spec.id, unused }];
  });
  const fewest = Math.min(...fitting.map((f) => f.unused));
  return fitting.filter((f) => f.unused === fewest).map((f) => f.id);
}

/**
 * `mapHeader` for `spec`; when the header does not fit it, the HeaderError also names the kinds among
 * `candidates` that it fits best ({@link bestFittingSources}).
 */
export function mapHeaderOrSuggest(file: string, spec: SourceSpec, cells: readonly RawCell[], candidates: readonly SourceSpec[]): HeaderMapping {
  try {
    return mapHeader(file, spec, cells);
  } catch (error) {
    if (!(error instanceof HeaderError)) throw error;
    const fits = bestFittingSources(cells, candidates.filter((other) => other.id !== spec.id));
    throw new HeaderError(error.file, error.source, error.missing, error.duplicated, fits);
  }
}

/** How many of the header's columns `spec` would not use; undefined when the header does not fit it. */
function unusedColumns(spec: SourceSpec, cells: readonly RawCell[]): number | undefined {
  try {
    return mapHeader('', spec, cells).unknown.length;
  } catch (error) {
    if (error instanceof HeaderError) return undefined;
    throw error;
  }
}
