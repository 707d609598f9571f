/**
 * The evidence pack of a claimed family: one self-contained HTML document (inline CSS, no external assets,
 * printable to PDF) built only from the claim's snapshot, so it shows exactly what was claimed. Members
 * appear by id, role and age (no names); every figure lists the source file and row it came from.
 * Nunjucks with autoescaping: every value from the data is escaped.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ageOn, parseDay } from '../engine/calendar/day.ts';
import type { Figure, SubjectResult, Timeline, Verdict } from '../engine/index.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { SourceRow } from '../data/workflow-schema.ts';
import { sourceRow } from './identification-service.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates')), {
  autoescape: true,
  throwOnUndefined: true,
});

export interface EvidencePack {
  readonly familyReference: string;
  readonly claimId: string;
  readonly html: string;
}

export class EvidencePackService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The pack of the family's standing claim (by family id or reference), or of a claim id. */
  async render(key: { family: string } | { claimId: string }): Promise<EvidencePack> {
    const claim = 'claimId' in key ? await this.repositories.claims.claim(key.claimId) : await this.standingClaim(key.family);
    if (!claim) throw new NotFoundError('claim', 'claimId' in key ? key.claimId : key.family);
    const snapshot = await this.repositories.claims.snapshot(claim.id);
    const batch = await this.repositories.claims.batch(claim.batch_id);
    if (!snapshot || !batch) throw new NotFoundError('snapshot of claim', claim.id);
    const timeline = JSON.parse(snapshot.timeline) as Timeline;
    const verdict = JSON.parse(snapshot.verdict) as Verdict;
    const origins = new Map(timeline.events.map((e, i) => [e.id ?? `e${i}`, e]));
    const sources = (figure: Figure): SourceRow[] => (figure.events ?? []).map((id) => sourceRow(id, origins.get(id)?.origin));
    const subjects = (list: readonly SubjectResult[]) =>
      list.map((s) => ({ ...s, figures: s.figures.map((f) => ({ ...f, value: formatValue(f.value), sources: sources(f) })) }));
    const asOf = parseDay(snapshot.as_of);
    const html = templates.render('evidence-pack.njk', {
      familyReference: claim.family_reference,
      claim: { id: claim.id, type: claim.claim_type === 'ssp' ? 'Significant and sustained progress' : 'Continuous employment', status: claim.status, failedReason: claim.failed_reason },
      claimReasons: claim.claim_type === 'ssp' ? verdict.claims.significantAndSustainedProgress.reasons : verdict.claims.continuousEmployment.reasons,
      batch: { reference: batch.reference, periodStart: batch.period_start, periodEnd: batch.period_end },
      plan: { ref: `${snapshot.plan_id}@${snapshot.plan_version}`, authority: verdict.plan.authority },
      asOf: snapshot.as_of,
      programme: verdict.programme,
      verdictSha256: snapshot.verdict_sha256,
      essentials: JSON.parse(snapshot.essentials) as unknown,
      members: timeline.members.map((m) => ({ id: m.id, role: m.role, parent: m.parentingResponsibility, age: ageOn(parseDay(m.dateOfBirth), asOf) })),
      problems: verdict.problems
        .filter((p) => p.identified)
        .map((p) => ({
          ...p,
          indicators: p.indicators.filter((i) => i.met).map((i) => ({ ...i, subjects: subjects(i.subjects) })),
          outcomes: p.outcomes.filter((o) => o.status !== 'not-applicable').map((o) => ({ ...o, subjects: subjects(o.subjects) })),
        })),
      evidence: timeline.events.filter((e) => e.type === 'evidence' || e.type === 'assessment').map((e) => ({ ...e, source: sourceRow(e.id ?? '', e.origin) })),
      generatedAt: this.now().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    return { familyReference: claim.family_reference, claimId: claim.id, html };
  }

  private async standingClaim(familyKey: string) {
    const family = await this.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    const claim = await this.repositories.claims.standingClaimForFamily(family.id);
    if (!claim) throw new WorkflowStateError(`Family ${family.reference} has no standing claim, so it has no evidence pack`);
    return claim;
  }
}

function formatValue(value: Figure['value']): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return value;
}
