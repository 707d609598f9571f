/** The programme dashboard: the funnel against the target, what blocks claims, outcomes by problem — charts with tables. */
import type { FastifyInstance } from 'fastify';
import { problemOutcomes, programmeDashboard, type Dashboard, type OutcomesByProblem } from '../services/programme-dashboard.ts';
import { barChart } from '../view-models/bar-chart.ts';
import type { WebServices } from '../web-services.ts';

/** Figures are worked out again when the programme's data changes, and at least this often (timelines from outside the database). */
const maxAgeMs = 10 * 60_000;

/**
 * One value shared by everyone who asks, worked out again when its key (data version and as-of date)
 * changes or it is older than {@link maxAgeMs}. While a computation runs, it is shared even if the key
 * moved on meanwhile, so a burst of changes never starts a pile of computations.
 */
function sharedFigures<T>(): (key: string, compute: () => Promise<T>) => { at: Date; value: Promise<T> } {
  let slot: { key: string; at: number; value: Promise<T>; settled: boolean } | undefined;
  return (key, compute) => {
    const stale = !slot || (slot.settled && (slot.key !== key || Date.now() - slot.at > maxAgeMs));
    if (stale) {
      const value = compute();
      const current = { key, at: Date.now(), value, settled: false };
      value.then(
        () => (current.settled = true),
        () => {
          if (slot === current) slot = undefined;
        },
      );
      slot = current;
    }
    return { at: new Date(slot!.at), value: slot!.value };
  };
}

export function dashboardRoutes(app: FastifyInstance, services: WebServices): void {
  const figures = sharedFigures<Dashboard>();
  const outcomes = sharedFigures<OutcomesByProblem>();

  app.get('/dashboard', { config: { permission: 'dashboard:read' } }, async (_request, reply) => {
    const asOf = services.today();
    const version = await services.programmeVersion();
    const current = figures(`${asOf}|${version.workflow}`, () => programmeDashboard(services.workflow, asOf));
    const byProblem = outcomes(`${asOf}|${version.outcomes}`, () => problemOutcomes(services.workflow, services.verdicts, services.evaluator, asOf));
    const d = await current.value;
    const o = await byProblem.value;
    const target = services.claimTarget;
    return reply.page('pages/dashboard.njk', {
      d,
      o,
      computedAt: current.at,
      target,
      funnelChart: barChart('funnel', 'Families at each stage', d.funnel.map((f) => ({ label: f.stage, value: f.count, display: String(f.count) })), target === undefined ? undefined : { value: target, label: `Target ${target}` }),
      blockersChart: d.blockers.length ? barChart('blockers', 'What blocks claims', d.blockers.map((b) => ({ label: b.reason, value: b.count, display: String(b.count) }))) : undefined,
      outcomesChart: o.problems.length
        ? barChart('outcomes', 'Families turned around, by problem', o.problems.map((p) => ({ label: p.title, value: p.turnedAround, display: `${p.turnedAround} of ${p.families}` })))
        : undefined,
    });
  });
}
