/** The programme dashboard: the funnel against the target, what blocks claims, outcomes by problem — charts with tables. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ProgrammeVersion } from '../../data/repositories/programme-version.ts';
import { problemOutcomes, programmeDashboard, storeMissingSummaries, type Dashboard, type OutcomesByProblem } from '../services/programme-dashboard.ts';
import { barChart } from '../view-models/bar-chart.ts';
import type { WebServices } from '../web-services.ts';

/** Figures are worked out again when the programme's data changes, and at least this often (timelines from outside the database). */
const maxAgeMs = 10 * 60_000;
/** The programme's data version is checked at most this often (its query costs more than the rest of the page). */
const versionCheckMs = 1_000;

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
  let version: { at: number; value: Promise<ProgrammeVersion> } | undefined;
  const currentVersion = (): Promise<ProgrammeVersion> => {
    if (!version || Date.now() - version.at > versionCheckMs) {
      const value = services.programmeVersion();
      value.catch(() => (version = undefined));
      version = { at: Date.now(), value };
    }
    return version.value;
  };
  // Families with no stored summary yet are evaluated in the background, one run at a time; the page
  // says how many are still to do, and the stored summaries' version moves as they are stored.
  let filling = false;
  const fillMissing = (asOf: string) => {
    if (filling) return;
    filling = true;
    storeMissingSummaries(services.workflow, services.verdicts, services.evaluator, asOf)
      .catch((error: unknown) => app.log.error({ err: error }, 'storing missing verdict summaries failed'))
      .finally(() => {
        filling = false;
        version = undefined;
      });
  };

  // The figures' HTML is the same for every viewer: rendered once per computation and kept until the
  // figures (or whether they are being updated) change. Only the layout is rendered per request.
  let kept: { figures: Dashboard; outcomes: OutcomesByProblem; at: number; updating: boolean; html: string } | undefined;
  const figuresHtml = (reply: FastifyReply, current: { at: Date; value: Dashboard }, byProblem: { value: OutcomesByProblem }, updating: boolean): string => {
    if (kept && kept.figures === current.value && kept.outcomes === byProblem.value && kept.at === current.at.getTime() && kept.updating === updating) return kept.html;
    const d = current.value;
    const o = byProblem.value;
    const target = services.claimTarget;
    const html = reply.fragment('partials/dashboard-figures.njk', {
      d,
      o,
      computedAt: current.at,
      updating,
      target,
      funnelChart: barChart('funnel', 'Families at each stage', d.funnel.map((f) => ({ label: f.stage, value: f.count, display: String(f.count) })), target === undefined ? undefined : { value: target, label: `Target ${target}` }),
      blockersChart: d.blockers.length ? barChart('blockers', 'What blocks claims', d.blockers.map((b) => ({ label: b.reason, value: b.count, display: String(b.count) }))) : undefined,
      outcomesChart: o.problems.length
        ? barChart('outcomes', 'Families turned around, by problem', o.problems.map((p) => ({ label: p.title, value: p.turnedAround, display: `${p.turnedAround} of ${p.families}` })))
        : undefined,
    });
    kept = { figures: d, outcomes: o, at: current.at.getTime(), updating, html };
    return html;
  };

  app.get('/dashboard', { config: { permission: 'dashboard:read' } }, async (_request, reply) => {
    const asOf = services.today();
    const { workflow, outcomes: outcomesVersion } = await currentVersion();
    const current = await figures(`${asOf}|${workflow}|${outcomesVersion}`, () => programmeDashboard(services.workflow, services.verdicts, asOf));
    const byProblem = await outcomes(`${asOf}|${outcomesVersion}`, () => problemOutcomes(services.workflow, services.verdicts));
    if (byProblem.value.missing > 0) fillMissing(asOf);
    return reply.page('pages/dashboard.njk', { figuresHtml: figuresHtml(reply, current, byProblem, current.updating || byProblem.updating) });
  });
}
