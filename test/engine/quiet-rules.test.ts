/**
 * Compiled status closures (src/engine/evaluate/quiet-rules.ts) must give the interpreter's status,
 * and say whether the rule measures the subject as it does, for every rule of every plan: indicator
 * rules at each `identifyAt` date, outcome rules at the as-of date, for every member, a member with
 * no events ("nobody") and the household.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTimelines } from '../../src/generator/index.ts';
import { parseDay, type Day } from '../../src/engine/calendar/day.ts';
import { parsePlan } from '../../src/engine/plan/plan-loader.ts';
import type { Rule } from '../../src/engine/plan/plan-schema.ts';
import { parseTimeline } from '../../src/engine/timeline/parse-timeline.ts';
import { prepareTimeline, type PreparedTimeline } from '../../src/engine/timeline/prepared-timeline.ts';
import { createContext, household, type EvalContext, type Subject } from '../../src/engine/evaluate/context.ts';
import { Frame } from '../../src/engine/evaluate/frame.ts';
import { MemberSets } from '../../src/engine/evaluate/member-sets.ts';
import { planProgram } from '../../src/engine/evaluate/plan-program.ts';
import { evaluateRule } from '../../src/engine/evaluate/rules/evaluate-rule.ts';
import type { ProblemId } from '../../src/engine/timeline/timeline-schema.ts';

function subjectsOf(tl: PreparedTimeline): Subject[] {
  const nobody: Subject = { id: 'N', member: { ...tl.members[0]!, id: '\u0000nobody' } };
  return [household, nobody, ...tl.members.map((m) => ({ id: m.id, member: m }))];
}

describe.each(['southampton', 'southwark', 'leicester', 'hampshire', 'bath-ne-somerset'])('compiled statuses under %s', (name) => {
  const plan = parsePlan(readFileSync(new URL(`../../plans/${name}.yaml`, import.meta.url), 'utf8'), `plans/${name}.yaml`);
  const program = planProgram(plan);
  const timelines = [...generateTimelines({ families: 40, seed: 5, eventsPerFamily: 100 })].map((input) => prepareTimeline(parseTimeline(input, input.familyId), plan.calendar));
  const rules: Array<{ problem: ProblemId; rule: Rule; mode: EvalContext['mode'] }> = plan.problems.flatMap(({ id, problem }) => [
    ...problem.indicators.map((i) => ({ problem: id, rule: i.rule, mode: 'indicator' as const })),
    ...problem.outcomes.map((o) => ({ problem: id, rule: o.rule, mode: 'outcome' as const })),
  ]);
  const compiled = rules.map((r) => program.quiet.get(r.rule)!);

  it('matches the interpreter for every rule, subject and date', () => {
    const seen = new Map<string, number>();
    for (const asOfText of ['2019-03-31', '2020-03-31']) {
      const asOf = parseDay(asOfText);
      for (const tl of timelines) {
        const members = new MemberSets(tl.members);
        const dates = [
          ...plan.plan.claimRules.identifyAt.map((a) => ({ mode: 'indicator' as const, name: a, on: a === 'now' ? asOf : a === 'identified' ? tl.identified : a === 'engaged' ? tl.engaged : tl.closed })),
          { mode: 'outcome' as const, name: 'the as-of date', on: asOf as Day | undefined },
        ];
        for (const { mode, name: nowName, on } of dates) {
          if (on === undefined || on > asOf) continue;
          const frame = new Frame(plan, program, tl, asOf, on, nowName, mode, members);
          rules.forEach(({ problem, rule, mode: ruleMode }, i) => {
            if (ruleMode !== mode) return;
            const ctx = createContext(plan, tl, asOf, on, mode, problem, undefined, nowName, false);
            for (const subject of subjectsOf(tl)) {
              const want = evaluateRule(rule, subject, ctx);
              const got = compiled[i]!(subject, frame, problem);
              expect({ status: got.status, notApplicable: Boolean(got.notApplicable) }).toEqual({ status: want.status, notApplicable: Boolean(want.notApplicable) });
              seen.set(want.status, (seen.get(want.status) ?? 0) + 1);
            }
          });
        }
      }
    }
    // The sample must reach met, not-met and pending results, not only the commonest.
    expect(seen.get('met')).toBeGreaterThan(0);
    expect(seen.get('not-met')).toBeGreaterThan(0);
    expect(seen.get('pending')).toBeGreaterThan(0);
  });
});
