/**
 * Evaluates one attached family: its timeline from the source, the programme dates from the attachment,
 * the plan version it was attached under. Everything a claim snapshot needs comes back together, so a
 * snapshot holds exactly what was evaluated.
 *
 * The engine is pure, so a verdict is a function of its inputs alone: the plan's source text, the
 * timeline as the source returns it (with the programme dates), and the as-of date. Each evaluation is
 * keyed by a hash of exactly those inputs (`inputKey`), and recent evaluations are kept in memory by that
 * key, so viewing a family again, or assessing it for the dashboard, reuses the verdict until anything it
 * depends on changes — a new or corrected event, a member, a programme date, the plan, the date. The key
 * is computed from the fetched timeline every time, so a changed timeline can never get a stale verdict.
 */
import { createHash } from 'node:crypto';
import { evaluate, parseTimeline, type Timeline, type TimelineInput, type Verdict } from '../engine/index.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import type { PlanSources, PlanWithSource } from './plan-sources.ts';
import { withProgramme, type TimelineSource } from './timeline-source.ts';
import { NotFoundError } from './workflow-errors.ts';

export interface FamilyEvaluation {
  readonly plan: PlanWithSource;
  readonly timeline: Timeline;
  readonly asOf: string;
  readonly verdict: Verdict;
  /**
   * Hash of everything the verdict depends on (plan text, timeline with programme dates, as-of date).
   * The same for a statuses-only evaluation, whose statuses are the same.
   */
  readonly inputKey: string;
}

/** Bump when the engine's output for the same inputs changes (kept in stored summaries' keys too). */
export const evaluationKeyVersion = 'v1';

/**
 * Recent evaluations by input key, least recently used dropped first. Content-addressed, so one cache
 * can serve every evaluator in the process. Verdicts and timelines handed out are shared: read-only.
 */
export class EvaluationCache {
  private readonly entries = new Map<string, { timeline: Timeline; verdict: Verdict }>();

  constructor(readonly capacity = 1_000) {}

  get(key: string): { timeline: Timeline; verdict: Verdict } | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: { timeline: Timeline; verdict: Verdict }): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

const sharedCache = new EvaluationCache();
const planHashes = new WeakMap<PlanWithSource, string>();

function planHash(plan: PlanWithSource): string {
  let hash = planHashes.get(plan);
  if (hash === undefined) {
    hash = createHash('sha256').update(`${plan.ref}\n${plan.source}`).digest('hex');
    planHashes.set(plan, hash);
  }
  return hash;
}

/** The key of an evaluation: a hash of the plan's text, the timeline input and the as-of date. */
export function evaluationKey(plan: PlanWithSource, input: TimelineInput, asOf: string): string {
  return createHash('sha256').update(`${evaluationKeyVersion}\n${planHash(plan)}\n${asOf}\n${JSON.stringify(input)}`).digest('base64url');
}

export class FamilyEvaluator {
  /** Evaluations made and reused since start (for tests and benchmarks). */
  readonly counts = { evaluated: 0, reused: 0 };

  constructor(
    private readonly plans: PlanSources,
    private readonly timelines: TimelineSource,
    private readonly cache: EvaluationCache = sharedCache,
  ) {}

  /**
   * `explain: false` gives statuses only (no figures or explanations; much cheaper), for work that keeps
   * only statuses, such as the verdict store's summaries. Such evaluations are keyed apart and not kept.
   */
  async evaluateAttached(family: FamilyRow, attachment: Attachment, asOf: string, options: { explain?: boolean } = {}): Promise<FamilyEvaluation> {
    const explain = options.explain !== false;
    const source = await this.timelines.timelineForHousehold(family.householdId, asOf);
    if (source === null) throw new NotFoundError('timeline for household of family', family.reference);
    const input = withProgramme(source, family.reference, { identifiedOn: attachment.identified_on, engagedOn: attachment.engaged_on });
    const plan = this.plans.get(`${attachment.plan_id}@${attachment.plan_version}`);
    const inputKey = evaluationKey(plan, input, asOf);
    if (!explain) {
      this.counts.evaluated++;
      const timeline = parseTimeline(input, `timeline of ${family.reference}`);
      return { plan, timeline, asOf, verdict: evaluate(plan.compiled, timeline, asOf, { explain: false }), inputKey };
    }
    const known = this.cache.get(inputKey);
    if (known) {
      this.counts.reused++;
      return { plan, timeline: known.timeline, asOf, verdict: known.verdict, inputKey };
    }
    const timeline = parseTimeline(input, `timeline of ${family.reference}`);
    const verdict = evaluate(plan.compiled, timeline, asOf);
    this.cache.set(inputKey, { timeline, verdict });
    this.counts.evaluated++;
    return { plan, timeline, asOf, verdict, inputKey };
  }
}
