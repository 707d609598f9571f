/**
 * `family-outcomes evaluate --jsonl <families.jsonl | ->`: many families at once, for a council that
 * exports timelines from its own systems. The input is JSON Lines, one timeline per line; the output is
 * JSON Lines too, one result per input line, in order, so that nothing is lost: a family's verdict, or
 * the reason its line was refused (not JSON, not a valid timeline, no plan version in force on its
 * dates) with the line number, the JSON path and the value. Blank lines are skipped. A summary goes to
 * standard error; the exit code is 2 when any line was refused.
 *
 * A file is read a line at a time and the output is written as it is made (waiting whenever the reader
 * is slower), so memory stays flat however many families there are. Standard input (`-`) is read whole.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { FamilyOutcomesError, ValidationError } from '../../engine/errors.ts';
import { evaluate, parseTimeline, type Timeline, type Verdict } from '../../engine/index.ts';
import type { PlanRepository } from '../../plans/plan-repository.ts';
import { exitCodes, type CliIo } from '../main.ts';
import { parseJson } from '../parse-json.ts';
import { readFailure } from '../read-failure.ts';

const bufferBytes = 1 << 20;

/** One output line: the verdict for the input line, or why the line was refused. */
export type LineResult =
  | { readonly line: number; readonly familyId: string; readonly verdict: Verdict }
  | { readonly line: number; readonly familyId: string | null; readonly error: { readonly code: string; readonly message: string; readonly issues?: ValidationError['issues'] } };

export interface LinesOptions {
  readonly plan: string;
  readonly asOf: string;
  /** Statuses only: no figures or explanations (much smaller output, for screening). */
  readonly statusesOnly: boolean;
}

/**
 * One family's verdict under the plan version in force on its engagement date, else its
 * identification date. Both `evaluate` and `evaluate --jsonl` use it.
 * @throws UnknownPlanError when no version of the plan is in force on that date
 */
export function verdictOf(timeline: Timeline, plans: PlanRepository, options: LinesOptions): Verdict {
  const plan = plans.get(options.plan, timeline.programme.engagedOn ?? timeline.programme.identifiedOn);
  return evaluate(plan, timeline, options.asOf, { explain: !options.statusesOnly });
}

/** Evaluates one input line. Input errors become the line's result; anything else (a fault of ours) is thrown. */
export function evaluateLine(text: string, line: number, sourceName: string, plans: PlanRepository, options: LinesOptions): LineResult {
  const where = `${sourceName} line ${line}`;
  let familyId: string | null = null;
  try {
    const input = parseLine(text, where);
    if (typeof input === 'object' && input !== null && typeof (input as { familyId?: unknown }).familyId === 'string') familyId = (input as { familyId: string }).familyId;
    const verdict = verdictOf(parseTimeline(input, where), plans, options);
    return { line, familyId: verdict.familyId, verdict };
  } catch (error) {
    if (!(error instanceof FamilyOutcomesError) || error.code === 'internal') throw error;
    const issues = error instanceof ValidationError ? { issues: error.issues } : {};
    return { line, familyId, error: { code: error.code, message: error.message, ...issues } };
  }
}

/** JSON.parse of one line: a syntax error names its column (the line is in the source's name). */
function parseLine(text: string, where: string): unknown {
  try {
    return parseJson(text, where);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(where, error.issues.map((i) => ({ ...i, path: i.path.replace(/^line 1, /, '') })));
  }
}

/** The input's lines, numbered from 1; a file is streamed, standard input read whole. */
async function* numberedLines(path: string, io: CliIo): AsyncGenerator<[number, string]> {
  let n = 0;
  if (path === '-') {
    for (const text of (await io.readStdin()).split(/\r?\n/)) yield [++n, text];
    return;
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: bufferBytes });
  try {
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) yield [++n, text];
  } catch (error) {
    throw readFailure(path, 'the timelines file', error) ?? error;
  }
}

/** Where the results go: a file given with `--out`, or standard output; each write waits while the reader is behind. */
function resultWriter(out: string | undefined, io: CliIo): { write(text: string): Promise<void>; close(): Promise<void> } {
  if (out === undefined) {
    return {
      write: async (text) => {
        if (io.out(text) === false) await io.drained?.();
      },
      close: () => Promise.resolve(),
    };
  }
  // A verdict with its explanations is tens of kilobytes: a buffer of a megabyte waits for the disk
  // every few dozen families instead of after each one.
  const file: Writable = createWriteStream(out, { highWaterMark: bufferBytes });
  const failed = once(file, 'error').then(([error]) => {
    throw new ValidationError(out, [{ path: '', message: `cannot write the results: ${(error as Error).message}` }]);
  });
  failed.catch(() => undefined);
  return {
    write: async (text) => {
      if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
    },
    close: async () => {
      file.end();
      await Promise.race([once(file, 'finish'), failed]);
    },
  };
}

export async function evaluateLines(path: string, out: string | undefined, plans: PlanRepository, options: LinesOptions, io: CliIo): Promise<void> {
  // An unknown plan would refuse every line: say so once, before reading anything.
  plans.get(options.plan);
  const sourceName = path === '-' ? 'standard input' : path;
  const writer = resultWriter(out, io);
  const started = performance.now();
  const totals = { families: 0, refused: 0, eligible: 0, ssp: 0, ce: 0, firstRefused: 0 };
  try {
    for await (const [line, text] of numberedLines(path, io)) {
      // Blank lines hold nothing (trim also takes a byte-order mark; parseJson drops one before a timeline).
      if (text.trim() === '') continue;
      const result = evaluateLine(text, line, sourceName, plans, options);
      if ('verdict' in result) {
        totals.families++;
        if (result.verdict.eligible) totals.eligible++;
        if (result.verdict.claims.significantAndSustainedProgress.claimable) totals.ssp++;
        if (result.verdict.claims.continuousEmployment.claimable) totals.ce++;
      } else {
        totals.refused++;
        totals.firstRefused ||= line;
      }
      await writer.write(`${JSON.stringify(result)}\n`);
    }
  } finally {
    await writer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const n = (x: number) => x.toLocaleString('en-GB');
  io.err(
    `Evaluated ${n(totals.families)} famil${totals.families === 1 ? 'y' : 'ies'} from ${sourceName} as of ${options.asOf} in ${seconds.toFixed(1)} s: ` +
      `${n(totals.eligible)} eligible, ${n(totals.ssp)} with a significant and sustained progress claim, ${n(totals.ce)} with a continuous employment claim.` +
      (totals.refused > 0 ? ` ${n(totals.refused)} line${totals.refused === 1 ? ' was' : 's were'} refused (the first is line ${totals.firstRefused}); each has its reason in the output.` : '') +
      '\n',
  );
  if (totals.refused > 0) io.exitCode = exitCodes.invalidInput;
}
