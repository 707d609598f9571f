/**
 * `npm run bench [-- --quick] [-- name…]`: runs every bench/*.bench.ts (or those named), prints a
 * table of medians and writes bench/results.json with the machine description.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocationProbeMs, machineDescription, type BenchOptions, type BenchResult } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const options: BenchOptions = { quick: args.includes('--quick') };
const only = args.filter((a) => !a.startsWith('--'));

const probeBefore = allocationProbeMs();
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.startsWith(o)))).sort();
const results: Array<BenchResult & { suite: string }> = [];
for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${suite}…\n`);
  const mod = (await import(path.join(here, file))) as { default: (o: BenchOptions) => Promise<BenchResult[]> };
  for (const r of await mod.default(options)) results.push({ suite, ...r });
}

const machine: Record<string, string | number> = { ...machineDescription(), allocationProbeMs: `${probeBefore} before, ${allocationProbeMs()} after` };
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(2));
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; allocation probe ${machine.allocationProbeMs} ms (harness.ts)`);
console.table(
  results.map((r) => ({
    suite: r.suite,
    benchmark: r.name,
    median: `${fmt(r.median)} ${r.unit}`,
    runs: r.runs.length,
    'peak RSS (MiB)': r.peakRssMiB ?? '',
    target: r.target ?? '',
  })),
);
await writeFile(path.join(here, 'results.json'), JSON.stringify({ machine, quick: options.quick, results }, null, 2) + '\n');
