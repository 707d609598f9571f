/**
 * `family-outcomes users …`: accounts from the command line, above all a council's first administrator
 * (the web app's own server start creates demo accounts only outside production).
 *   users add --username <u> --name <full name> --role <role>   the password is read from standard input
 *   users list [--json]
 */
import type { Command } from 'commander';
import { parseInput } from '../../services/parse-input.ts';
import { newLocalUserSchema, roleNames, roles, type UsersService } from '../../services/users-service.ts';
import type { CliIo } from '../main.ts';
import { printJson, withServices } from './workflow-context.ts';

const withUsers = <T>(work: (users: UsersService) => Promise<T>): Promise<T> =>
  withServices(async (services, config) => work((await services.web(config.FAMILY_OUTCOMES_PLANS)).users));

export function registerUsersCommand(program: Command, io: CliIo): void {
  const users = program.command('users').description('add and list the accounts that sign in to the web app');
  users
    .command('add')
    .description('add an account that signs in with a password, read from standard input (never an argument: it would be in the shell history)')
    .requiredOption('--username <username>', 'letters, numbers, full stops, hyphens and underscores')
    .requiredOption('--name <full name>', 'the person’s full name, as colleagues see it')
    .requiredOption('--role <role>', roles.join(' | '))
    .action(async (options: { username: string; name: string; role: string }) => {
      const password = (await io.readStdin()).replace(/\r?\n$/, '');
      const input = parseInput(newLocalUserSchema, { username: options.username, displayName: options.name, role: options.role, password }, 'new account');
      const account = await withUsers((u) => u.createLocal(input));
      io.out(`Added ${roleNames[account.role].toLowerCase()} ${account.username} (${account.displayName}).\n`);
    });
  users
    .command('list')
    .description('every account: username, role, name, whether it can sign in')
    .option('--json', 'print JSON for machines')
    .action(async (options: { json?: boolean }) => {
      const list = await withUsers((u) => u.list());
      const rows = list.map((a) => ({ username: a.username, role: a.role, name: a.displayName, active: a.active }));
      if (options.json) return printJson(io, rows);
      for (const r of rows) io.out(`${r.username.padEnd(20)} ${roleNames[r.role].padEnd(14)} ${r.active ? 'active  ' : 'inactive'} ${r.name}\n`);
    });
}
