import path from 'node:path';
import { mkdtemp, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './main.ts';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => void (out += s), err: (s) => void (err += s), readStdin: async () => '', interactive: false };
  const code = await main(args, io);
  return { code, out, err };
}

const root = path.resolve(import.meta.dirname, '../..');

/** The real plans plus the earlier Southampton version, in one directory. */
async function plansWithTwoVersions(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fo-plans-'));
  await copyFile(path.join(root, 'plans/southampton.yaml'), path.join(dir, 'southampton.yaml'));
  await copyFile(path.join(root, 'test/fixtures/plans/southampton-2017-2018.yaml'), path.join(dir, 'southampton-2017-2018.yaml'));
  await mkdir(path.join(dir, 'sources'));
  await copyFile(path.join(root, 'plans/sources/southampton-2018-2020.criteria.yaml'), path.join(dir, 'sources/southampton.criteria.yaml'));
  await copyFile(path.join(root, 'plans/sources/southampton-2018-2020.txt'), path.join(dir, 'sources/southampton-2018-2020.txt'));
  return dir;
}

describe('plans show, coverage and diff', () => {
  it('renders a plan for people', async () => {
    const r = await run(['plans', 'show', 'southampton@2018-2020', '--plans-dir', path.join(root, 'plans')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('#### Strand 1, outcome 1 — `youth-offending-reduced`');
    expect(r.out).toContain('at least 33% lower than in the 4 full calendar quarters before the quarter of engagement, pro rata');
  });

  it('lists every criterion of the source document with what encodes it', async () => {
    const r = await run(['plans', 'coverage', 'southampton', '--plans-dir', await plansWithTwoVersions()]);
    expect(r.out).toMatch(/ok\s+crime\s+indicator\s+indicator 1\s+youth-proven-offences/);
    // The earlier version lacks Strand 6, outcome 4, but coverage checks the version in force now (the latest).
    expect(r.out).toContain('58 of 58 criteria encoded');
    expect(r.code).toBe(0);
  });

  it('fails when the version checked leaves a criterion unencoded', async () => {
    const r = await run(['plans', 'coverage', 'southampton@2017-2018', '--plans-dir', await plansWithTwoVersions()]);
    expect(r.out).toMatch(/MISSING health\s+outcome\s+outcome 4/);
    expect(r.code).toBe(1);
  });

  it('shows what changed between two versions of a plan', async () => {
    const r = await run(['plans', 'diff', 'southampton@2017-2018', 'southampton@2018-2020', '--plans-dir', await plansWithTwoVersions()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('~ outcome Strand 1, outcome 4 [anti-social-behaviour-reduced] (crime) changed');
    expect(r.out).toMatch(/before: .*at least 50% lower/);
    expect(r.out).toMatch(/after: {2}.*at least 60% lower/);
    expect(r.out).toContain('+ outcome Strand 6, outcome 4 [vulnerability-improved] (health) added');
  });

  it('picks the version in force at a date, and names the known versions for an unknown one', async () => {
    const dir = await plansWithTwoVersions();
    const r = await run(['plans', 'show', 'southampton@2016', '--plans-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('southampton@2017-2018');
    expect(r.err).toContain('southampton@2018-2020');
  });
});
