/**
 * Evaluates one attached family: its timeline from the source, the programme dates from the attachment,
 * the plan version it was attached under. Everything a claim snapshot needs comes back together, so a
 * snapshot holds exactly what was evaluated.
 *
 * The engine is pure, so a verdict is a function of its inputs alone: the plan's source text, the
 * timeline as the source returns it (with the programme dates), and the as-of date. Each evaluation is
 * keyed by a hash of exactly those inputs (`inputKey`), and recent evaluations are kept in memory by that
 * key, so viewing a family again, or assessing it for the dashboard, reuses the verdict until anything it
 * depends on changes — a new or corrected event, a member, a programme date, the plan, the date.
 *
 * The family page can go further and skip reading the timeline (and hashing it). A household's timeline
 * (its address, members, their events and the files they came from) is written only by imports, and an
 * import's rows commit together with its `import_files` row; so the caller passes a fingerprint of the
 * imports (count and latest finish of `import_files`, read in the page's one statement before the
 * timeline would be), and the evaluator remembers, per fingerprint, family, household, programme dates,
 * plan text and as-of date, the input key the timeline gave. While all of those are unchanged the
 * evaluation kept under that input key is reused without a read; any import (from this process or
 * another), programme date or plan change gives a new quick key, and the timeline is read and hashed
 * again. Only a source that says its timelines change only by import (`changesOnlyByImport`: the
 * database's own timeline service, or a paging source around it) qualifies; with any other source (an
 * in-memory one in tests, a data platform's service) timelines may change without an import, so the
 * fingerprint is ignored. Without one (tracking, claims) the key is computed from the fetched timeline.
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

/**
 * The quick key of an evaluation whose timeline has not been read: everything the input key hashes
 * except the timeline itself, which the imports fingerprint stands for (see the comment at the top).
 */
function quickKey(plan: PlanWithSource, family: FamilyRow, attachment: Attachment, asOf: string, importsVersion: string): string {
  return JSON.stringify([evaluationKeyVersion, planHash(plan), family.reference, family.householdId, attachment.identified_on, attachment.engaged_on, asOf, importsVersion]);
}

export class FamilyEvaluator {
  /** Evaluations made and reused since start (for tests and benchmarks). */
  readonly counts = { evaluated: 0, reused: 0 };
  /** Evaluations reused by quick key, without reading the timeline (for tests and benchmarks). */
  timelineReadsSkipped = 0;
  /** Input keys by quick key, least recently used dropped first (as many as the evaluation cache holds). */
  private readonly inputKeys = new Map<string, string>();
  /** Whether the source's timelines are what imports wrote to the database (see the comment at the top). */
  private readonly fromImports: boolean;

  constructor(
    private readonly plans: PlanSources,
    private readonly timelines: TimelineSource,
    private readonly cache: EvaluationCache = sharedCache,
  ) {
    this.fromImports = timelines.changesOnlyByImport === true;
  }

  /**
   * `explain: false` gives statuses only (no figures or explanations; much cheaper), for work that keeps
   * only statuses, such as the verdict store's summaries. Such evaluations are keyed apart and not kept.
   *
   * `importsVersion`: the imports fingerprint read before this call (`familyPageRows`), which lets a
   * kept evaluation be reused without reading the timeline; it must be read no later than the timeline
   * would be, so an import committed in between can only make the remembered key one nobody sees again.
   */
  async evaluateAttached(family: FamilyRow, attachment: Attachment, asOf: string, options: { explain?: boolean; importsVersion?: string } = {}): Promise<FamilyEvaluation> {
    const explain = options.explain !== false;
    const plan = this.plans.get(`${attachment.plan_id}@${attachment.plan_version}`);
    const quick = explain && this.fromImports && options.importsVersion !== undefined ? quickKey(plan, family, attachment, asOf, options.importsVersion) : undefined;
    if (quick !== undefined) {
      const inputKey = this.inputKeys.get(quick);
      const known = inputKey === undefined ? undefined : this.cache.get(inputKey);
      if (inputKey !== undefined && known) {
        this.inputKeys.delete(quick);
        this.inputKeys.set(quick, inputKey);
        this.counts.reused++;
        this.timelineReadsSkipped++;
        return { plan, timeline: known.timeline, asOf, verdict: known.verdict, inputKey };
      }
    }
    const source = await this.timelines.timelineForHousehold(family.householdId, asOf);
    if (source === null) throw new NotFoundError('timeline for household of family', family.reference);
    const input = withProgramme(source, family.reference, { identifiedOn: attachment.identified_on, engagedOn: attachment.engaged_on });
    const inputKey = evaluationKey(plan, input, asOf);
    if (quick !== undefined) this.#remember(quick, inputKey);
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

  #remember(quick: string, inputKey: string): void {
    this.inputKeys.delete(quick);
    this.inputKeys.set(quick, inputKey);
    while (this.inputKeys.size > this.cache.capacity) this.inputKeys.delete(this.inputKeys.keys().next().value!);
  }
}
