/**
 * `family-outcomes demo [--families N] [--seed S] [--as-of D] [--no-serve]` (what `npm start` runs)
 *
 * The product on a synthetic council, in one command: generate the council's agency extracts (or reuse
 * them when the same size and seed were generated before), create the database if needed, import every
 * extract, run identification, attach the families the programme engaged and track them, then start
 * the web app with a demo account for each role. Each step is a call to the same services the CLI and
 * the web app use.
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
import { seedDemoProgramme, type DemoProgrammeResult } from '../../generator/demo-programme.ts';
import { describeDemoAccounts, seedDemoAccounts } from '../../services/users-service-demo.ts';
import { serveWeb } from '../../web/server.ts';

interface DemoCommandOptions {
  families: string;
  seed: string;
  plan: string;
  asOf: string;
  serve: boolean;
}

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('run the product on a generated council of about 2,000 families')
    .option('--families <n>', 'how many families', '2000')
    .option('--seed <n>', 'the random seed', '2026')
    .option('--plan <id[@version]>', "the council's outcome plan (key workers record evidence against it)", 'southampton')
    .option('--as-of <YYYY-MM-DD>', 'the date the programme is tracked and the web app evaluates families at (the generated data ends in March 2020)', '2020-03-31')
    .option('--no-serve', 'set everything up but do not start the web app')
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
      let serving = false;
      try {
        io.out(`Database: ${config.DATABASE_URL ? 'the PostgreSQL server in DATABASE_URL' : `embedded PGlite in ${config.FAMILY_OUTCOMES_DATA}`}.\n`);
        const reports = await importCouncil(io, services, path.join(councilDir, 'extracts'));
        const households = await services.timelines.households();
        io.out(renderImports(reports, households.length, council));

        const workflow = await services.workflow(config.FAMILY_OUTCOMES_PLANS);
        const planRef = `${plan.plan.id}@${plan.plan.version}`;
        // With the web app, the demo accounts come first, so the key-worker account leads families of its own.
        const web = options.serve ? await services.web(config.FAMILY_OUTCOMES_PLANS, { now: () => new Date(`${options.asOf}T12:00:00Z`), claimTarget: Math.round(families / 10) }) : undefined;
        const accounts = web ? await seedDemoAccounts(web.users) : [];
        const accountLeads = web ? (await web.users.list()).filter((u) => u.role === 'key-worker').map((u) => ({ name: u.displayName, userId: u.id })) : [];
        const programme = await seedDemoProgramme(workflow, councilDir, { plan: planRef, asOf: options.asOf, householdAddresses: households, accountLeads });
        io.out(renderProgramme(programme, planRef, options.asOf));

        if (web) {
          const { url } = await serveWeb(web, { config, asOf: options.asOf, claimTarget: Math.round(families / 10) });
          io.out(`\nFamily Outcomes is running at ${url} (pages evaluate families as of ${options.asOf}). Stop it with Ctrl-C.\nDemo accounts (role, username, password):\n${describeDemoAccounts(accounts)}\n`);
          serving = true;
        }
      } finally {
        // While the web app runs the services stay open; the process ends with the server.
        if (!serving) await services.close();
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

function renderProgramme(p: DemoProgrammeResult, plan: string, asOf: string): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return [
    `Programme (${plan}, as of ${asOf}): identification found ${n(p.candidates)} candidate families; ${n(p.attached)} families the programme engaged were attached with their four essentials;`,
    `  ${n(p.evaluated)} attached families tracked, ${n(p.claimable)} claimable now.`,
    '',
  ].join('\n');
}
