import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** An insert that takes a tick (as a database round trip does) and remembers each statement's records. */
function fakeInsert(failWhen: (n: number) => boolean = () => false) {
  const statements: number[][] = [];
  const insert = async (records: readonly number[]) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (records.some(failWhen)) throw new Error(`refused ${records.filter(failWhen).join(',')}`);
    statements.push([...records]);
  };
  return { statements, insert };
}

describe('GroupCommit', () => {
  it('writes a record offered while nothing is in flight at once, alone', async () => {
    const { statements, insert } = fakeInsert();
    const group = new GroupCommit(insert);
    await group.write(1);
    await group.write(2);
    expect(statements).toEqual([[1], [2]]);
  });

  it('writes records offered while an insert is in flight together, in order, each caller waiting for its own', async () => {
    const { statements, insert } = fakeInsert();
    const group = new GroupCommit(insert);
    const settled: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.write(i).then(() => settled.push(i))));
    expect(statements).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(settled.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('caps a group at the size given', async () => {
    const { statements, insert } = fakeInsert();
    const group = new GroupCommit(insert, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => group.write(i)));
    expect(statements).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('fails only the caller whose record is refused; the rest of its group is still written', async () => {
    const { statements, insert } = fakeInsert((n) => n === 4);
    const group = new GroupCommit(insert);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => group.write(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[4] as PromiseRejectedResult).reason).toEqual(new Error('refused 4'));
    expect(statements.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5]);
  });

  it('keeps working after a failure', async () => {
    const { statements, insert } = fakeInsert((n) => n === 0);
    const group = new GroupCommit(insert);
    await expect(group.write(0)).rejects.toThrow('refused 0');
    await group.write(1);
    expect(statements).toEqual([[1]]);
  });
});
