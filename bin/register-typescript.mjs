// `node --import ./bin/register-typescript.mjs file.ts`: registers the TypeScript loader hooks.
import { register } from 'node:module';
import { setSourceMapsEnabled } from 'node:process';

setSourceMapsEnabled(true);
register('./typescript-loader.mjs', import.meta.url);
