/**
 * Writes a synthetic council as agency extracts in the documented import formats, with realistic
 * mess, plus the ground truth: who every row is really about, each family's true problems and
 * programme dates, and which rows were broken on purpose.
 *
 * Families are generated and written a block at a time (rows shuffled within each block, so a file is
 * not grouped by family), so memory stays flat however large the council.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, formatDay, parseDay, type Day } from '../../engine/calendar/day.ts';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { problemIds } from '../../engine/timeline/timeline-schema.ts';
import { sources, type SourceSpec } from '../../imports/sources/index.ts';
import { addressVariant } from '../addresses.ts';
import type { EvidenceTargets } from '../evidence-targets.ts';
import { generateFamily } from '../family.ts';
import { residenceOn } from '../household.ts';
import type { GeneratedEvent, SyntheticFamily, SyntheticPerson } from '../model.ts';
import { typo } from '../names.ts';
import { periodStart } from '../period.ts';
import { Rng } from '../random.ts';
import { toTimeline } from '../timelines.ts';
import { CsvFile } from './csv-file.ts';
import { eventRow, type Cells } from './event-rows.ts';
import { habits, recordPerson, renderDate, type RecordedPerson, type SystemId } from './identity.ts';
import { breakRow } from './invalid-rows.ts';

/** A generated row has a column its source's format does not define: the formats changed under the generator. */
export class ExtractFormatMismatchError extends FamilyOutcomesError {
  readonly code = 'internal';
  constructor(
    readonly source: string,
    readonly column: string,
  ) {
    super(`The generator wrote column ${column} for ${source}, which its import format does not define`);
  }
}

export interface WriteCouncilOptions {
  readonly families: number;
  readonly seed: number;
  /** Extracts go to `<outDir>/extracts/`, the ground truth to `<outDir>/ground-truth/`. */
  readonly outDir: string;
  /** Also write every family's true timeline to `ground-truth/timelines.jsonl`. */
  readonly timelines?: boolean;
  /** Record professional evidence against this plan's outcomes (see evidence-targets.ts). */
  readonly evidence?: EvidenceTargets | undefined;
  /** Called after each block of families. */
  readonly onProgress?: (familiesDone: number) => void;
}

export interface CouncilSummary {
  readonly families: number;
  readonly people: number;
  /** Data rows per source (header excluded). */
  readonly rows: Readonly<Record<string, number>>;
  readonly totalRows: number;
  readonly invalidRows: number;
  readonly duplicateRows: number;
  readonly bytes: number;
  readonly files: readonly string[];
  readonly truth: TruthTally;
}

/** What is really true of the council, for summaries (the detail is in ground-truth/families.csv). */
export interface TruthTally {
  /** Families with each headline problem. */
  readonly problems: Readonly<Record<string, number>>;
  /** Families with two or more problems: eligible, if the data shows them. */
  readonly withTwoOrMoreProblems: number;
  readonly engaged: number;
  /** Engaged families that made progress on every one of their problems. */
  readonly improvedOnEveryProblem: number;
  readonly splitOrJoined: number;
}

/** Share of rows broken on purpose, and of rows written twice (same record id, or a new one). */
const invalidShare = 0.012;
const repeatedLineShare = 0.006;
const doubleEntryShare = 0.006;
const blockSize = 250;

const recordPrefixes: Readonly<Record<string, string>> = {
  'police-offences': 'PO', 'police-asb': 'PA', 'police-callouts': 'PC', 'domestic-abuse': 'DA', 'youth-justice': 'YJ',
  'school-attendance': 'SA', exclusions: 'EX', 'education-status': 'ES', 'social-care': 'SC', 'dwp-benefits': 'DB',
  employment: 'EM', earnings: 'EA', housing: 'HO', 'health-needs': 'HN', 'ae-attendances': 'AE', assessments: 'AS', 'key-worker': 'KW',
};

interface PendingRow {
  readonly cells: Cells;
  readonly person: string;
  readonly household: string;
  readonly family: string;
  readonly event: string;
  readonly mess: string[];
  invalid?: { kind: string; column: string };
  /** Written straight after this row again, with the same record id (a repeated line). */
  repeated?: boolean;
  /** Entered twice in the agency's system: the same content under another record id. */
  doubleOf?: PendingRow;
  recordId?: string;
}

