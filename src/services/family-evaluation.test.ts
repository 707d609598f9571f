/**
 * The evaluator's quick path (family-evaluation.ts): with the imports' fingerprint from the family page's
 * statement it reuses a kept evaluation without reading the timeline, and reads again after any import
 * (from this ImportService or another on the same database), a change of programme dates or of plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../data/database.ts';
import { familyPageRows } from '../data/repositories/family-page.ts';
import { workflowDb } from '../data/repositories/workflow-db.ts';
import { parseDay } from '../engine/calendar/day.ts';
import { EvaluationCache, FamilyEvaluator } from './family-evaluation.ts';
import { ImportService } from './import-service.ts';
import { PlanSourceCatalogue } from './plan-sources.ts';
import { importFamily, importedFamily } from './testing/imported-family.ts';
import { TimelineService } from './timeline-service.ts';
import { createWorkflowServices, type WorkflowServices } from './workflow-services.ts';

const actor = { userId: 'test', role: 'system' } as const;
const asOf = '2020-01-15';
const header = ['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'sex', 'address', 'postcode', 'record_type', 'date', 'problem', 'outcome_ref', 'author', 'author_role', 'statement'];

let handle: DatabaseHandle;
let workflow: WorkflowServices;
let evaluator: FamilyEvaluator;
let reads = 0;
let reference: string;

beforeAll(async () => {
  handle = await createDatabase({ kind: 'pglite-memory' });
  const plans = await PlanSourceCatalogue.load(['plans']);
  // The database's timeline service, counting the reads the evaluator makes.
  const timelines = new (class extends TimelineService {
    override timelineForHousehold(id: string, on: string) {
      reads++;
      return super.timelineForHousehold(id, on);
    }
  })(handle.db);
  workflow = createWorkflowServices({ db: handle.db, plans, timelines, now: () => new Date('2020-01-15T12:00:00Z') });
  evaluator = new FamilyEvaluator(plans, timelines, new EvaluationCache());
  const householdId = await importFamily(handle.db);
  reference = (await workflow.attachment.attach({ householdId, plan: 'southampton', ...importedFamily.engagement, leadProfessional: 'Kim Worker', actor })).family.reference;
});
afterAll(() => handle?.close());

/** One family-page view: the page's statement, then the evaluation with its imports' fingerprint. */
async function view() {
  const rows = (await familyPageRows(workflowDb(handle.db), reference))!;
  const before = reads;
  const evaluation = await evaluator.evaluateAttached(rows.family, rows.attachment!, asOf, { importsVersion: rows.importsVersion });
  return { evaluation, read: reads > before };
}

const healthOutcome = (e: Awaited<ReturnType<typeof view>>['evaluation']) =>
  e.verdict.problems.find((p) => p.problem === importedFamily.outcome.problem)!.outcomes.find((o) => o.ref === importedFamily.outcome.ref)!.status;

/** Evidence for the mother's health outcome, as a key worker's row imported by `imports`. */
async function importEvidence(imports: ImportService, name: string, date: string) {
  const { mother, outcome, address, postcode } = importedFamily;
  return imports.importRows('key-worker', {
    name,
    header,
    rows: [[`KW-${name}`, 'KW-mother', mother.forename, mother.surname, mother.dateOfBirth, 'F', address, postcode, 'evidence', date, outcome.problem, outcome.ref, 'A. Patel', 'Health visitor', 'Attending.']],
  });
}

describe('the family page’s evaluation without a timeline read', () => {
  it('reads the timeline on the first view and not again while nothing is imported', async () => {
    const first = await view();
    expect(first.read).toBe(true);
    expect(healthOutcome(first.evaluation)).toBe('evidence-required');
    const skipped = evaluator.timelineReadsSkipped;
    const again = await view();
    expect(again.read).toBe(false);
    expect(evaluator.timelineReadsSkipped).toBe(skipped + 1);
    expect(again.evaluation.inputKey).toBe(first.evaluation.inputKey);
    expect(again.evaluation.verdict).toBe(first.evaluation.verdict);
  });

  it('reads again after an import by another ImportService on the same database (a CLI process), and shows it', async () => {
    await view();
    const cli = new ImportService(handle.db, { today: () => parseDay('2024-01-01') });
    expect((await importEvidence(cli, 'evidence from the CLI.csv', '2019-12-02')).alreadyImported).toBe(false);
    const after = await view();
    expect(after.read).toBe(true);
    expect(healthOutcome(after.evaluation)).toBe('met');
    expect(after.evaluation.timeline.events.some((e) => JSON.stringify(e.origin ?? '').includes('evidence from the CLI.csv'))).toBe(true);
    expect((await view()).read).toBe(false);
  });

  it('reads again after the programme dates change (detached and attached again, engaged later)', async () => {
    const before = await view();
    expect(before.evaluation.verdict.programme.engagedOn).toBe('2019-01-01');
    const { householdId } = (await familyPageRows(workflowDb(handle.db), reference))!.family;
    await workflow.attachment.detach({ family: reference, reason: 'attached with the wrong date', actor });
    await workflow.attachment.attach({ householdId, plan: 'southampton', identifiedOn: '2018-12-01', engagedOn: '2019-02-01', leadProfessional: 'Kim Worker', actor });
    const after = await view();
    expect(after.read).toBe(true);
    expect(after.evaluation.verdict.programme.engagedOn).toBe('2019-02-01');
    expect(after.evaluation.inputKey).not.toBe(before.evaluation.inputKey);
  });

  it('ignores the fingerprint for a source that is not the database’s timeline service (it may change without an import)', async () => {
    const rows = (await familyPageRows(workflowDb(handle.db), reference))!;
    const service = new TimelineService(handle.db);
    let count = 0;
    const wrapped = new FamilyEvaluator(await PlanSourceCatalogue.load(['plans']), { timelineForHousehold: (id, on) => (count++, service.timelineForHousehold(id, on)) }, new EvaluationCache());
    for (let i = 0; i < 2; i++) await wrapped.evaluateAttached(rows.family, rows.attachment!, asOf, { importsVersion: rows.importsVersion });
    expect(count).toBe(2);
    expect(wrapped.timelineReadsSkipped).toBe(0);
  });

  it('keeps evaluations apart by as-of date, and an import that changes nothing is read again but reuses the verdict', async () => {
    const rows = (await familyPageRows(workflowDb(handle.db), reference))!;
    const now = await evaluator.evaluateAttached(rows.family, rows.attachment!, asOf, { importsVersion: rows.importsVersion });
    const earlier = await evaluator.evaluateAttached(rows.family, rows.attachment!, '2019-06-30', { importsVersion: rows.importsVersion });
    expect(earlier.inputKey).not.toBe(now.inputKey);
    expect(earlier.asOf).toBe('2019-06-30');
    // A file for someone else entirely: a new import, so the fingerprint changes, but the timeline does not.
    const other = new ImportService(handle.db, { today: () => parseDay('2024-01-01') });
    await other.importRows('key-worker', {
      name: 'someone else.csv',
      header,
      rows: [['KW-else', 'KW-else', 'Sam', 'Jones', '1990-01-01', 'M', '1 Far Street', 'SO16 9ZZ', 'evidence', '2019-12-02', 'health', 'Strand 6, outcome 2', 'A. Patel', 'Health visitor', 'x']],
    });
    const evaluated = evaluator.counts.evaluated;
    const after = await view();
    expect(after.read).toBe(true);
    expect(after.evaluation.inputKey).toBe(now.inputKey);
    expect(evaluator.counts.evaluated).toBe(evaluated);
  });
});
