/**
 * Imports a test ends when it likes, for upload jobs: each reports progress when told and ends (with a
 * small report, or an error) when told, so a test can see a job queued, running and ended.
 */
import path from 'node:path';
import type { ImportProgress, ImportReport } from '../../services/import-service.ts';
import type { TextEncoding } from '../services/data-overview.ts';

export class HeldImports {
  readonly started: string[] = [];

  /** `fileId`: the import file the reports name (a stored one: a job's record refers to it). */
  constructor(private readonly fileId = heldFileId) {}

  readonly #waiting: Array<{ resolve: () => void; reject: (error: unknown) => void; onProgress: ((p: ImportProgress) => void) | undefined }> = [];

  async checkUpload(source: string): Promise<string> {
    return source;
  }

  importUpload(_source: string, file: string, _encoding: TextEncoding, onProgress?: (p: ImportProgress) => void): Promise<ImportReport> {
    this.started.push(path.basename(file));
    return new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject, onProgress })).then(() => report(path.basename(file), this.fileId));
  }

  progress(p: ImportProgress): void {
    this.#waiting[0]!.onProgress?.(p);
  }

  finish(error?: unknown): void {
    const next = this.#waiting.shift()!;
    if (error === undefined) next.resolve();
    else next.reject(error);
  }
}

/** The import file the held imports report (a job's record refers to it). */
export const heldFileId = '00000000-0000-4000-8000-000000000001';

function report(file: string, fileId: string): ImportReport {
  return { file, source: 'housing', sha256: 'x', fileId, alreadyImported: false, rows: 3, stored: 3, inserted: 3, corrected: 0, unchanged: 0, quarantined: 0, blankLines: 0, newPeople: 2, matchReviews: 0, releasedFromQuarantine: 0, issueCount: 0, issues: [], warnings: [] };
}