export function writeCouncil(options: WriteCouncilOptions): CouncilSummary {
  const extractsDir = path.join(options.outDir, 'extracts');
  const truthDir = path.join(options.outDir, 'ground-truth');
  mkdirSync(extractsDir, { recursive: true });
  mkdirSync(truthDir, { recursive: true });

  const files = new Map<string, CsvFile>(sources.map((s) => [s.id, new CsvFile(path.join(extractsDir, `${s.id}.csv`), s.columns.map((c) => c.name))]));
  const counters = new Map<string, number>(sources.map((s) => [s.id, 0]));
  const familiesCsv = new CsvFile(path.join(truthDir, 'families.csv'), ['family_id', 'identified_on', 'engaged_on', 'closed_on', 'household_change', 'problems', 'improved']);
  const peopleCsv = new CsvFile(path.join(truthDir, 'people.csv'), ['person_id', 'family_id', 'forename', 'surname', 'date_of_birth', 'sex', 'nhs_number', 'upn', 'ni_number']);
  const residencesCsv = new CsvFile(path.join(truthDir, 'residences.csv'), ['person_id', 'household_id', 'address', 'postcode', 'from', 'to']);
  const rowsCsv = new CsvFile(path.join(truthDir, 'rows.csv'), ['source', 'row', 'record_id', 'family_id', 'household_id', 'person_id', 'event_id', 'mess', 'invalid', 'invalid_column']);
  const timelinesCsv = options.timelines ? new JsonLines(path.join(truthDir, 'timelines.jsonl')) : undefined;

  let people = 0;
  const tally = { problems: Object.fromEntries(problemIds.map((p) => [p, 0])) as Record<string, number>, withTwoOrMoreProblems: 0, engaged: 0, improvedOnEveryProblem: 0, splitOrJoined: 0 };
  let invalidRows = 0;
  let duplicateRows = 0;
  for (let blockStart = 0; blockStart < options.families; blockStart += blockSize) {
    const pending = new Map<string, PendingRow[]>(sources.map((s) => [s.id, []]));
    const blockEnd = Math.min(options.families, blockStart + blockSize);
    for (let index = blockStart; index < blockEnd; index++) {
      const family = generateFamily(options.seed, index, { evidence: options.evidence });
      people += family.people.length;
      tallyFamily(tally, family);
      writeFamilyTruth(family, familiesCsv, peopleCsv, residencesCsv);
      timelinesCsv?.write(toTimeline(family));
      for (const row of familyRows(options.seed, family)) pending.get(row.source)!.push(row.row);
    }
    for (const spec of sources) {
      const rows = pending.get(spec.id)!;
      shuffle(rows, Rng.for(options.seed, 0xb10c, blockStart, sources.indexOf(spec)));
      const file = files.get(spec.id)!;
      for (const row of rows) {
        const n = counters.get(spec.id)! + 1;
        counters.set(spec.id, n);
        row.recordId = `${recordPrefixes[spec.id] ?? 'R'}-${String(n).padStart(7, '0')}`;
      }
      for (const row of rows) {
        const mess = row.doubleOf ? [...row.mess, `double-entry-of:${row.doubleOf.recordId}`] : row.mess;
        writeRow(spec, file, rowsCsv, row, row.recordId!, mess, row.invalid);
        if (row.invalid) invalidRows++;
        if (row.doubleOf) duplicateRows++;
        if (row.repeated) {
          writeRow(spec, file, rowsCsv, row, row.recordId!, [...mess, 'repeated-line'], { kind: 'duplicate-record-id', column: 'record_id' });
          duplicateRows++;
          invalidRows++;
        }
      }
    }
    options.onProgress?.(blockEnd);
  }

  const all = [...files.values(), familiesCsv, peopleCsv, residencesCsv, rowsCsv];
  for (const f of all) f.close();
  timelinesCsv?.close();
  const rows = Object.fromEntries(sources.map((s) => [s.id, files.get(s.id)!.lines - 1]));
  const manifestPath = path.join(options.outDir, 'manifest.json');
  const summary = {
    families: options.families,
    people,
    rows,
    totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
    invalidRows,
    duplicateRows,
    bytes: all.reduce((n, f) => n + f.bytes, 0) + (timelinesCsv?.bytes ?? 0),
    files: [...all.map((f) => f.path), ...(timelinesCsv ? [timelinesCsv.path] : []), manifestPath],
    truth: tally,
  };
  const manifest: CouncilManifest = { generator: generatorVersion, seed: options.seed, ...summary, files: undefined, bytes: undefined };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return summary;
}

