import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePlan, parseTimeline, ValidationError } from '../src/engine/index.ts';
import { compare, Coverage } from './scenario-check.ts';
import { parseScenarioFile } from './scenario-file.ts';

const valid = `
plan: southampton@2018-2020
scenarios:
  - name: base
    asOf: 2019-07-01
    timeline: &base
      familyId: F1
      members: [{ id: A1, dateOfBirth: 1980-04-01, role: adult, parentingResponsibility: true }]
      programme: { identifiedOn: 2018-12-01, engagedOn: 2019-01-01 }
      events: [{ type: health, person: A1, kind: mental-health, start: 2018-05-01 }]
    expect: { eligible: false }
  - name: shares the base timeline
    asOf: 2019-07-01
    timeline: { <<: *base, familyId: F2 }
    expect:
      problems: { health: { status: evidence-required, indicators: { parental-mental-health: true }, outcomes: { mental-health-addressed: evidence-required } } }
`;

function errorOf(text: string): ValidationError {
  try {
    parseScenarioFile(text, 'plans/x.scenarios/bad.yaml');
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('scenario files', () => {
  it('reads a file with merge keys, keeping dates as strings', () => {
    const file = parseScenarioFile(valid, 'x.yaml');
    expect(file.plan).toBe('southampton@2018-2020');
    expect(file.scenarios[1]!.timeline).toMatchObject({ familyId: 'F2', programme: { identifiedOn: '2018-12-01' } });
  });

  it('names the file and the path of a misspelt field, a bad status and an impossible date', () => {
    const bad = valid.replace('expect: { eligible: false }', 'expect: { eligble: false }').replace('status: evidence-required', 'status: done').replace('asOf: 2019-07-01', 'asOf: 2019-02-29');
    const e = errorOf(bad);
    expect(e.message).toContain('plans/x.scenarios/bad.yaml is invalid');
    expect(e.issues.map((i) => i.path)).toEqual(['scenarios[0].asOf', 'scenarios[0].expect', 'scenarios[1].expect.problems.health.status']);
    expect(e.message).toContain('has unknown field(s) "eligble"');
  });

  it('gives the line of a YAML syntax error and rejects duplicate scenario names', () => {
    expect(errorOf('plan: southampton\nscenarios: [\n').issues[0]!.path).toMatch(/^line \d+, column \d+$/);
    const duplicate = errorOf(valid.replace('name: shares the base timeline', 'name: base'));
    expect(duplicate.issues).toEqual([{ path: 'scenarios[1].name', message: 'duplicates the name of scenarios[0]', value: 'base' }]);
  });
});

describe('comparing a verdict with an expectation', () => {
  const plan = parsePlan(readFileSync(join(import.meta.dirname, 'southampton.yaml'), 'utf8'), 'plans/southampton.yaml');
  const file = parseScenarioFile(valid, 'x.yaml');
  const verdict = evaluate(plan, parseTimeline(file.scenarios[0]!.timeline, 'x'), '2019-07-01');

  it('compares only the listed fields and reports each difference by path', () => {
    expect(compare(file.scenarios[1]!.expect, verdict)).toEqual([]);
    expect(
      compare(
        {
          eligible: true,
          problems: { health: { status: 'turned-around', outcomes: { 'mental-health-addressed': 'met' } } },
          claims: { significantAndSustainedProgress: true },
          explanationIncludes: ['no such words'],
        },
        verdict,
      ),
    ).toEqual([
      'eligible: expected true, got false',
      'problems.health.status: expected "turned-around", got "evidence-required"',
      'problems.health.outcomes.mental-health-addressed: expected "met", got "evidence-required"',
      'claims.significantAndSustainedProgress: expected true, got false',
      'explanationIncludes: no explanation contains "no such words"',
    ]);
  });

  it('reports coverage gaps: indicators never met, outcomes never met, evidence outcomes never evidence-required', () => {
    const coverage = new Coverage();
    for (const s of file.scenarios) coverage.add(s.expect);
    const gaps = coverage.gaps(plan);
    expect(gaps).toContain('indicator youth-proven-offences (Strand 1, indicator 1) is never expected to be met');
    expect(gaps).toContain('outcome mental-health-addressed (Strand 6, outcome 2) is never expected to be met');
    expect(gaps).not.toContain('outcome mental-health-addressed (Strand 6, outcome 2) needs evidence but is never expected to be evidence-required');
    expect(gaps).toContain('outcome progress-to-work (Strand 4, outcome 4) needs evidence but is never expected to be evidence-required');
    expect(gaps.some((g) => g.startsWith('indicator parental-mental-health'))).toBe(false);
  });
});
