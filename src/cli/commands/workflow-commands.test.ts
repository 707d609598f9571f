/**
 * The workflow commands through `main`: help, exit codes (0 ok, 2 invalid input) and output on an empty
 * embedded database of their own. The services behind them are tested in src/services.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-workflow-'));
  await mkdir(join(dir, 'plans'));
  await copyFile(join(import.meta.dirname, '../../../plans/southampton.yaml'), join(dir, 'plans', 'southampton.yaml'));
  vi.stubEnv('FAMILY_OUTCOMES_DATA', join(dir, 'data'));
  vi.stubEnv('FAMILY_OUTCOMES_PLANS', join(dir, 'plans'));
  vi.stubEnv('DATABASE_URL', undefined as unknown as string);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args);

describe('workflow commands', () => {
  it.each([['identify'], ['attach'], ['track'], ['claims', 'list'], ['claims', 'create'], ['claims', 'export'], ['audit', 'sample'], ['audit', 'record'], ['evidence-pack']])('%s %s has --help', async (...command) => {
    const r = await run([...command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: family-outcomes /);
  });

  it('identifies on an empty database, stores the run and prints JSON', async () => {
    const r = await run(['identify', '--plan', 'southampton', '--as-of', '2019-06-01', '--user', 'analyst-1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { run: { candidateCount: number; runBy: string; planVersion: string } };
    expect(out.run).toMatchObject({ candidateCount: 0, runBy: 'analyst-1', planVersion: '2018-2020' });
  }, 60_000);

  it('lists no claimable families on an empty database', async () => {
    const r = await run(['claims', 'list', '--as-of', '2019-06-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0 families claimable as of 2019-06-01\n');
  }, 60_000);

  it.each([
    [['identify', '--plan', 'southampton', '--as-of', '2019-02-30'], /asOf: must be a real date/],
    [['identify', '--plan', 'nosuch', '--as-of', '2019-02-01'], /No plan "nosuch"/],
    [['attach', 'F-000001'], /--plan and --engaged-on are required/],
    [['attach', 'F-000001', '--plan', 'southampton', '--engaged-on', '2019-01-01'], /No family "F-000001"/],
    [['claims', 'create', '--period-start', '2019-04-01', '--period-end', '2019-03-01', '--as-of', '2019-06-01'], /claim period ends before it starts/],
    [['claims', 'create', '--period-start', '2019-04-01', '--period-end', '2019-09-30', '--as-of', '2019-06-01'], /No family is claimable/],
    [['claims', 'export', 'B-0001'], /No claim batch "B-0001"/],
    [['audit', 'sample', 'B-0001', '--rate', 'lots'], /--rate is invalid/],
    [['audit', 'record', 'B-0001', 'F-000001', 'maybe'], /must be pass or fail/],
    [['evidence-pack', 'F-000001'], /No family "F-000001"/],
  ])('%j is invalid input (exit 2)', async (args, message) => {
    const r = await run(args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  }, 60_000);
});
