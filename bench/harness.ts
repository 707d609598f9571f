/**
 * Benchmark harness: each `bench/*.bench.ts` exports `default: (options) => Promise<BenchResult[]>`.
 * Results report the median of several runs (never a single timing) and the peak resident memory.
 */
import os from 'node:os';

export interface BenchOptions {
  /** `npm run bench -- --quick`: smaller inputs and fewer runs, for a smoke check. */
  readonly quick: boolean;
}

export interface BenchResult {
  readonly name: string;
  /** What `median` measures, e.g. "families/s", "rows/s", "ms". */
  readonly unit: string;
  readonly median: number;
  readonly runs: readonly number[];
  /** Peak resident set size of the process during the measurement, in MiB. */
  readonly peakRssMiB?: number;
  readonly target?: string;
  readonly notes?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Samples RSS every 20 ms while `fn` runs and returns the peak in MiB alongside fn's result. */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMiB: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

/** Times `fn` `runs` times (after one warm-up unless `warmup` is false) and returns the durations in ms. */
export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown, warmup = true): Promise<number[]> {
  if (warmup) await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return durations;
}

export function machineDescription(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1073741824),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * A fixed allocation-heavy loop (short-lived objects, as evaluation makes), timed in this process: the
 * median of three runs after a warm-up, in ms. On this project's 2-core machine such code runs at one
 * of two speeds for reasons outside the process (December 2026: about 70 or 110–130 ms; processes
 * started alike a few seconds apart differ, with the same page faults and context switches, with or
 * without parallel garbage collection, on either core, with address randomisation off; for some
 * minutes every process may be slow), and the engine's speed follows. Printed with every report, at
 * its start and end, so that a result can be read against the speed the machine ran at.
 */
export function allocationProbeMs(): number {
  const times: number[] = [];
  for (let run = 0; run < 4; run++) {
    const start = performance.now();
    let keep: Array<{ a: number; b: number; c: number[] }> = [];
    let sum = 0;
    for (let i = 0; i < 10_000_000; i++) {
      const o = { a: i, b: sum, c: [i] };
      if (i % 1000 === 0) keep.push(o);
      if (keep.length > 10_000) keep = [];
      sum += o.c.length;
    }
    if (sum !== 10_000_000) throw new Error('allocation probe miscounted');
    if (run > 0) times.push(performance.now() - start);
  }
  return Math.round(median(times));
}
