/** `family-outcomes users`: adding the first administrator from the command line, with the Users page's rules. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-users-'));
  vi.stubEnv('FAMILY_OUTCOMES_DATA', join(dir, 'data'));
  vi.stubEnv('DATABASE_URL', undefined as unknown as string);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('users', () => {
  it('adds an account with the password from standard input, and lists it (never the password)', async () => {
    const added = await runCli(['users', 'add', '--username', 'Alex.Admin', '--name', 'Alex Admin', '--role', 'administrator'], 'a long enough secret\n');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('Added administrator alex.admin (Alex Admin).\n');
    const listed = await runCli(['users', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([{ username: 'alex.admin', role: 'administrator', name: 'Alex Admin', active: true }]);
    expect(listed.stdout).not.toContain('secret');
  }, 60_000);

  it.each([
    [['--username', 'kim', '--name', 'Kim', '--role', 'key-worker'], 'short\n', /password: Password must be 12 characters or more/],
    [['--username', 'kim', '--name', 'Kim', '--role', 'boss'], 'a long enough secret\n', /role: Select a role/],
    [['--username', 'kim worker', '--name', 'Kim', '--role', 'key-worker'], 'a long enough secret\n', /username: Username must only include/],
    [['--username', 'alex.admin', '--name', 'Someone Else', '--role', 'manager'], 'a long enough secret\n', /already in use/],
  ])('%j is refused (exit 2)', async (args, stdin, message) => {
    const r = await runCli(['users', 'add', ...args], stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);
});
