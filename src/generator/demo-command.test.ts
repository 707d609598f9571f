import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../cli/main.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fo-demo-db-'));
const saved = process.env['FAMILY_OUTCOMES_DATA'];
beforeAll(() => {
  process.env['FAMILY_OUTCOMES_DATA'] = dataDir;
});
afterAll(() => {
  if (saved === undefined) delete process.env['FAMILY_OUTCOMES_DATA'];
  else process.env['FAMILY_OUTCOMES_DATA'] = saved;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.join(tmpdir(), 'family-outcomes-demo', 'council-6-seed-99'), { recursive: true, force: true });
});

describe('family-outcomes demo', () => {
  // Creating and migrating an on-disk PGlite database takes tens of seconds on a busy shared machine.
  it('generates a council, creates the database and says what it made', { timeout: 120_000 }, async () => {
    let output = '';
    const io: CliIo = { out: (s) => void (output += s), err: () => undefined, readStdin: async () => '', interactive: false };
    expect(await main(['demo', '--families', '6', '--seed', '99', '--no-serve'], io)).toBe(0);
    expect(output).toContain('6 families');
    expect(output).toContain(`embedded PGlite in ${dataDir}`);
    expect(output).toMatch(/\d+ rows in 17 agency extracts/);
    expect(output).toMatch(/Imported 17 extracts: [\d,]+ rows read, [\d,]+ stored, [\d,]+ quarantined/);
    expect(output).toMatch(/Households: [1-9]/);
    expect(output).toMatch(/Programme \(southampton@2018-2020, as of 2020-03-31\): identification found \d+ candidate families; \d+ families the programme engaged were attached/);
  });
});
