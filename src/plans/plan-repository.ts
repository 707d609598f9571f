/**
 * The plans on disk: every `*.yaml` file in one or more directories, each parsed and checked with the
 * engine's `parsePlan`. Plans are keyed by their own `id` and `version`, not by file name, so one plan
 * id may have several versions in files named however the plan owner likes.
 *
 * A reference is `id` (the version in force on a given date) or `id@version` (that exact version).
 * When more than one version of a plan is in force on a date (an older version left open-ended), the
 * one that came into force most recently wins: a new version supersedes the old from its start date.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlan, PlanError, UnknownPlanError, ValidationError, type CompiledPlan } from '../engine/index.ts';

export interface PlanSummary {
  readonly id: string;
  readonly version: string;
  /** `id@version`, the exact reference. */
  readonly ref: string;
  readonly authority: string;
  readonly title: string;
  readonly inForce: { readonly from: string; readonly to: string | null };
  readonly indicators: number;
  readonly outcomes: number;
  readonly fileName: string;
}

export class PlanRepository {
  private readonly byRef = new Map<string, CompiledPlan>();

  /** Plans are kept in id order, then by the date each version came into force. */
  constructor(plans: readonly CompiledPlan[]) {
    const sorted = [...plans].sort(
      (a, b) => compare(a.plan.id, b.plan.id) || compare(a.plan.inForce.from, b.plan.inForce.from) || compare(a.plan.version, b.plan.version),
    );
    for (const compiled of sorted) {
      const ref = refOf(compiled);
      const existing = this.byRef.get(ref);
      if (existing) {
        throw new PlanError(compiled.plan.id, 'version', `version ${JSON.stringify(compiled.plan.version)} is defined in both ${existing.fileName} and ${compiled.fileName}`);
      }
      this.byRef.set(ref, compiled);
    }
  }

  /**
   * Reads and checks every `*.yaml` file directly inside each directory (sub-directories are ignored).
   * A directory that cannot be read is a {@link ValidationError} naming it: it is the user's setting.
   */
  static async load(directories: readonly string[]): Promise<PlanRepository> {
    const plans: CompiledPlan[] = [];
    for (const directory of directories) {
      const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        throw new ValidationError(directory, [{ path: '', message: `cannot read the plans directory: ${error.code === 'ENOENT' ? 'no such directory' : error.message}` }]);
      });
      const files = entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => e.name).sort(compare);
      for (const name of files) {
        const path = join(directory, name);
        plans.push(parsePlan(await readFile(path, 'utf8'), path));
      }
    }
    return new PlanRepository(plans);
  }

  list(): PlanSummary[] {
    return [...this.byRef.values()].map(summarise);
  }

  /**
   * `id@version` gives that version; `id` gives the version in force on `on` (a `YYYY-MM-DD` date), or
   * the latest version when no date is given. Throws {@link UnknownPlanError} naming the known plans.
   */
  get(ref: string, on?: string): CompiledPlan {
    const at = ref.indexOf('@');
    if (at >= 0) {
      const found = this.byRef.get(ref);
      if (!found) throw new UnknownPlanError(ref, this.knownRefs());
      return found;
    }
    const versions = [...this.byRef.values()].filter((c) => c.plan.id === ref);
    if (versions.length === 0) throw new UnknownPlanError(ref, this.knownRefs());
    if (on === undefined) return versions[versions.length - 1]!;
    const inForce = versions.filter((c) => c.plan.inForce.from <= on && (c.plan.inForce.to === null || on <= c.plan.inForce.to));
    const chosen = inForce[inForce.length - 1];
    if (!chosen) throw new UnknownPlanError(`${ref} in force on ${on}`, versions.map(describeVersion));
    return chosen;
  }

  private knownRefs(): string[] {
    return [...this.byRef.values()].map(describeVersion);
  }
}

function refOf(c: CompiledPlan): string {
  return `${c.plan.id}@${c.plan.version}`;
}

function describeVersion(c: CompiledPlan): string {
  return `${refOf(c)} (in force ${c.plan.inForce.from} to ${c.plan.inForce.to ?? 'now'})`;
}

function summarise(c: CompiledPlan): PlanSummary {
  const { plan } = c;
  return {
    id: plan.id,
    version: plan.version,
    ref: refOf(c),
    authority: plan.authority,
    title: plan.title,
    inForce: { from: plan.inForce.from, to: plan.inForce.to },
    indicators: c.indicators.size,
    outcomes: c.outcomes.size,
    fileName: c.fileName,
  };
}

/** Locale-independent ordering, so listings are the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
