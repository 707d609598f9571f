import { describe, expect, it } from 'vitest';
import { sources } from '../../imports/sources/index.ts';
import { generateFamilies } from '../timelines.ts';
import { Rng } from '../random.ts';
import { eventRow, type Cells } from './event-rows.ts';
import { breakRow } from './invalid-rows.ts';
import { readRow } from './testing/read-row.ts';

// One clean row per source, with identity cells a validator accepts.
const identity: Cells = { record_id: 'R-1', person_id: 'P1', forename: 'Kerry', surname: 'Smith', date_of_birth: '1985-02-11', sex: 'F', address: '12 Mill Lane', postcode: 'FO1 5AB', nhs_number: '9990000026', upn: 'A990123418001', ni_number: 'TZ123456C' };
const samples = new Map<string, Cells>();
for (const f of generateFamilies({ families: 40, seed: 12 })) {
  for (const e of f.events) {
    const { source, cells } = eventRow(e);
    if (!samples.has(source)) samples.set(source, { ...identity, ...cells });
  }
}

describe('breakRow', () => {
  it.each(sources.map((s) => [s.id, s] as const))('breaks %s rows in ways the validator rejects, blaming the column it says', (id, spec) => {
    const clean = samples.get(id);
    expect(clean, `a sample ${id} row`).toBeDefined();
    expect(readRow(spec, clean!, '2026-01-01').problems).toEqual([]);
    const kinds = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const cells = { ...clean! };
      const broken = breakRow(spec, cells, Rng.for(1, i));
      kinds.add(broken.kind);
      const { problems } = readRow(spec, cells, '2026-01-01');
      expect(problems.join('; '), `${broken.kind} of ${broken.column}`).toContain(broken.column);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });
});
