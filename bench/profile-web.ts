/**
 * Where a web request's time goes: starts the web bench's server process (bench/web-server.ts), loads
 * the family page or the dashboard from this process, records a CPU profile of the server (V8
 * inspector) during the load only, and prints the heaviest functions, self and inclusive.
 * `node --import ./bin/register-typescript.mjs bench/profile-web.ts [families] [family|dashboard] [database|memory]`;
 * the raw profile is written to /tmp/web-<page>.cpuprofile for Chrome DevTools.
 */
import { readFile } from 'node:fs/promises';
import type { TimelineStorage } from './web-council.ts';
import { load, startWebServer, viewEachOnce } from './web.bench.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const families = Number(process.argv[2] ?? 1000);
const page = process.argv[3] ?? 'family';
const timelines = (process.argv[4] ?? 'database') as TimelineStorage;
const server = await startWebServer(families, timelines);
try {
  const { url, cookie, references } = server;
  const paths = page === 'dashboard' ? ['/dashboard'] : references.slice(0, 500).map((r) => `/families/${r}`);
  // Warm up: every page once (first views evaluate the family and read its timeline), then JIT.
  await viewEachOnce(server, paths);
  await load(url, cookie, 2, paths);
  // The server's CPU per response without the profiler (wall-clock swings with the shared machine's load).
  const cpuBefore = await server.cpuMicros();
  const plain = await load(url, cookie, 8, paths);
  const cpuPerResponse = ((await server.cpuMicros()) - cpuBefore) / 1000 / Math.max(1, plain.requests);
  console.log(`${page} without the profiler: ${plain.rps.toFixed(1)} req/s, p95 ${plain.p95} ms, server CPU ${cpuPerResponse.toFixed(2)} ms per response`);
  const file = `/tmp/web-${page}.cpuprofile`;
  const stop = await server.profile(file);
  const result = await load(url, cookie, 8, paths);
  await stop();
  const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  console.log(`${page}: ${result.rps.toFixed(1)} req/s, p95 ${result.p95} ms`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const t = profile.timeDeltas[i] ?? 0;
    total += t;
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      seen.add(k);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`--- self time (of ${(total / 1000).toFixed(0)} ms)\n${top(self, 30)}\n--- inclusive\n${top(inclusive, 70)}`);
} finally {
  await server.close();
}
