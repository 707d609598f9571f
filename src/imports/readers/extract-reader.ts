/**
 * Reading an extract file row by row, whatever its format. Readers stream: memory does not grow with
 * the size of the file.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import type { RawCell } from '../validation/parse-cell.ts';
import { readCsv } from './csv-reader.ts';
import { readXlsx } from './xlsx-reader.ts';

export interface ExtractRecord {
  /** The row's number in the file as a spreadsheet or editor shows it (the header is row 1). */
  readonly row: number;
  readonly cells: readonly RawCell[];
}

export interface ReadProgress {
  /** Bytes of the file read so far (for progress bars). */
  bytesRead: number;
  /** Lines (CSV) or rows (.xlsx) with nothing in them, skipped. */
  blankLines: number;
}

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface ReadOptions {
  readonly encoding?: TextEncoding;
}

/** The file cannot be read as an extract at all (not CSV or .xlsx, unreadable, malformed quoting). */
export class ExtractFileError extends FamilyOutcomesError {
  readonly code = 'invalid-extract-file';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly row?: number,
    options?: { cause?: unknown },
  ) {
    super(`${file}${row === undefined ? '' : ` row ${row}`}: ${reason}`, options);
  }
}

export type ExtractFormat = 'csv' | 'xlsx';

export function extractFormat(file: string): ExtractFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new ExtractFileError(file, `is not a .csv or .xlsx file${ext === '.xls' ? ' (old .xls files: save as .xlsx or CSV UTF-8)' : ''}`);
}

/** Every non-blank row of the file, the header first. */
export function readExtract(file: string, progress: ReadProgress, options: ReadOptions = {}): AsyncGenerator<ExtractRecord> {
  return extractFormat(file) === 'csv' ? readCsv(file, progress, options.encoding ?? 'utf-8') : readXlsx(file, progress);
}

/** SHA-256 of the file's bytes, hex. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new ExtractFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, undefined, { cause: error });
  }
  return hash.digest('hex');
}
