/**
 * The data analyst's view of imports, from the data platform's repositories: every extract imported
 * with its counts, one file's quarantined rows with every problem found in them, and the people
 * awaiting a matching review. Read-only: imports themselves run through the import service.
 */
import { listImportFiles } from '../../data/repositories/import-files.ts';
import { quarantinedRows, type QuarantinedRow } from '../../data/repositories/data-quality.ts';
import { openMatchReviews } from '../../data/repositories/match-reviews.ts';
import type { Executor } from '../../data/repositories/executor.ts';
import type { ImportFile, MatchReview } from '../../data/schema.ts';

export class DataOverview {
  constructor(private readonly db: Executor) {}

  async imports(): Promise<ImportFile[]> {
    return (await listImportFiles(this.db)).reverse();
  }

  async file(id: string): Promise<{ file: ImportFile; quarantined: QuarantinedRow[] } | undefined> {
    const file = (await listImportFiles(this.db)).find((f) => f.id === id);
    return file && { file, quarantined: await quarantinedRows(this.db, id) };
  }

  async awaitingReview(limit = 200): Promise<MatchReview[]> {
    return openMatchReviews(this.db, limit);
  }
}
