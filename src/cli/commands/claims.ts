/**
 * `family-outcomes claims list|create|export|replay`: families claimable now, claim batches, the CSV return
 * of a submitted batch (docs/claims-export.md), and replaying a claim's snapshot.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../main.ts';
import { actorFrom, collect, printJson, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

export function registerClaimsCommand(program: Command, io: CliIo): void {
  const claims = program.command('claims').description('claimable families, claim batches, export and replay');

  withActorOptions(
    claims
      .command('list')
      .description('list attached families claimable at a date (significant and sustained progress or continuous employment), with the reasons')
      .requiredOption('--as-of <YYYY-MM-DD>', 'the date to evaluate at')
      .option('--all', 'include attached families that are not claimable, with what blocks them')
      .option('--json', 'print as JSON'),
    'data-analyst',
  ).action(async (options: ActorOptions & { asOf: string; all?: boolean; json?: boolean }) => {
    await withWorkflow(async (w) => {
      const list = await w.claims.listClaimable({ asOf: options.asOf, includeNotClaimable: options.all ?? false });
      if (options.json) return printJson(io, list);
      io.out(`${list.filter((c) => c.claimType && c.blockedBy.length === 0).length} families claimable as of ${options.asOf}\n`);
      for (const c of list) {
        const state = c.claimType === null ? 'not claimable' : c.blockedBy.length > 0 ? `${c.claimType.toUpperCase()} blocked: ${c.blockedBy.join('; ')}` : c.claimType.toUpperCase();
        io.out(`${c.familyReference}  ${c.plan}  ${state}\n`);
        const reasons = c.claimType === 'ce' ? c.ce.reasons : c.ssp.reasons;
        for (const r of reasons) io.out(`    ${r}\n`);
      }
    });
  });

  withActorOptions(
    claims
      .command('create')
      .description('build a claim batch for a claim period from the families claimable at --as-of')
      .requiredOption('--period-start <YYYY-MM-DD>', 'first day of the claim period')
      .requiredOption('--period-end <YYYY-MM-DD>', 'last day of the claim period')
      .requiredOption('--as-of <YYYY-MM-DD>', 'the date outcomes are assessed at')
      .option('--family <reference>', 'claim only this family (repeatable); default: every claimable family', collect)
      .option('--json', 'print the batch as JSON'),
    'data-analyst',
  ).action(async (options: ActorOptions & { periodStart: string; periodEnd: string; asOf: string; family?: string[]; json?: boolean }) => {
    await withWorkflow(async (w) => {
      const result = await w.claims.createBatch({ periodStart: options.periodStart, periodEnd: options.periodEnd, asOf: options.asOf, ...(options.family && { families: options.family }), actor: actorFrom(options) });
      if (options.json) return printJson(io, result);
      io.out(`Batch ${result.batch.reference} (${result.batch.id}) for ${options.periodStart} to ${options.periodEnd}: ${result.claimed.length} claims\n`);
      for (const c of result.claimed) io.out(`  ${c.familyReference}  ${c.claimType.toUpperCase()}\n`);
      for (const s of result.skipped) io.out(`  skipped ${s.family}: ${s.reason}\n`);
    });
  });

  claims
    .command('export')
    .description('write the CSV return of a submitted batch (layout: docs/claims-export.md)')
    .argument('<batch>', 'batch reference (B-0001) or id')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (batch: string, options: { output?: string }) => {
      await withWorkflow(async (w) => {
        const csv = await w.exportBatchCsv(batch);
        if (options.output) {
          await writeFile(options.output, csv);
          io.err(`Wrote ${options.output}\n`);
        } else io.out(csv);
      });
    });

  claims
    .command('replay')
    .description("re-evaluate a claim's stored snapshot and check the verdict is byte-identical (exit 1 if not)")
    .argument('<family>', 'family reference of a claimed family')
    .option('--json', 'print the replayed verdict as JSON')
    .action(async (familyKey: string, options: { json?: boolean }) => {
      await withWorkflow(async (w) => {
        const claim = await w.claims.claimForFamily(familyKey);
        const replay = await w.claims.replay(claim.id);
        if (options.json) printJson(io, replay);
        else io.out(`${claim.family_reference}: ${replay.identical ? 'identical' : 'DIFFERENT'} (stored ${replay.storedSha256}, replayed ${replay.replayedSha256})\n`);
        if (!replay.identical) io.exitCode = 1;
      });
    });
}
