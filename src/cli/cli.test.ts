import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationError, Verdict } from '../engine/index.ts';
import { main, type CliIo } from './main.ts';
import { runCli } from './testing/run-cli.ts';
import { parseJson } from './parse-json.ts';

const root = join(import.meta.dirname, '../..');
const example = join(root, 'examples/timelines/southampton-family.json');
const fixturePlans = join(root, 'src/plans/fixtures');

// The evaluate tests read Southampton from a directory of its own, so that plans being written
// beside it in plans/ cannot change these results; `plans` is also tested on the real directory.
let southamptonOnly = '';
beforeAll(async () => {
  southamptonOnly = await mkdtemp(join(tmpdir(), 'cli-plans-'));
  await copyFile(join(root, 'plans/southampton.yaml'), join(southamptonOnly, 'southampton.yaml'));
});
afterAll(() => rm(southamptonOnly, { recursive: true, force: true }));

/** Runs the CLI in memory: what a person would see on standard output and error, and the exit code. */
async function run(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const withPlans = args[0] === 'evaluate' && !args.includes('--plans-dir') ? [...args, '--plans-dir', southamptonOnly] : args;
  return runCli(withPlans, stdin);
}

async function exampleWith(change: (t: Record<string, unknown> & { events: Record<string, unknown>[] }) => void): Promise<string> {
  const t = JSON.parse(await readFile(example, 'utf8')) as Record<string, unknown> & { events: Record<string, unknown>[] };
  change(t);
  return JSON.stringify(t, null, 2);
}

describe('evaluate', () => {
  it('prints the verdict as 2-space JSON and exits 0', async () => {
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', example]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const verdict = JSON.parse(r.stdout) as Verdict;
    expect(r.stdout).toBe(`${JSON.stringify(verdict, null, 2)}\n`);
    expect(verdict.plan).toEqual({ id: 'southampton', version: '2018-2020', authority: 'Southampton City Council' });
    expect(verdict.asOf).toBe('2019-09-30');
    expect(verdict.eligible).toBe(true);
    expect(verdict.problems.map((p) => p.problem)).toEqual(['crime', 'education', 'children-need-help', 'worklessness', 'domestic-abuse', 'health']);
    expect(Object.keys(verdict.claims)).toEqual(['significantAndSustainedProgress', 'continuousEmployment']);
  });

  it('gives the same statuses without figures or explanations with --statuses-only', async () => {
    const [full, quiet] = await Promise.all([run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', example]), run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '--statuses-only', example])]);
    expect(quiet.code, quiet.stderr).toBe(0);
    const [a, b] = [JSON.parse(full.stdout) as Verdict, JSON.parse(quiet.stdout) as Verdict];
    const statuses = (v: Verdict) => v.problems.map((p) => [p.status, ...p.indicators.map((i) => i.met), ...p.outcomes.map((o) => o.status)]);
    expect(statuses(b)).toEqual(statuses(a));
    expect(b.claims.significantAndSustainedProgress.claimable).toBe(a.claims.significantAndSustainedProgress.claimable);
    const parts = b.problems.flatMap((p) => [...p.indicators, ...p.outcomes]);
    expect(parts.some((x) => x.explanation !== '')).toBe(false);
    expect(a.problems.flatMap((p) => [...p.indicators, ...p.outcomes]).some((x) => x.explanation !== '')).toBe(true);
  });

  it('reads the timeline from standard input with -, and accepts an exact plan version', async () => {
    const r = await run(['evaluate', '--plan', 'southampton@2018-2020', '--as-of', '2019-09-30', '-'], await readFile(example, 'utf8'));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Verdict).familyId).toBe('SOT-2018-0417');
  });

  it('picks the plan version in force at engagement, or at identification when not engaged', async () => {
    const engaged2017 = await exampleWith((t) => {
      t.programme = { identifiedOn: '2017-03-01', engagedOn: '2017-04-03', closedOn: null };
      t.events = [];
    });
    const v1 = await run(['evaluate', '--plans-dir', fixturePlans, '--plan', 'testshire', '--as-of', '2018-06-01', '-'], engaged2017);
    expect(v1.stderr).toBe('');
    expect((JSON.parse(v1.stdout) as Verdict).plan.version).toBe('1');
    const identifiedOnly = await exampleWith((t) => {
      t.programme = { identifiedOn: '2018-04-01', engagedOn: null, closedOn: null };
      t.events = [];
    });
    const v2 = await run(['evaluate', '--plans-dir', fixturePlans, '--plan', 'testshire', '--as-of', '2018-06-01', '-'], identifiedOnly);
    expect((JSON.parse(v2.stdout) as Verdict).plan.version).toBe('2');
  });

  it('prints the same verdict for a person with --format text', async () => {
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '--format', 'text', example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Family SOT-2018-0417 as of 2019-09-30\n/);
    expect(r.stdout).toContain('Significant and sustained progress: not claimable');
    expect(r.stdout).toContain('Continuous employment: ');
    expect(r.stdout).toMatch(/Strand 1, indicator 3 \(adult-offences-further-action\), at identification and engagement, by A2/);
    expect(r.stdout).toMatch(/\[met\] Strand 6, outcome 2 \(mental-health-addressed\)/);
  });

  it('exits 2 naming the JSON path and the bad value for an impossible date', async () => {
    const bad = await exampleWith((t) => {
      t.events[3]!.date = undefined;
      t.events[21]!.date = '2019-02-30';
    });
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '-'], bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('standard input is invalid');
    expect(r.stderr).toContain('events[21].date: is not a real calendar date (got "2019-02-30")');
  });

  it('exits 2 for a person who is not a member, naming the path and value', async () => {
    const bad = await exampleWith((t) => {
      t.events[0]!.person = 'C9';
    });
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '-'], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('events[0].person: is not the id of a member of this family (got "C9")');
  });

  it('exits 2 with the line and column of a JSON syntax error', async () => {
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '-'], '{\n  "familyId": "F1",\n  "members": [,]\n}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input is invalid:\n {2}- line 3, column 15: not valid JSON: /);
  });

  it('exits 2 for a bad --as-of, an unknown plan or version, a missing file and a missing option', async () => {
    const badDate = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-02-29', example]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('Invalid date "2019-02-29": --as-of must be a real date written YYYY-MM-DD');
    const notADate = await run(['evaluate', '--plan', 'southampton', '--as-of', '30/09/2019', example]);
    expect(notADate.code).toBe(2);
    const unknown = await run(['evaluate', '--plan', 'nowhere', '--as-of', '2019-09-30', example]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No plan "nowhere". Known plans: southampton@2018-2020 (in force 2018-04-01 to 2020-03-31)');
    const version = await run(['evaluate', '--plan', 'southampton@1999', '--as-of', '2019-09-30', example]);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('No plan "southampton@1999"');
    const missing = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', join(root, 'no-such-file.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the timeline file: no such file');
    const noPlan = await run(['evaluate', '--as-of', '2019-09-30', example]);
    expect(noPlan.code).toBe(2);
    expect(noPlan.stderr).toContain("required option '--plan <id[@version]>' not specified");
    const badFormat = await run(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '--format', 'xml', example]);
    expect(badFormat.code).toBe(2);
  });

  it('exits 2 when no version of the plan was in force at engagement', async () => {
    const early = await exampleWith((t) => {
      t.programme = { identifiedOn: '2016-01-04', engagedOn: '2016-02-01', closedOn: null };
    });
    const r = await run(['evaluate', '--plan', 'southampton', '--as-of', '2016-09-30', '-'], early);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No plan "southampton in force on 2016-02-01"');
  });

  it('exits 1 on an internal error, with the stack on standard error', async () => {
    let stderr = '';
    const io: CliIo = {
      out: () => {
        throw new TypeError('disk full');
      },
      err: (s) => void (stderr += s),
      readStdin: () => Promise.resolve(''),
      interactive: false,
    };
    expect(await main(['evaluate', '--plan', 'southampton', '--as-of', '2019-09-30', '--plans-dir', southamptonOnly, example], io)).toBe(1);
    expect(stderr).toMatch(/^Internal error: TypeError: disk full/);
  });
});

