/**
 * The tables, as Kysely sees them. Dates are `YYYY-MM-DD` strings (the drivers are configured not to turn
 * them into JavaScript Dates); timestamps are Dates.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface ImportFilesTable {
  id: string;
  source: string;
  file_name: string;
  sha256: string;
  /** The header row as read, a JSON array of strings: `raw_rows.raw_values` line up with it. */
  header: string;
  row_count: number;
  stored_count: number;
  quarantined_count: number;
  inserted_count: number;
  corrected_count: number;
  unchanged_count: number;
  blank_line_count: number;
  started_at: Date;
  finished_at: Date;
}

export interface RawRowsTable {
  file_id: string;
  row_number: number;
  record_key: string | null;
  /** The row's cells as read, a JSON array of strings in header order. */
  raw_values: string;
  outcome: 'stored' | 'quarantined';
}

export interface PeopleTable {
  id: string;
  forename: string;
  surname: string;
  date_of_birth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  nhs_number: string | null;
  upn: string | null;
  ni_number: string | null;
  address: string;
  postcode: string;
  /** Normalised forename|surname|date of birth|postcode, for exact matching. */
  match_key: string;
  created_by_file_id: string | null;
  created_at: CreatedAt;
}

export interface PersonIdentifiersTable {
  /** `nhs`, `upn`, `ni`, or `system:<agency system>` for an agency's own person id. */
  kind: string;
  value: string;
  person_id: string;
}

export interface HouseholdsTable {
  id: string;
  address: string;
  postcode: string;
  /** Normalised address|postcode. */
  address_key: string;
  created_at: CreatedAt;
}

export interface HouseholdMembersTable {
  household_id: string;
  person_id: string;
  first_seen: string;
  last_seen: string;
}

export interface EventsTable {
  id: Generated<string>;
  source: string;
  record_key: string;
  type: string;
  person_id: string;
  household_id: string;
  /** The event's date, or the start of a spell (terms and months: their first day). */
  start_date: string;
  end_date: string | null;
  /** The timeline event without id, person and origin (JSON). */
  payload: unknown;
  content_hash: string;
  file_id: string;
  row_number: number;
  version: Generated<number>;
  updated_at: CreatedAt;
}

export interface EventHistoryTable {
  id: Generated<string>;
  event_id: string;
  version: number;
  person_id: string;
  household_id: string;
  start_date: string;
  end_date: string | null;
  payload: unknown;
  content_hash: string;
  file_id: string;
  row_number: number;
  replaced_by_file_id: string;
  replaced_at: CreatedAt;
}

export interface DataQualityIssuesTable {
  id: Generated<string>;
  file_id: string;
  row_number: number;
  column_name: string | null;
  value: string | null;
  reason: string;
}

export interface QuarantineTable {
  file_id: string;
  row_number: number;
  source: string;
  record_key: string | null;
  status: 'open' | 'released';
  released_by_file_id: string | null;
  released_at: Date | null;
}

export interface MatchReviewsTable {
  id: Generated<string>;
  person_id: string;
  file_id: string;
  row_number: number;
  reason: 'new-person' | 'conflicting-identifiers' | 'ambiguous-name-match';
  /** Other people the row's identifiers or name pointed at. */
  other_person_ids: string[];
  status: 'open' | 'resolved';
  created_at: CreatedAt;
}

/** Who listed or exported a file's quarantined rows (migration 0360). */
export interface QuarantineAccessLogTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  import_file_id: string;
  action: string;
  at: Date;
}

/**
 * What an import found, in counts (the import's report is these with the file's identity and its first
 * problems); an upload's job keeps them for its page, never row values.
 */
export interface ImportCounts {
  /** The same file (same source and SHA-256) was imported before: nothing was changed. */
  readonly alreadyImported: boolean;
  /** Data rows read (not counting the header and blank lines). */
  readonly rows: number;
  /** Rows stored: inserted + corrected + unchanged. */
  readonly stored: number;
  readonly inserted: number;
  readonly corrected: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly blankLines: number;
  readonly newPeople: number;
  readonly matchReviews: number;
  /** Quarantined rows of earlier files that this file's rows corrected. */
  readonly releasedFromQuarantine: number;
  readonly issueCount: number;
  readonly warnings: readonly string[];
}

export type UploadJobStatus = 'queued' | 'running' | 'imported' | 'refused' | 'failed';

/** An extract uploaded on the Data page and imported in the background (migration 0370). */
export interface UploadJobsTable {
  id: string;
  source: string;
  encoding: string;
  file_name: string;
  /** bigint: the drivers return text or a number; the repository turns it into a number. */
  bytes: ColumnType<string | number, number, never>;
  status: UploadJobStatus;
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** How far a running import has read, written about once a second by the process importing it. */
  bytes_read: ColumnType<string | number | null, number | null, number | null>;
  rows_read: number | null;
  /** The process that took the upload and imports it (migration 0380); null for jobs from before it. */
  taken_by: string | null;
  /** The order uploads were taken in (an identity column); bigint, returned as text or a number. */
  queue_order: ColumnType<string | number, never, never>;
  import_file_id: string | null;
  summary: ColumnType<ImportCounts | null, string | null, string | null>;
  problem: string | null;
}

export interface Database {
  import_files: ImportFilesTable;
  raw_rows: RawRowsTable;
  people: PeopleTable;
  person_identifiers: PersonIdentifiersTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  events: EventsTable;
  event_history: EventHistoryTable;
  data_quality_issues: DataQualityIssuesTable;
  quarantine: QuarantineTable;
  match_reviews: MatchReviewsTable;
  quarantine_access_log: QuarantineAccessLogTable;
  upload_jobs: UploadJobsTable;
}

export type ImportFile = Selectable<ImportFilesTable>;
export type NewImportFile = Insertable<ImportFilesTable>;
export type Person = Selectable<PeopleTable>;
export type Household = Selectable<HouseholdsTable>;
export type StoredEvent = Selectable<EventsTable>;
export type MatchReview = Selectable<MatchReviewsTable>;
