/**
 * The workflow services for web tests and benchmarks: the real services over the test database,
 * timelines held in memory, and households inserted directly — the same approach as the workflow's
 * own test fixture — so pages can be tested before the import pipeline is wired in.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../../data/database.ts';
import type { TimelineInput } from '../../engine/index.ts';
import { FamilyEvaluator } from '../../services/family-evaluation.ts';
import { PlanSourceCatalogue } from '../../services/plan-sources.ts';
import { InMemoryTimelineSource } from '../../services/timeline-source.ts';
import { createWorkflowServices } from '../../services/workflow-services.ts';
import type { ProgrammeServices } from '../web-services.ts';

export interface TestProgramme extends ProgrammeServices {
  /** Adds a household with the timeline, not attached; returns its id. */
  addHousehold(timeline: TimelineInput, postcode?: string): Promise<string>;
  /** Adds a household with the timeline and attaches its family under the plan; returns the reference. */
  attachFamily(timeline: TimelineInput, options: { plan: string; engagedOn: string; identifiedOn?: string; leadProfessional?: string; postcode?: string }): Promise<string>;
}

export async function testProgramme(handle: DatabaseHandle, planDirectories: readonly string[], now: () => Date): Promise<TestProgramme> {
  const plans = await PlanSourceCatalogue.load(planDirectories);
  const timelines = new InMemoryTimelineSource();
  const workflow = createWorkflowServices({ db: handle.db, plans, timelines, now });
  const evaluator = new FamilyEvaluator(plans, timelines);
  async function addHousehold(timeline: TimelineInput, postcode = 'SO14 0AB'): Promise<string> {
    const householdId = randomUUID();
    await handle.db.insertInto('households').values({ id: householdId, address: `${householdId.slice(0, 8)} Test Street`, postcode, address_key: `${householdId}|${postcode}` }).execute();
    timelines.set(householdId, timeline);
    return householdId;
  }
  return {
    workflow,
    evaluator,
    now,
    addHousehold,
    async attachFamily(timeline, options) {
      const householdId = await addHousehold(timeline, options.postcode);
      const attached = await workflow.attachment.attach({
        householdId,
        plan: options.plan,
        engagedOn: options.engagedOn,
        ...(options.identifiedOn ? { identifiedOn: options.identifiedOn } : {}),
        ...(options.leadProfessional ? { leadProfessional: options.leadProfessional } : {}),
        actor: { userId: 'test-setup', role: 'system' },
      });
      return attached.family.reference;
    },
  };
}
