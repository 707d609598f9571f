// Node module hooks that run the project's TypeScript directly: each .ts file is transpiled by
// esbuild when first imported (type-stripping only; `npm run typecheck` checks types).
//
// Why not tsx, which the tests' tooling also installs? tsx forces esbuild's keepNames, which wraps
// every named function in a helper call; the rules engine creates many small closures per family
// and ran about 2.7 times slower under it (README.md, "Development"). This hook keeps names off.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: path,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
