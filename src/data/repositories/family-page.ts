/**
 * What the family page reads about a family, in one statement: the family (with its household's
 * postcode), its open attachment, the attachment's problems and the family's history. Four statements
 * before (each about a millisecond of CPU on embedded PGlite, a good share of a page's cost); the rows
 * come back exactly as FamilyRepository.find, AttachmentRepository.openForFamily and .problems, and
 * HistoryRepository.forFamily return them (history without each entry's detail). The imports' fingerprint comes with them (programme-version.ts),
 * so the evaluator can tell, without reading the household's timeline, that nothing was imported since.
 */
import { sql } from 'kysely';
import { prepared } from '../prepared-query.ts';
import type { Attachment } from '../workflow-schema.ts';
import type { FamilyProblem } from './workflow-attachments.ts';
import type { WorkflowDb } from './workflow-db.ts';
import type { FamilyRow } from './workflow-families.ts';
import { importsFingerprint } from './programme-version.ts';
import type { HistoryEntry } from './workflow-history.ts';

/** A history entry as the family page lists it. */
export type HistorySummary = Omit<HistoryEntry, 'detail'>;

export interface FamilyPageRows {
  readonly family: FamilyRow;
  /** The open attachment, or undefined when the family is not on the programme. */
  readonly attachment: Attachment | undefined;
  /** The open attachment's problems, by date found then problem. */
  readonly problems: FamilyProblem[];
  /** The family's history, oldest first, without each entry's detail (the page shows none, and it is most of an entry's size). */
  readonly history: HistorySummary[];
  /** The imports' fingerprint as this statement saw it (see `importsFingerprint`). */
  readonly importsVersion: string;
}

type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

interface Row {
  id: string;
  reference: string;
  household_id: string;
  postcode: string;
  imports: string;
  attachment: Json<(Omit<Attachment, 'attached_at' | 'detached_at'> & { attached_at: string; detached_at: string | null }) | null>;
  problems: Json<Array<{ problem: FamilyProblem['problem']; found_at: FamilyProblem['foundAt']; found_on: string; note: string | null }>>;
  history: Json<Array<{ family_id: string; attachment_id: string | null; kind: HistoryEntry['kind']; as_of: string | null; problem: string | null; summary: string; recorded_by: string; recorded_at: string }>>;
}

/** The family by reference (`F-000123`, any case) with its open attachment, problems and history; undefined when unknown. */
export async function familyPageRows(db: WorkflowDb, reference: string): Promise<FamilyPageRows | undefined> {
  // Every family page runs this: prepared once where that saves planning it each time (prepared-query.ts).
  const query = sql<Row>`
    select f.id, f.reference, f.household_id, h.postcode, ${importsFingerprint} as imports,
      (select to_jsonb(a) from attachments a where a.family_id = f.id and a.detached_at is null limit 1) as attachment,
      coalesce((
        select json_agg(json_build_object('problem', p.problem, 'found_at', p.found_at, 'found_on', p.found_on, 'note', p.note) order by p.found_on, p.problem)
        from family_problems p join attachments a on a.id = p.attachment_id
        where a.family_id = f.id and a.detached_at is null
      ), '[]') as problems,
      coalesce((
        select json_agg(json_build_object('family_id', e.family_id, 'attachment_id', e.attachment_id, 'kind', e.kind, 'as_of', e.as_of, 'problem', e.problem,
                                          'summary', e.summary, 'recorded_by', e.recorded_by, 'recorded_at', e.recorded_at) order by e.id)
        from family_history e where e.family_id = f.id
      ), '[]') as history
    from families f join households h on h.id = f.household_id
    where f.reference = ${reference.toUpperCase()}`.compile(db);
  const { rows } = await db.executeQuery<Row>(prepared('family_page', query));
  const row = rows[0];
  if (!row) return undefined;
  const a = parsed(row.attachment);
  return {
    family: { id: row.id, reference: row.reference, householdId: row.household_id, postcode: row.postcode },
    attachment: a ? { ...a, attached_at: new Date(a.attached_at), detached_at: a.detached_at === null ? null : new Date(a.detached_at) } : undefined,
    problems: parsed(row.problems).map((p) => ({ problem: p.problem, foundAt: p.found_at, foundOn: p.found_on, note: p.note })),
    importsVersion: row.imports,
    history: parsed(row.history).map((e) => ({
      familyId: e.family_id,
      attachmentId: e.attachment_id,
      kind: e.kind,
      asOf: e.as_of,
      problem: e.problem,
      summary: e.summary,
      recordedBy: e.recorded_by,
      recordedAt: new Date(e.recorded_at),
    })),
  };
}
