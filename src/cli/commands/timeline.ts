/**
 * `family-outcomes timeline <householdId> [--as-of YYYY-MM-DD]` prints a household's timeline, assembled
 * from imported extracts, as JSON in the public contract (docs/timeline-format.md); `evaluate` reads it.
 * `family-outcomes timeline --list` lists the households.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../composition.ts';
import { isValidDay } from '../../engine/calendar/day.ts';
import { InvalidPeriodError } from '../../engine/errors.ts';
import { UnknownHouseholdError } from '../../services/timeline-service.ts';
import type { CliIo } from '../main.ts';

interface TimelineOptions {
  asOf?: string;
  list?: boolean;
}

export function registerTimelineCommand(program: Command, io: CliIo): void {
  program
    .command('timeline')
    .description("print a household's timeline (from imported extracts) as JSON")
    .argument('[householdId]', 'the household id (see --list)')
    .option('--as-of <YYYY-MM-DD>', 'the date that decides who is an adult (default: today)')
    .option('--list', 'list households instead')
    .action(async (householdId: string | undefined, options: TimelineOptions) => {
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      if (!isValidDay(asOf)) throw new InvalidPeriodError('date', asOf, '--as-of must be a real date written YYYY-MM-DD');
      const services = await createServices(loadConfig());
      try {
        if (options.list || householdId === undefined) {
          const households = await services.timelines.households();
          io.out(households.map((h) => `${h.id}  ${h.postcode}\n`).join(''));
          return;
        }
        const timeline = await services.timelines.timelineForHousehold(householdId, asOf);
        if (!timeline) throw new UnknownHouseholdError(householdId);
        io.out(`${JSON.stringify(timeline, null, 2)}\n`);
      } finally {
        await services.close();
      }
    });
}
