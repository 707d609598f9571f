/**
 * The family page's costly part, kept: the view of a family's evaluation (members, claims, problems
 * with their figures and charts) and its rendered HTML. Both are a function of the evaluation's inputs
 * alone — the input key hashes the plan's text, the timeline as read from the database (with the
 * family reference and programme dates) and the as-of date (src/services/family-evaluation.ts) — and of
 * whether the viewer may record evidence. So they are kept under `inputKey|mayChange`, and any change
 * to the family's data gives a new key: nothing needs to be told, from this process or another
 * (a CLI import against PostgreSQL included). The family, its attachment, essentials and history, the
 * access log and everything about the viewer (name, navigation, CSRF token, banner) are read and
 * rendered on every request. Entries are dropped least recently used first, past `maxBytes` of HTML.
 */
import type { VerdictView } from '../view-models/family-view.ts';

export interface KeptFamilyPart {
  readonly view: VerdictView;
  readonly html: string;
}

export class FamilyPageCache {
  private readonly entries = new Map<string, KeptFamilyPart>();
  private bytes = 0;
  /** Parts made and reused since start (for tests and benchmarks). */
  readonly counts = { made: 0, reused: 0 };

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  /** The part kept for this evaluation and viewer permission, made with `make` when there is none. */
  part(inputKey: string, mayChange: boolean, make: () => KeptFamilyPart): KeptFamilyPart {
    const key = `${inputKey}|${mayChange ? 'may-change' : 'read-only'}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.counts.reused++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const made = make();
    this.counts.made++;
    this.entries.set(key, made);
    this.bytes += made.html.length;
    for (const [oldest, part] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.bytes -= part.html.length;
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
