import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../cli/main.ts';

function fakeIo(): CliIo & { output: string; errors: string } {
  const io = {
    output: '',
    errors: '',
    interactive: false,
    out: (s: string) => void (io.output += s),
    err: (s: string) => void (io.errors += s),
    readStdin: async () => '',
  };
  return io;
}

const dir = mkdtempSync(path.join(tmpdir(), 'fo-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('family-outcomes generate', () => {
  it('writes the extracts and the ground truth and prints a summary', async () => {
    const io = fakeIo();
    expect(await main(['generate', '--families', '5', '--seed', '3', '--out', dir], io)).toBe(0);
    expect(io.output).toContain('5 families');
    expect(readdirSync(path.join(dir, 'extracts'))).toContain('police-offences.csv');
    expect(readdirSync(path.join(dir, 'ground-truth')).sort()).toEqual(['families.csv', 'people.csv', 'residences.csv', 'rows.csv']);
  });

  it.each([
    [['--families', '0']],
    [['--families', 'lots']],
    [['--seed', '-1']],
    [['--families', '400001']],
  ])('rejects %j with exit code 2 and a reason', async (args) => {
    const io = fakeIo();
    expect(await main(['generate', '--out', dir, ...args], io)).toBe(2);
    expect(io.errors).toMatch(/must be a whole number/);
  });
});
