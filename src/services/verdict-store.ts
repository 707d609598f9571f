/**
 * The verdict store: the latest verdict summary of each attachment (per identified problem its status
 * and outcome counts, and whether a claim is possible), written whenever a family is evaluated by
 * tracking or viewed, and read by the dashboard's "outcomes by problem" instead of evaluating every
 * family. A summary is written only when its input key (the hash of the plan text, the timeline with
 * programme dates and the as-of date; see family-evaluation.ts) differs from the one stored, so viewing
 * a family again writes nothing until its data changes.
 */
import type { ProblemId, Verdict } from '../engine/index.ts';
import type { CountedOutcomeStatus, StoredVerdict, StoredVerdictsRepository, VerdictSummary } from '../data/repositories/stored-verdicts.ts';
import type { FamilyEvaluation } from './family-evaluation.ts';

export const countedOutcomeStatuses: readonly CountedOutcomeStatus[] = ['met', 'pending', 'not-met', 'evidence-required'];

export function summarise(verdict: Verdict): VerdictSummary {
  const problems: Record<string, VerdictSummary['problems'][ProblemId]> = {};
  for (const p of verdict.problems) {
    if (!p.identified) continue;
    const outcomes: Record<CountedOutcomeStatus, number> = { met: 0, pending: 0, 'not-met': 0, 'evidence-required': 0 };
    for (const o of p.outcomes) if (o.status !== 'not-applicable') outcomes[o.status]++;
    problems[p.problem] = { status: p.status, outcomes };
  }
  return { problems, ssp: verdict.claims.significantAndSustainedProgress.claimable, ce: verdict.claims.continuousEmployment.claimable };
}

export interface ProblemOutcomes {
  readonly problem: ProblemId;
  /** Families on the programme with the problem identified. */
  readonly families: number;
  /** Their outcomes for the problem, by status (not-applicable outcomes left out). */
  readonly outcomes: Readonly<Record<CountedOutcomeStatus, number>>;
  /** Families whose problem is turned around. */
  readonly turnedAround: number;
}

/** Sums stored summaries per problem, in the order problems first appear in `order` (then by name). */
export function outcomesByProblem(summaries: readonly VerdictSummary[], order: readonly string[] = []): ProblemOutcomes[] {
  const byProblem = new Map<ProblemId, { families: number; outcomes: Record<CountedOutcomeStatus, number>; turnedAround: number }>();
  for (const s of summaries) {
    for (const [problem, result] of Object.entries(s.problems) as Array<[ProblemId, NonNullable<VerdictSummary['problems'][ProblemId]>]>) {
      let row = byProblem.get(problem);
      if (!row) byProblem.set(problem, (row = { families: 0, outcomes: { met: 0, pending: 0, 'not-met': 0, 'evidence-required': 0 }, turnedAround: 0 }));
      row.families++;
      if (result.status === 'turned-around') row.turnedAround++;
      for (const status of countedOutcomeStatuses) row.outcomes[status] += result.outcomes[status];
    }
  }
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...byProblem].map(([problem, row]) => ({ problem, ...row })).sort((a, b) => rank(a.problem) - rank(b.problem) || (a.problem < b.problem ? -1 : 1));
}

export class VerdictStore {
  /** Input keys known to be stored, by attachment: a family viewed again costs no query. */
  private readonly known = new Map<string, string>();

  constructor(
    private readonly repository: StoredVerdictsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores the evaluation's summary for the attachment unless the same inputs are already stored.
   * Tracking calls this after each family's evaluation; the family page after each view.
   */
  async record(attachmentId: string, evaluation: FamilyEvaluation): Promise<void> {
    await this.recordMany([{ attachmentId, evaluation }]);
  }

  /** As {@link record} for many attachments, in a few statements (the dashboard's first fill). */
  async recordMany(entries: ReadonlyArray<{ readonly attachmentId: string; readonly evaluation: FamilyEvaluation }>): Promise<void> {
    const changed = entries.filter((e) => this.known.get(e.attachmentId) !== e.evaluation.inputKey);
    if (changed.length === 0) return;
    const at = this.now();
    await this.repository.put(changed.map(({ attachmentId, evaluation }) => ({ attachmentId, asOf: evaluation.asOf, inputKey: evaluation.inputKey, summary: summarise(evaluation.verdict), evaluatedAt: at })));
    for (const e of changed) this.known.set(e.attachmentId, e.evaluation.inputKey);
  }

  /** The summaries stored for these attachments. */
  async summaries(attachmentIds: readonly string[]): Promise<Map<string, VerdictSummary>> {
    return this.repository.forAttachments(attachmentIds);
  }

  /** The stored summaries of the families on the programme (open attachments). */
  async current(): Promise<StoredVerdict[]> {
    return this.repository.forOpenAttachments();
  }
}
