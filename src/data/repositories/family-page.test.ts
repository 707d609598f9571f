import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { claimableTimeline } from '../../services/testing/workflow-fixture.ts';
import { testProgramme, type TestProgramme } from '../../web/testing/programme.ts';
import { testDatabases } from '../testing/test-databases.ts';
import { familyPageRows } from './family-page.ts';
import { workflowDb } from './workflow-db.ts';

const actor = { userId: 'test', role: 'system' } as const;

describe.each(testDatabases())('the family page’s one statement on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let programme: TestProgramme;
  let reference: string;
  beforeAll(async () => {
    handle = await open();
    programme = await testProgramme(handle, ['plans'], () => new Date('2020-01-15T12:00:00Z'));
    reference = await programme.attachFamily(claimableTimeline(), { plan: 'southampton@2018-2020', identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker' });
    const { workflow } = programme;
    await workflow.attachment.recordEssentials({ family: reference, assessmentOn: '2019-02-01', actionPlanOn: '2019-02-10', outcomesAligned: true, actor });
    await workflow.attachment.addProblem({ family: reference, problem: 'health', foundOn: '2019-03-01', note: 'seen by the GP', actor });
    await workflow.tracking.trackAll({ asOf: '2020-01-15', actor });
  });
  afterAll(() => handle.close());

  it('reads what the repositories read, statement by statement', async () => {
    const { repositories } = programme.workflow;
    const family = (await repositories.families.find(reference))!;
    const attachment = (await repositories.attachments.openForFamily(family.id))!;
    const expected = { family, attachment, problems: await repositories.attachments.problems(attachment.id), history: (await repositories.history.forFamily(family.id)).map(({ detail: _detail, ...summary }) => summary) };
    expect(expected.problems.length).toBeGreaterThan(1);
    expect(expected.history.length).toBeGreaterThan(2);
    const { rows } = await sql<{ v: string }>`select version::text as v from imports_version`.execute(handle.db);
    const withImports = { ...expected, importsVersion: rows[0]!.v };
    expect(await familyPageRows(workflowDb(handle.db), reference)).toEqual(withImports);
    expect(await familyPageRows(workflowDb(handle.db), reference.toLowerCase())).toEqual(withImports);
  });

  it('gives no attachment (and none of its problems) once the family is detached, and nothing for an unknown family', async () => {
    await programme.workflow.attachment.detach({ family: reference, reason: 'moved away', actor });
    const rows = await familyPageRows(workflowDb(handle.db), reference);
    expect(rows?.family.reference).toBe(reference);
    expect(rows?.attachment).toBeUndefined();
    expect(rows?.problems).toEqual([]);
    expect(rows?.history.at(-1)?.kind).toBe('detached');
    expect(await familyPageRows(workflowDb(handle.db), 'F-999999')).toBeUndefined();
  });
});
