/**
 * Every criterion of the five source documents is encoded: each plans/sources/*.criteria.yaml lists
 * the document's criteria, and each must be named by the `ref` of an indicator or outcome of its plan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/engine/index.ts';
import { checkCoverage, parseCriteria, refNames } from '../src/engine/plan/plan-coverage.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const sources = path.join(here, 'sources');
const criteriaFiles = readdirSync(sources).filter((f) => f.endsWith('.criteria.yaml')).sort();

describe('source documents are fully encoded', () => {
  it('has a criteria list for each of the five source documents', () => {
    expect(criteriaFiles).toHaveLength(5);
  });

  it.each(criteriaFiles)('%s: every criterion is encoded by the plan', (file) => {
    const criteria = parseCriteria(parse(readFileSync(path.join(sources, file), 'utf8')), file);
    const planFile = path.join(here, `${criteria.plan}.yaml`);
    const plan = parsePlan(readFileSync(planFile, 'utf8'), planFile).plan;
    expect(plan.source.document).toBe(criteria.document);
    const report = checkCoverage(plan, criteria, readFileSync(path.join(sources, criteria.document), 'utf8'));
    const missing = report.rows.filter((r) => r.encodedBy.length === 0).map((r) => `${r.problem} ${r.kind} ${r.criterion}`);
    expect(missing, `${criteria.plan}: criteria with no indicator or outcome naming them`).toEqual([]);
    expect(report.unlisted, `${criteria.plan}: references in the document that the criteria list misses`).toEqual([]);
    expect(report.rows.length).toBeGreaterThan(20);
  });
});

describe('reference matching', () => {
  it('matches whole references, not parts of them', () => {
    expect(refNames('Education outcome v) & vi)', 'vi)')).toBe(true);
    expect(refNames('Education outcome v) & vi)', 'i')).toBe(false);
    expect(refNames('Problem 1, indicator 12', 'indicator 1')).toBe(false);
    expect(refNames('6a–6d outcome', '6d')).toBe(true);
    expect(refNames('1.10', '1.1')).toBe(false);
  });
});
