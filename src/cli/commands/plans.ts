/**
 * `family-outcomes plans [--json]`: the plans and versions in the plans directory, with the dates each
 * is in force and the size of each, so a plan owner can see at a glance which version a family gets.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import type { CliIo } from '../main.ts';
import { renderPlansTable } from '../render-plans-table.ts';

export function registerPlansCommand(program: Command, io: CliIo): void {
  program
    .command('plans')
    .description('list the outcome plans and their versions')
    .option('--json', 'print JSON for machines')
    .option('--plans-dir <directory>', 'where the plan files are (default: $FAMILY_OUTCOMES_PLANS or plans)')
    .action(async (options: { json?: boolean; plansDir?: string }) => {
      const plans = (await PlanRepository.load([options.plansDir ?? loadConfig().FAMILY_OUTCOMES_PLANS])).list();
      io.out(options.json ? `${JSON.stringify(plans, null, 2)}\n` : renderPlansTable(plans));
    });
}
