/**
 * `family-outcomes evaluate --plan <id>[@version] --as-of <YYYY-MM-DD> <timeline.json | ->`
 *
 * Reads a family timeline (a file, or standard input for `-`), picks the plan version (the one named,
 * or the one in force on the family's engagement date, else its identification date), evaluates it
 * and prints the verdict as JSON or, with `--format text`, for a person to read. Anything wrong with
 * the input (JSON syntax, the timeline contract, the date, the plan name) is a typed input error, so
 * `main` exits with 2 and the message on standard error.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { evaluate, InvalidPeriodError, parseTimeline, ValidationError } from '../../engine/index.ts';
import { isValidDay } from '../../engine/calendar/day.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import type { CliIo } from '../main.ts';
import { renderVerdictText } from '../render-verdict-text.ts';

interface EvaluateOptions {
  plan: string;
  asOf: string;
  format: 'json' | 'text';
  plansDir?: string;
}

export function registerEvaluateCommand(program: Command, io: CliIo): void {
  program
    .command('evaluate')
    .description("evaluate a family's timeline against an outcome plan and print the verdict")
    .argument('<timeline>', 'a timeline JSON file (docs/timeline-format.md), or - for standard input')
    .requiredOption('--plan <id[@version]>', 'the plan: an id (the version in force at engagement) or id@version')
    .requiredOption('--as-of <YYYY-MM-DD>', 'the date to evaluate at')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option('--plans-dir <directory>', 'where the plan files are (default: $FAMILY_OUTCOMES_PLANS or plans)')
    .action(async (timelinePath: string, options: EvaluateOptions) => {
      if (!isValidDay(options.asOf)) throw new InvalidPeriodError('date', options.asOf, '--as-of must be a real date written YYYY-MM-DD');
      const sourceName = timelinePath === '-' ? 'standard input' : timelinePath;
      const text = timelinePath === '-' ? await io.readStdin() : await readInputFile(timelinePath);
      const timeline = parseTimeline(parseJson(text, sourceName), sourceName);
      const plans = await PlanRepository.load([options.plansDir ?? loadConfig().FAMILY_OUTCOMES_PLANS]);
      const compiled = plans.get(options.plan, timeline.programme.engagedOn ?? timeline.programme.identifiedOn);
      const verdict = evaluate(compiled, timeline, options.asOf);
      io.out(options.format === 'text' ? renderVerdictText(verdict) : `${JSON.stringify(verdict, null, 2)}\n`);
    });
}

async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ValidationError(path, [{ path: '', message: `cannot read the timeline file: ${reason}` }]);
  }
}

/**
 * JSON.parse, with the line and column of a syntax error. Node 20's messages give a character position
 * ("… in JSON at position 42"), except for an unexpected token, where they quote up to 10 characters
 * either side of it; the position is recovered from that quotation.
 */
export function parseJson(input: string, sourceName: string): unknown {
  // Exports saved by Windows tools often begin with a byte-order mark, which JSON.parse rejects.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = errorPosition(text, message);
    const where = position === undefined ? undefined : lineAndColumn(text, position);
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1')
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    throw new ValidationError(sourceName, [{ path: where ? `line ${where.line}, column ${where.column}` : '', message: `not valid JSON: ${reason}` }]);
  }
}

function errorPosition(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/end of JSON input/.test(message)) return text.length;
  const token = /^Unexpected token '.+?', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  if (!token) return undefined;
  const [, before, quoted = '', after] = token;
  if (before) {
    const start = text.indexOf(quoted);
    return start < 0 ? undefined : start + 10;
  }
  if (after) return quoted.length - 10;
  return undefined; // a short input quoted whole: the message itself shows it
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}
