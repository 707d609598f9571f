/**
 * Streams the first worksheet of an .xlsx file. Date-formatted cells arrive as Dates and other numbers
 * as numbers (so a date column may hold an Excel serial); formulas give their cached result.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { RawCell } from '../validation/parse-cell.ts';
import { ExtractFileError, type ExtractRecord, type ReadProgress } from './extract-reader.ts';

export async function* readXlsx(file: string, progress: ReadProgress): AsyncGenerator<ExtractRecord> {
  const size = (await stat(file).catch(() => undefined))?.size ?? 0;
  const input = createReadStream(file);
  input.on('data', (chunk) => (progress.bytesRead = Math.min(size, progress.bytesRead + chunk.length)));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let lastRow = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        lastRow = row.number;
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) {
          progress.blankLines += 1;
          continue;
        }
        yield { row: row.number, cells: values };
      }
      break; // only the first worksheet
    }
  } catch (error) {
    if (error instanceof ExtractFileError) throw error;
    throw new ExtractFileError(file, `cannot be read as an .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`, lastRow || undefined, {
      cause: error,
    });
  } finally {
    input.destroy();
  }
  progress.bytesRead = size;
}

function cellValue(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return v.error;
  }
  return String(value);
}
