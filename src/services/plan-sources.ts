/**
 * Plans with their source text. A claim snapshot keeps the plan's YAML exactly as it was evaluated, so
 * the claim can be replayed after the file on disk has changed or been replaced by a new version.
 */
import { readFile } from 'node:fs/promises';
import { parsePlan, PlanError, type CompiledPlan } from '../engine/index.ts';
import { PlanRepository } from '../plans/plan-repository.ts';

export interface PlanWithSource {
  readonly compiled: CompiledPlan;
  /** `id@version`. */
  readonly ref: string;
  readonly source: string;
  readonly fileName: string;
}

export interface PlanSources {
  /** `id@version`, or `id` for the version in force on `on`. Throws UnknownPlanError. */
  get(ref: string, on?: string): PlanWithSource;
}

export class PlanSourceCatalogue implements PlanSources {
  private readonly sources = new Map<string, string>();
  readonly #withSource = new WeakMap<PlanWithSource['compiled'], PlanWithSource>();

  constructor(
    private readonly repository: PlanRepository,
    sourcesByFile: ReadonlyMap<string, string>,
  ) {
    for (const [file, text] of sourcesByFile) this.sources.set(file, text);
  }

  /** Loads every plan in the directories and keeps each file's text beside its compiled plan. */
  static async load(directories: readonly string[]): Promise<PlanSourceCatalogue> {
    const repository = await PlanRepository.load(directories);
    const texts = new Map<string, string>();
    for (const summary of repository.list()) {
      const text = await readFile(summary.fileName, 'utf8');
      const reparsed = parsePlan(text, summary.fileName);
      if (`${reparsed.plan.id}@${reparsed.plan.version}` !== summary.ref) {
        throw new PlanError(summary.id, '', `${summary.fileName} changed while the plans were being loaded`);
      }
      texts.set(summary.fileName, text);
    }
    return new PlanSourceCatalogue(repository, texts);
  }

  /** From plan texts in memory (tests): file name → YAML. */
  static fromTexts(files: Readonly<Record<string, string>>): PlanSourceCatalogue {
    const compiled = Object.entries(files).map(([name, text]) => parsePlan(text, name));
    return new PlanSourceCatalogue(new PlanRepository(compiled), new Map(Object.entries(files)));
  }

  /**
   * The same object for the same plan version every time: callers key caches by it (the evaluator's
   * hash of the plan text, worked out once per plan instead of once per family page).
   */
  get(ref: string, on?: string): PlanWithSource {
    const compiled = this.repository.get(ref, on);
    const known = this.#withSource.get(compiled);
    if (known) return known;
    const source = this.sources.get(compiled.fileName);
    if (source === undefined) throw new PlanError(compiled.plan.id, '', `the source text of ${compiled.fileName} was not kept`);
    const plan = { compiled, ref: `${compiled.plan.id}@${compiled.plan.version}`, source, fileName: compiled.fileName };
    this.#withSource.set(compiled, plan);
    return plan;
  }
}
