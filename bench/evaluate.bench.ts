/**
 * Rules engine speed: 100,000 generated families (about 4 members and 100 events each) evaluated
 * against Southampton, with explanations. Target: the whole 100,000 in under 5 s on one core of this
 * machine, under 1 GB. The passes themselves are in evaluate-passes.ts.
 *
 * "One core" is taken literally: the passes run in a process of their own pinned to one CPU
 * (`taskset -c 0`), so the garbage collector's and the compiler's threads, which V8 runs beside the
 * main thread, share that core with evaluation instead of using the machine's other one. Until
 * December 2026 the benchmark ran unpinned, and on this 2-core machine those threads took another
 * 30–45% of the evaluation's time on the second core, which the wall-clock figure did not show. The
 * same families are also evaluated in a process left free to use every core, reported beside the
 * headline (never in its place), so that earlier figures can be compared.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, BenchResult } from './harness.ts';
import { results, type Measured } from './evaluate-passes.ts';

const passesScript = fileURLToPath(new URL('./evaluate-passes.ts', import.meta.url));
const register = fileURLToPath(new URL('../bin/register-typescript.mjs', import.meta.url));

/** Runs evaluate-passes.ts in a child process, under `taskset -c 0` when `pinned`, and returns its measurement. */
function measureIn(pinned: boolean, args: readonly string[]): Measured {
  const node = [process.execPath, '--import', register, passesScript, ...args];
  const [command, ...rest] = pinned ? ['taskset', '-c', '0', ...node] : node;
  const child = spawnSync(command!, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`evaluate benchmark: ${[command, ...rest].join(' ')} exited with ${child.status ?? child.signal}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Measured;
}

/** Whether `taskset` can pin a process here (util-linux, Linux only). */
function canPin(): boolean {
  const probe = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export default function bench(options: BenchOptions): Promise<BenchResult[]> {
  const quick = options.quick ? ['--quick'] : [];
  const pinned = canPin();
  const oneCpu = measureIn(pinned, quick);
  const free = pinned ? measureIn(false, [...quick, '--headline-only']) : undefined;
  return Promise.resolve(results(oneCpu, pinned, free));
}
