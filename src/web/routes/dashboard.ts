/** The programme dashboard: the funnel against the target, and what blocks claims — charts with tables. */
import type { FastifyInstance } from 'fastify';
import { programmeDashboard } from '../services/programme-dashboard.ts';
import { barChart } from '../view-models/bar-chart.ts';
import type { WebServices } from '../web-services.ts';

export function dashboardRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/dashboard', { config: { permission: 'dashboard:read' } }, async (_request, reply) => {
    const d = await programmeDashboard(services.workflow, services.today());
    const target = services.claimTarget;
    return reply.page('pages/dashboard.njk', {
      d,
      target,
      funnelChart: barChart('funnel', 'Families at each stage', d.funnel.map((f) => ({ label: f.stage, value: f.count, display: String(f.count) })), target === undefined ? undefined : { value: target, label: `Target ${target}` }),
      blockersChart: d.blockers.length ? barChart('blockers', 'What blocks claims', d.blockers.map((b) => ({ label: b.reason, value: b.count, display: String(b.count) }))) : undefined,
    });
  });
}
