/**
 * `evaluate --jsonl`: many timelines, one per line, through `main`. One result per non-blank input
 * line, in order, each a verdict or the line's reason for refusal; a summary on standard error; exit 2
 * when any line was refused.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/index.ts';
import { runCli } from '../testing/run-cli.ts';
import type { LineResult } from './evaluate-lines.ts';

const root = join(import.meta.dirname, '../../..');
const example = join(root, 'examples/timelines/southampton-family.json');
const fixturePlans = join(root, 'src/plans/fixtures');

let dir = '';
let plansDir = '';
let family: Record<string, unknown> & { familyId: string; programme: Record<string, unknown>; members: Array<Record<string, unknown>> };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-jsonl-'));
  // Southampton alone, so that plans written beside it in plans/ cannot change these results.
  plansDir = join(dir, 'plans');
  await mkdir(plansDir);
  await copyFile(join(root, 'plans/southampton.yaml'), join(plansDir, 'southampton.yaml'));
  family = JSON.parse(await readFile(example, 'utf8')) as typeof family;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const evaluateArgs = (...rest: string[]) => ['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '--plans-dir', plansDir, ...rest];
const results = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as LineResult);

describe('evaluate --jsonl', () => {
  it('gives each line its verdict, the same as evaluating the family alone, and exits 0', async () => {
    const second = { ...family, familyId: 'SECOND', programme: { ...family.programme, engagedOn: null } };
    const input = `${JSON.stringify(family)}\n${JSON.stringify(second)}\n`;
    const r = await runCli(evaluateArgs('--jsonl', '-'), input);
    expect(r.code, r.stderr).toBe(0);
    const lines = results(r.stdout);
    expect(lines.map((l) => [l.line, l.familyId])).toEqual([
      [1, family.familyId],
      [2, 'SECOND'],
    ]);
    const alone = await runCli(evaluateArgs(example));
    expect('verdict' in lines[0]! && lines[0].verdict).toEqual(JSON.parse(alone.stdout) as Verdict);
    expect(r.stderr).toMatch(/^Evaluated 2 families from standard input as of 2019-09-30 in [\d.]+ s: \d+ eligible, \d+ with a significant and sustained progress claim, \d+ with a continuous employment claim\.\n$/);
  });

  it('keeps every refused line in the output, in its place, with its line number, path and value; skips blank lines; exits 2', async () => {
    const badDate = { ...family, familyId: 'BAD-DATE', members: [{ ...family.members[0], dateOfBirth: '1980-02-30' }, ...family.members.slice(1)] };
    const lines = [JSON.stringify(family), '{"familyId": "BROKEN", oops', '', '   ', JSON.stringify(badDate), JSON.stringify({ ...family, familyId: 'LAST' })];
    const file = join(dir, 'mixed.jsonl');
    await writeFile(file, `${lines.join('\r\n')}\r\n`);
    const r = await runCli(evaluateArgs('--jsonl', file));
    expect(r.code).toBe(2);
    const out = results(r.stdout);
    expect(out.map((l) => [l.line, l.familyId, 'verdict' in l ? 'verdict' : l.error.code])).toEqual([
      [1, family.familyId, 'verdict'],
      [2, null, 'invalid-input'],
      [5, 'BAD-DATE', 'invalid-input'],
      [6, 'LAST', 'verdict'],
    ]);
    const [broken, bad] = [out[1]!, out[2]!];
    expect('error' in broken && broken.error.issues).toEqual([{ path: 'column 24', message: expect.stringMatching(/^not valid JSON: /) as string }]);
    expect('error' in bad && bad.error.issues).toEqual([{ path: 'members[0].dateOfBirth', message: 'is not a real calendar date', value: '1980-02-30' }]);
    expect('error' in bad && bad.error.message).toContain(`${file} line 5 is invalid`);
    expect(r.stderr).toContain('Evaluated 2 families');
    expect(r.stderr).toContain('2 lines were refused (the first is line 2); each has its reason in the output.');
  });

  it('refuses a line whose dates have no version of the plan in force, and evaluates the rest', async () => {
    const early = { ...family, familyId: 'EARLY', programme: { identifiedOn: '2010-01-01', engagedOn: null, closedOn: null }, events: [] };
    const later = { ...family, familyId: 'LATER', programme: { identifiedOn: '2017-05-01', engagedOn: null, closedOn: null }, events: [] };
    const r = await runCli(['evaluate', '--plan', 'testshire', '--as-of', '2018-06-01', '--plans-dir', fixturePlans, '--jsonl', '-'], `${JSON.stringify(early)}\n${JSON.stringify(later)}\n`);
    expect(r.code).toBe(2);
    const [a, b] = results(r.stdout);
    expect(a && 'error' in a && [a.familyId, a.error.code]).toEqual(['EARLY', 'unknown-plan']);
    expect(b && 'verdict' in b && b.verdict.plan.id).toBe('testshire');
  });

  it('writes the results to --out, statuses only with --statuses-only', async () => {
    const out = join(dir, 'verdicts.jsonl');
    const r = await runCli(evaluateArgs('--jsonl', '--statuses-only', '--out', out, '-'), `${JSON.stringify(family)}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const [only] = results(await readFile(out, 'utf8'));
    const verdict = only && 'verdict' in only ? only.verdict : undefined;
    expect(verdict?.familyId).toBe(family.familyId);
    expect(verdict?.problems.flatMap((p) => [...p.indicators, ...p.outcomes]).every((x) => x.explanation === '')).toBe(true);
  });

  it.each([
    [['--jsonl', '--format', 'text', '-'], /--format: text is for one family/],
    [['--out', 'x.jsonl', '-'], /--out: is for --jsonl/],
    [['--jsonl', '/no/such/file.jsonl'], /cannot read the timelines file: no such file/],
    [['--jsonl', root], /cannot read the timelines file: is a directory/],
  ])('refuses %j with exit code 2 and writes nothing', async (args, message) => {
    const r = await runCli(evaluateArgs(...args), `${JSON.stringify(family)}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown plan before reading any line', async () => {
    const r = await runCli(['evaluate', '--plan', 'nowhere', '--as-of', '2019-09-30', '--plans-dir', plansDir, '--jsonl', '-'], `${JSON.stringify(family)}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere/);
    expect(r.stdout).toBe('');
  });
});
