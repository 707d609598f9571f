/**
 * Tracking: after every import, re-evaluate every attached family and record what changed since the last
 * evaluation: a problem turned around or regressed, a problem that emerged after engagement, a claim that
 * became (or stopped being) possible. Each change goes into the family's history with the verdict excerpt
 * that shows why.
 */
import { z } from 'zod';
import type { ProblemResult, Verdict } from '../engine/index.ts';
import type { HistoryEntry } from '../data/repositories/workflow-history.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { TrackedStatus } from '../data/workflow-schema.ts';
import { actorSchema, type Actor } from './actor.ts';
import type { FamilyEvaluator } from './family-evaluation.ts';
import { daySchema, parseInput } from './parse-input.ts';
import { NotFoundError } from './workflow-errors.ts';

const trackSchema = z.object({ asOf: daySchema, actor: actorSchema });

export interface TrackingChange {
  readonly familyReference: string;
  readonly kind: HistoryEntry['kind'];
  readonly problem: string | null;
  readonly summary: string;
}

export interface TrackingResult {
  readonly asOf: string;
  readonly evaluated: number;
  readonly changes: readonly TrackingChange[];
  /** Families that could not be evaluated (no timeline, invalid data), with the reason; the rest carry on. */
  readonly failed: ReadonlyArray<{ readonly familyReference: string; readonly reason: string }>;
}

export class TrackingService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly evaluator: FamilyEvaluator,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async trackAll(input: z.input<typeof trackSchema>, onProgress?: (done: number, total: number) => void): Promise<TrackingResult> {
    const request = parseInput(trackSchema, input, 'tracking request');
    const attachments = await this.repositories.attachments.listOpen();
    const families = new Map((await this.repositories.families.byIds(attachments.map((a) => a.family_id))).map((f) => [f.id, f]));
    const changes: TrackingChange[] = [];
    const failed: Array<{ familyReference: string; reason: string }> = [];
    let evaluated = 0;
    for (const [index, attachment] of attachments.entries()) {
      const family = families.get(attachment.family_id)!;
      let verdict: Verdict;
      try {
        verdict = (await this.evaluator.evaluateAttached(family, attachment, request.asOf)).verdict;
      } catch (error) {
        failed.push({ familyReference: family.reference, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
        continue;
      }
      const at = this.now();
      await this.repositories.transaction(async (r) => {
        const previous = await r.history.status(attachment.id);
        const next = statusOf(verdict);
        const known = new Set((await r.attachments.problems(attachment.id)).map((p) => p.problem));
        const entries: HistoryEntry[] = [];
        const entry = (kind: HistoryEntry['kind'], problem: string | null, summary: string, detail: unknown): void => {
          entries.push({ familyId: family.id, attachmentId: attachment.id, kind, asOf: request.asOf, problem, summary, detail, recordedBy: request.actor.userId, recordedAt: at });
          changes.push({ familyReference: family.reference, kind, problem, summary });
        };
        for (const p of verdict.problems.filter((p) => p.identified)) {
          if (!known.has(p.problem)) {
            await r.attachments.addProblem(attachment.id, { problem: p.problem, foundAt: p.foundAt === 'identified' ? 'identified' : p.foundAt === 'engaged' ? 'engaged' : 'emerged', foundOn: p.foundAt === 'now' ? request.asOf : p.foundAt === 'identified' ? attachment.identified_on : attachment.engaged_on, note: 'found by tracking' }, request.actor.userId);
            entry('problem-added', p.problem, `Problem ${p.problem} found (${p.foundAt === 'now' ? 'emerged after engagement' : `at ${p.foundAt}`})`, excerpt(p));
          }
          const before = previous?.status.problems[p.problem];
          if (before === p.status) continue;
          if (p.status === 'turned-around') entry('problem-turned-around', p.problem, `${p.problem} turned around`, excerpt(p));
          else if (before === 'turned-around') entry('problem-regressed', p.problem, `${p.problem} no longer turned around (${p.status})`, excerpt(p));
          else if (before !== undefined) entry('problem-status-changed', p.problem, `${p.problem}: ${before} → ${p.status}`, excerpt(p));
        }
        const claims = verdict.claims;
        for (const [key, label, result] of [
          ['ssp', 'significant and sustained progress', claims.significantAndSustainedProgress],
          ['ce', 'continuous employment', claims.continuousEmployment],
        ] as const) {
          const was = previous?.status[key] ?? false;
          if (!was && result.claimable) entry('became-claimable', null, `Claimable for ${label}`, { claim: key, reasons: result.reasons });
          if (was && !result.claimable) entry('no-longer-claimable', null, `No longer claimable for ${label}`, { claim: key, reasons: result.reasons });
        }
        await r.history.append(entries);
        await r.history.putStatus(attachment.id, { asOf: request.asOf, status: next, evaluatedAt: at });
      });
      evaluated++;
      onProgress?.(index + 1, attachments.length);
    }
    return { asOf: request.asOf, evaluated, changes, failed };
  }

  /** The family's history, oldest first. */
  async history(familyKey: string, _actor?: Actor): Promise<HistoryEntry[]> {
    const family = await this.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    return this.repositories.history.forFamily(family.id);
  }
}

function statusOf(verdict: Verdict): TrackedStatus {
  return {
    problems: Object.fromEntries(verdict.problems.filter((p) => p.identified).map((p) => [p.problem, p.status])),
    ssp: verdict.claims.significantAndSustainedProgress.claimable,
    ce: verdict.claims.continuousEmployment.claimable,
  };
}

/** The part of the verdict that explains a problem's status: its outcomes with status and explanation. */
function excerpt(p: ProblemResult): unknown {
  return {
    problem: p.problem,
    status: p.status,
    explanation: p.explanation,
    indicators: p.indicators.filter((i) => i.met).map((i) => ({ ref: i.ref, explanation: i.explanation })),
    outcomes: p.outcomes.filter((o) => o.status !== 'not-applicable').map((o) => ({ ref: o.ref, status: o.status, explanation: o.explanation })),
  };
}
