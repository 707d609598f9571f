/**
 * Runs every plan's scenario files (`plans/<plan>.scenarios/*.yaml`): each scenario is its own test,
 * comparing only the verdict fields its expectation lists, and failing with the verdict's
 * explanations. A coverage test per plan fails when an indicator is never expected to be met, an
 * outcome never expected `met`, or an evidence outcome never expected `evidence-required`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePlan, parseTimeline, type CompiledPlan } from '../src/engine/index.ts';
import { compare, Coverage, explain, unknownReferences } from './scenario-check.ts';
import { parseScenarioFile, planRef, type ScenarioFile } from './scenario-file.ts';

const plansDir = import.meta.dirname;

const planFiles = readdirSync(plansDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** id and version of each plan file, read without compiling it (a broken plan fails only its own tests). */
const planHeaders = planFiles.map((file) => {
  const doc = parse(readFileSync(join(plansDir, file), 'utf8')) as { id?: unknown; version?: unknown } | null;
  return { file, id: String(doc?.id ?? ''), version: String(doc?.version ?? '') };
});

/** The plan file a scenario file's `plan: id[@version]` names. */
function planFileFor(ref: string): string {
  const { id, version } = planRef(ref);
  const matches = planHeaders.filter((h) => h.id === id && (version === undefined || h.version === version));
  if (matches.length === 0) {
    throw new Error(`No plan ${JSON.stringify(ref)} in plans/: known ${planHeaders.map((h) => `${h.id}@${h.version}`).join(', ') || '(none)'}`);
  }
  if (matches.length > 1) throw new Error(`Plan ${JSON.stringify(ref)} is ambiguous (${matches.map((m) => m.file).join(', ')}): name a version`);
  return matches[0]!.file;
}

const compiled = new Map<string, CompiledPlan>();
function loadPlan(file: string): CompiledPlan {
  let plan = compiled.get(file);
  if (!plan) compiled.set(file, (plan = parsePlan(readFileSync(join(plansDir, file), 'utf8'), `plans/${file}`)));
  return plan;
}

interface LoadedFile {
  readonly path: string;
  readonly file?: ScenarioFile;
  readonly error?: unknown;
}

const scenarioFiles: LoadedFile[] = readdirSync(plansDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.endsWith('.scenarios'))
  .sort((a, b) => a.name.localeCompare(b.name))
  .flatMap((d) =>
    readdirSync(join(plansDir, d.name))
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => `plans/${d.name}/${f}`),
  )
  .map((path) => {
    try {
      return { path, file: parseScenarioFile(readFileSync(join(plansDir, '..', path), 'utf8'), path) };
    } catch (error) {
      return { path, error };
    }
  });

const coverage = new Map<string, Coverage>();

for (const { path, file, error } of scenarioFiles) {
  describe(path, () => {
    if (!file) {
      it('is a valid scenario file', () => {
        throw error;
      });
      return;
    }
    let planFile: string;
    try {
      planFile = planFileFor(file.plan);
    } catch (e) {
      it(`names a plan that exists`, () => {
        throw e;
      });
      return;
    }
    let cov = coverage.get(planFile);
    if (!cov) coverage.set(planFile, (cov = new Coverage()));
    for (const s of file.scenarios) cov.add(s.expect);

    file.scenarios.forEach((s, i) => {
      it(s.name, () => {
        const plan = loadPlan(planFile);
        const unknown = unknownReferences(s.expect, plan);
        if (unknown.length > 0) throw new Error(`${path}: scenarios[${i}].expect names what ${plan.plan.id} does not have:\n  ${unknown.join('\n  ')}`);
        const timeline = parseTimeline(s.timeline, `${path}: scenarios[${i}].timeline`);
        const verdict = evaluate(plan, timeline, s.asOf);
        const diffs = compare(s.expect, verdict);
        expect(diffs, `${path}: scenarios[${i}] "${s.name}" as of ${s.asOf}\n${diffs.join('\n')}\n\nThe verdict's explanations:\n${explain(s.expect, verdict)}\n`).toEqual([]);
      });
    });
  });
}

describe('scenario coverage', () => {
  it('finds scenario files', () => {
    expect(scenarioFiles.length).toBeGreaterThan(0);
  });
  for (const { file, id } of planHeaders) {
    it(`plans/${file}: every indicator is expected met and every outcome expected met (and evidence-required, for evidence outcomes) in some scenario`, () => {
      const cov = coverage.get(file);
      if (!cov) throw new Error(`plan ${id} has no scenarios: add plans/${id}.scenarios/*.yaml`);
      const gaps = cov.gaps(loadPlan(file));
      expect(gaps, `plans/${id}.scenarios do not cover:\n  ${gaps.join('\n  ')}`).toEqual([]);
    });
  }
});
