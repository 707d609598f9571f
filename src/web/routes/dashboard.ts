/** The programme dashboard: the funnel against the target, and what blocks claims — charts with tables. */
import type { FastifyInstance } from 'fastify';
import { programmeDashboard, type Dashboard } from '../services/programme-dashboard.ts';
import { barChart } from '../view-models/bar-chart.ts';
import type { WebServices } from '../web-services.ts';

/** The dashboard assesses every attached family, so its figures are shared for this long (and said to be). */
const freshForMs = 60_000;

export function dashboardRoutes(app: FastifyInstance, services: WebServices): void {
  // One computation at a time, shared by everyone who asks while it runs or within the next minute.
  let cached: { at: number; asOf: string; figures: Promise<Dashboard> } | undefined;
  const figures = () => {
    const asOf = services.today();
    if (!cached || cached.asOf !== asOf || Date.now() - cached.at > freshForMs) {
      const pending = programmeDashboard(services.workflow, asOf);
      pending.catch(() => (cached = undefined));
      cached = { at: Date.now(), asOf, figures: pending };
    }
    return cached;
  };

  app.get('/dashboard', { config: { permission: 'dashboard:read' } }, async (_request, reply) => {
    const current = figures();
    const d = await current.figures;
    const target = services.claimTarget;
    return reply.page('pages/dashboard.njk', {
      d,
      computedAt: new Date(current.at),
      target,
      funnelChart: barChart('funnel', 'Families at each stage', d.funnel.map((f) => ({ label: f.stage, value: f.count, display: String(f.count) })), target === undefined ? undefined : { value: target, label: `Target ${target}` }),
      blockersChart: d.blockers.length ? barChart('blockers', 'What blocks claims', d.blockers.map((b) => ({ label: b.reason, value: b.count, display: String(b.count) }))) : undefined,
    });
  });
}
