/**
 * Scenario files: a plan's tests written as data, beside the plan (`plans/<plan>.scenarios/*.yaml`),
 * so that plan owners can read and write them. Each scenario is a family timeline, an as-of date and
 * the verdict fields expected; only the fields listed are compared.
 *
 *   plan: southampton            # plan id, optionally id@version
 *   scenarios:
 *     - name: …
 *       asOf: 2019-07-01
 *       timeline: { familyId, members, programme, events }   # the public timeline contract
 *       expect:
 *         eligible: true
 *         identifiedProblems: [crime, education]
 *         problems:
 *           crime: { identified: true, status: turned-around, indicators: { <id>: true }, outcomes: { <id>: met } }
 *         claims: { significantAndSustainedProgress: false, continuousEmployment: false }
 *         explanationIncludes: ["33%"]
 *
 * YAML anchors, aliases and merge keys (`<<: *base`) may be used to share timelines. Dates stay
 * strings. A malformed file gives a `ValidationError` naming the file and the path inside it.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { problemIds, ValidationError, type InputIssue } from '../src/engine/index.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a real calendar date');
const outcomeStatus = z.enum(['met', 'not-met', 'pending', 'evidence-required', 'not-applicable']);
const problemStatus = z.enum(['not-identified', 'turned-around', 'pending', 'evidence-required', 'not-met']);
const problemId = z.enum(problemIds);

const problemExpectation = z.strictObject({
  identified: z.boolean().optional(),
  status: problemStatus.optional(),
  /** Indicator id → whether it is met. */
  indicators: z.record(z.string(), z.boolean()).optional(),
  /** Outcome id → its status. */
  outcomes: z.record(z.string(), outcomeStatus).optional(),
});

export const expectation = z.strictObject({
  eligible: z.boolean().optional(),
  identifiedProblems: z.array(problemId).optional(),
  problems: z.partialRecord(problemId, problemExpectation).optional(),
  claims: z
    .strictObject({
      significantAndSustainedProgress: z.boolean().optional(),
      continuousEmployment: z.boolean().optional(),
    })
    .optional(),
  /** Substrings each of which must appear in some explanation or claim reason of the verdict. */
  explanationIncludes: z.array(z.string().min(1)).min(1).optional(),
});
export type Expectation = z.infer<typeof expectation>;

export const scenario = z.strictObject({
  name: z.string().min(1),
  asOf: isoDate,
  /** Validated against the timeline contract by the engine's `parseTimeline`. */
  timeline: z.record(z.string(), z.unknown()),
  expect: expectation,
});
export type Scenario = z.infer<typeof scenario>;

export const scenarioFile = z
  .strictObject({
    plan: z.string().regex(/^[a-z0-9-]+(@[^@\s]+)?$/, 'expected a plan id, optionally id@version'),
    scenarios: z.array(scenario).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.scenarios.forEach((s, i) => {
      const first = seen.get(s.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'name'], message: `duplicates the name of scenarios[${first}]`, input: s.name });
      else seen.set(s.name, i);
    });
  });
export type ScenarioFile = z.infer<typeof scenarioFile>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

/** Parses a scenario file's text. Throws `ValidationError` naming `fileName` and the path of each problem. */
export function parseScenarioFile(text: string, fileName: string): ScenarioFile {
  // Merge keys let scenarios share a base timeline; the alias limit is raised because one edge case
  // (an exact 33% reduction) needs hundreds of repeats of one event, and these files are our own.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      fileName,
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '', message: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  const result = scenarioFile.safeParse(data);
  if (!result.success) {
    const issues: InputIssue[] = result.error.issues.map((issue) => {
      const value = valueAt(data, issue.path);
      const message = issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : issue.message;
      return value === undefined || typeof value === 'object' ? { path: formatPath(issue.path), message } : { path: formatPath(issue.path), message, value };
    });
    throw new ValidationError(fileName, issues);
  }
  return result.data;
}

/** `southampton@2018-2020` → `{ id: 'southampton', version: '2018-2020' }`. */
export function planRef(ref: string): { id: string; version: string | undefined } {
  const at = ref.indexOf('@');
  return at < 0 ? { id: ref, version: undefined } : { id: ref.slice(0, at), version: ref.slice(at + 1) };
}
