/**
 * The web application's tables: user accounts (local passwords today, an organisation's single
 * sign-on later — an account is found by identity provider and subject) and signed-in sessions.
 * Session ids are stored only as SHA-256 hashes, so a copy of the table cannot be used to sign in.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table user_accounts (
    id uuid primary key,
    username text not null unique,
    display_name text not null,
    role text not null check (role in ('administrator', 'data-analyst', 'key-worker', 'auditor', 'manager')),
    identity_provider text not null default 'local',
    identity_subject text not null,
    password_hash text,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (identity_provider, identity_subject)
  )`,
  sql`create table user_sessions (
    id_hash text primary key,
    user_id uuid not null references user_accounts (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  sql`create index user_sessions_user on user_sessions (user_id)`,
  sql`create index user_sessions_expires on user_sessions (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table user_sessions`.execute(db);
  await sql`drop table user_accounts`.execute(db);
}
