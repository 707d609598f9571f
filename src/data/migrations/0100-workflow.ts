/**
 * The programme workflow's tables (types in src/data/workflow-schema.ts). The rules that must hold
 * whatever the application does are constraints here:
 *  - one family per household, one open attachment per family;
 *  - a family is claimed at most once: a partial unique index over claims that have not failed audit,
 *    so concurrent claim attempts cannot both succeed (the loser gets a unique violation or, with
 *    `on conflict do nothing`, no row);
 *  - a claim has exactly one snapshot and its audit result belongs to a sampled claim.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create sequence family_reference_seq`,
  sql`create table families (
    id uuid primary key,
    reference text not null unique default ('F-' || lpad(nextval('family_reference_seq')::text, 6, '0')),
    household_id uuid not null unique references households (id),
    created_at timestamptz not null default now()
  )`,
  sql`create table identification_runs (
    id uuid primary key,
    plan_id text not null,
    plan_version text not null,
    as_of date not null,
    run_by text not null,
    run_by_role text not null,
    run_at timestamptz not null,
    filters jsonb not null,
    household_count integer not null,
    candidate_count integer not null
  )`,
  sql`create index identification_runs_plan on identification_runs (plan_id, run_at)`,
  sql`create table identification_candidates (
    run_id uuid not null references identification_runs (id) on delete cascade,
    family_id uuid not null references families (id),
    postcode_district text not null,
    problems jsonb not null,
    indicators jsonb not null,
    primary key (run_id, family_id)
  )`,
  sql`create table attachments (
    id uuid primary key,
    family_id uuid not null references families (id),
    plan_id text not null,
    plan_version text not null,
    identified_on date not null,
    engaged_on date not null,
    lead_professional text,
    assessment_on date,
    action_plan_on date,
    outcomes_aligned boolean not null default false,
    attached_by text not null,
    attached_at timestamptz not null,
    detached_at timestamptz,
    detached_by text,
    detach_reason text,
    check (engaged_on >= identified_on),
    check ((detached_at is null) = (detach_reason is null))
  )`,
  sql`create unique index attachments_one_open on attachments (family_id) where detached_at is null`,
  sql`create table family_problems (
    attachment_id uuid not null references attachments (id),
    problem text not null,
    found_at text not null check (found_at in ('identified', 'engaged', 'emerged')),
    found_on date not null,
    note text,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    primary key (attachment_id, problem)
  )`,
  sql`create table family_status (
    attachment_id uuid primary key references attachments (id),
    as_of date not null,
    status jsonb not null,
    evaluated_at timestamptz not null
  )`,
  sql`create table family_history (
    id bigint generated always as identity primary key,
    family_id uuid not null references families (id),
    attachment_id uuid references attachments (id),
    kind text not null,
    as_of date,
    problem text,
    summary text not null,
    detail jsonb not null,
    recorded_by text not null,
    recorded_at timestamptz not null
  )`,
  sql`create index family_history_family on family_history (family_id, id)`,
  sql`create sequence claim_batch_reference_seq`,
  sql`create table claim_batches (
    id uuid primary key,
    reference text not null unique default ('B-' || lpad(nextval('claim_batch_reference_seq')::text, 4, '0')),
    period_start date not null,
    period_end date not null,
    as_of date not null,
    status text not null check (status in ('draft', 'submitted')),
    created_by text not null,
    created_at timestamptz not null,
    audit_seed integer,
    audit_rate double precision,
    sampled_by text,
    sampled_at timestamptz,
    submitted_by text,
    submitted_at timestamptz,
    check (period_end >= period_start),
    check ((audit_seed is null) = (sampled_at is null))
  )`,
  sql`create table claims (
    id uuid primary key,
    family_id uuid not null references families (id),
    attachment_id uuid not null references attachments (id),
    batch_id uuid not null references claim_batches (id),
    claim_type text not null check (claim_type in ('ssp', 'ce')),
    status text not null check (status in ('claimed', 'failed-audit')),
    created_by text not null,
    created_at timestamptz not null,
    failed_at timestamptz,
    failed_reason text,
    check ((status = 'failed-audit') = (failed_at is not null and failed_reason is not null))
  )`,
  sql`create unique index claims_once_per_family on claims (family_id) where status = 'claimed'`,
  sql`create index claims_batch on claims (batch_id)`,
  sql`create table claim_snapshots (
    claim_id uuid primary key references claims (id),
    plan_id text not null,
    plan_version text not null,
    plan_source text not null,
    plan_file_name text not null,
    timeline text not null,
    as_of date not null,
    verdict text not null,
    verdict_sha256 text not null,
    essentials text not null
  )`,
  sql`create table audit_samples (
    batch_id uuid not null references claim_batches (id),
    claim_id uuid not null references claims (id),
    position integer not null,
    result text check (result in ('pass', 'fail')),
    reason text,
    auditor text,
    recorded_at timestamptz,
    primary key (batch_id, claim_id),
    check ((result is null) = (auditor is null)),
    check (result is distinct from 'fail' or reason is not null)
  )`,
  sql`create table access_log (
    id bigint generated always as identity primary key,
    user_id text not null,
    role text not null,
    family_id uuid not null references families (id),
    action text not null,
    at timestamptz not null
  )`,
  sql`create index access_log_family on access_log (family_id, at)`,
  sql`create index access_log_user on access_log (user_id, at)`,
];

const drops = [
  'access_log',
  'audit_samples',
  'claim_snapshots',
  'claims',
  'claim_batches',
  'family_history',
  'family_status',
  'family_problems',
  'attachments',
  'identification_candidates',
  'identification_runs',
  'families',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of drops) await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`drop sequence claim_batch_reference_seq`.execute(db);
  await sql`drop sequence family_reference_seq`.execute(db);
}
