/**
 * govuk-frontend's stylesheet, script, fonts and images, served from node_modules (no CDN: the
 * service may run where there is no internet), plus the app's own small stylesheet and script.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const govukDist = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk');
const publicFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

export async function setUpStaticAssets(app: FastifyInstance): Promise<void> {
  const cache = { maxAge: '1d', immutable: false } as const;
  await app.register(fastifyStatic, { root: path.join(govukDist, 'assets'), prefix: '/assets/', ...cache });
  await app.register(fastifyStatic, {
    root: govukDist,
    prefix: '/govuk/',
    decorateReply: false,
    index: false,
    allowedPath: (pathName) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(pathName),
    ...cache,
  });
  await app.register(fastifyStatic, { root: publicFolder, prefix: '/public/', decorateReply: false, ...cache });
}
