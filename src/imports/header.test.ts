import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestFittingSources, HeaderError, mapHeaderOrSuggest } from './header.ts';
import { findSource, sources } from './sources/index.ts';

/** The header row of each example extract (examples/extracts/<source id>.csv). */
const examples = readdirSync('examples/extracts')
  .filter((f) => f.endsWith('.csv'))
  .map((f) => ({ source: f.replace(/\.csv$/, ''), header: readFileSync(`examples/extracts/${f}`, 'utf8').split('\n')[0]!.split(',') }));

function refusal(source: string, header: readonly string[]): HeaderError {
  try {
    mapHeaderOrSuggest('extract.csv', findSource(source)!, header, sources);
  } catch (error) {
    if (error instanceof HeaderError) return error;
    throw error;
  }
  throw new Error(`the header fitted ${source}`);
}

describe('a header that does not fit the kind of extract chosen', () => {
  it('names the kind it fits best, for every example extract uploaded as each kind it does not fit', () => {
    expect(examples.length).toBe(sources.length);
    let refusals = 0;
    for (const { source, header } of examples) {
      for (const chosen of sources.filter((s) => s.id !== source)) {
        let mapped = true;
        try {
          mapHeaderOrSuggest('extract.csv', chosen, header, []);
        } catch {
          mapped = false;
        }
        if (mapped) continue; // several kinds share required columns: such a header fits the chosen kind too
        refusals += 1;
        expect(refusal(chosen.id, header).fits, `${source}.csv chosen as ${chosen.id}`).toEqual([source]);
      }
    }
    expect(refusals).toBeGreaterThan(sources.length * (sources.length - 3));
  });

  it('says so in its message', () => {
    const header = examples.find((e) => e.source === 'police-offences')!.header;
    expect(refusal('housing', header).message).toMatch(/for a housing extract \(see docs\/data-sources\.md\)\. Nothing was imported\. Its columns fit a police-offences extract\.$/);
  });

  it('names none when no kind fits, and a header that fits is mapped as before', () => {
    const error = refusal('housing', ['record_id', 'something_else']);
    expect(error.fits).toEqual([]);
    expect(error.message).toMatch(/Nothing was imported\.$/);
    const housing = examples.find((e) => e.source === 'housing')!.header;
    expect(mapHeaderOrSuggest('housing.csv', findSource('housing')!, housing, sources).unknown).toEqual([]);
  });
});

describe('the kind of extract a header fits best', () => {
  it('is its own kind, alone, for every example extract', () => {
    for (const { source, header } of examples) expect(bestFittingSources(header, sources), source).toEqual([source]);
  });

  it('is every kind sharing the columns when the header has only those, and none when it fits none', () => {
    expect(bestFittingSources(['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'address', 'postcode', 'record_type', 'date'], sources)).toEqual(['police-asb', 'domestic-abuse', 'key-worker']);
    expect(bestFittingSources(['record_id', 'something_else'], sources)).toEqual([]);
  });
});
