/**
 * Where the workflow gets a household's timeline. The data platform's timeline service satisfies this;
 * tests use {@link InMemoryTimelineSource}. The workflow owns the programme dates (identification,
 * engagement), so whatever `programme` a source returns is replaced by {@link withProgramme}.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TimelineInput } from '../engine/index.ts';

export interface TimelineSource {
  /**
   * True when the timelines are what imports wrote to the database, so they change only when an import
   * commits (the family page then reuses an evaluation without reading the timeline while the imports'
   * fingerprint is unchanged: see family-evaluation.ts). Absent for sources whose timelines can change
   * otherwise (in memory, another data platform's service).
   */
  readonly changesOnlyByImport?: boolean;
  /** The household's timeline in the public contract, events carrying `id` and `origin`; `null` if unknown. */
  timelineForHousehold(householdId: string, asOf: string): Promise<TimelineInput | null>;
  /**
   * Many households' timelines at once, each as of its own date, in the order asked (null where
   * `timelineForHousehold` gives null), each exactly what `timelineForHousehold` gives. Optional: without
   * it callers ask one household at a time.
   */
  timelinesForHouseholds?(requests: readonly TimelineRequest[]): Promise<Array<TimelineInput | null>>;
}

/** A household's timeline as of a date. */
export interface TimelineRequest {
  readonly householdId: string;
  readonly asOf: string;
}

/** Many households' timelines from any source, in the order asked: in one call when the source can, else one at a time. */
export async function timelinesFor(source: TimelineSource, requests: readonly TimelineRequest[]): Promise<Array<TimelineInput | null>> {
  if (source.timelinesForHouseholds) return source.timelinesForHouseholds(requests);
  const out: Array<TimelineInput | null> = [];
  for (const { householdId, asOf } of requests) out.push(await source.timelineForHousehold(householdId, asOf));
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
  readonly #page = new AsyncLocalStorage<Map<string, TimelineInput>>();

  readonly changesOnlyByImport: boolean;

  constructor(private readonly source: TimelineSource) {
    this.changesOnlyByImport = source.changesOnlyByImport === true;
  }

  async withPage<T>(requests: readonly TimelineRequest[], work: () => Promise<T>): Promise<T> {
    const timelines = await timelinesFor(this.source, requests);
    const page = new Map<string, TimelineInput>();
    for (const [i, timeline] of timelines.entries()) if (timeline !== null) page.set(pageKey(requests[i]!.householdId, requests[i]!.asOf), timeline);
    return this.#page.run(page, work);
  }

  async timelineForHousehold(householdId: string, asOf: string): Promise<TimelineInput | null> {
    const page = this.#page.getStore();
    const key = pageKey(householdId, asOf);
    const found = page?.get(key);
    if (found !== undefined) {
      page!.delete(key);
      return found;
    }
    return this.source.timelineForHousehold(householdId, asOf);
  }

  async timelinesForHouseholds(requests: readonly TimelineRequest[]): Promise<Array<TimelineInput | null>> {
    return timelinesFor(this.source, requests);
  }
}

function pageKey(householdId: string, asOf: string): string {
  return `${householdId}|${asOf}`;
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
