import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsDirectory, renderPlanDocs } from './generate-plan-docs-lib.ts';

describe('docs/plans', () => {
  it('holds exactly one page per plan, each identical to what the plan renders to (run `npm run docs:plans`)', async () => {
    const expected = await renderPlanDocs();
    const files = (await readdir(docsDirectory)).filter((f) => f.endsWith('.md')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    for (const [file, text] of Object.entries(expected)) {
      expect(await readFile(join(docsDirectory, file), 'utf8'), `docs/plans/${file} is stale: run npm run docs:plans`).toBe(text);
    }
  });
});
