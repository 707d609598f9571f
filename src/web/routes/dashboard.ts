/** The programme dashboard: the funnel against the target, what blocks claims, outcomes by problem — charts with tables. */
import type { FastifyInstance } from 'fastify';
import { problemOutcomes, programmeDashboard, type Dashboard, type OutcomesByProblem } from '../services/programme-dashboard.ts';
import { barChart } from '../view-models/bar-chart.ts';
import type { WebServices } from '../web-services.ts';

/** Figures are worked out again when the programme's data changes, and at least this often (timelines from outside the database). */
const maxAgeMs = 10 * 60_000;

/**
 * One value shared by everyone who asks, worked out again when its key (data version and as-of date)
 * changes or it is older than {@link maxAgeMs}. Only one computation runs at a time; while it runs,
 * the previous figures are shown, marked as being updated (only the very first request waits).
 */
function sharedFigures<T>(): (key: string, compute: () => Promise<T>) => Promise<{ at: Date; value: T; updating: boolean }> {
  let latest: { key: string; at: number; value: T } | undefined;
  let pending: { key: string; value: Promise<T> } | undefined;
  return async (key, compute) => {
    const fresh = latest !== undefined && latest.key === key && Date.now() - latest.at <= maxAgeMs;
    if (!fresh && !pending) {
      const started = Date.now();
      const computation = { key, value: compute() };
      pending = computation;
      computation.value.then(
        (value) => {
          latest = { key, at: started, value };
          if (pending === computation) pending = undefined;
        },
        () => {
          if (pending === computation) pending = undefined;
        },
      );
    }
    if (latest && (fresh || pending)) return { at: new Date(latest.at), value: latest.value, updating: !fresh };
    const value = await pending!.value;
    return { at: new Date(latest?.at ?? Date.now()), value, updating: false };
  };
}

export function dashboardRoutes(app: FastifyInstance, services: WebServices): void {
  const figures = sharedFigures<Dashboard>();
  const outcomes = sharedFigures<OutcomesByProblem>();

  app.get('/dashboard', { config: { permission: 'dashboard:read' } }, async (_request, reply) => {
    const asOf = services.today();
    const version = await services.programmeVersion();
    const current = await figures(`${asOf}|${version.workflow}`, () => programmeDashboard(services.workflow, asOf));
    const byProblem = await outcomes(`${asOf}|${version.outcomes}`, () => problemOutcomes(services.workflow, services.verdicts, services.evaluator, asOf));
    const d = current.value;
    const o = byProblem.value;
    const target = services.claimTarget;
    return reply.page('pages/dashboard.njk', {
      d,
      o,
      computedAt: current.at,
      updating: current.updating || byProblem.updating,
      target,
      funnelChart: barChart('funnel', 'Families at each stage', d.funnel.map((f) => ({ label: f.stage, value: f.count, display: String(f.count) })), target === undefined ? undefined : { value: target, label: `Target ${target}` }),
      blockersChart: d.blockers.length ? barChart('blockers', 'What blocks claims', d.blockers.map((b) => ({ label: b.reason, value: b.count, display: String(b.count) }))) : undefined,
      outcomesChart: o.problems.length
        ? barChart('outcomes', 'Families turned around, by problem', o.problems.map((p) => ({ label: p.title, value: p.turnedAround, display: `${p.turnedAround} of ${p.families}` })))
        : undefined,
    });
  });
}
