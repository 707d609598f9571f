import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../engine/calendar/day.ts';
import { eventTypes, timelineEvent } from '../../engine/timeline/timeline-schema.ts';
import { mapHeader } from '../header.ts';
import { validateRow } from '../validation/validate-row.ts';
import { generatedEnd, generatedStart, renderSourcesReference } from './render-docs.ts';
import { sources } from './index.ts';

async function exampleEvents(id: string) {
  const rows = parse(await readFile(`examples/extracts/${id}.csv`, 'utf8')) as string[][];
  const spec = sources.find((s) => s.id === id)!;
  const mapping = mapHeader(id, spec, rows[0]!);
  return rows.slice(1).map((cells) => validateRow(spec, mapping.columnIndex, cells, parseDay('2024-01-01')));
}

describe('source specifications', () => {
  it('have unique ids and unique column names', () => {
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
    for (const s of sources) expect(new Set(s.columns.map((c) => c.name)).size, s.id).toBe(s.columns.length);
  });

  it.each(sources.map((s) => [s.id]))('%s: every example row is valid and maps to a timeline event', async (id) => {
    const results = await exampleEvents(id);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.ok ? [] : r.issues).toEqual([]);
      if (r.ok) expect(timelineEvent.safeParse(r.event).success).toBe(true);
    }
  });

  it('together can import every event type in the timeline contract', async () => {
    const produced = new Set<string>();
    for (const s of sources) for (const r of await exampleEvents(s.id)) if (r.ok) produced.add(r.event.type);
    expect(eventTypes.filter((t) => !produced.has(t))).toEqual([]);
  });

  it('are documented in docs/data-sources.md exactly as the code defines them', async () => {
    const doc = await readFile('docs/data-sources.md', 'utf8');
    const generated = doc.slice(doc.indexOf(generatedStart) + generatedStart.length, doc.indexOf(generatedEnd)).trim();
    expect(generated).toBe(renderSourcesReference().trim());
  });
});
