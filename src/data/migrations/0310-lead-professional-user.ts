/**
 * The lead professional as a user: `attachments.lead_user_id` names the key worker's account, so who
 * may see and change a family no longer depends on how a name was typed. `lead_professional` stays:
 * it is the name shown and kept in history, and the only record for a lead without an account.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachments add column lead_user_id uuid references user_accounts (id)`.execute(db);
  await sql`create index attachments_lead_user on attachments (lead_user_id) where detached_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index attachments_lead_user`.execute(db);
  await sql`alter table attachments drop column lead_user_id`.execute(db);
}
