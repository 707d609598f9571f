/**
 * Where a web request's time goes: sets up the web bench's council, then records a CPU profile (V8
 * inspector) during the family-page load only, and prints the heaviest functions, self and inclusive.
 * `node --import ./bin/register-typescript.mjs bench/profile-web.ts [families] [family|dashboard]`;
 * the raw profile is written to /tmp/web-<page>.cpuprofile for Chrome DevTools.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { load, setUpWebBench, signInManager } from './web.bench.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const families = Number(process.argv[2] ?? 1000);
const page = process.argv[3] ?? 'family';
const { app, references, close } = await setUpWebBench(families);
try {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const cookie = await signInManager(app);
  const paths = page === 'dashboard' ? ['/dashboard'] : references.slice(0, 500).map((r) => `/families/${r}`);
  await load(url, cookie, 2, paths); // warm up
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await load(url, cookie, 8, paths);
  const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  await writeFile(`/tmp/web-${page}.cpuprofile`, JSON.stringify(profile));
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
  await close();
}
