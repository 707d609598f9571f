/** The person-match review queue: new people and uncertain matches a person should look at. */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { MatchReview } from '../schema.ts';

export interface NewMatchReview {
  readonly personId: string;
  readonly rowNumber: number;
  readonly reason: MatchReview['reason'];
  readonly otherPersonIds: readonly string[];
}

export async function insertMatchReviews(db: Executor, fileId: string, reviews: readonly NewMatchReview[]): Promise<void> {
  if (reviews.length === 0) return;
  await sql`insert into match_reviews (person_id, file_id, row_number, reason, other_person_ids)
    select p, ${fileId}::uuid, r, x, case when o = '' then '{}'::uuid[] else string_to_array(o, ',')::uuid[] end
    from unnest(${reviews.map((r) => r.personId)}::uuid[], ${reviews.map((r) => r.rowNumber)}::int[], ${reviews.map((r) => r.reason)}::text[],
      ${reviews.map((r) => r.otherPersonIds.join(','))}::text[]) as t(p, r, x, o)`.execute(db);
}

export async function openMatchReviews(db: Executor, limit = 1000): Promise<MatchReview[]> {
  return db.selectFrom('match_reviews').selectAll().where('status', '=', 'open').orderBy('id').limit(limit).execute();
}
