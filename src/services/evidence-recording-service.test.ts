import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { TimelineService } from './timeline-service.ts';
import { createWorkflowServices, type WorkflowServices } from './workflow-services.ts';
import { mayRecord, memberLabel } from './evidence-recording-service.ts';
import { importFamily, importedFamily } from './testing/imported-family.ts';
import { analyst, southamptonPlans } from './testing/workflow-fixture.ts';

const asOf = '2019-09-30';
const keyWorker = { userId: '3f1c2a4e-1111-4aaa-8bbb-000000000001', role: 'key-worker' } as const;
const evidence = { problem: 'health', outcome: importedFamily.outcome.ref, date: '2019-06-01', author: 'A. Patel', role: 'Health visitor', statement: 'Mother attending every appointment since March.', asOf } as const;

describe.each(testDatabases())('recording evidence and assessments on $name', ({ open }) => {
  let h: DatabaseHandle;
  let w: WorkflowServices;
  let reference: string;
  beforeAll(async () => {
    h = await open();
    w = createWorkflowServices({ db: h.db, plans: await southamptonPlans(), timelines: new TimelineService(h.db), now: () => new Date('2019-10-01T09:00:00Z') });
    const householdId = await importFamily(h.db);
    reference = (await w.attachment.attach({ householdId, plan: 'southampton', ...importedFamily.engagement, leadProfessional: 'Kim Worker', actor: analyst })).family.reference;
    await w.tracking.trackFamily(reference, { asOf, actor: analyst });
  });
  afterAll(() => h?.close());

  it('stores evidence as a one-row key-worker import and turns the outcome met at once', async () => {
    const before = await w.tracking.history(reference);
    const result = await w.records.recordEvidence({ family: reference, ...evidence, actor: analyst });
    expect(result.outcome).toMatchObject({ ref: 'Strand 6, outcome 2', before: 'evidence-required', after: 'met' });
    expect(result.import).toMatchObject({ source: 'key-worker', inserted: 1, quarantined: 0, newPeople: 0 });
    expect(result.import.file).toBe('recorded on the family page by analyst-1 at 2019-10-01T09:00:00.000Z');
    // Provenance exactly like an imported row: the file and row 2, the raw row kept, the mother's event.
    const event = await h.db.selectFrom('events').innerJoin('people', 'people.id', 'events.person_id').select(['events.file_id', 'events.row_number', 'events.payload', 'people.forename']).where('events.source', '=', 'key-worker').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ file_id: result.import.fileId, row_number: 2, forename: 'Kerry' });
    expect(event.payload).toMatchObject({ type: 'evidence', problem: 'health', outcome: 'Strand 6, outcome 2', author: 'A. Patel', role: 'Health visitor' });
    expect(await h.db.selectFrom('raw_rows').select('outcome').where('file_id', '=', result.import.fileId).execute()).toEqual([{ outcome: 'stored' }]);
    // History: the recording, then what tracking found; the access log names the action.
    const added = (await w.tracking.history(reference)).slice(before.length).map((e) => [e.kind, e.problem]);
    // Crime had already turned around (no incidents since engagement): with health, the family is claimable.
    expect(added).toEqual([['evidence-recorded', 'health'], ['problem-turned-around', 'health'], ['became-claimable', null]]);
    expect(result.changes.map((c) => c.kind)).toEqual(['problem-turned-around', 'became-claimable']);
    const log = await w.accessLog.listAccess({ familyId: reference });
    expect(log.map((l) => l.action)).toContain('record-evidence');
  });

  it('records an assessment score for a named member', async () => {
    const members = await w.records.members(reference, asOf);
    expect(members.map((m) => m.label)).toEqual(['Adult, 34, Kerry Smith', 'Child, 14, Jordan Smith']);
    const result = await w.records.recordAssessment({ family: reference, member: members[1]!.id, tool: 'sdq', score: 18, date: '2019-07-01', asOf, actor: analyst });
    expect(result.import).toMatchObject({ source: 'assessments', inserted: 1 });
    const event = await h.db.selectFrom('events').select(['person_id', 'payload']).where('file_id', '=', result.import.fileId).executeTakeFirstOrThrow();
    expect(event).toEqual({ person_id: members[1]!.id, payload: { type: 'assessment', date: '2019-07-01', tool: 'sdq', score: 18 } });
  });

  it('refuses bad input with the field and value, and changes nothing', async () => {
    const count = async () => (await h.db.selectFrom('events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const n = await count();
    await expect(w.records.recordEvidence({ family: reference, ...evidence, outcome: '9.9', actor: analyst })).rejects.toThrow(/outcome: is not an outcome of problem health.*"9.9"/s);
    await expect(w.records.recordEvidence({ family: reference, ...evidence, date: '2019-10-05', actor: analyst })).rejects.toThrow(/date: must be on or before 2019-09-30/);
    await expect(w.records.recordEvidence({ family: reference, ...evidence, statement: '  ', actor: analyst })).rejects.toThrow(/statement: must not be blank/);
    await expect(w.records.recordAssessment({ family: reference, member: '00000000-0000-4000-8000-000000000000', tool: 'sdq', score: 3, date: '2019-07-01', asOf, actor: analyst })).rejects.toThrow(/member: is not a member of the family/);
    await expect(w.records.recordAssessment({ family: reference, member: '00000000-0000-4000-8000-000000000000', tool: 'SDQ', score: 3, date: '2019-07-01', asOf, actor: analyst })).rejects.toThrow(/tool: must be lower-case-kebab/);
    await expect(w.records.recordEvidence({ family: 'F-999999', ...evidence, actor: analyst })).rejects.toThrow(/No family "F-999999"/);
    expect(await count()).toBe(n);
  });

  it('lets only the lead professional among key workers record, by account first and by name for legacy rows', async () => {
    await expect(w.records.recordEvidence({ family: reference, ...evidence, actor: keyWorker })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(w.records.recordEvidence({ family: reference, ...evidence, actor: { userId: 'aud', role: 'auditor' } })).rejects.toMatchObject({ code: 'forbidden' });
    // A legacy attachment (no account): the key worker's name matches the recorded name.
    const ok = await w.records.recordEvidence({ family: reference, ...evidence, actor: keyWorker, actorNames: ['Kim Worker', 'keyworker'] });
    expect(ok.import.file).toContain(`by ${keyWorker.userId}`);
    expect(mayRecord(keyWorker, { lead_user_id: keyWorker.userId, lead_professional: null })).toBe(true);
    // Once the attachment names an account, the name no longer counts.
    expect(mayRecord(keyWorker, { lead_user_id: '3f1c2a4e-1111-4aaa-8bbb-000000000002', lead_professional: 'Kim Worker' }, ['Kim Worker'])).toBe(false);
    expect(mayRecord({ userId: 'x', role: 'manager' }, { lead_user_id: null, lead_professional: 'x' })).toBe(false);
  });

  it('labels members by role, age and name', () => {
    expect(memberLabel({ forename: 'Jo', surname: 'Bloggs', date_of_birth: '2001-10-01' }, '2019-09-30')).toBe('Child, 17, Jo Bloggs');
    expect(memberLabel({ forename: 'Jo', surname: 'Bloggs', date_of_birth: '2001-09-30' }, '2019-09-30')).toBe('Adult, 18, Jo Bloggs');
  });
});
