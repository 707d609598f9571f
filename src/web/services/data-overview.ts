/**
 * The data analyst's view of imports, from the data platform's repositories: every extract imported
 * with its counts, one file's quarantined rows with every problem found in them, and the people
 * awaiting a matching review. Uploaded extracts are imported through the import service, and
 * quarantined rows go back out as CSV through the quarantine export.
 */
import { createReadStream } from 'node:fs';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { listImportFiles } from '../../data/repositories/import-files.ts';
import { quarantinedRows, type QuarantinedRow } from '../../data/repositories/data-quality.ts';
import { openMatchReviews } from '../../data/repositories/match-reviews.ts';
import type { QuarantineAccessRecord } from '../../data/repositories/quarantine-access-log.ts';
import type { Actor } from '../../services/actor.ts';
import type { Executor } from '../../data/repositories/executor.ts';
import type { ImportFile, MatchReview } from '../../data/schema.ts';
import { sources } from '../../imports/sources/index.ts';
import { ImportService, type ImportProgress, type ImportReport } from '../../services/import-service.ts';
import { QuarantineExport, type QuarantineExportFile } from '../../services/quarantine-export.ts';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** A CSV said to be UTF-8 holds bytes that are not UTF-8 text (often a Windows-1252 or binary file). */
export class NotUtf8Error extends FamilyOutcomesError {
  readonly code = 'not-utf-8';
  constructor(readonly fileName: string) {
    super(`${fileName} is not UTF-8 text`);
  }
}

/** Chosen as the kind of extract: work it out from the file's header row. */
export const sourceFromHeader = 'from-header';

/** Every extract source with its title, in the order the sources are listed. */
export const extractSources: ReadonlyArray<{ readonly id: string; readonly title: string }> = sources.map((s) => ({ id: s.id, title: s.title }));

export class DataOverview {
  constructor(
    private readonly db: Executor,
    private readonly importService: ImportService = new ImportService(db),
    private readonly quarantine: QuarantineExport = new QuarantineExport(db),
  ) {}

  /**
   * Checks an uploaded extract before its import is queued, reading as little as it can: a CSV read as
   * UTF-8 must be UTF-8 throughout (the import would otherwise store replacement characters silently),
   * and the header row must fit the kind of extract. `source` may be {@link sourceFromHeader}: the kind
   * the header fits best is then taken, when exactly one fits best. Returns the kind of extract.
   * @throws NotUtf8Error, SourceNotDetectedError, and the import's own errors (ExtractFileError, HeaderError, UnknownSourceError)
   */
  async checkUpload(source: string, file: string, encoding: TextEncoding): Promise<string> {
    if (encoding === 'utf-8' && file.toLowerCase().endsWith('.csv') && !(await isUtf8(file))) throw new NotUtf8Error(file);
    // A kind worked out from the header is one whose columns the header has: nothing more to check.
    if (source === sourceFromHeader) return this.importService.detectSource(file, { encoding });
    await this.importService.checkHeader(source, file, { encoding });
    return source;
  }

  /**
   * Imports an uploaded extract that {@link checkUpload} accepted.
   * @throws the import's own errors (ExtractFileError, for a row it cannot read part-way)
   */
  async importUpload(source: string, file: string, encoding: TextEncoding, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
    return this.importService.importFile(source, file, { encoding, ...(onProgress && { onProgress }) });
  }

  /** A file's still-quarantined rows as CSV, for correction and re-import (written to the quarantine access log). */
  async quarantineCsv(fileId: string, actor: Actor): Promise<QuarantineExportFile> {
    return this.quarantine.open({ fileId }, actor);
  }

  async imports(): Promise<ImportFile[]> {
    return (await listImportFiles(this.db)).reverse();
  }

  /**
   * An imported file and its quarantined rows as received. Rows carry personal data, so a listing that
   * shows any is written to the quarantine access log in the actor's name before it is returned.
   */
  async file(id: string, actor: Actor): Promise<{ file: ImportFile; quarantined: QuarantinedRow[] } | undefined> {
    const file = (await listImportFiles(this.db)).find((f) => f.id === id);
    if (!file) return undefined;
    const quarantined = await quarantinedRows(this.db, id);
    if (quarantined.length > 0) await this.quarantine.recordListing(id, actor);
    return { file, quarantined };
  }

  /** The latest listings and exports of quarantined rows, newest first (the access log page). */
  async quarantineAccess(limit: number): Promise<QuarantineAccessRecord[]> {
    return this.quarantine.accessLog(limit);
  }

  async awaitingReview(limit = 200): Promise<MatchReview[]> {
    return openMatchReviews(this.db, limit);
  }
}

async function isUtf8(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}
