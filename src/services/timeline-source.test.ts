/**
 * The paged timeline source: inside `withPage` the page's timelines are read once, together, and handed
 * out once each; work running at the same time outside the page, and a second ask, read the source.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineInput } from '../engine/index.ts';
import { claimableTimeline } from './testing/workflow-fixture.ts';
import { InMemoryTimelineSource, PagedTimelineSource, timelinesFor, type TimelineRequest, type TimelineSource } from './timeline-source.ts';

/** An in-memory source that counts one-household reads and many-household reads. */
class CountingSource extends InMemoryTimelineSource {
  readonly reads = { one: 0, many: 0 };
  override async timelineForHousehold(householdId: string): Promise<TimelineInput | null> {
    this.reads.one++;
    return super.timelineForHousehold(householdId);
  }
  async timelinesForHouseholds(requests: readonly TimelineRequest[]): Promise<Array<TimelineInput | null>> {
    this.reads.many++;
    const out: Array<TimelineInput | null> = [];
    for (const { householdId } of requests) out.push(await super.timelineForHousehold(householdId));
    return out;
  }
}

function sourceWith(ids: readonly string[]): CountingSource {
  const source = new CountingSource();
  for (const id of ids) source.set(id, { ...claimableTimeline(), familyId: id });
  return source;
}

describe('the paged timeline source', () => {
  it('hands out each timeline of the page once, from one read, and reads the source for anything else', async () => {
    const source = sourceWith(['h1', 'h2', 'h3']);
    const paged = new PagedTimelineSource(source);
    const on = (householdId: string) => ({ householdId, asOf: '2019-04-01' });
    await paged.withPage([on('h1'), on('h2'), on('missing')], async () => {
      expect((await paged.timelineForHousehold('h1', '2019-04-01'))?.familyId).toBe('h1');
      expect((await paged.timelineForHousehold('h2', '2019-04-01'))?.familyId).toBe('h2');
      expect(source.reads).toEqual({ one: 0, many: 1 });
      expect((await paged.timelineForHousehold('h1', '2019-04-01'))?.familyId).toBe('h1'); // asked again: read afresh
      expect((await paged.timelineForHousehold('h3', '2019-04-01'))?.familyId).toBe('h3'); // not in the page
      expect(await paged.timelineForHousehold('missing', '2019-04-01')).toBeNull();
      expect((await paged.timelineForHousehold('h2', '2019-05-01'))?.familyId).toBe('h2'); // another date
      expect(source.reads).toEqual({ one: 4, many: 1 });
    });
  });

  it('keeps a page to its own work: concurrent work outside it reads the source, so it sees changes', async () => {
    const source = sourceWith(['h1']);
    const paged = new PagedTimelineSource(source);
    let release!: () => void;
    const inPage = paged.withPage([{ householdId: 'h1', asOf: '2019-04-01' }], async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return paged.timelineForHousehold('h1', '2019-04-01');
    });
    await new Promise((resolve) => setImmediate(resolve));
    source.set('h1', { ...claimableTimeline(), familyId: 'h1', events: [] });
    const outside = await paged.timelineForHousehold('h1', '2019-04-01');
    expect(outside?.events).toEqual([]);
    release();
    expect((await inPage)?.events?.length).toBeGreaterThan(0); // the page was read before the change
    expect(source.reads).toEqual({ one: 1, many: 1 });
  });

  it('reads one household at a time from a source that cannot read many', async () => {
    const source = new InMemoryTimelineSource();
    source.set('h1', { ...claimableTimeline(), familyId: 'h1' });
    const found = await timelinesFor(source, [{ householdId: 'h1', asOf: '2019-04-01' }, { householdId: 'h2', asOf: '2019-04-01' }]);
    expect(found.map((t) => t?.familyId ?? null)).toEqual(['h1', null]);
  });
});

describe('whether timelines change only by import', () => {
  it('a paging source says what the source it wraps says', () => {
    expect(new PagedTimelineSource(new InMemoryTimelineSource()).changesOnlyByImport).toBe(false);
    const imported: TimelineSource = { changesOnlyByImport: true, timelineForHousehold: async () => null };
    expect(new PagedTimelineSource(imported).changesOnlyByImport).toBe(true);
  });
});