describe('parseJson', () => {
  const where = (text: string) => {
    try {
      parseJson(text, 'x.json');
    } catch (e) {
      return (e as ValidationError).issues[0]!;
    }
    throw new Error('expected a syntax error');
  };

  it('gives the line and column of every kind of syntax error', () => {
    const long = '{\n  "familyId": "F1",\n  "programme": { "identifiedOn": "2019-01-01" },\n  "members": [\n    { "id": "A1", "role": adult }\n  ]\n}';
    expect(where(long)).toEqual({ path: 'line 5, column 27', message: "not valid JSON: Unexpected token 'a'" });
    expect(where('{"a": [1, 2').path).toBe('line 1, column 12');
    expect(where('{\n"a": 1\n"b": 2}').path).toBe('line 3, column 1');
    expect(where('{"members": [x, 1, 2, 3, 4, 5, 6, 7, 8, 9]}').path).toBe('line 1, column 14');
    expect(where('{"a": 1}}').path).toBe('line 1, column 9');
    expect(where('').path).toBe('line 1, column 1');
  });

  it('accepts a leading byte-order mark, as Windows tools write', () => {
    expect(parseJson('\uFEFF{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(where('\uFEFF{\n"a": 1,\n}').path).toBe('line 3, column 1');
  });

  it('leaves out the position only when the message quotes the whole (short) input', () => {
    expect(where('{"a": tru}')).toEqual({ path: '', message: `not valid JSON: Unexpected token '}'` });
  });
});

describe('plans', () => {
  it('lists plans and versions as a table', async () => {
    const r = await run(['plans', '--plans-dir', fixturePlans]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'plan       version  authority                 in force                  indicators  outcomes',
        'otherton   2019-20  Otherton Borough Council  2019-04-01 to 2020-03-31           1         1',
        'testshire  1        Testshire County Council  2015-04-01 to 2018-03-31           2         2',
        'testshire  2        Testshire County Council  2018-04-01 to now                  2         2',
        '',
      ].join('\n'),
    );
  });

  it('lists plans as JSON with --json', async () => {
    const r = await run(['plans', '--json', '--plans-dir', fixturePlans]);
    expect(r.code).toBe(0);
    const plans = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(plans.map((p) => p.ref)).toEqual(['otherton@2019-20', 'testshire@1', 'testshire@2']);
    expect(plans[2]).toMatchObject({ id: 'testshire', version: '2', authority: 'Testshire County Council', inForce: { from: '2018-04-01', to: null }, indicators: 2, outcomes: 2 });
  });

  it('lists the real plans directory by default', async () => {
    const r = await run(['plans']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^southampton +2018-2020 +Southampton City Council +2018-04-01 to 2020-03-31 +\d+ +\d+$/m);
  });

  it('exits 2 when the plans directory does not exist', async () => {
    const r = await run(['plans', '--plans-dir', join(root, 'no-such-dir')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-dir is invalid:\n  - (root): cannot read the plans directory: no such directory');
  });
});
