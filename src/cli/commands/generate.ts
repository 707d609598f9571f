/**
 * `family-outcomes generate --families N --seed S --out DIR [--timelines] [--json]`
 *
 * Writes a synthetic council: the agency extracts in the documented import formats (with realistic
 * mistakes and a few invalid rows) under DIR/extracts/, and the ground truth under DIR/ground-truth/
 * (see docs/generator.md). The same N and seed always give byte-identical files. With `--plan`, key
 * workers' professional evidence names that plan's outcomes, as it would in a council using it.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { checkCouncilSize, GeneratorOptionError } from '../../generator/errors.ts';
import { evidenceTargets } from '../../generator/evidence-targets.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import { writeCouncil, type CouncilSummary } from '../../generator/extracts/write-council.ts';
import type { CliIo } from '../main.ts';

interface GenerateCommandOptions {
  families: string;
  seed: string;
  out: string;
  timelines?: boolean;
  json?: boolean;
  plan?: string;
  plansDir?: string;
}

export function registerGenerateCommand(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description('write a synthetic council: agency extracts with realistic mess, and the ground truth')
    .option('--families <n>', 'how many families', '1000')
    .option('--seed <n>', 'the random seed: the same size and seed give the same files', '1')
    .requiredOption('--out <directory>', 'where to write extracts/ and ground-truth/')
    .option('--plan <id[@version]>', "record key workers' professional evidence against this plan's outcomes (default: evidence names no outcome)")
    .option('--plans-dir <directory>', 'where the plan files are (default: $FAMILY_OUTCOMES_PLANS or plans)')
    .option('--timelines', 'also write every family’s true timeline to ground-truth/timelines.jsonl')
    .option('--json', 'print the summary as JSON')
    .action(async (options: GenerateCommandOptions) => {
      const families = wholeNumber('--families', options.families);
      const seed = wholeNumber('--seed', options.seed);
      checkCouncilSize(families, seed);
      const evidence = options.plan === undefined ? undefined : evidenceTargets((await PlanRepository.load([options.plansDir ?? loadConfig().FAMILY_OUTCOMES_PLANS])).get(options.plan));
      const bar = io.interactive && !options.json ? new cliProgress.SingleBar({ format: 'generating {bar} {value}/{total} families | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(families, 0);
      const started = performance.now();
      const summary = writeCouncil({ families, seed, outDir: options.out, timelines: options.timelines ?? false, evidence, onProgress: (done) => bar?.update(done) });
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      io.out(options.json ? `${JSON.stringify({ ...summary, seed, seconds: Math.round(seconds * 10) / 10 }, null, 2)}\n` : renderSummary(summary, seed, options.out, seconds));
    });
}

function wholeNumber(option: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new GeneratorOptionError(option, text, 'must be a whole number');
  return Number(text);
}

export function renderSummary(s: CouncilSummary, seed: number, out: string, seconds: number): string {
  const width = Math.max(...Object.keys(s.rows).map((k) => k.length));
  const lines = [
    `Synthetic council: ${s.families.toLocaleString('en-GB')} families, ${s.people.toLocaleString('en-GB')} people (seed ${seed}), in ${seconds.toFixed(1)} s`,
    '',
    ...Object.entries(s.rows).map(([source, n]) => `  ${source.padEnd(width)}  ${n.toLocaleString('en-GB').padStart(10)} rows`),
    '',
    `  ${s.totalRows.toLocaleString('en-GB')} rows in all: ${s.invalidRows.toLocaleString('en-GB')} invalid on purpose, ${s.duplicateRows.toLocaleString('en-GB')} duplicates`,
    `Extracts:     ${path.join(out, 'extracts')}`,
    `Ground truth: ${path.join(out, 'ground-truth')}`,
    '',
  ];
  return lines.join('\n');
}
