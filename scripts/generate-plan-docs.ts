/** `npm run docs:plans`: writes docs/plans/<id>.md, a readable rendering of each plan (see generate-plan-docs-lib.ts). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docsDirectory, renderPlanDocs } from './generate-plan-docs-lib.ts';

await mkdir(docsDirectory, { recursive: true });
for (const [file, text] of Object.entries(await renderPlanDocs())) {
  await writeFile(join(docsDirectory, file), text);
  console.log(`wrote docs/plans/${file}`);
}
