/**
 * `family-outcomes demo [--families N] [--seed S]` (what `npm start` runs)
 *
 * The product on a synthetic council, in one command: generate the council's agency extracts (or reuse
 * them when the same size and seed were generated before), create the database if needed, import every
 * extract, and say what was made and what the import found. Later steps (identification, evaluation,
 * the web app) are added here as further service calls, in order.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../composition.ts';
import { checkCouncilSize } from '../../generator/errors.ts';
import { evidenceTargets } from '../../generator/evidence-targets.ts';
import { generatorVersion, readManifest, writeCouncil, type CouncilManifest, type WriteCouncilOptions } from '../../generator/extracts/write-council.ts';
import { sources } from '../../imports/sources/index.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import type { ImportReport } from '../../services/import-service.ts';
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

      io.out(`Plan: ${plan.plan.authority} ${plan.plan.version} (key workers' evidence is recorded against it).\n`);
      io.out(renderCouncil(council, councilDir));

      const services = await createServices(config);
      try {
        io.out(`Database: ${config.DATABASE_URL ? 'the PostgreSQL server in DATABASE_URL' : `embedded PGlite in ${config.FAMILY_OUTCOMES_DATA}`}.\n`);
        const reports = await importCouncil(io, services, path.join(councilDir, 'extracts'));
        const households = await services.timelines.households();
        io.out(renderImports(reports, households.length, council));
      } finally {
        await services.close();
      }
    });
}

/** Imports every extract of the council, one file per source, in the formats' order. */
async function importCouncil(io: CliIo, services: Services, extractsDir: string): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const source of sources) {
    const bar = io.interactive ? new cliProgress.SingleBar({ format: `importing ${source.id.padEnd(18)} {bar} {rows} rows`, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
    bar?.start(1, 0, { rows: 0 });
    const report = await services.imports.importFile(source.id, path.join(extractsDir, `${source.id}.csv`), {
      onProgress: (p) => {
        bar?.setTotal(Math.max(1, p.totalBytes));
        bar?.update(p.bytesRead, { rows: p.rows });
      },
    });
    bar?.stop();
    reports.push(report);
  }
  return reports;
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

function renderCouncil(c: CouncilManifest, dir: string): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const problems = Object.entries(c.truth.problems).map(([p, count]) => `${p} ${n(count)}`).join(', ');
  return [
    `Synthetic council (seed ${c.seed}): ${n(c.families)} families, ${n(c.people)} people.`,
    `  Truly: ${n(c.truth.withTwoOrMoreProblems)} families with two or more problems; ${n(c.truth.engaged)} engaged by the programme, ${n(c.truth.improvedOnEveryProblem)} of them improving on every problem.`,
    `  Families by problem: ${problems}.`,
    `  ${n(c.totalRows)} rows in ${Object.keys(c.rows).length} agency extracts (${n(c.invalidRows)} invalid on purpose, ${n(c.duplicateRows)} duplicates): ${path.join(dir, 'extracts')}`,
    `  Ground truth: ${path.join(dir, 'ground-truth')}`,
    '',
  ].join('\n');
}

function renderImports(reports: readonly ImportReport[], households: number, c: CouncilManifest): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const sum = (f: (r: ImportReport) => number) => reports.reduce((total, r) => total + f(r), 0);
  const again = reports.filter((r) => r.alreadyImported).length;
  return [
    `Imported ${reports.length} extracts${again > 0 ? ` (${again} already imported: unchanged)` : ''}: ${n(sum((r) => r.rows))} rows read, ${n(sum((r) => r.stored))} stored, ${n(sum((r) => r.quarantined))} quarantined (${n(c.invalidRows)} were invalid on purpose).`,
    `  People: ${n(sum((r) => r.newPeople))} records created for ${n(c.people)} real people; ${n(sum((r) => r.matchReviews))} left for match review. Households: ${n(households)}.`,
    '',
    'List the households: bin/family-outcomes timeline --list; one household: bin/family-outcomes timeline <household-id>',
    '',
  ].join('\n');
}
