import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from './csv-reader.ts';

describe('readCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fo-csv-reader-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function read(text: string) {
    const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(file, text);
    const progress = { bytesRead: 0, blankLines: 0 };
    const rows: Array<[number, readonly unknown[]]> = [];
    for await (const r of readCsv(file, progress, 'utf-8')) rows.push([r.row, r.cells]);
    return { rows, blankLines: progress.blankLines };
  }

  it('numbers rows as an editor shows them, skipping and counting blank and whitespace-only lines', async () => {
    expect(await read('a,b\n\n1,2\n  \n\n3,4\n , \n5,6\n')).toEqual({
      rows: [[1, ['a', 'b']], [3, ['1', '2']], [6, ['3', '4']], [8, ['5', '6']]],
      blankLines: 4,
    });
  });

  it('counts a line break inside a quoted cell, LF or CRLF, as one line', async () => {
    expect(await read('a,b\n"x\ny",2\n3,"p\r\nq\nr"\n\n5,6')).toEqual({
      rows: [[1, ['a', 'b']], [2, ['x\ny', '2']], [4, ['3', 'p\r\nq\nr']], [8, ['5', '6']]],
      blankLines: 1,
    });
  });

  it('reads CRLF files and does not count empty lines after the last row', async () => {
    expect(await read('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n\r\n\r\n')).toEqual({ rows: [[1, ['a', 'b']], [2, ['1', '2']], [4, ['3', '4']]], blankLines: 1 });
  });
});
