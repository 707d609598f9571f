/**
 * Where the workflow gets a household's timeline. The data platform's timeline service satisfies this;
 * tests use {@link InMemoryTimelineSource}. The workflow owns the programme dates (identification,
 * engagement), so whatever `programme` a source returns is replaced by {@link withProgramme}.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TimelineInput } from '../engine/index.ts';

export interface TimelineSource {
  /** The household's timeline in the public contract, events carrying `id` and `origin`; `null` if unknown. */
  timelineForHousehold(householdId: string, asOf: string): Promise<TimelineInput | null>;
  /**
   * Many households' timelines at once, keyed by the ids asked for (unknown households left out), each
   * exactly what `timelineForHousehold` gives. Optional: without it callers ask one household at a time.
   */
  timelinesForHouseholds?(householdIds: readonly string[], asOf: string): Promise<Map<string, TimelineInput>>;
}

/** Many households' timelines from any source: in one call when the source can, else one at a time. */
export async function timelinesFor(source: TimelineSource, householdIds: readonly string[], asOf: string): Promise<Map<string, TimelineInput>> {
  if (source.timelinesForHouseholds) return source.timelinesForHouseholds(householdIds, asOf);
  const out = new Map<string, TimelineInput>();
  for (const id of householdIds) {
    const timeline = await source.timelineForHousehold(id, asOf);
    if (timeline !== null) out.set(id, timeline);
  }
  return out;
}

export interface ProgrammeDates {
  readonly identifiedOn: string;
  readonly engagedOn: string | null;
}

export function withProgramme(input: TimelineInput, familyReference: string, programme: ProgrammeDates): TimelineInput {
  return { ...input, familyId: familyReference, programme: { identifiedOn: programme.identifiedOn, engagedOn: programme.engagedOn, closedOn: null } };
}

/**
 * A source that can read a page of households' timelines together for one piece of work (tracking a
 * page of families): inside `withPage`, and only there, each of those timelines is handed out once from
 * the page; anything else (another request running meanwhile, a second ask) reads from the source as
 * usual. The page is scoped with AsyncLocalStorage, so concurrent work never sees another's page.
 */
export class PagedTimelineSource implements TimelineSource {
  readonly #page = new AsyncLocalStorage<{ readonly asOf: string; readonly timelines: Map<string, TimelineInput> }>();

  constructor(private readonly source: TimelineSource) {}

  async withPage<T>(householdIds: readonly string[], asOf: string, work: () => Promise<T>): Promise<T> {
    const timelines = await timelinesFor(this.source, householdIds, asOf);
    return this.#page.run({ asOf, timelines }, work);
  }

  async timelineForHousehold(householdId: string, asOf: string): Promise<TimelineInput | null> {
    const page = this.#page.getStore();
    const found = page?.asOf === asOf ? page.timelines.get(householdId) : undefined;
    if (found !== undefined) {
      page!.timelines.delete(householdId);
      return found;
    }
    return this.source.timelineForHousehold(householdId, asOf);
  }

  async timelinesForHouseholds(householdIds: readonly string[], asOf: string): Promise<Map<string, TimelineInput>> {
    return timelinesFor(this.source, householdIds, asOf);
  }
}

/** Timelines held in memory by household id (tests, demos, councils that send timelines directly). */
export class InMemoryTimelineSource implements TimelineSource {
  private readonly timelines = new Map<string, TimelineInput>();

  set(householdId: string, timeline: TimelineInput): void {
    this.timelines.set(householdId, structuredClone(timeline));
  }

  async timelineForHousehold(householdId: string): Promise<TimelineInput | null> {
    const found = this.timelines.get(householdId);
    return found === undefined ? null : structuredClone(found);
  }
}
