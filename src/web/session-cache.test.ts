import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { UsersService } from '../services/users-service.ts';
import { CachingSessionsRepository, SessionForgettingUsersRepository } from './session-cache.ts';

describe.each(testDatabases())('remembered sessions on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let clock = 0;
  let sessions: CachingSessionsRepository;
  let users: UsersService;
  let userId: string;
  const find = () => sessions.findUser('hash-1', new Date());

  beforeAll(async () => {
    handle = await open();
    sessions = new CachingSessionsRepository(handle.db, 2_000, () => clock);
    users = new UsersService(new SessionForgettingUsersRepository(handle.db, sessions), sessions);
    userId = (await users.createLocal({ username: 'kim', displayName: 'Kim Worker', role: 'key-worker', password: 'a long enough password' })).id;
    await sessions.insert('hash-1', userId, new Date(Date.now() + 3_600_000));
  });
  afterAll(() => handle.close());

  it('remembers a session for a moment, then looks it up again', async () => {
    expect((await find())?.role).toBe('key-worker');
    // Changed behind its back (another process): seen once the moment has passed.
    await handle.db.withTables<{ user_accounts: { id: string; display_name: string } }>().updateTable('user_accounts').set({ display_name: 'Kim W' }).where('id', '=', userId).execute();
    expect((await find())?.displayName).toBe('Kim Worker');
    clock += 2_001;
    expect((await find())?.displayName).toBe('Kim W');
  });

  it('forgets at once when the role changes, the account is deactivated or the session ends', async () => {
    expect((await find())?.role).toBe('key-worker');
    await users.setRole(userId, 'auditor');
    expect((await find())?.role).toBe('auditor');
    await users.deactivate(userId);
    expect(await find()).toBeUndefined();
    await users.reactivate(userId);
    await sessions.insert('hash-2', userId, new Date(Date.now() + 3_600_000));
    expect((await sessions.findUser('hash-2', new Date()))?.id).toBe(userId);
    await sessions.delete('hash-2');
    expect(await sessions.findUser('hash-2', new Date())).toBeUndefined();
  });
});
