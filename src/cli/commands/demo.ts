/**
 * `family-outcomes demo [--families N] [--seed S]` (what `npm start` runs)
 *
 * The product on a synthetic council, in one command: generate the council's agency extracts (or reuse
 * them when the same size and seed were generated before), create and migrate the embedded database,
 * and say what was made. Later steps (import, identification, evaluation, the web app) are added here
 * as further service calls, in order.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createDatabase, databaseTarget } from '../../data/database.ts';
import { checkCouncilSize } from '../../generator/errors.ts';
import { evidenceTargets } from '../../generator/evidence-targets.ts';
import { generatorVersion, readManifest, writeCouncil, type CouncilManifest, type WriteCouncilOptions } from '../../generator/extracts/write-council.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import type { CliIo } from '../main.ts';

interface DemoCommandOptions {
  families: string;
  seed: string;
  plan: string;
}

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('run the product on a generated council of about 2,000 families')
    .option('--families <n>', 'how many families', '2000')
    .option('--seed <n>', 'the random seed', '2026')
    .option('--plan <id[@version]>', "the council's outcome plan (key workers record evidence against it)", 'southampton')
    .action(async (options: DemoCommandOptions) => {
      const config = loadConfig();
      const families = Number(options.families);
      const seed = Number(options.seed);
      checkCouncilSize(families, seed);

      const plan = (await PlanRepository.load([config.FAMILY_OUTCOMES_PLANS])).get(options.plan);
      const councilDir = path.join(tmpdir(), 'family-outcomes-demo', `council-${families}-seed-${seed}-${plan.plan.id}`);
      const council = generateCouncil(io, councilDir, { families, seed, evidence: evidenceTargets(plan) });

      const database = await createDatabase(databaseTarget(config));
      await database.close();

      io.out(`Plan: ${plan.plan.authority} ${plan.plan.version} (key workers' evidence is recorded against it).\n`);
      io.out(renderDemo(council, councilDir, database.kind === 'postgres' ? 'the PostgreSQL server in DATABASE_URL' : `embedded PGlite in ${config.FAMILY_OUTCOMES_DATA}`));
    });
}

/** Generates the council into `dir`, unless the same council is already there. */
function generateCouncil(io: CliIo, dir: string, options: Omit<WriteCouncilOptions, 'outDir'>): CouncilManifest {
  const saved = readManifest(dir);
  if (saved && saved.generator === generatorVersion && saved.families === options.families && saved.seed === options.seed) return saved;
  const bar = io.interactive ? new cliProgress.SingleBar({ format: 'generating {bar} {value}/{total} families', stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(options.families, 0);
  writeCouncil({ ...options, outDir: dir, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  return readManifest(dir)!;
}

function renderDemo(c: CouncilManifest, dir: string, database: string): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const problems = Object.entries(c.truth.problems).map(([p, count]) => `${p} ${n(count)}`).join(', ');
  return [
    `Synthetic council (seed ${c.seed}): ${n(c.families)} families, ${n(c.people)} people.`,
    `  Truly: ${n(c.truth.withTwoOrMoreProblems)} families with two or more problems; ${n(c.truth.engaged)} engaged by the programme, ${n(c.truth.improvedOnEveryProblem)} of them improving on every problem.`,
    `  Families by problem: ${problems}.`,
    `  ${n(c.totalRows)} rows in ${Object.keys(c.rows).length} agency extracts (${n(c.invalidRows)} invalid on purpose, ${n(c.duplicateRows)} duplicates): ${path.join(dir, 'extracts')}`,
    `  Ground truth: ${path.join(dir, 'ground-truth')}`,
    `Database: ${database}, created and migrated.`,
    '',
    'Import an extract with: bin/family-outcomes import <source> <file>, e.g.',
    `  bin/family-outcomes import police-offences ${path.join(dir, 'extracts', 'police-offences.csv')}`,
    '',
  ].join('\n');
}
