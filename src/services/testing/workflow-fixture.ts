/**
 * Shared set-up for the workflow tests: households inserted directly into the data platform's table, their
 * timelines held in memory, the real Southampton plan, and the workflow services over a test database.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TimelineInput } from '../../engine/index.ts';
import type { DatabaseHandle } from '../../data/database.ts';
import type { Actor } from '../actor.ts';
import { PlanSourceCatalogue } from '../plan-sources.ts';
import { InMemoryTimelineSource } from '../timeline-source.ts';
import { createWorkflowServices, type WorkflowServices } from '../workflow-services.ts';

export const analyst: Actor = { userId: 'analyst-1', role: 'data-analyst' };
export const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };

/** Only Southampton's plan, so plans being encoded beside it cannot break these tests. */
export async function southamptonPlans(): Promise<PlanSourceCatalogue> {
  return PlanSourceCatalogue.fromTexts({ 'plans/southampton.yaml': await readFile('plans/southampton.yaml', 'utf8') });
}

export interface WorkflowFixture {
  readonly services: WorkflowServices;
  readonly timelines: InMemoryTimelineSource;
  /** Inserts a household with the timeline and returns its family (reference and id). */
  addFamily(timeline: TimelineInput, postcode?: string): Promise<{ householdId: string; familyId: string; reference: string }>;
}

export async function workflowFixture(handle: DatabaseHandle, options: { now?: () => Date } = {}): Promise<WorkflowFixture> {
  const timelines = new InMemoryTimelineSource();
  const services = createWorkflowServices({ db: handle.db, plans: await southamptonPlans(), timelines, ...(options.now && { now: options.now }) });
  return {
    services,
    timelines,
    async addFamily(timeline, postcode = 'SO14 0AB') {
      const householdId = randomUUID();
      await handle.db.insertInto('households').values({ id: householdId, address: `${householdId} Test Street`, postcode, address_key: `${householdId}|${postcode}` }).execute();
      timelines.set(householdId, timeline);
      const family = await services.repositories.families.ensureForHousehold(householdId);
      return { householdId, familyId: family.id, reference: family.reference };
    },
  };
}

/**
 * Southampton scenario CLAIM-2 (plans/southampton.scenarios/claims.yaml): crime and health, both turned
 * around; SSP-claimable from 2019-07-01 when engaged on 2019-01-01. Events carry ids and origins.
 */
export function claimableTimeline(): TimelineInput {
  return {
    familyId: 'ignored',
    members: [
      { id: 'A1', dateOfBirth: '1985-02-01', role: 'adult', parentingResponsibility: true, sex: 'female' },
      { id: 'A2', dateOfBirth: '1983-08-09', role: 'adult', parentingResponsibility: true, sex: 'male' },
      { id: 'C1', dateOfBirth: '2005-03-01', role: 'child', sex: 'male' },
    ],
    programme: { identifiedOn: '2000-01-01' },
    events: [
      { id: 'ev-asb-1', type: 'asb-incident', person: 'C1', date: '2018-03-01', origin: { file: 'police-2018.csv', row: 12 } },
      { id: 'ev-asb-2', type: 'asb-incident', person: 'C1', date: '2018-08-01', origin: { file: 'police-2018.csv', row: 40 } },
      { id: 'ev-mh', type: 'health', person: 'A1', kind: 'mental-health', start: '2018-05-01', origin: { file: 'health-2018.csv', row: 3 } },
      {
        id: 'ev-evidence',
        type: 'evidence',
        person: 'A1',
        date: '2019-03-01',
        problem: 'health',
        outcome: 'mental-health-addressed',
        author: 'Sam Patel',
        role: 'Key worker',
        statement: 'Engaged with support.',
        origin: { file: 'evidence.csv', row: 2 },
      },
    ],
  };
}

export const engagement = { identifiedOn: '2018-12-01', engagedOn: '2019-01-01' } as const;
export const essentials = { leadProfessional: 'Sam Patel', assessmentOn: '2019-01-10', actionPlanOn: '2019-01-20', outcomesAligned: true } as const;