/**
 * Bumped whenever the same size and seed would give different files, so a saved council (the demo's)
 * is regenerated rather than reused.
 */
export const generatorVersion = 'synthetic-council/1';

/** `manifest.json`: what was generated, so it can be recognised and reused. */
export type CouncilManifest = Omit<CouncilSummary, 'files' | 'bytes'> & { readonly generator: string; readonly seed: number; readonly files?: undefined; readonly bytes?: undefined };

function tallyFamily(tally: { problems: Record<string, number>; withTwoOrMoreProblems: number; engaged: number; improvedOnEveryProblem: number; splitOrJoined: number }, family: SyntheticFamily): void {
  for (const p of family.problems) tally.problems[p] = (tally.problems[p] ?? 0) + 1;
  if (family.problems.length >= 2) tally.withTwoOrMoreProblems++;
  if (family.programme.engagedOn !== null) tally.engaged++;
  if (family.programme.engagedOn !== null && family.problems.length > 0 && family.improved.length === family.problems.length) tally.improvedOnEveryProblem++;
  if (family.change !== 'stable') tally.splitOrJoined++;
}

/** The manifest of a council already written to `outDir`, or undefined. */
export function readManifest(outDir: string): CouncilManifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as CouncilManifest;
  } catch {
    return undefined;
  }
}

function writeRow(spec: SourceSpec, file: CsvFile, truth: CsvFile, row: PendingRow, recordId: string, mess: readonly string[], invalid: PendingRow['invalid']): void {
  const cells = row.cells;
  cells['record_id'] = recordId;
  const line = file.write(layouts.get(spec.id)!.names.map((name) => cells[name] ?? ''));
  truth.write([spec.id, String(line), recordId, row.family, row.household, row.person, row.event, mess.join(';'), invalid?.kind ?? '', invalid?.column ?? '']);
}

function writeFamilyTruth(family: SyntheticFamily, families: CsvFile, people: CsvFile, residences: CsvFile): void {
  const { identifiedOn, engagedOn, closedOn } = family.programme;
  families.write([family.id, formatDay(identifiedOn), engagedOn === null ? '' : formatDay(engagedOn), closedOn === null ? '' : formatDay(closedOn), family.change, family.problems.join(';'), family.improved.join(';')]);
  for (const p of family.people) {
    people.write([p.id, family.id, p.forename, p.surname, formatDay(p.dateOfBirth), p.sex, p.nhsNumber, p.upn ?? '', p.niNumber ?? '']);
  }
  for (const r of family.residences) {
    residences.write([r.person, r.household, r.address.line, r.address.postcode, formatDay(r.from), r.to === null ? '' : formatDay(r.to)]);
  }
}

const specs = new Map(sources.map((s) => [s.id, s]));

/** Per source, what the row builder needs to know about its columns, worked out once. */
interface Layout {
  readonly names: readonly string[];
  readonly types: ReadonlyMap<string, string>;
  readonly nhs?: 'required' | 'optional';
  readonly upn?: 'required' | 'optional';
  readonly ni?: 'required' | 'optional';
}
const layouts = new Map<string, Layout>(
  sources.map((s) => {
    const held = (name: string) => {
      const c = s.columns.find((x) => x.name === name);
      return c === undefined ? {} : { [name === 'nhs_number' ? 'nhs' : name === 'upn' ? 'upn' : 'ni']: c.required ? 'required' : 'optional' };
    };
    return [s.id, { names: s.columns.map((c) => c.name), types: new Map(s.columns.map((c) => [c.name, c.type])), ...held('nhs_number'), ...held('upn'), ...held('ni_number') }];
  }),
);

