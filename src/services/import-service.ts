/**
 * Imports one agency extract: reads it row by row, validates every row, resolves each good row to a
 * person and a household, and stores it as an event with its provenance. Bad rows go to quarantine with
 * their reasons. Everything happens in one transaction: a failure or a kill part-way leaves the
 * database as it was. Importing the same file again changes nothing; a later file that corrects a
 * record (same source and record_id) updates it and keeps the previous version in history.
 */
import { createHash, hash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { CopyLines } from '../data/copy-rows.ts';
import { addDays, formatDay, parseDay, type Day } from '../engine/calendar/day.ts';
import { easterSunday } from '../engine/calendar/school-terms.ts';
import { FamilyOutcomesError } from '../engine/errors.ts';
import { findImportFile, insertImportFile, lockImports } from '../data/repositories/import-files.ts';
import { copyRawRowLines, rawRowCopyRow } from '../data/repositories/raw-rows.ts';
import { copyIdentifierLines, copyPersonLines, identifierCopyRow, loadKnownPeople, personCopyRow } from '../data/repositories/people.ts';
import { insertHouseholds, loadHouseholdKeys, upsertMemberships, type Membership, type NewHousehold } from '../data/repositories/households.ts';
import { archiveEvents, copyEventLines, correctEvents, eventCopyRow, existingEventHashes, hasEvents, type NewEvent } from '../data/repositories/events.ts';
import { hasOpenQuarantine, insertIssues, quarantineRows, releaseQuarantine, type NewIssue, type NewQuarantinedRow } from '../data/repositories/data-quality.ts';
import { copyMatchReviewLines, matchReviewCopyRow } from '../data/repositories/match-reviews.ts';
import type { Database, ImportCounts, ImportFile } from '../data/schema.ts';
import { timeOrderedId } from '../data/time-ordered-id.ts';
import { isQuarantineExportHeader, unescapeFormula } from '../imports/formula-escape.ts';
import { bestFittingSources, mapHeaderOrSuggest, type HeaderMapping } from '../imports/header.ts';
import { ExtractFileError, fileSha256, readExtract, type ExtractRecord, type ReadProgress, type TextEncoding } from '../imports/readers/extract-reader.ts';
import { findSource, sourceIds, sources } from '../imports/sources/index.ts';
import type { EventDraft, SourceSpec } from '../imports/sources/column-spec.ts';
import { cellText, type RawCell } from '../imports/validation/parse-cell.ts';
import { validateRow, type RowIssue } from '../imports/validation/validate-row.ts';
import { ExactPersonMatcher } from '../matching/exact-person-matcher.ts';
import { householdKey } from '../matching/normalise.ts';
import type { KnownPeople, PersonMatcher } from '../matching/person-matcher.ts';

export class UnknownSourceError extends FamilyOutcomesError {
  readonly code = 'unknown-source';
  constructor(readonly source: string) {
    super(`No extract source ${JSON.stringify(source)}. Sources: ${sourceIds.join(', ')}`);
  }
}

/** The kind of extract was to be worked out from the header row, and the header fits no one kind best. */
export class SourceNotDetectedError extends FamilyOutcomesError {
  readonly code = 'source-not-detected';
  /** `fits`: the kinds it fits equally well (empty when it fits none). */
  constructor(
    readonly file: string,
    readonly fits: readonly string[],
  ) {
    super(`${file} row 1 (header): ${fits.length === 0 ? 'fits no kind of extract' : `fits more than one kind of extract equally well (${fits.join(', ')})`}: choose the kind`);
  }
}

/** One problem in one row, as reported to the person importing the file. */
export interface ImportIssue {
  readonly file: string;
  readonly row: number;
  readonly column?: string;
  readonly value?: string;
  readonly reason: string;
}

export interface ImportReport extends ImportCounts {
  readonly file: string;
  readonly source: string;
  readonly sha256: string;
  readonly fileId: string;
  /** The first {@link reportedIssueLimit} issues (all of them are stored). */
  readonly issues: readonly ImportIssue[];
}

export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface ImportOptions {
  readonly encoding?: TextEncoding;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportServiceOptions {
  /** Rows written per statement (default {@link defaultBatchSize}). */
  readonly batchSize?: number;
  /** Today, for checks such as "date of birth is in the future". */
  readonly today?: () => Day;
  /** The people-resolution strategy (the seam for probabilistic matching). */
  readonly matcher?: (known: KnownPeople) => PersonMatcher;
  /** Called after each batch is written: tests use it to simulate a crash part-way. */
  readonly afterBatch?: (batchNumber: number) => void | Promise<void>;
}

export const reportedIssueLimit = 1000;

/**
 * Rows per batch. Most rows go by COPY and the rest as one JSON document or one array per column, so
 * no bind-parameter limit applies; 2,500, 5,000 and 10,000 measured alike (December 2026), and bigger
 * batches mean fewer statements and lookups.
 */
export const defaultBatchSize = 10_000;

/**
 * An extract held in memory rather than in a file: rows entered in the product (a key worker's evidence
 * on the family page) go through the same validation, resolution, provenance and quarantine as a file.
 * `name` is what the import is recorded as (it stands where a file name would); cells are text.
 */
export interface InMemoryExtract {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** After an import adding this many events or people, the planner's statistics are refreshed. */
export const statisticsRefreshRows = 10_000;

/**
 * Refreshes the query planner's statistics on the tables an import fills. PGlite has no autovacuum and
 * a server's may not have run yet: without this, after a large first import the planner plans for
 * empty tables (a full scan of every event to assemble one household's timeline was seen).
 */
export async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  await sql`analyze events, people, person_identifiers, households, household_members, raw_rows`.execute(db);
}

export class ImportService {
  readonly #today: () => Day;
  readonly #matcher: (known: KnownPeople) => PersonMatcher;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: ImportServiceOptions = {},
  ) {
    this.#today = options.today ?? (() => parseDay(new Date().toISOString().slice(0, 10)));
    this.#matcher = options.matcher ?? ((known) => new ExactPersonMatcher(known, timeOrderedId));
  }

  async importFile(sourceId: string, file: string, options: ImportOptions = {}): Promise<ImportReport> {
    const spec = findSource(sourceId);
    if (!spec) throw new UnknownSourceError(sourceId);
    const totalBytes = (await stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new ExtractFileError(file, `cannot be read (${error.code ?? 'error'})`, undefined, { cause: error });
    })).size;
    const sha256 = await fileSha256(file);
    const previous = await findImportFile(this.db, spec.id, sha256);
    if (previous) return alreadyImportedReport(file, previous);
    const report = await this.db.transaction().execute(async (trx) => (await this.#start(trx, spec, file, sha256)).execute(totalBytes, options));
    if (report.inserted + report.newPeople >= statisticsRefreshRows) await refreshStatistics(this.db);
    return report;
  }

  /**
   * Reads only the file's header row and checks it as `importFile` would, storing nothing: the Data page
   * refuses a wrong file while the person is still on the form, before its import is queued.
   * @throws UnknownSourceError, ExtractFileError (not CSV or .xlsx, unreadable), HeaderError
   */
  async checkHeader(sourceId: string, file: string, options: Pick<ImportOptions, 'encoding'> = {}): Promise<void> {
    const spec = findSource(sourceId);
    if (!spec) throw new UnknownSourceError(sourceId);
    const header = await readHeader(file, options.encoding ?? 'utf-8');
    if (header) mapHeaderOrSuggest(file, spec, header, sources);
  }

  /**
   * The kind of extract a file's header row fits best, read from the header alone: the one kind whose
   * columns it has that leaves fewest of its columns unused.
   * @throws SourceNotDetectedError (it fits none, or several equally), ExtractFileError (not CSV or .xlsx, unreadable)
   */
  async detectSource(file: string, options: Pick<ImportOptions, 'encoding'> = {}): Promise<string> {
    const header = await readHeader(file, options.encoding ?? 'utf-8');
    const fits = header ? bestFittingSources(header, sources) : [];
    if (fits.length !== 1) throw new SourceNotDetectedError(path.basename(file), fits);
    return fits[0]!;
  }

  /**
   * Imports rows held in memory as if they were a CSV file called `extract.name` (header first, data
   * from row 2). The SHA-256 is over the name, header and rows, so the same entry sent twice is
   * reported as already imported and changes nothing.
   */
  async importRows(sourceId: string, extract: InMemoryExtract): Promise<ImportReport> {
    const spec = findSource(sourceId);
    if (!spec) throw new UnknownSourceError(sourceId);
    if (extract.name.includes('/') || extract.name.trim() === '') throw new ExtractFileError(extract.name, 'is not a usable name for an import (blank or contains "/")');
    const sha256 = createHash('sha256').update(JSON.stringify([extract.name, extract.header, extract.rows])).digest('hex');
    const previous = await findImportFile(this.db, spec.id, sha256);
    if (previous) return alreadyImportedReport(extract.name, previous);
    async function* records(): AsyncGenerator<ExtractRecord> {
      yield { row: 1, cells: extract.header };
      for (const [i, cells] of extract.rows.entries()) yield { row: i + 2, cells };
    }
    return this.db.transaction().execute(async (trx) => (await this.#start(trx, spec, extract.name, sha256, records())).execute(0, {}));
  }

  /** Takes the import lock in `trx` and loads what the import needs to know about what is stored. */
  async #start(trx: Kysely<Database>, spec: SourceSpec, file: string, sha256: string, records?: AsyncIterable<ExtractRecord>): Promise<ImportRun> {
    // One import at a time (across sources, since they share people and households): what this
    // import reads as already stored stays true until it commits.
    await lockImports(trx);
    const stored: StoredBefore = { events: await hasEvents(trx, spec.id), openQuarantine: await hasOpenQuarantine(trx, spec.id) };
    const matcher = this.#matcher(await loadKnownPeople(trx));
    return new ImportRun(trx, spec, file, sha256, this.#today(), matcher, await loadHouseholdKeys(trx), stored, this.options, records);
  }
}

/** A file's header row, read alone (undefined when the file has no rows). */
async function readHeader(file: string, encoding: TextEncoding): Promise<readonly RawCell[] | undefined> {
  const records = readExtract(file, { bytesRead: 0, blankLines: 0 }, { encoding });
  try {
    const header = await records.next();
    return header.done ? undefined : header.value.cells;
  } finally {
    await records.return(undefined);
  }
}

/** What the import found stored for its source when it started (under the import lock). */
interface StoredBefore {
  /** Events of the source: without any, no record of this file can be a correction. */
  readonly events: boolean;
  /** Open quarantined rows of the source: without any, this file's rows release none. */
  readonly openQuarantine: boolean;
}

function alreadyImportedReport(file: string, f: ImportFile): ImportReport {
  return {
    file,
    source: f.source,
    sha256: f.sha256,
    fileId: f.id,
    alreadyImported: true,
    rows: f.row_count,
    stored: f.stored_count,
    inserted: 0,
    corrected: 0,
    unchanged: f.stored_count,
    quarantined: f.quarantined_count,
    blankLines: f.blank_line_count,
    newPeople: 0,
    matchReviews: 0,
    releasedFromQuarantine: 0,
    issueCount: 0,
    issues: [],
    warnings: [`${path.basename(file)} was already imported on ${f.finished_at.toISOString()}: nothing changed`],
  };
}

/**
 * One batch's rows: built row by row, then handed whole to writing. What is only ever inserted is held
 * as COPY lines, each made as its row is read: one flat string per row instead of the row's objects,
 * which would otherwise survive, and be copied by the garbage collector, until the batch is written.
 */
interface Batch {
  readonly raw: CopyLines;
  /** New events, when no record of this import can be a correction (its source had no events). */
  readonly newEvents: CopyLines;
  /** Events to look up first, when a record may be a correction. */
  readonly maybeCorrections: NewEvent[];
  /** Record keys of the stored rows, kept only when they may release quarantined rows of earlier files. */
  readonly releaseKeys: string[];
  readonly people: CopyLines;
  readonly identifiers: CopyLines;
  readonly households: NewHousehold[];
  readonly rowIssues: NewIssue[];
  readonly quarantine: NewQuarantinedRow[];
  readonly reviews: CopyLines;
}

function emptyBatch(): Batch {
  return {
    raw: new CopyLines(),
    newEvents: new CopyLines(),
    maybeCorrections: [],
    releaseKeys: [],
    people: new CopyLines(),
    identifiers: new CopyLines(),
    households: [],
    rowIssues: [],
    quarantine: [],
    reviews: new CopyLines(),
  };
}

/** One import in progress, inside its transaction. */
class ImportRun {
  readonly #fileId = timeOrderedId();
  readonly #fileName: string;
  readonly #seenKeys = new Map<string, number>();
  /** Address as written → postcode → household id, for the rows of this import. */
  readonly #householdsAsWritten = new Map<string, Map<string, string>>();
  /** Person id → household id → what this import saw of that membership. */
  readonly #memberships = new Map<string, Map<string, { -readonly [K in keyof Membership]: Membership[K] }>>();
  readonly #counts = { rows: 0, inserted: 0, corrected: 0, unchanged: 0, quarantined: 0, newPeople: 0, reviews: 0, released: 0, issues: 0 };
  readonly #issues: ImportIssue[] = [];
  readonly #warnings: string[] = [];
  #batchNumber = 0;
  #quarantineExport = false;
  /** The batch being built. */
  #batch: Batch = emptyBatch();
  /** The previous batch's write, still running while this batch is built. */
  #pendingWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly spec: SourceSpec,
    private readonly file: string,
    private readonly sha256: string,
    private readonly today: Day,
    private readonly matcher: PersonMatcher,
    private readonly householdIds: Map<string, string>,
    private readonly stored: StoredBefore,
    private readonly options: ImportServiceOptions,
    /** Rows held in memory ({@link ImportService.importRows}); otherwise `file` is read. */
    private readonly records?: AsyncIterable<ExtractRecord>,
  ) {
    this.#fileName = path.basename(file);
  }

  async execute(totalBytes: number, options: ImportOptions): Promise<ImportReport> {
    try {
      return await this.#execute(totalBytes, options);
    } catch (error) {
      // A batch may still be writing (reading the next one failed): let it end before the transaction
      // rolls back, so none of its statements runs after the rollback.
      await this.#pendingWrite.catch(() => undefined);
      throw error;
    }
  }

  async #execute(totalBytes: number, options: ImportOptions): Promise<ImportReport> {
    const startedAt = new Date();
    const progress: ReadProgress = { bytesRead: 0, blankLines: 0 };
    let mapping: HeaderMapping | undefined;
    const batchSize = this.options.batchSize ?? defaultBatchSize;
    for await (const record of this.records ?? readExtract(this.file, progress, { encoding: options.encoding ?? 'utf-8' })) {
      if (!mapping) {
        mapping = mapHeaderOrSuggest(this.file, this.spec, record.cells, sources);
        this.#quarantineExport = isQuarantineExportHeader(record.cells);
        if (mapping.unknown.length > 0) {
          this.#warnings.push(`columns not used by ${this.spec.id} extracts were kept with the raw rows but ignored: ${mapping.unknown.join(', ')}`);
        }
        await insertImportFile(this.db, {
          id: this.#fileId,
          source: this.spec.id,
          file_name: this.#fileName,
          sha256: this.sha256,
          header: JSON.stringify(mapping.header),
          row_count: 0,
          stored_count: 0,
          quarantined_count: 0,
          inserted_count: 0,
          corrected_count: 0,
          unchanged_count: 0,
          blank_line_count: 0,
          started_at: startedAt,
          finished_at: startedAt,
        });
        continue;
      }
      // A quarantine export escaped formula-like cells with an apostrophe; its rows are read without it.
      this.#addRow(mapping, record.row, this.#quarantineExport ? record.cells.map(unescapeFormula) : record.cells);
      // Rows already parsed come out of the reader without a turn of the event loop (only microtasks), so
      // a whole chunk of the file (hundreds of rows, tens of milliseconds) could pass before the database's
      // answer to the previous batch's last statement is read and its next statement sent. Yielding
      // every 128 rows keeps the database fed: waiting for writes fell from 3.2 s to 1.6 s per 200,000 rows.
      if ((this.#counts.rows & 127) === 0) await setImmediate();
      if (this.#batch.raw.rows >= batchSize) {
        await this.#flush();
        options.onProgress?.({ bytesRead: progress.bytesRead, totalBytes, rows: this.#counts.rows });
      }
    }
    if (!mapping) throw new ExtractFileError(this.file, 'is empty: expected a header row and data rows');
    await this.#finishWrites();
    await this.#flushMemberships();
    options.onProgress?.({ bytesRead: totalBytes, totalBytes, rows: this.#counts.rows });
    const c = this.#counts;
    const stored = c.inserted + c.corrected + c.unchanged;
    await this.db
      .updateTable('import_files')
      .set({
        row_count: c.rows,
        stored_count: stored,
        quarantined_count: c.quarantined,
        inserted_count: c.inserted,
        corrected_count: c.corrected,
        unchanged_count: c.unchanged,
        blank_line_count: progress.blankLines,
        finished_at: new Date(),
      })
      .where('id', '=', this.#fileId)
      .execute();
    return {
      file: this.file,
      source: this.spec.id,
      sha256: this.sha256,
      fileId: this.#fileId,
      alreadyImported: false,
      rows: c.rows,
      stored,
      inserted: c.inserted,
      corrected: c.corrected,
      unchanged: c.unchanged,
      quarantined: c.quarantined,
      blankLines: progress.blankLines,
      newPeople: c.newPeople,
      matchReviews: c.reviews,
      releasedFromQuarantine: c.released,
      issueCount: c.issues,
      issues: this.#issues,
      warnings: this.#warnings,
    };
  }

  #addRow(mapping: HeaderMapping, rowNumber: number, cells: readonly unknown[]): void {
    this.#counts.rows += 1;
    const rawCells = cells as Parameters<typeof validateRow>[2];
    const issues: RowIssue[] = [];
    const extra = rawCells.length > mapping.header.length && rawCells.slice(mapping.header.length).some((c) => cellText(c).trim() !== '');
    if (extra || (rawCells.length < mapping.header.length && !this.file.toLowerCase().endsWith('.xlsx'))) {
      issues.push({ reason: `has ${rawCells.length} cells but the header has ${mapping.header.length} columns (check for an unquoted comma or a missing cell)` });
    }
    const result = validateRow(this.spec, mapping.columnIndex, rawCells, this.today);
    if (!result.ok) issues.push(...result.issues);
    const recordKey = result.recordKey ?? null;
    if (recordKey !== null) {
      const first = this.#seenKeys.get(recordKey);
      if (first !== undefined) issues.push({ column: 'record_id', value: recordKey, reason: `repeats the record_id of row ${first}; the first row with it was used` });
      else if (issues.length === 0) this.#seenKeys.set(recordKey, rowNumber);
    }
    // CSV cells are text already (the common case: no copy); .xlsx cells become their text.
    const values = rawCells.every((c) => typeof c === 'string') ? (rawCells as readonly string[]) : Array.from(rawCells, cellText);
    if (issues.length > 0 || !result.ok) {
      this.#batch.raw.add(rawRowCopyRow(this.#fileId, { rowNumber, recordKey, values, outcome: 'quarantined' }));
      this.#batch.quarantine.push({ rowNumber, recordKey });
      this.#counts.quarantined += 1;
      for (const issue of issues) this.#recordIssue(rowNumber, issue);
      return;
    }
    this.#batch.raw.add(rawRowCopyRow(this.#fileId, { rowNumber, recordKey: result.recordKey, values, outcome: 'stored' }));
    const decision = this.matcher.resolve(result.person);
    const p = result.person;
    if (decision.created) {
      this.#counts.newPeople += 1;
      this.#batch.people.add(personCopyRow(this.#fileId, { id: decision.personId, ...p, matchKey: decision.matchKey }));
    }
    for (const i of decision.newIdentifiers) this.#batch.identifiers.add(identifierCopyRow(i, decision.personId));
    if (decision.review) {
      this.#counts.reviews += 1;
      this.#batch.reviews.add(matchReviewCopyRow(this.#fileId, { personId: decision.personId, rowNumber, reason: decision.review.reason, otherPersonIds: decision.review.otherPersonIds }));
    }
    const householdId = this.#household(p.address, p.postcode);
    const { start, end } = eventDates(result.event);
    this.#seen(householdId, decision.personId, start);
    const event: NewEvent = {
      id: timeOrderedId(),
      recordKey: result.recordKey,
      type: result.event.type,
      personId: decision.personId,
      householdId,
      startDate: start,
      endDate: end,
      payloadJson: JSON.stringify(result.event),
      contentHash: hash('sha1', JSON.stringify(result.row), 'base64'),
      rowNumber,
    };
    if (this.stored.events) this.#batch.maybeCorrections.push(event);
    else this.#batch.newEvents.add(eventCopyRow(this.spec.id, this.#fileId, event));
    if (this.stored.openQuarantine) this.#batch.releaseKeys.push(result.recordKey);
  }

  #recordIssue(rowNumber: number, issue: RowIssue): void {
    this.#counts.issues += 1;
    this.#batch.rowIssues.push({ rowNumber, column: issue.column ?? null, value: issue.value ?? null, reason: issue.reason });
    if (this.#issues.length < reportedIssueLimit) {
      this.#issues.push({
        file: this.#fileName,
        row: rowNumber,
        ...(issue.column !== undefined && { column: issue.column }),
        ...(issue.value !== undefined && { value: issue.value }),
        reason: issue.reason,
      });
    }
  }

  /**
   * The household at this address: by the address as written first (rows about one household repeat it
   * exactly, so most rows skip normalising it), then by its normalised key.
   */
  #household(address: string, postcode: string): string {
    let byPostcode = this.#householdsAsWritten.get(address);
    if (!byPostcode) this.#householdsAsWritten.set(address, (byPostcode = new Map()));
    let id = byPostcode.get(postcode);
    if (id) return id;
    const key = householdKey(address, postcode);
    id = this.householdIds.get(key);
    if (!id) {
      id = timeOrderedId();
      this.householdIds.set(key, id);
      this.#batch.households.push({ id, address, postcode, key });
    }
    byPostcode.set(postcode, id);
    return id;
  }

  /**
   * Widens what is known of the person's membership of the household. Keyed by person, then household:
   * both ids are strings the matcher and the household keys already hold, whose hashes V8 has cached,
   * where a joined key would be a new string to build and hash on every row.
   */
  #seen(householdId: string, personId: string, date: string): void {
    let byHousehold = this.#memberships.get(personId);
    if (!byHousehold) this.#memberships.set(personId, (byHousehold = new Map()));
    const m = byHousehold.get(householdId);
    if (!m) byHousehold.set(householdId, { householdId, personId, firstSeen: date, lastSeen: date });
    else if (date < m.firstSeen) m.firstSeen = date;
    else if (date > m.lastSeen) m.lastSeen = date;
  }

  /**
   * Hands the batch built so far to {@link #write} and starts building the next one. The write is not
   * awaited here but before the next batch's: on PostgreSQL the server works on batch N while this
   * process reads, validates and matches batch N+1 (the two run on different cores). Nothing in
   * building a batch reads the database (the matcher and the household keys remember what earlier
   * batches of this import created), and the writes of one batch are all sent before the next's.
   */
  async #flush(): Promise<void> {
    await this.#pendingWrite;
    const batch = this.#batch;
    if (batch.raw.rows === 0) return;
    this.#batch = emptyBatch();
    const write = this.#write(batch);
    // Awaited before the next batch (or at the end); marked handled now so that a failure meanwhile
    // is not reported as an unhandled rejection before it is awaited.
    write.catch(() => undefined);
    this.#pendingWrite = write;
  }

  /** Waits for the last batch's write: its failure fails the import here. */
  async #finishWrites(): Promise<void> {
    await this.#flush();
    await this.#pendingWrite;
  }

  async #write(batch: Batch): Promise<void> {
    const db = this.db;
    await copyRawRowLines(db, batch.raw);
    await copyPersonLines(db, batch.people);
    await copyIdentifierLines(db, batch.identifiers);
    await insertHouseholds(db, batch.households);
    const added = batch.newEvents;
    const corrected: NewEvent[] = [];
    const correctedKeys: string[] = [];
    if (batch.maybeCorrections.length > 0) {
      const existing = await existingEventHashes(db, this.spec.id, batch.maybeCorrections.map((e) => e.recordKey));
      for (const event of batch.maybeCorrections) {
        const hash = existing.get(event.recordKey);
        if (hash === undefined) added.add(eventCopyRow(this.spec.id, this.#fileId, event));
        else if (hash !== event.contentHash) {
          correctedKeys.push(event.recordKey);
          corrected.push(event);
        } else this.#counts.unchanged += 1;
      }
    }
    this.#counts.inserted += added.rows;
    this.#counts.corrected += corrected.length;
    await archiveEvents(db, this.spec.id, correctedKeys, this.#fileId);
    await correctEvents(db, this.spec.id, this.#fileId, corrected);
    await copyEventLines(db, added);
    await insertIssues(db, this.#fileId, batch.rowIssues);
    await quarantineRows(db, this.#fileId, this.spec.id, batch.quarantine);
    await copyMatchReviewLines(db, batch.reviews);
    if (batch.releaseKeys.length > 0) this.#counts.released += await releaseQuarantine(db, this.spec.id, batch.releaseKeys, this.#fileId);
    this.#batchNumber += 1;
    await this.options.afterBatch?.(this.#batchNumber);
  }

  async #flushMemberships(): Promise<void> {
    const all = [...this.#memberships.values()].flatMap((byHousehold) => [...byHousehold.values()]);
    const size = this.options.batchSize ?? defaultBatchSize;
    for (let i = 0; i < all.length; i += size) await upsertMemberships(this.db, all.slice(i, i + size));
  }
}

/** The dates an event is stored under: its date or start, or the first day of its term or month. */
export function eventDates(event: EventDraft): { start: string; end: string | null } {
  if ('date' in event) return { start: event.date, end: null };
  if ('start' in event) return { start: event.start, end: event.end ?? null };
  if (event.type === 'earnings') return { start: `${event.month}-01`, end: null };
  return { start: termStart(event.term), end: null };
}

function termStart(term: string): string {
  const year = Number(term.slice(0, 4));
  if (term.endsWith('autumn')) return `${year}-09-01`;
  if (term.endsWith('spring')) return `${year}-01-01`;
  return formatDay(addDays(easterSunday(year), 1));
}
