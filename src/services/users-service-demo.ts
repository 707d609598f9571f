/**
 * Demo accounts, one per role, for the generated demo council. The demo command calls
 * {@link seedDemoAccounts} and prints what it returns; existing accounts are left alone.
 */
import { roleNames, roles, UsernameTakenError, type Role, type UsersService } from './users-service.ts';

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
}

const usernames: Readonly<Record<Role, string>> = {
  administrator: 'admin',
  'data-analyst': 'analyst',
  'key-worker': 'keyworker',
  auditor: 'auditor',
  manager: 'manager',
};

const names: Readonly<Record<Role, string>> = {
  administrator: 'Ada Admin',
  'data-analyst': 'Dan Analyst',
  'key-worker': 'Kim Worker',
  auditor: 'Aud Itor',
  manager: 'Meg Manager',
};

export const demoAccounts: readonly DemoAccount[] = roles.map((role) => ({
  username: usernames[role],
  password: `demo-${role}-password`,
  role,
  displayName: names[role],
}));

export async function seedDemoAccounts(users: UsersService): Promise<readonly DemoAccount[]> {
  for (const account of demoAccounts) {
    try {
      await users.createLocal(account);
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
    }
  }
  return demoAccounts;
}

export function describeDemoAccounts(accounts: readonly DemoAccount[]): string {
  return accounts.map((a) => `  ${roleNames[a.role].padEnd(14)} ${a.username.padEnd(10)} ${a.password}`).join('\n');
}
