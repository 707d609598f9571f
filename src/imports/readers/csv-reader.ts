/** Streams a CSV file: decodes it (UTF-8 or Windows-1252), strips a byte-order mark, handles quoting. */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ExtractFileError, type ExtractRecord, type ReadProgress, type TextEncoding } from './extract-reader.ts';

export async function* readCsv(file: string, progress: ReadProgress, encoding: TextEncoding): AsyncGenerator<ExtractRecord> {
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      progress.bytesRead += chunk.length;
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  // Without csv-parse's per-record `info` (a third of its time): every line, empty ones too, comes
  // back as a record, so a record's first line is the line after the previous record's last one.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  const input = createReadStream(file);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(decode).pipe(parser);
  let lastLine = 0;
  /** Empty lines since the last record with something in it: not counted if nothing follows them. */
  let emptyLines = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = lastLine + 1;
      lastLine = row + record.reduce((n, field) => n + countNewlines(field), 0);
      if (record.length === 1 && record[0] === '' && lastLine === row) {
        emptyLines += 1;
        continue;
      }
      progress.blankLines += emptyLines;
      emptyLines = 0;
      if (record.every((field) => field.trim() === '')) {
        progress.blankLines += 1;
        continue;
      }
      yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ExtractFileError(file, `cannot be read as CSV: ${error.message}`, lastLine + 1, { cause: error });
    }
    throw new ExtractFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, undefined, { cause: error });
  } finally {
    input.destroy();
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
