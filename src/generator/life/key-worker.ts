/**
 * What key workers and other professionals record for engaged families: nominations, needs found in
 * the whole-family assessment, standardised assessments repeated through the intervention (scores
 * improve where the family makes progress), and professional evidence of progress.
 */
import { addDays, addMonths, type Day } from '../../engine/calendar/day.ts';
import type { ProblemId } from '../../engine/timeline/timeline-schema.ts';
import { surnames } from '../names.ts';
import { iso, periodEnd } from '../period.ts';
import { ageAt, type LifeContext } from './context.ts';

const evidenceBy: Record<ProblemId, { role: string; statement: string }> = {
  crime: { role: 'Youth offending team worker', statement: 'No further offending or anti-social behaviour reported; engaging well with the plan.' },
  education: { role: 'Education welfare officer', statement: 'Attendance concerns resolved; the school reports regular attendance and no further concerns.' },
  'children-need-help': { role: 'Social worker', statement: 'Risks reduced; case stepped down and the family is managing with universal services.' },
  worklessness: { role: 'DWP family employment adviser', statement: 'Attending work-related activity and progressing towards work; debts now in a repayment plan.' },
  'domestic-abuse': { role: 'Independent domestic violence adviser', statement: 'Safety plan in place, no further incidents, completed the Freedom Programme.' },
  health: { role: 'Health visitor', statement: 'Engaging with treatment and attending every appointment; much improved.' },
};

export function generateKeyWorkerRecords(ctx: LifeContext): void {
  const { rng } = ctx;
  const { engagedOn, identifiedOn } = ctx.programme;
  const h = ctx.household;
  const author = () => `${'ABCDEFGHJKLMNPRSTW'[rng.int(0, 17)]}. ${rng.pick(surnames)}`;

  // Nominations: a professional's concern, recorded around identification.
  for (const problem of ctx.problems) {
    if ((problem === 'health' || problem === 'children-need-help') && rng.chance(0.4)) {
      ctx.add({ type: 'nomination', person: h.leadParent.id, date: iso(addDays(identifiedOn, -rng.int(1, 60))), problem, reason: `Concern raised by ${evidenceBy[problem].role.toLowerCase()}` });
    }
  }
  if (engagedOn === null) return;

  if (ctx.problems.has('worklessness') && rng.chance(0.5)) {
    ctx.add({ type: 'need', person: h.leadParent.id, kind: rng.pick(['unmanageable-debt', 'rent-arrears', 'financial-exclusion'] as const), start: iso(addDays(engagedOn, rng.int(0, 30))), end: null, identifiedBy: 'Family key worker' });
  }
  for (const p of h.people) {
    const age = ageAt(p, engagedOn);
    if (age >= 14 && age <= 17 && (ctx.problems.has('education') || ctx.problems.has('crime')) && rng.chance(0.4)) {
      ctx.add({ type: 'need', person: p.id, kind: 'neet-risk', start: iso(addDays(engagedOn, rng.int(0, 30))), end: null, identifiedBy: 'Family key worker' });
    }
  }

  // Outcomes Star for the lead parent every three months while the case is open.
  const closes: Day = ctx.programme.closedOn ?? periodEnd;
  const progressing = ctx.improved.size > 0;
  let score = rng.int(2, 4);
  for (let d = addDays(engagedOn, rng.int(3, 20)); d <= closes && d <= periodEnd; d = addMonths(d, 3)) {
    ctx.add({ type: 'assessment', person: h.leadParent.id, date: iso(d), tool: 'outcomes-star', score });
    score = Math.max(1, Math.min(10, score + (progressing ? rng.int(0, 2) : rng.int(-1, 1))));
  }
  const child = h.people.find((p) => !p.parent && ageAt(p, engagedOn) >= 4 && ageAt(p, engagedOn) <= 16);
  if (child && (ctx.problems.has('education') || ctx.problems.has('health') || ctx.problems.has('children-need-help'))) {
    const before = rng.int(17, 28);
    ctx.add({ type: 'assessment', person: child.id, date: iso(addDays(engagedOn, rng.int(5, 30))), tool: 'sdq', score: before });
    const after = addMonths(engagedOn, rng.int(5, 9));
    if (after <= closes) ctx.add({ type: 'assessment', person: child.id, date: iso(after), tool: 'sdq', score: ctx.improved.size > 0 ? before - rng.int(3, 9) : before + rng.int(-2, 2) });
  }

  // Professional evidence where progress was made.
  if (ctx.effectFrom === null) return;
  for (const problem of ctx.improved) {
    if (!rng.chance(0.8)) continue;
    const d = addMonths(ctx.effectFrom, rng.int(3, 7));
    if (d > periodEnd) continue;
    const targets = ctx.evidence?.get(problem);
    const { role, statement } = evidenceBy[problem];
    if (!targets) {
      ctx.add({ type: 'evidence', person: h.leadParent.id, date: iso(d), problem, author: author(), role, statement });
      continue;
    }
    // Against the plan: every outcome that needs a professional's word, each step of a step outcome,
    // for each member the problem is about (evidence names a person).
    const by = author();
    for (const person of concerned(ctx, problem)) {
      for (const t of targets) {
        for (const step of t.steps ?? [undefined]) {
          ctx.add({ type: 'evidence', person, date: iso(d), problem, outcome: t.outcome, ...(step === undefined ? {} : { step }), author: by, role: t.role ?? role, statement });
        }
      }
    }
  }
}

const problemEvents: Record<ProblemId, ReadonlySet<string>> = {
  crime: new Set(['offence', 'asb-incident', 'youth-justice-disposal']),
  education: new Set(['exclusion', 'education-status']),
  'children-need-help': new Set(['social-care']),
  worklessness: new Set(['benefit', 'neet']),
  'domestic-abuse': new Set(['domestic-abuse']),
  health: new Set(['health']),
};

/** The members whose records show the problem (at most three), else the lead parent. */
function concerned(ctx: LifeContext, problem: ProblemId): string[] {
  const found = new Set<string>();
  for (const e of ctx.events()) {
    if (found.size >= 3) break;
    if (problemEvents[problem].has(e.type) || (problem === 'education' && e.type === 'attendance' && e.attendedSessions < 0.9 * e.possibleSessions)) found.add(e.person);
  }
  return found.size > 0 ? [...found] : [ctx.household.leadParent.id];
}
