/**
 * Tracking: after every import, re-evaluate every attached family (or one family, after evidence is
 * recorded for it) and record what changed since the last
 * evaluation: a problem turned around or regressed, a problem that emerged after engagement, a claim that
 * became (or stopped being) possible. Each change goes into the family's history with the verdict excerpt
 * that shows why.
 */
import { z } from 'zod';
import type { ProblemResult, Verdict } from '../engine/index.ts';
import type { FamilyProblem } from '../data/repositories/workflow-attachments.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { HistoryEntry, StoredStatus } from '../data/repositories/workflow-history.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { Attachment, TrackedStatus } from '../data/workflow-schema.ts';
import { actorSchema, type Actor } from './actor.ts';
import type { FamilyEvaluation, FamilyEvaluator } from './family-evaluation.ts';
import type { VerdictStore } from './verdict-store.ts';
import { daySchema, parseInput } from './parse-input.ts';
import type { PagedTimelineSource } from './timeline-source.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

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

interface MutableResult {
  readonly asOf: string;
  evaluated: number;
  readonly changes: TrackingChange[];
  readonly failed: Array<{ familyReference: string; reason: string }>;
}

/** Attached families evaluated together: their timelines read in one statement, their changes written in one transaction. */
const trackingPageSize = 250;

/** One family evaluated, before it is compared with what is stored. */
interface Assessment {
  readonly family: FamilyRow;
  readonly attachment: Attachment;
  readonly evaluation: FamilyEvaluation;
}

/** What an assessment changes against the family's stored status and problems. */
interface Comparison {
  readonly unchanged: boolean;
  readonly entries: readonly HistoryEntry[];
  readonly newProblems: readonly FamilyProblem[];
  readonly next: TrackedStatus;
}

export class TrackingService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly evaluator: FamilyEvaluator,
    private readonly now: () => Date = () => new Date(),
    /** Where each family's latest verdict summary is kept for the dashboard (none in some tests). */
    private readonly verdicts?: VerdictStore,
    /** The evaluator's timeline source, when it can read a page of timelines at once (trackAll uses it). */
    private readonly pages?: PagedTimelineSource,
    /** Families per page (tests use small pages to cross page boundaries). */
    private readonly pageSize = trackingPageSize,
  ) {}

  async trackAll(input: z.input<typeof trackSchema>, onProgress?: (done: number, total: number) => void): Promise<TrackingResult> {
    const request = parseInput(trackSchema, input, 'tracking request');
    const attachments = await this.repositories.attachments.listOpen();
    const result: MutableResult = { asOf: request.asOf, evaluated: 0, changes: [], failed: [] };
    const at = this.now();
    for (let start = 0; start < attachments.length; start += this.pageSize) {
      const page = attachments.slice(start, start + this.pageSize);
      const families = new Map((await this.repositories.families.byIds(page.map((a) => a.family_id))).map((f) => [f.id, f]));
      const assess = async (): Promise<Assessment[]> => {
        const assessed: Assessment[] = [];
        for (const [offset, attachment] of page.entries()) {
          onProgress?.(start + offset + 1, attachments.length);
          const assessment = await this.#assess(families.get(attachment.family_id)!, attachment, request, result);
          if (assessment) assessed.push(assessment);
        }
        return assessed;
      };
      const timelines = page.map((a) => ({ householdId: families.get(a.family_id)!.householdId, asOf: request.asOf }));
      const assessed = this.pages ? await this.pages.withPage(timelines, assess) : await assess();
      await this.#record(assessed, request, at, result);
    }
    return result;
  }

  /**
   * Re-evaluates one attached family (by reference or id) and records what changed, exactly as
   * {@link trackAll} does for each family: used after evidence is recorded on the family page.
   */
  async trackFamily(familyKey: string, input: z.input<typeof trackSchema>): Promise<TrackingResult> {
    const request = parseInput(trackSchema, input, 'tracking request');
    const family = await this.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    const attachment = await this.repositories.attachments.openForFamily(family.id);
    if (!attachment) throw new WorkflowStateError(`Family ${family.reference} is not attached to the programme`);
    const result: MutableResult = { asOf: request.asOf, evaluated: 0, changes: [], failed: [] };
    const assessment = await this.#assess(family, attachment, request, result);
    if (assessment) await this.#record([assessment], request, this.now(), result);
    return result;
  }

  /** One family evaluated (nothing compared or written; undefined when it failed, with the reason in `result`). */
  async #assess(family: FamilyRow, attachment: Attachment, request: z.infer<typeof trackSchema>, result: MutableResult): Promise<Assessment | undefined> {
    try {
      const evaluation = await this.evaluator.evaluateAttached(family, attachment, request.asOf);
      result.evaluated++;
      return { family, attachment, evaluation };
    } catch (error) {
      result.failed.push({ familyReference: family.reference, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
      return undefined;
    }
  }

  /**
   * Records a page of assessments: every verdict summary, then in one transaction, holding the tracking
   * lock, each family compared with its status and problems as stored now — so two runs at once (a
   * scheduled run, an analyst's, evidence recorded on the family page) never record a change twice — and
   * the changed families' new problems, history entries (in the families' order) and statuses written,
   * each kind in one statement; unchanged statuses are marked as evaluated again.
   */
  async #record(assessed: readonly Assessment[], request: z.infer<typeof trackSchema>, at: Date, result: MutableResult): Promise<void> {
    if (assessed.length === 0) return;
    await this.verdicts?.recordMany(assessed.map((a) => ({ attachmentId: a.attachment.id, evaluation: a.evaluation })));
    const ids = assessed.map((a) => a.attachment.id);
    const changed = await this.repositories.transaction(async (r) => {
      await r.history.lockTracking();
      const statuses = await r.history.statuses(ids);
      const problemsOf = await r.attachments.problemsOf(ids);
      const compared = assessed.map((a) => ({ a, c: compare(a, statuses.get(a.attachment.id), problemsOf.get(a.attachment.id) ?? new Set(), request, at) }));
      const changed = compared.filter(({ c }) => !c.unchanged);
      await r.attachments.addProblems(changed.flatMap(({ a, c }) => c.newProblems.map((problem) => ({ attachmentId: a.attachment.id, problem, recordedBy: request.actor.userId }))));
      await r.history.append(changed.flatMap(({ c }) => c.entries));
      await r.history.putStatuses(changed.map(({ a, c }) => ({ attachmentId: a.attachment.id, status: { asOf: request.asOf, status: c.next, evaluatedAt: at } })));
      await r.history.touchStatuses(compared.filter(({ c }) => c.unchanged).map(({ a }) => a.attachment.id), request.asOf, at);
      return changed;
    });
    for (const { a, c } of changed) for (const e of c.entries) result.changes.push({ familyReference: a.family.reference, kind: e.kind, problem: e.problem, summary: e.summary });
  }

  /** The family's history, oldest first. */
  async history(familyKey: string, _actor?: Actor): Promise<HistoryEntry[]> {
    const family = await this.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    return this.repositories.history.forFamily(family.id);
  }
}

