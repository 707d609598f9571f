/**
 * Spreadsheet formula injection, both ways. A CSV that an analyst opens in Excel or LibreOffice runs a
 * cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, or their full-width forms)
 * as a formula, so a hostile value in an agency extract (`=HYPERLINK(…)`) could act on the analyst's
 * machine. Files the product writes for people to open in a spreadsheet escape such cells with a
 * leading apostrophe (csv-stringify's `escape_formulas`); the quarantine export is also read back
 * in, so the import takes the apostrophe off again, and only in a quarantine export, recognised by
 * its three own columns. A cell that really starts with an apostrophe followed by one of those
 * characters cannot survive that round trip; no extract field is written that way.
 */
import { normaliseColumnName } from './header.ts';

/** The columns a quarantine export adds after the extract's own. */
export const quarantineExportColumns = ['row_problems', 'original_file', 'original_row'] as const;

const formulaStart = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** True when a header is a quarantine export's: it has all three of the export's own columns. */
export function isQuarantineExportHeader(header: readonly unknown[]): boolean {
  const names = new Set(header.map((h) => normaliseColumnName(String(h ?? ''))));
  return quarantineExportColumns.every((c) => names.has(c));
}

/** The cell without the apostrophe the export put before a formula-like value; any other cell as it is. */
export function unescapeFormula<T>(cell: T): T | string {
  return typeof cell === 'string' && formulaStart.test(cell) ? cell.slice(1) : cell;
}
