/**
 * `family-outcomes evaluate --plan <id>[@version] --as-of <YYYY-MM-DD> <timeline.json | ->`
 *
 * Reads a family timeline (a file, or standard input for `-`), picks the plan version (the one named,
 * or the one in force on the family's engagement date, else its identification date), evaluates it
 * and prints the verdict as JSON or, with `--format text`, for a person to read. Anything wrong with
 * the input (JSON syntax, the timeline contract, the date, the plan name) is a typed input error, so
 * `main` exits with 2 and the message on standard error.
 *
 * With `--jsonl` the input is many timelines, one per line, and the output one result per line
 * (evaluate-lines.ts).
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { InvalidPeriodError, parseTimeline, ValidationError } from '../../engine/index.ts';
import { isValidDay } from '../../engine/calendar/day.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import type { CliIo } from '../main.ts';
import { parseJson } from '../parse-json.ts';
import { readFailure } from '../read-failure.ts';
import { renderVerdictText } from '../render-verdict-text.ts';
import { evaluateLines, verdictOf } from './evaluate-lines.ts';

interface EvaluateOptions {
  plan: string;
  asOf: string;
  format: 'json' | 'text';
  plansDir?: string;
  jsonl?: boolean;
  out?: string;
  statusesOnly?: boolean;
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
    .option('--jsonl', 'the input is JSON Lines, one timeline per line; prints one JSON result per line (a verdict, or why the line was refused)')
    .option('--out <file.jsonl>', 'with --jsonl: write the results to this file instead of standard output')
    .option('--statuses-only', 'statuses only: no figures or explanations (smaller and faster, for screening)')
    .action(async (timelinePath: string, options: EvaluateOptions) => {
      if (!isValidDay(options.asOf)) throw new InvalidPeriodError('date', options.asOf, '--as-of must be a real date written YYYY-MM-DD');
      if (options.jsonl && options.format === 'text') throw new ValidationError('evaluate options', [{ path: '--format', message: 'text is for one family; --jsonl writes JSON Lines' }]);
      if (options.out !== undefined && !options.jsonl) throw new ValidationError('evaluate options', [{ path: '--out', message: 'is for --jsonl; one verdict is printed' }]);
      const plansDirectory = options.plansDir ?? loadConfig().FAMILY_OUTCOMES_PLANS;
      const evaluation = { plan: options.plan, asOf: options.asOf, statusesOnly: options.statusesOnly === true };
      if (options.jsonl) {
        const plans = await PlanRepository.load([plansDirectory]);
        await evaluateLines(timelinePath, options.out, plans, evaluation, io);
        return;
      }
      const sourceName = timelinePath === '-' ? 'standard input' : timelinePath;
      const text = timelinePath === '-' ? await io.readStdin() : await readInputFile(timelinePath);
      const timeline = parseTimeline(parseJson(text, sourceName), sourceName);
      const plans = await PlanRepository.load([plansDirectory]);
      const verdict = verdictOf(timeline, plans, evaluation);
      io.out(options.format === 'text' ? renderVerdictText(verdict) : `${JSON.stringify(verdict, null, 2)}\n`);
    });
}

async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw readFailure(path, 'the timeline file', error) ?? error;
  }
}
