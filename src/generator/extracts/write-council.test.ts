import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { timelineEvent } from '../../engine/timeline/timeline-schema.ts';
import { sources } from '../../imports/sources/index.ts';
import { generateFamilies } from '../timelines.ts';
import { readRow } from './testing/read-row.ts';
import { writeCouncil } from './write-council.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'fo-generator-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

function hashTree(dir: string): string {
  const h = createHash('sha256');
  for (const sub of ['extracts', 'ground-truth']) {
    for (const f of readdirSync(path.join(dir, sub)).sort()) h.update(f).update(readFileSync(path.join(dir, sub, f)));
  }
  h.update(readFileSync(path.join(dir, 'manifest.json')));
  return h.digest('hex');
}

describe('writeCouncil', () => {
  const families = 40;
  const seed = 9;
  const out = tempDir();
  const summary = writeCouncil({ families, seed, outDir: out, timelines: true });
  const truthRows = readCsv(path.join(out, 'ground-truth', 'rows.csv'));
  const truth = new Map(truthRows.map((r) => [`${r['source']}:${r['row']}`, r]));
  const events = new Map([...generateFamilies({ families, seed })].flatMap((f) => f.events.map((e) => [e.id, e])));
  const people = new Map(readCsv(path.join(out, 'ground-truth', 'people.csv')).map((p) => [p['person_id']!, p]));

  it('writes one file per import format, with exactly its columns', () => {
    for (const spec of sources) {
      const header = readFileSync(path.join(out, 'extracts', `${spec.id}.csv`), 'utf8').split('\n', 1)[0];
      expect(header, spec.id).toBe(spec.columns.map((c) => c.name).join(','));
    }
    expect(summary.totalRows).toBe(truthRows.length);
  });

  it('writes valid rows that import as the true event, about the true person, and invalid rows only where the ground truth says', () => {
    let valid = 0;
    for (const spec of sources) {
      const seen = new Set<string>();
      readCsv(path.join(out, 'extracts', `${spec.id}.csv`)).forEach((cells, i) => {
        const t = truth.get(`${spec.id}:${i + 2}`)!;
        expect(t, `${spec.id} row ${i + 2} has a ground truth`).toBeDefined();
        const { row, problems } = readRow(spec, cells, '2026-01-01');
        const repeated = seen.has(cells['record_id']!);
        seen.add(cells['record_id']!);
        if (t['invalid'] === 'duplicate-record-id') {
          expect(repeated, `${spec.id} row ${i + 2}`).toBe(true);
          return;
        }
        expect(repeated).toBe(false);
        if (t['invalid']) {
          expect(problems, `${spec.id} row ${i + 2} (${t['invalid']}) should be rejected`).not.toEqual([]);
          expect(problems.join(' '), `${spec.id} row ${i + 2} blames ${t['invalid_column']}`).toContain(t['invalid_column']);
          return;
        }
        expect(problems, `${spec.id} row ${i + 2}: ${JSON.stringify(cells)}`).toEqual([]);
        const { id: _id, person: _person, ...truthEvent } = events.get(t['event_id']!)!;
        expect(timelineEvent.parse(spec.toEvent(row)), `${spec.id} row ${i + 2}`).toEqual(timelineEvent.parse(truthEvent));
        const person = people.get(t['person_id']!)!;
        for (const [column, truthColumn] of [['nhs_number', 'nhs_number'], ['upn', 'upn'], ['ni_number', 'ni_number']] as const) {
          if (row[column] !== undefined) expect(row[column]).toBe(person[truthColumn]);
        }
        valid++;
      });
    }
    expect(valid).toBeGreaterThan(summary.totalRows * 0.95);
  });

  it('adds every kind of mess the matcher must cope with', () => {
    const mess = new Set(truthRows.flatMap((r) => r['mess']!.split(';').map((m) => m.replace(/:.*/, ''))));
    for (const kind of ['nickname', 'old-address', 'address-written-differently', 'double-entry-of', 'repeated-line']) expect(mess, kind).toContain(kind);
    const invalid = new Set(truthRows.map((r) => r['invalid']));
    for (const kind of ['missing-required', 'bad-date', 'unknown-code', 'bad-identifier', 'duplicate-record-id']) expect(invalid, kind).toContain(kind);
  });

  it('is byte-for-byte reproducible from the same size and seed', () => {
    const again = tempDir();
    writeCouncil({ families, seed, outDir: again, timelines: true });
    expect(hashTree(again)).toBe(hashTree(out));
    const other = tempDir();
    writeCouncil({ families, seed: seed + 1, outDir: other, timelines: true });
    expect(hashTree(other)).not.toBe(hashTree(out));
  });
});
