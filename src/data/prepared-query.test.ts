import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { executeStatement, prepared, PreparedQueryError, sqlLiteral } from './prepared-query.ts';
import { testDatabases } from './testing/test-databases.ts';

describe('prepared query literals', () => {
  it('writes each scalar as a literal, doubling only the quote', () => {
    expect([null, undefined, true, false, 12, -0.5, 10n].map(sqlLiteral)).toEqual(['null', 'null', 'true', 'false', '12', '-0.5', '10']);
    expect(sqlLiteral("O'Brien\\")).toBe("'O''Brien\\'");
    expect(sqlLiteral(new Date('2020-02-29T10:00:00Z'))).toBe("'2020-02-29T10:00:00.000Z'");
  });

  it('refuses what cannot be a literal, and names that are not plain identifiers', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(PreparedQueryError);
    expect(() => sqlLiteral('a\0b')).toThrow(PreparedQueryError);
    expect(() => sqlLiteral(['a'])).toThrow(PreparedQueryError);
    expect(() => prepared('drop table x; --', { sql: 'select 1', parameters: [], query: undefined as never, queryId: undefined as never })).toThrow(PreparedQueryError);
  });

  it('executes by name with the parameters in order', () => {
    const query = prepared('two', { sql: 'select $1::text, $2::int', parameters: ['a', 2], query: undefined as never, queryId: undefined as never });
    expect(executeStatement(query)).toBe("execute two('a', 2)");
  });
});

describe.each(testDatabases())('prepared queries on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.close());

  const echo = (value: string, n: number) => prepared('test_echo', sql<{ value: string; doubled: number }>`select ${value}::text as value, ${n}::int * 2 as doubled`.compile(handle.db));

  it('gives the rows the plain query gives, for awkward text too, every time it runs', async () => {
    for (const value of ["O'Brien", 'back\\slash', '$1', "'); drop table people; --", 'ünïcødé']) {
      const { rows } = await handle.db.executeQuery(echo(value, 21));
      expect(rows).toEqual([{ value, doubled: 42 }]);
    }
  });

  it('runs inside a transaction, and still after one is rolled back', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        expect((await trx.executeQuery(echo('in', 1))).rows).toEqual([{ value: 'in', doubled: 2 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await handle.db.executeQuery(echo('after', 2))).rows).toEqual([{ value: 'after', doubled: 4 }]);
  });

  it('is prepared once on the connection that runs it, and refused under the same name with another text', async () => {
    await handle.db.connection().execute(async (connection) => {
      await connection.executeQuery(echo('x', 1));
      await connection.executeQuery(echo('y', 2));
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements where name = 'test_echo'`.execute(connection);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.statement).toMatch(/select \$1::text as value/);
      await expect(connection.executeQuery(prepared('test_echo', sql`select 1`.compile(handle.db)))).rejects.toThrow(/test_echo/);
    });
  });
});
