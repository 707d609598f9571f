/** Plans: every plan and version, a readable rendering of one, and what changed between two versions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UnknownPlanError } from '../../engine/index.ts';
import { diffPlans } from '../../engine/plan/diff-plans.ts';
import type { PlanRepository } from '../../plans/plan-repository.ts';
import { parseForm } from '../forms.ts';
import { changeView, planView } from '../view-models/plan-view.ts';
import { PageNotFoundError } from '../web-errors.ts';

const refParams = z.object({ ref: z.string().regex(/^[a-z0-9-]+@[A-Za-z0-9._-]+$/) });
const compareQuery = z.object({
  from: z.string({ error: 'Choose the earlier version' }).min(1, 'Choose the earlier version'),
  to: z.string({ error: 'Choose the later version' }).min(1, 'Choose the later version'),
});

export function planRoutes(app: FastifyInstance, plans: PlanRepository): void {
  const config = { permission: 'plans:read' } as const;

  app.get('/plans', { config }, async (_request, reply) => {
    return reply.page('pages/plans/list.njk', { plans: plans.list() });
  });

  app.get('/plans/:ref', { config }, async (request, reply) => {
    const params = refParams.safeParse(request.params);
    if (!params.success) throw new PageNotFoundError('plan');
    const compiled = getPlan(plans, params.data.ref);
    const versions = plans.list().filter((p) => p.id === compiled.plan.id);
    return reply.page('pages/plans/show.njk', { plan: planView(compiled), versions });
  });

  app.get('/plans/:ref/compare', { config }, async (request, reply) => {
    const params = refParams.safeParse(request.params);
    if (!params.success) throw new PageNotFoundError('plan');
    const compiled = getPlan(plans, params.data.ref);
    const versions = plans.list().filter((p) => p.id === compiled.plan.id);
    const query = request.query as Record<string, unknown>;
    const page = { plan: planView(compiled), versions, values: query };
    if (Object.keys(query).length === 0) return reply.page('pages/plans/compare.njk', page);
    const form = parseForm(compareQuery, query);
    if (!form.ok) return reply.code(400).page('pages/plans/compare.njk', { ...page, errors: form.errors });
    const from = versions.find((v) => v.ref === form.value.from);
    const to = versions.find((v) => v.ref === form.value.to);
    if (!from || !to) throw new PageNotFoundError('plan version');
    const before = plans.get(from.ref).plan;
    const after = plans.get(to.ref).plan;
    return reply.page('pages/plans/compare.njk', {
      ...page,
      from,
      to,
      changes: diffPlans(before, after).map(changeView),
    });
  });
}

function getPlan(plans: PlanRepository, ref: string) {
  try {
    return plans.get(ref);
  } catch (error) {
    if (error instanceof UnknownPlanError) throw new PageNotFoundError('plan');
    throw error;
  }
}
