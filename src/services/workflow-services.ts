/**
 * The programme workflow's services over one database: a flat list the composition root, the CLI and
 * the web app share. Each receives repositories, the plans (with their source text) and a timeline source.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../data/schema.ts';
import { createWorkflowRepositories, type WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import { AccessLogService } from './access-log-service.ts';
import { AttachmentService } from './attachment-service.ts';
import { AuditService } from './audit-service.ts';
import { exportBatchCsv } from './claims-export.ts';
import { ClaimsService } from './claims-service.ts';
import { EvidencePackService } from './evidence-pack-service.ts';
import { EvidenceRecordingService } from './evidence-recording-service.ts';
import { FamilyEvaluator } from './family-evaluation.ts';
import { IdentificationService } from './identification-service.ts';
import { ImportService } from './import-service.ts';
import type { PlanSources } from './plan-sources.ts';
import { PagedTimelineSource, type TimelineSource } from './timeline-source.ts';
import { TrackingService } from './tracking-service.ts';
import { VerdictStore } from './verdict-store.ts';
import { StoredVerdictsRepository } from '../data/repositories/stored-verdicts.ts';

export interface WorkflowDependencies {
  readonly db: Kysely<Database>;
  readonly plans: PlanSources;
  readonly timelines: TimelineSource;
  readonly now?: () => Date;
}

export interface WorkflowServices {
  readonly repositories: WorkflowRepositories;
  readonly attachment: AttachmentService;
  readonly claims: ClaimsService;
  readonly audit: AuditService;
  readonly accessLog: AccessLogService;
  readonly tracking: TrackingService;
  /** Each attached family's latest verdict summary (written by tracking and by family-page views). */
  readonly verdicts: VerdictStore;
  readonly identification: IdentificationService;
  readonly evidencePacks: EvidencePackService;
  /** Evidence and assessment scores recorded for a family (through the import pipeline), then re-tracked. */
  readonly records: EvidenceRecordingService;
  exportBatchCsv(batch: string): Promise<string>;
}

export function createWorkflowServices(deps: WorkflowDependencies): WorkflowServices {
  const now = deps.now ?? (() => new Date());
  const repositories = createWorkflowRepositories(deps.db);
  // Paged: tracking reads a page of families' timelines at once (only its own work sees the page).
  const timelines = new PagedTimelineSource(deps.timelines);
  const evaluator = new FamilyEvaluator(deps.plans, timelines);
  const verdicts = new VerdictStore(new StoredVerdictsRepository(deps.db), now);
  const tracking = new TrackingService(repositories, evaluator, now, verdicts, timelines);
  return {
    repositories,
    attachment: new AttachmentService(repositories, deps.plans, evaluator, now, timelines),
    claims: new ClaimsService(repositories, evaluator, now),
    audit: new AuditService(repositories, now),
    accessLog: new AccessLogService(repositories, now),
    tracking,
    verdicts,
    identification: new IdentificationService(repositories, deps.plans, deps.timelines, now),
    evidencePacks: new EvidencePackService(repositories, now),
    records: new EvidenceRecordingService({ db: deps.db, imports: new ImportService(deps.db), repositories, evaluator, tracking, now }),
    exportBatchCsv: (batch) => exportBatchCsv(repositories, batch),
  };
}
