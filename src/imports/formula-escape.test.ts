import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isQuarantineExportHeader, unescapeFormula } from './formula-escape.ts';

describe('formula escaping', () => {
  const risky = ['=HYPERLINK("http://x","y")', '+44 20 7946 0000', '-12.50', '@SUM(A1)', '\tTab', '\uFF1D1+1'];

  it('restores every cell csv-stringify escapes, after a CSV round trip', () => {
    const written = stringify([risky], { escape_formulas: true });
    const read = (parse(written) as string[][])[0]!;
    expect(read.every((c) => c.startsWith("'"))).toBe(true);
    expect(read.map(unescapeFormula)).toEqual(risky);
  });

  it('leaves ordinary cells, an apostrophe before ordinary text, and non-text cells alone', () => {
    expect(unescapeFormula("O'Brien")).toBe("O'Brien");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
    expect(unescapeFormula('plain')).toBe('plain');
    expect(unescapeFormula(42)).toBe(42);
    expect(unescapeFormula(null)).toBe(null);
  });

  it('recognises a quarantine export by its three own columns, in any case or spacing', () => {
    expect(isQuarantineExportHeader(['record_id', 'Row Problems', 'original_file', 'ORIGINAL_ROW'])).toBe(true);
    expect(isQuarantineExportHeader(['record_id', 'row_problems', 'original_file'])).toBe(false);
  });
});
