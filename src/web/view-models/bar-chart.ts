/**
 * A horizontal bar chart as plain SVG geometry, rendered by the `barChart` macro on the server (no
 * JavaScript). The same numbers are always shown in a table beside the chart; the SVG is `role="img"`
 * with a title and a description naming every value, and an optional reference line (a target or baseline).
 */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly display: string;
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly bars: ReadonlyArray<{ readonly label: string; readonly display: string; readonly y: number; readonly width: number; readonly labelY: number }>;
  readonly barHeight: number;
  readonly plotX: number;
  readonly line?: { readonly x: number; readonly label: string } | undefined;
}

const labelWidth = 230;
const plotWidth = 330;
const barHeight = 24;
const gap = 14;

export function barChart(id: string, title: string, bars: readonly Bar[], line?: { value: number; label: string }): BarChart {
  const max = Math.max(1, ...bars.map((b) => b.value), line?.value ?? 0);
  const scale = (v: number) => Math.round((Math.max(0, v) / max) * plotWidth);
  const top = line ? 22 : 6;
  return {
    id,
    title,
    description: bars.map((b) => `${b.label}: ${b.display}`).join('; ') + (line ? `; ${line.label}: ${line.value}` : ''),
    width: labelWidth + plotWidth + 70,
    height: top + bars.length * (barHeight + gap),
    barHeight,
    plotX: labelWidth,
    bars: bars.map((b, i) => ({ label: b.label, display: b.display, y: top + i * (barHeight + gap), width: Math.max(2, scale(b.value)), labelY: top + i * (barHeight + gap) + 17 })),
    line: line && { x: labelWidth + scale(line.value), label: line.label },
  };
}
