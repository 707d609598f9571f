/** Small builders for engine tests: a plan from a partial object, a family with sensible defaults. */
import { stringify } from 'yaml';
import { parsePlan } from '../../plan/plan-loader.ts';
import type { CompiledPlan } from '../../plan/compiled-plan.ts';
import { parseTimeline } from '../../timeline/parse-timeline.ts';
import type { Timeline, TimelineInput } from '../../timeline/timeline-schema.ts';

export function testPlan(problems: Record<string, unknown>, claimRules: Record<string, unknown> = {}): CompiledPlan {
  const doc = {
    id: 'test',
    authority: 'Test Council',
    title: 'Test plan',
    version: '1',
    inForce: { from: '2017-04-01' },
    source: { document: 'test.txt' },
    claimRules,
    problems,
  };
  return parsePlan(stringify(doc), 'test.yaml');
}

/** A plan with one crime indicator and one outcome, for tests that need a plan (its calendar, its problems) more than its rules. */
export function minimalPlan(): CompiledPlan {
  return testPlan({
    crime: {
      indicators: [{ id: 'i', ref: 'i', text: 'i', rule: { kind: 'count', of: { events: 'offence' }, in: { last: 'P12M' }, atLeast: 1 } }],
      outcomes: [{ id: 'o', ref: 'o', text: 'o', addresses: ['i'], rule: { kind: 'count', of: { events: 'offence' }, in: { last: 'P6M' }, equals: 0 } }],
    },
  });
}

type EventInput = TimelineInput['events'] extends (infer E)[] | undefined ? E : never;

export function family(events: EventInput[], programme: Partial<TimelineInput['programme']> = {}, members?: TimelineInput['members']): Timeline {
  return parseTimeline(
    {
      familyId: 'F1',
      members: members ?? [
        { id: 'A1', dateOfBirth: '1980-04-01', role: 'adult', parentingResponsibility: true, sex: 'female' },
        { id: 'A2', dateOfBirth: '1978-06-12', role: 'adult', parentingResponsibility: true, sex: 'male' },
        { id: 'C1', dateOfBirth: '2004-05-01', role: 'child' },
        { id: 'C2', dateOfBirth: '2010-10-10', role: 'child' },
      ],
      programme: { identifiedOn: '2018-12-01', engagedOn: '2019-01-01', closedOn: null, ...programme },
      events,
    },
    'test family',
  );
}
