/**
 * The data platform's tables: import files and their raw rows, people and their identifiers, households
 * and membership over time, events with provenance and a history of corrections, data-quality issues,
 * quarantine and the person-match review queue. Plain SQL that runs on PostgreSQL 15 and on PGlite.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table import_files (
    id uuid primary key,
    source text not null,
    file_name text not null,
    sha256 text not null,
    header text not null,
    row_count integer not null,
    stored_count integer not null,
    quarantined_count integer not null,
    inserted_count integer not null,
    corrected_count integer not null,
    unchanged_count integer not null,
    blank_line_count integer not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    unique (source, sha256)
  )`,
  sql`create table raw_rows (
    file_id uuid not null references import_files (id),
    row_number integer not null,
    record_key text,
    raw_values text not null,
    outcome text not null check (outcome in ('stored', 'quarantined')),
    primary key (file_id, row_number)
  )`,
  sql`create table people (
    id uuid primary key,
    forename text not null,
    surname text not null,
    date_of_birth date not null,
    sex text not null check (sex in ('female', 'male', 'other', 'unknown')),
    nhs_number text,
    upn text,
    ni_number text,
    address text not null,
    postcode text not null,
    match_key text not null,
    created_by_file_id uuid references import_files (id),
    created_at timestamptz not null default now()
  )`,
  sql`create index people_match_key on people (match_key)`,
  sql`create table person_identifiers (
    kind text not null,
    value text not null,
    person_id uuid not null references people (id),
    primary key (kind, value)
  )`,
  sql`create index person_identifiers_person on person_identifiers (person_id)`,
  sql`create table households (
    id uuid primary key,
    address text not null,
    postcode text not null,
    address_key text not null unique,
    created_at timestamptz not null default now()
  )`,
  sql`create table household_members (
    household_id uuid not null references households (id),
    person_id uuid not null references people (id),
    first_seen date not null,
    last_seen date not null,
    primary key (household_id, person_id)
  )`,
  sql`create index household_members_person on household_members (person_id)`,
  sql`create table events (
    id uuid primary key default gen_random_uuid(),
    source text not null,
    record_key text not null,
    type text not null,
    person_id uuid not null references people (id),
    household_id uuid not null references households (id),
    start_date date not null,
    end_date date,
    payload jsonb not null,
    content_hash text not null,
    file_id uuid not null,
    row_number integer not null,
    version integer not null default 1,
    updated_at timestamptz not null default now(),
    unique (source, record_key),
    foreign key (file_id, row_number) references raw_rows (file_id, row_number)
  )`,
  sql`create index events_household on events (household_id)`,
  sql`create index events_person on events (person_id)`,
  sql`create table event_history (
    id bigint generated always as identity primary key,
    event_id uuid not null references events (id),
    version integer not null,
    person_id uuid not null,
    household_id uuid not null,
    start_date date not null,
    end_date date,
    payload jsonb not null,
    content_hash text not null,
    file_id uuid not null,
    row_number integer not null,
    replaced_by_file_id uuid not null references import_files (id),
    replaced_at timestamptz not null default now(),
    foreign key (file_id, row_number) references raw_rows (file_id, row_number)
  )`,
  sql`create index event_history_event on event_history (event_id)`,
  sql`create table data_quality_issues (
    id bigint generated always as identity primary key,
    file_id uuid not null,
    row_number integer not null,
    column_name text,
    value text,
    reason text not null,
    foreign key (file_id, row_number) references raw_rows (file_id, row_number)
  )`,
  sql`create index data_quality_issues_row on data_quality_issues (file_id, row_number)`,
  sql`create table quarantine (
    file_id uuid not null,
    row_number integer not null,
    source text not null,
    record_key text,
    status text not null check (status in ('open', 'released')),
    released_by_file_id uuid references import_files (id),
    released_at timestamptz,
    primary key (file_id, row_number),
    foreign key (file_id, row_number) references raw_rows (file_id, row_number)
  )`,
  sql`create index quarantine_open_key on quarantine (source, record_key) where status = 'open'`,
  sql`create table match_reviews (
    id bigint generated always as identity primary key,
    person_id uuid not null references people (id),
    file_id uuid not null,
    row_number integer not null,
    reason text not null check (reason in ('new-person', 'conflicting-identifiers', 'ambiguous-name-match')),
    other_person_ids uuid[] not null default '{}',
    status text not null default 'open' check (status in ('open', 'resolved')),
    created_at timestamptz not null default now(),
    foreign key (file_id, row_number) references raw_rows (file_id, row_number)
  )`,
  sql`create index match_reviews_open on match_reviews (status, created_at)`,
];

const tables = [
  'match_reviews',
  'quarantine',
  'data_quality_issues',
  'event_history',
  'events',
  'household_members',
  'households',
  'person_identifiers',
  'people',
  'raw_rows',
  'import_files',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql`drop table ${sql.table(table)}`.execute(db);
}
