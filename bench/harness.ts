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
