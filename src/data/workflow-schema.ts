/**
 * The programme workflow's tables (migration 0100-workflow): families, identification runs and their
 * candidates, attachments with the four essentials, problems per family, tracked status and history,
 * claim batches, claims with their evaluation snapshots, the internal-audit sample and the access log.
 * Queries use `db.withTables<WorkflowTables>()` over the data platform's `Database`.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ProblemId } from '../engine/index.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface FamiliesTable {
  id: string;
  /** Stable, human-readable reference (`F-000123`): what staff and the export use. */
  reference: Generated<string>;
  household_id: string;
  created_at: CreatedAt;
}

export interface IdentificationRunsTable {
  id: string;
  plan_id: string;
  plan_version: string;
  as_of: string;
  run_by: string;
  run_by_role: string;
  run_at: Date;
  filters: Json<IdentificationFilters>;
  household_count: number;
  candidate_count: number;
}

export interface IdentificationFilters {
  readonly problems?: readonly ProblemId[] | undefined;
  /** Postcode districts (outward codes), e.g. `SO14`. */
  readonly areas?: readonly string[] | undefined;
}

export interface CandidateIndicator {
  readonly id: string;
  readonly ref: string;
  readonly problem: ProblemId;
  readonly text: string;
  readonly subjects: readonly string[];
  readonly events: readonly string[];
  readonly origins: readonly SourceRow[];
}

export interface SourceRow {
  readonly event: string;
  readonly file: string | null;
  readonly row: number | null;
}

export interface IdentificationCandidatesTable {
  run_id: string;
  family_id: string;
  postcode_district: string;
  problems: Json<readonly ProblemId[]>;
  indicators: Json<readonly CandidateIndicator[]>;
}

export interface AttachmentsTable {
  id: string;
  family_id: string;
  plan_id: string;
  plan_version: string;
  identified_on: string;
  engaged_on: string;
  /** The lead professional's name, as shown (and the only record for a lead without an account). */
  lead_professional: string | null;
  /** The lead professional's user account, when they have one (migration 0310): who may see and change the family. */
  lead_user_id: string | null;
  assessment_on: string | null;
  action_plan_on: string | null;
  outcomes_aligned: boolean;
  attached_by: string;
  attached_at: Date;
  detached_at: Date | null;
  detached_by: string | null;
  detach_reason: string | null;
}

export type FoundAt = 'identified' | 'engaged' | 'emerged';

export interface FamilyProblemsTable {
  attachment_id: string;
  problem: ProblemId;
  found_at: FoundAt;
  found_on: string;
  note: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface TrackedStatus {
  readonly problems: Readonly<Partial<Record<ProblemId, string>>>;
  readonly ssp: boolean;
  readonly ce: boolean;
}

export interface FamilyStatusTable {
  attachment_id: string;
  as_of: string;
  status: Json<TrackedStatus>;
  evaluated_at: Date;
}

export type HistoryKind =
  | 'attached'
  | 'detached'
  | 'essential-recorded'
  | 'problem-added'
  | 'problem-turned-around'
  | 'problem-regressed'
  | 'problem-status-changed'
  | 'became-claimable'
  | 'no-longer-claimable'
  | 'claimed'
  | 'claim-failed-audit'
  | 'evidence-recorded';

export interface FamilyHistoryTable {
  id: Generated<string>;
  family_id: string;
  attachment_id: string | null;
  kind: HistoryKind;
  as_of: string | null;
  problem: string | null;
  summary: string;
  /** A verdict excerpt or the recorded values: JSON. */
  detail: Json<unknown>;
  recorded_by: string;
  recorded_at: Date;
}

export type BatchStatus = 'draft' | 'submitted';

export interface ClaimBatchesTable {
  id: string;
  reference: Generated<string>;
  period_start: string;
  period_end: string;
  as_of: string;
  status: BatchStatus;
  created_by: string;
  created_at: Date;
  audit_seed: number | null;
  audit_rate: number | null;
  sampled_by: string | null;
  sampled_at: Date | null;
  submitted_by: string | null;
  submitted_at: Date | null;
}

export type ClaimType = 'ssp' | 'ce';
export type ClaimStatus = 'claimed' | 'failed-audit';

export interface ClaimsTable {
  id: string;
  family_id: string;
  attachment_id: string;
  batch_id: string;
  claim_type: ClaimType;
  status: ClaimStatus;
  created_by: string;
  created_at: Date;
  failed_at: Date | null;
  failed_reason: string | null;
}

export interface ClaimSnapshotsTable {
  claim_id: string;
  plan_id: string;
  plan_version: string;
  /** The plan's YAML exactly as it was read. */
  plan_source: string;
  plan_file_name: string;
  /** The timeline JSON text exactly as evaluated (text, not jsonb, so the bytes are kept). */
  timeline: string;
  as_of: string;
  /** `JSON.stringify(verdict)`: the replay must reproduce these bytes. */
  verdict: string;
  verdict_sha256: string;
  /** The four essentials at the time of the claim (JSON). */
  essentials: string;
}

export interface AuditSamplesTable {
  batch_id: string;
  claim_id: string;
  position: number;
  result: 'pass' | 'fail' | null;
  reason: string | null;
  auditor: string | null;
  recorded_at: Date | null;
}

export interface AccessLogTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  family_id: string;
  action: string;
  at: Date;
}

export type WorkflowTables = {
  families: FamiliesTable;
  identification_runs: IdentificationRunsTable;
  identification_candidates: IdentificationCandidatesTable;
  attachments: AttachmentsTable;
  family_problems: FamilyProblemsTable;
  family_status: FamilyStatusTable;
  family_history: FamilyHistoryTable;
  claim_batches: ClaimBatchesTable;
  claims: ClaimsTable;
  claim_snapshots: ClaimSnapshotsTable;
  audit_samples: AuditSamplesTable;
  access_log: AccessLogTable;
};

export type Attachment = Selectable<AttachmentsTable>;
export type ClaimBatch = Selectable<ClaimBatchesTable>;
export type Claim = Selectable<ClaimsTable>;
export type ClaimSnapshot = Selectable<ClaimSnapshotsTable>;
