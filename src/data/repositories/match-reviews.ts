/** The person-match review queue: new people and uncertain matches a person should look at. */
import { CopyLines, copyLines, type CopyValue } from '../copy-rows.ts';
import type { Executor } from './executor.ts';
import type { MatchReview } from '../schema.ts';

export interface NewMatchReview {
  readonly personId: string;
  readonly rowNumber: number;
  readonly reason: MatchReview['reason'];
  readonly otherPersonIds: readonly string[];
}

/**
 * Loaded with COPY, like people: a first import makes one review per new person (200,000 per million
 * attendance rows in the benchmark). The other people's ids are uuids, written as an array literal
 * `{id,id}` (a uuid needs no quoting in one).
 */
export async function insertMatchReviews(db: Executor, fileId: string, reviews: readonly NewMatchReview[]): Promise<void> {
  await copyMatchReviewLines(db, CopyLines.of(reviews.map((r) => matchReviewCopyRow(fileId, r))));
}

/** One review's values for {@link copyMatchReviewLines}: added as the row is read. */
export function matchReviewCopyRow(fileId: string, r: NewMatchReview): CopyValue[] {
  return [r.personId, fileId, r.rowNumber, r.reason, `{${r.otherPersonIds.join(',')}}`];
}

export async function copyMatchReviewLines(db: Executor, lines: CopyLines): Promise<void> {
  await copyLines(db, 'match_reviews', ['person_id', 'file_id', 'row_number', 'reason', 'other_person_ids'], lines);
}

export async function openMatchReviews(db: Executor, limit = 1000): Promise<MatchReview[]> {
  return db.selectFrom('match_reviews').selectAll().where('status', '=', 'open').orderBy('id').limit(limit).execute();
}
