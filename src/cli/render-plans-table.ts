/** The `plans` listing as an aligned plain-text table. */
import type { PlanSummary } from '../plans/plan-repository.ts';

const headings = ['plan', 'version', 'authority', 'in force', 'indicators', 'outcomes'] as const;

export function renderPlansTable(plans: readonly PlanSummary[]): string {
  if (plans.length === 0) return 'No plans found.\n';
  const rows = plans.map((p) => [p.id, p.version, p.authority, `${p.inForce.from} to ${p.inForce.to ?? 'now'}`, String(p.indicators), String(p.outcomes)]);
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => i >= 4;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(headings), ...rows.map(line)].join('\n')}\n`;
}