/** What a family's new verdict changes against its stored status and problems (nothing written). */
function compare(assessment: Assessment, previous: StoredStatus | undefined, known: ReadonlySet<string>, request: z.infer<typeof trackSchema>, at: Date): Comparison {
  const { family, attachment } = assessment;
  const verdict: Verdict = assessment.evaluation.verdict;
  const next = statusOf(verdict);
  const entries: HistoryEntry[] = [];
  const newProblems: FamilyProblem[] = [];
  const entry = (kind: HistoryEntry['kind'], problem: string | null, summary: string, detail: unknown): void => {
    entries.push({ familyId: family.id, attachmentId: attachment.id, kind, asOf: request.asOf, problem, summary, detail, recordedBy: request.actor.userId, recordedAt: at });
  };
  for (const p of verdict.problems.filter((p) => p.identified)) {
    if (!known.has(p.problem)) {
      newProblems.push({ problem: p.problem, foundAt: p.foundAt === 'identified' ? 'identified' : p.foundAt === 'engaged' ? 'engaged' : 'emerged', foundOn: p.foundAt === 'now' ? request.asOf : p.foundAt === 'identified' ? attachment.identified_on : attachment.engaged_on, note: 'found by tracking' });
      entry('problem-added', p.problem, `Problem ${p.problem} found (${p.foundAt === 'now' ? 'emerged after engagement' : `at ${p.foundAt}`})`, excerpt(p));
    }
    const before = previous?.status.problems[p.problem];
    if (before === p.status) continue;
    if (p.status === 'turned-around') entry('problem-turned-around', p.problem, `${p.problem} turned around`, excerpt(p));
    else if (before === 'turned-around') entry('problem-regressed', p.problem, `${p.problem} no longer turned around (${p.status})`, excerpt(p));
    else if (before !== undefined) entry('problem-status-changed', p.problem, `${p.problem}: ${before} → ${p.status}`, excerpt(p));
  }
  const claims = verdict.claims;
  for (const [key, label, r] of [
    ['ssp', 'significant and sustained progress', claims.significantAndSustainedProgress],
    ['ce', 'continuous employment', claims.continuousEmployment],
  ] as const) {
    const was = previous?.status[key] ?? false;
    if (!was && r.claimable) entry('became-claimable', null, `Claimable for ${label}`, { claim: key, reasons: r.reasons });
    if (was && !r.claimable) entry('no-longer-claimable', null, `No longer claimable for ${label}`, { claim: key, reasons: r.reasons });
  }
  const unchanged = previous !== undefined && entries.length === 0 && JSON.stringify(previous.status) === JSON.stringify(next);
  return { unchanged, entries, newProblems, next };
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
