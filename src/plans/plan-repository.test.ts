import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanError, UnknownPlanError, ValidationError } from '../engine/errors.ts';
import { PlanRepository } from './plan-repository.ts';

const fixtures = join(import.meta.dirname, 'fixtures');

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plans-'));
  temporary.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('PlanRepository', () => {
  it('lists every plan version, keyed by id and version, in id then in-force order', async () => {
    const repo = await PlanRepository.load([fixtures]);
    expect(repo.list().map((p) => [p.ref, p.inForce.from, p.inForce.to, p.indicators, p.outcomes])).toEqual([
      ['otherton@2019-20', '2019-04-01', '2020-03-31', 1, 1],
      ['testshire@1', '2015-04-01', '2018-03-31', 2, 2],
      ['testshire@2', '2018-04-01', null, 2, 2],
    ]);
    expect(repo.list()[0]!.authority).toBe('Otherton Borough Council');
    expect(repo.list()[0]!.fileName).toBe(join(fixtures, 'other-council.yaml'));
  });

  it('picks the version in force on a date, including the first and last day of each', async () => {
    const repo = await PlanRepository.load([fixtures]);
    expect(repo.get('testshire', '2015-04-01').plan.version).toBe('1');
    expect(repo.get('testshire', '2018-03-31').plan.version).toBe('1');
    expect(repo.get('testshire', '2018-04-01').plan.version).toBe('2');
    expect(repo.get('testshire', '2030-01-01').plan.version).toBe('2');
  });

  it('gives the latest version when no date is given, and an exact version by id@version', async () => {
    const repo = await PlanRepository.load([fixtures]);
    expect(repo.get('testshire').plan.version).toBe('2');
    expect(repo.get('testshire@1', '2030-01-01').plan.version).toBe('1');
  });

  it('rejects unknown plans, unknown versions and dates no version covers, naming what exists', async () => {
    const repo = await PlanRepository.load([fixtures]);
    expect(() => repo.get('nowhere')).toThrow(UnknownPlanError);
    expect(() => repo.get('nowhere')).toThrow(/No plan "nowhere"\. Known plans: otherton@2019-20 .*testshire@1 .*testshire@2/);
    expect(() => repo.get('testshire@3')).toThrow(UnknownPlanError);
    expect(() => repo.get('testshire', '2015-03-31')).toThrow(/No plan "testshire in force on 2015-03-31"\. Known plans: testshire@1 \(in force 2015-04-01 to 2018-03-31\), testshire@2/);
    expect(() => repo.get('otherton', '2020-04-01')).toThrow(UnknownPlanError);
  });

  it('lets a newer version supersede an older one that was left open-ended', async () => {
    const dir = await tempDir();
    const v1 = await readFile(join(fixtures, 'testshire-v1.yaml'), 'utf8');
    await writeFile(join(dir, 'a.yaml'), v1.replace('to: 2018-03-31', 'to: null'));
    await copyFile(join(fixtures, 'testshire-v2.yaml'), join(dir, 'b.yaml'));
    const repo = await PlanRepository.load([dir]);
    expect(repo.get('testshire', '2018-03-31').plan.version).toBe('1');
    expect(repo.get('testshire', '2018-04-01').plan.version).toBe('2');
  });

  it('refuses the same id and version in two files, naming both', async () => {
    const dir = await tempDir();
    await copyFile(join(fixtures, 'testshire-v1.yaml'), join(dir, 'one.yaml'));
    await copyFile(join(fixtures, 'testshire-v1.yaml'), join(dir, 'two.yaml'));
    const load = PlanRepository.load([dir]);
    await expect(load).rejects.toThrow(PlanError);
    await expect(PlanRepository.load([dir])).rejects.toThrow(/version "1" is defined in both .*one\.yaml and .*two\.yaml/);
  });

  it('reads only *.yaml files and names the file of an invalid plan', async () => {
    const dir = await tempDir();
    await copyFile(join(fixtures, 'testshire-v1.yaml'), join(dir, 'plan.yaml'));
    await writeFile(join(dir, 'notes.txt'), 'not a plan');
    expect((await PlanRepository.load([dir])).list()).toHaveLength(1);
    await writeFile(join(dir, 'broken.yaml'), 'id: broken\nauthority: x\n');
    const error = await PlanRepository.load([dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).source).toBe(join(dir, 'broken.yaml'));
  });

  it('loads the real plans directory', async () => {
    const repo = await PlanRepository.load([join(import.meta.dirname, '../../plans')]);
    expect(repo.get('southampton', '2019-01-01').plan.version).toBe('2018-2020');
  });
});