/** The rows a family's events become, with each agency's view of the person and the mess added. */
function* familyRows(seed: number, family: SyntheticFamily): Generator<{ source: string; row: PendingRow }> {
  const rng = Rng.for(seed, family.index, 0x20f5);
  const views = new Map<string, RecordedPerson>();
  const people = new Map(family.people.map((p) => [p.id, p]));
  for (const event of family.events) {
    const { source, cells } = eventRow(event);
    const spec = specs.get(source)!;
    const system = spec.system as SystemId;
    const person = people.get(event.person)!;
    const viewKey = `${system}/${person.id}`;
    let view = views.get(viewKey);
    if (!view) views.set(viewKey, (view = recordPerson(seed, family.index, person, system)));
    const day = eventDay(event);
    const truthHome = residenceOn(family.residences, person.id, day);
    const row: PendingRow = {
      cells: identityCells(spec, system, person, view, family, day, cells, rng),
      person: person.id,
      household: truthHome.household,
      family: family.id,
      event: event.id,
      mess: [...view.mess],
    };
    const recordedHome = residenceOn(family.residences, person.id, addDays(day, -view.addressLag));
    if (recordedHome.address !== truthHome.address) {
      row.cells['address'] = recordedHome.address.line;
      row.cells['postcode'] = recordedHome.address.postcode;
      row.mess.push('old-address');
    }
    if (rng.chance(0.04)) {
      const v = addressVariant({ line: row.cells['address']!, postcode: row.cells['postcode']! }, rng);
      row.cells['address'] = v.line;
      row.cells['postcode'] = v.postcode;
      row.mess.push('address-written-differently');
    }
    if (rng.chance(0.01)) {
      row.cells['forename'] = typo(row.cells['forename']!, rng);
      row.mess.push('row-forename-typo');
    }
    if (rng.chance(invalidShare)) row.invalid = breakRow(spec, row.cells, rng);
    else if (rng.chance(repeatedLineShare)) row.repeated = true;
    yield { source, row };
    if (!row.invalid && rng.chance(doubleEntryShare)) yield { source, row: { ...row, cells: { ...row.cells }, mess: [...row.mess], doubleOf: row } };
  }
}

function identityCells(spec: SourceSpec, system: SystemId, person: SyntheticPerson, view: RecordedPerson, family: SyntheticFamily, day: Day, detail: Cells, rng: Rng): Cells {
  const style = habits[system].dates;
  const home = residenceOn(family.residences, person.id, day);
  const cells: Cells = {
    person_id: view.personIds.length > 1 && rng.chance(0.5) ? view.personIds[1]! : view.personIds[0]!,
    forename: view.forename,
    surname: view.surname,
    date_of_birth: renderDate(formatDay(view.dateOfBirth), style),
    sex: view.sex,
    address: home.address.line,
    postcode: home.address.postcode,
  };
  const layout = layouts.get(spec.id)!;
  if (layout.nhs) cells['nhs_number'] = layout.nhs === 'required' || view.holdsNhs ? formatNhs(person.nhsNumber, system === 'health' && rng.chance(0.5)) : '';
  if (layout.upn) cells['upn'] = (layout.upn === 'required' || view.holdsUpn) && person.upn ? person.upn : '';
  if (layout.ni) cells['ni_number'] = (layout.ni === 'required' || view.holdsNi) && person.niNumber ? person.niNumber : '';
  for (const name in detail) {
    const type = layout.types.get(name);
    if (type === undefined) throw new ExtractFormatMismatchError(spec.id, name);
    cells[name] = type === 'date' ? renderDate(detail[name]!, style) : detail[name]!;
  }
  if (spec.id === 'housing') cells['tenancy_ref'] = `T-${String(family.index + 1).padStart(6, '0')}`;
  return cells;
}

function formatNhs(nhs: string, spaced: boolean): string {
  return spaced ? `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` : nhs;
}

/** The day an event is dated (the start of a spell, the first day of a term or month), not before the period. */
function eventDay(e: GeneratedEvent): Day {
  let text: string;
  if ('date' in e) text = e.date;
  else if ('start' in e) text = e.start;
  else if (e.type === 'earnings') text = `${e.month}-01`;
  else if (e.type === 'attendance') text = e.term.endsWith('autumn') ? `${e.term.slice(0, 4)}-09-01` : e.term.endsWith('spring') ? `${e.term.slice(0, 4)}-01-01` : `${e.term.slice(0, 4)}-05-01`;
  else return periodStart;
  const d = parseDay(text);
  return d < periodStart ? periodStart : d;
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

class JsonLines {
  private readonly file: CsvFile;
  constructor(readonly path: string) {
    this.file = new CsvFile(path, null);
  }
  get bytes(): number {
    return this.file.bytes;
  }
  write(value: unknown): void {
    this.file.writeRaw(JSON.stringify(value));
  }
  close(): void {
    this.file.close();
  }
}
