/**
 * The shape of an agency extract format, as plain data. Each source (`police-offences.ts`, …) exports a
 * {@link SourceSpec}: its columns (name, type, whether required, allowed codes) and how one valid row
 * becomes one timeline event. These files import nothing from the database, so generators and
 * documentation can use them directly.
 *
 * Accepted cell formats, by column type (see docs/data-sources.md):
 * - `date`: `YYYY-MM-DD` or `DD/MM/YYYY` (UK order, never US; `D/M/YYYY` allowed). In .xlsx files a
 *   date-formatted cell or an Excel date serial number (1900 date system) is also accepted.
 * - `month`: `YYYY-MM`. `term`: `YYYY-autumn`, `YYYY-spring` or `YYYY-summer` (the calendar year the
 *   term falls in: autumn 2018 is the start of the 2018/19 school year).
 * - `integer`, `decimal`: plain numbers, no thousands separators; `boolean`: `Y`/`N` (also yes/no, true/false, 1/0).
 * - `code`: one of `codes`, case-insensitive. `postcode`, `nhs-number`, `upn`, `ni-number`: checked formats.
 * Blank cells are "no value". Column names match case-insensitively; spaces count as underscores.
 */
import type { TimelineEvent } from '../../engine/timeline/timeline-schema.ts';

export type ColumnType =
  | 'text'
  | 'date'
  | 'month'
  | 'term'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'code'
  | 'postcode'
  | 'nhs-number'
  | 'upn'
  | 'ni-number';

export interface ColumnSpec {
  /** The header, in snake_case. */
  readonly name: string;
  readonly type: ColumnType;
  /** Must have a value on every row. */
  readonly required: boolean;
  /** Must have a value when `record_type` is one of these (sources with several record types). */
  readonly requiredFor?: readonly string[];
  /** For `code` columns: the allowed values (canonical spelling). */
  readonly codes?: readonly string[];
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly description: string;
  /** A realistic value, used in documentation and example files. */
  readonly example: string;
}

/** A validated value: dates, months and terms are canonical ISO strings; codes are canonical spellings. */
export type CellValue = string | number | boolean;
/** A validated row, by column name. Blank cells are absent. */
export type ValidRow = Readonly<Record<string, CellValue | undefined>>;

/** A timeline event before the importer gives it an id, a person and an origin. */
export type EventDraft = TimelineEvent extends infer E ? (E extends TimelineEvent ? Omit<E, 'id' | 'person' | 'origin'> : never) : never;

/** A problem found by a source's own cross-column check. */
export interface RowProblem {
  readonly column: string;
  readonly reason: string;
}

/** Which identifier columns an agency holds (besides its own `person_id`). */
export type PersonIdentifier = 'nhs_number' | 'upn' | 'ni_number';

export interface SourceSpec {
  /** The name used on the command line: `family-outcomes import <id> <file>`. */
  readonly id: string;
  readonly title: string;
  /**
   * The agency system whose `person_id`s this extract carries. Sources from the same system share
   * person ids (police offences and police ASB both use the police system's ids).
   */
  readonly system: string;
  readonly description: string;
  /** All columns, identity columns first. */
  readonly columns: readonly ColumnSpec[];
  /** Cross-column checks beyond each column's own (e.g. attended ≤ possible sessions). */
  readonly check?: (row: ValidRow) => readonly RowProblem[];
  /** The one timeline event a valid row stands for. */
  readonly toEvent: (row: ValidRow) => EventDraft;
}
