/** `npm run schemas`: writes schemas/*.schema.json from the validators (see generate-schemas-lib.ts). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSchemas } from './generate-schemas-lib.ts';

const directory = join(import.meta.dirname, '..', 'schemas');
for (const [file, text] of Object.entries(renderSchemas())) {
  await writeFile(join(directory, file), text);
  console.log(`wrote schemas/${file}`);
}
