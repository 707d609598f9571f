/** Data: imported extracts with their quality reports and quarantined rows, and people awaiting review. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DataOverview } from '../services/data-overview.ts';
import { PageNotFoundError } from '../web-errors.ts';

const fileParams = z.object({ id: z.uuid() });
const reviewReasons = { 'new-person': 'New person (no match found)', 'conflicting-identifiers': 'Identifiers point at different people', 'ambiguous-name-match': 'Name matches more than one person' } as const;

export function dataRoutes(app: FastifyInstance, data: DataOverview): void {
  const config = { permission: 'data:manage' } as const;

  app.get('/data', { config }, async (_request, reply) => {
    const [imports, reviews] = await Promise.all([data.imports(), data.awaitingReview(1)]);
    return reply.page('pages/data/index.njk', { imports, anyAwaitingReview: reviews.length > 0 });
  });

  app.get('/data/imports/:id', { config }, async (request, reply) => {
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw new PageNotFoundError('import');
    const found = await data.file(params.data.id);
    if (!found) throw new PageNotFoundError('import');
    return reply.page('pages/data/import.njk', found);
  });

  app.get('/data/reviews', { config }, async (_request, reply) => {
    const reviews = (await data.awaitingReview()).map((r) => ({ ...r, reasonText: reviewReasons[r.reason] }));
    return reply.page('pages/data/reviews.njk', { reviews });
  });
}
