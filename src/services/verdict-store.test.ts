import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { StoredVerdictsRepository } from '../data/repositories/stored-verdicts.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { EvaluationCache, FamilyEvaluator } from './family-evaluation.ts';
import { analyst, claimableTimeline, engagement, southamptonPlans, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';
import { outcomesByProblem, summarise, VerdictStore } from './verdict-store.ts';

describe.each(testDatabases())('stored verdicts on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  let evaluator: FamilyEvaluator;
  let family: { householdId: string; familyId: string; reference: string };
  const asOf = '2019-09-01';
  const attached = async () => {
    const row = (await fx.services.repositories.families.find(family.reference))!;
    const attachment = (await fx.services.repositories.attachments.openForFamily(row.id))!;
    return { row, attachment };
  };

  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
    evaluator = new FamilyEvaluator(await southamptonPlans(), fx.timelines, new EvaluationCache(10));
    family = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ householdId: family.householdId, plan: 'southampton', ...engagement, actor: analyst });
  });
  afterAll(() => handle.close());

  it('reuses a verdict while the inputs are unchanged, and evaluates again when an event arrives', async () => {
    const { row, attachment } = await attached();
    const first = await evaluator.evaluateAttached(row, attachment, asOf);
    const again = await evaluator.evaluateAttached(row, attachment, asOf);
    expect(again.inputKey).toBe(first.inputKey);
    expect(again.verdict).toBe(first.verdict);
    expect(evaluator.counts).toEqual({ evaluated: 1, reused: 1 });
    expect(first.verdict.problems.find((p) => p.problem === 'health')?.status).toBe('turned-around');

    // The evidence is withdrawn (a corrected extract): the health outcome can no longer be met.
    const timeline = claimableTimeline();
    fx.timelines.set(family.householdId, { ...timeline, events: (timeline.events ?? []).filter((e) => e.id !== 'ev-evidence') });
    const changed = await evaluator.evaluateAttached(row, attachment, asOf);
    expect(changed.inputKey).not.toBe(first.inputKey);
    expect(changed.verdict.problems.find((p) => p.problem === 'health')?.status).not.toBe('turned-around');
    expect(evaluator.counts.evaluated).toBe(2);
    fx.timelines.set(family.householdId, claimableTimeline());
  });

  it('summarises a statuses-only evaluation exactly as a full one, under the same key', async () => {
    const { row, attachment } = await attached();
    const full = await evaluator.evaluateAttached(row, attachment, asOf);
    const statuses = await evaluator.evaluateAttached(row, attachment, asOf, { explain: false });
    expect(statuses.inputKey).toBe(full.inputKey);
    expect(statuses.verdict).not.toBe(full.verdict);
    expect(summarise(statuses.verdict)).toEqual(summarise(full.verdict));
  });

  it('keys on the as-of date and the programme dates too', async () => {
    const { row, attachment } = await attached();
    const base = await evaluator.evaluateAttached(row, attachment, asOf);
    expect((await evaluator.evaluateAttached(row, attachment, '2019-09-02')).inputKey).not.toBe(base.inputKey);
    expect((await evaluator.evaluateAttached(row, { ...attachment, engaged_on: '2019-02-01' }, asOf)).inputKey).not.toBe(base.inputKey);
  });

  it('stores a summary once per input key and replaces it when the inputs change', async () => {
    const { row, attachment } = await attached();
    const repository = new StoredVerdictsRepository(handle.db);
    const store = new VerdictStore(repository, () => new Date('2019-09-01T10:00:00Z'));
    const evaluation = await evaluator.evaluateAttached(row, attachment, asOf);
    await store.record(attachment.id, evaluation);
    const [stored] = await store.current();
    expect(stored).toMatchObject({ attachmentId: attachment.id, asOf, inputKey: evaluation.inputKey });
    expect(stored!.summary).toEqual(summarise(evaluation.verdict));
    expect(stored!.summary.problems.health?.status).toBe('turned-around');

    // A second store (another process) finds the same key stored and writes nothing.
    await new VerdictStore(repository, () => new Date('2030-01-01T00:00:00Z')).record(attachment.id, evaluation);
    expect((await store.current())[0]!.evaluatedAt.toISOString()).toBe('2019-09-01T10:00:00.000Z');

    const timeline = claimableTimeline();
    fx.timelines.set(family.householdId, { ...timeline, events: (timeline.events ?? []).filter((e) => e.id !== 'ev-evidence') });
    const changed = await evaluator.evaluateAttached(row, attachment, asOf);
    await store.record(attachment.id, changed);
    const [replaced] = await store.current();
    expect(replaced!.inputKey).toBe(changed.inputKey);
    expect(replaced!.summary.problems.health?.status).not.toBe('turned-around');
    fx.timelines.set(family.householdId, claimableTimeline());
  });
});

describe('outcomes by problem', () => {
  const zero = { met: 0, pending: 0, 'not-met': 0, 'evidence-required': 0 };
  it('counts families, outcomes by status and turned-around families per problem, in the national order', () => {
    const rows = outcomesByProblem(
      [
        { problems: { health: { status: 'turned-around', outcomes: { ...zero, met: 2 } }, crime: { status: 'pending', outcomes: { ...zero, pending: 1, met: 1 } } }, ssp: true, ce: false },
        { problems: { health: { status: 'evidence-required', outcomes: { ...zero, 'evidence-required': 1, met: 1 } } }, ssp: false, ce: false },
      ],
      ['crime', 'education', 'health'],
    );
    expect(rows).toEqual([
      { problem: 'crime', families: 1, outcomes: { met: 1, pending: 1, 'not-met': 0, 'evidence-required': 0 }, turnedAround: 0 },
      { problem: 'health', families: 2, outcomes: { met: 3, pending: 0, 'not-met': 0, 'evidence-required': 1 }, turnedAround: 1 },
    ]);
  });
});
