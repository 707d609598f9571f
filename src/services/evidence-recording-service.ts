/**
 * Recording a professional's evidence and standardised assessment scores for a family, from the family
 * page or the command line. Nothing here stores an event itself: each entry becomes a one-row extract of
 * the `key-worker` or `assessments` source and goes through {@link ImportService.importRows}, so it is
 * validated, resolved to the family member, stored with its provenance (an import named "recorded on
 * the family page by <user> at <time>", row 2), corrected and quarantined exactly like an agency's row.
 * Then the family is re-tracked at once, so its status and history show what the entry changed.
 *
 * Only the family's lead professional (a key worker), a data analyst or an administrator may record;
 * every recording is written to the access log and the family's history.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ageOn, parseDay } from '../engine/calendar/day.ts';
import { FamilyOutcomesError, ValidationError } from '../engine/errors.ts';
import { problemIds, type OutcomeResult, type OutcomeStatus, type ProblemId } from '../engine/index.ts';
import { findHousehold, householdMembers, type HouseholdMember } from '../data/repositories/households.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { Database } from '../data/schema.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import { findSource } from '../imports/sources/index.ts';
import { actorSchema, type Actor } from './actor.ts';
import { isLeadProfessional, type LeadOf } from './essentials.ts';
import type { FamilyEvaluation, FamilyEvaluator } from './family-evaluation.ts';
import type { ImportReport, ImportService } from './import-service.ts';
import { daySchema, parseInput } from './parse-input.ts';
import type { TrackingChange, TrackingService } from './tracking-service.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

/** The actor may not record for this family (a key worker who is not its lead, or a read-only role). */
export class RecordingNotAllowedError extends FamilyOutcomesError {
  readonly code = 'forbidden';
}

const common = {
  family: z.string().min(1).max(40),
  date: daySchema,
  /** The date the family is evaluated at afterwards (today on the family page). */
  asOf: daySchema,
  actor: actorSchema,
  /** The actor's display name and username: a legacy attachment names its lead only as text. */
  actorNames: z.array(z.string().max(200)).max(5).default([]),
  /** Where the entry was made, for the provenance name. */
  via: z.enum(['family page', 'command line']).default('family page'),
};

const text = (max: number) => z.string().trim().min(1, 'must not be blank').max(max, `must be ${max} characters or fewer`);

export const evidenceInputSchema = z.object({
  ...common,
  problem: z.enum(problemIds),
  /** The plan outcome, by ref (`6.2`) or id. */
  outcome: text(100),
  step: text(100).optional(),
  /** The family member (person id) the evidence is about; by default the member the outcome is measured on, else the eldest. */
  member: z.string().uuid().optional(),
  author: text(200),
  role: text(200),
  statement: text(4000),
});

export const assessmentInputSchema = z.object({
  ...common,
  member: z.string().uuid(),
  tool: z.string().trim().regex(/^[a-z0-9-]+$/, 'must be lower-case-kebab, e.g. outcomes-star, sdq').max(60),
  score: z.number().finite().min(-1000).max(1000),
});

export interface RecordingResult {
  readonly familyReference: string;
  readonly import: ImportReport;
  /** For evidence: the outcome's ref and its status before and after. */
  readonly outcome?: { readonly ref: string; readonly text: string; readonly before: OutcomeStatus; readonly after: OutcomeStatus };
  /** What re-tracking the family recorded (problems turned around, became claimable, …). */
  readonly changes: readonly TrackingChange[];
}

/** A family member as the forms show them: no UUIDs on screen. */
export interface MemberChoice {
  readonly id: string;
  readonly label: string;
}

export interface EvidenceRecordingDependencies {
  readonly db: Kysely<Database>;
  readonly imports: ImportService;
  readonly repositories: WorkflowRepositories;
  readonly evaluator: FamilyEvaluator;
  readonly tracking: TrackingService;
  readonly now?: () => Date;
}

const sexCode = { female: 'F', male: 'M', other: 'X', unknown: 'U' } as const;

export class EvidenceRecordingService {
  readonly #now: () => Date;

  constructor(private readonly deps: EvidenceRecordingDependencies) {
    this.#now = deps.now ?? (() => new Date());
  }

  /** Records a professional's evidence for one of the family's outcomes, then re-tracks the family. */
  async recordEvidence(input: z.input<typeof evidenceInputSchema>): Promise<RecordingResult> {
    const request = parseInput(evidenceInputSchema, input, 'evidence');
    const { family, attachment, evaluation } = await this.#prepare(request);
    const found = findOutcome(evaluation, request.problem, request.outcome);
    const members = await householdMembers(this.deps.db, family.householdId);
    const memberId = request.member ?? found.subjects.find((s) => s.status === 'evidence-required' && members.some((m) => m.id === s.subject))?.subject ?? members[0]?.id;
    const member = memberOf(members, memberId, 'member');
    const report = await this.#import('key-worker', request, family.householdId, member, {
      record_type: 'evidence',
      date: request.date,
      problem: request.problem,
      outcome_ref: found.ref,
      step: request.step ?? '',
      author: request.author,
      author_role: request.role,
      statement: request.statement,
    });
    const changes = await this.#after(family.reference, attachment, request, report, 'evidence', found.ref, request.problem, `Evidence recorded for outcome ${found.ref} (${request.problem}) from ${request.author} (${request.role}), dated ${request.date}`);
    const after = findOutcome(await this.deps.evaluator.evaluateAttached(family, attachment, request.asOf), request.problem, found.ref);
    return { familyReference: family.reference, import: report, outcome: { ref: found.ref, text: found.text, before: found.status, after: after.status }, changes };
  }

  /** Records a standardised assessment score for a member of the family, then re-tracks the family. */
  async recordAssessment(input: z.input<typeof assessmentInputSchema>): Promise<RecordingResult> {
    const request = parseInput(assessmentInputSchema, input, 'assessment');
    const { family, attachment } = await this.#prepare(request);
    const member = memberOf(await householdMembers(this.deps.db, family.householdId), request.member, 'member');
    const report = await this.#import('assessments', request, family.householdId, member, { assessment_date: request.date, tool: request.tool, score: String(request.score) });
    const changes = await this.#after(family.reference, attachment, request, report, 'assessment', request.tool, null, `Assessment recorded: ${request.tool} score ${request.score} on ${request.date}`);
    return { familyReference: family.reference, import: report, changes };
  }

  /** The family's members, labelled by role, age and initials, eldest first. */
  async members(familyKey: string, asOf: string): Promise<MemberChoice[]> {
    const family = await this.deps.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    return (await householdMembers(this.deps.db, family.householdId)).map((m) => ({ id: m.id, label: memberLabel(m, asOf) }));
  }

  /** The assessment tools the plan's score rules use (what an assessment form should offer). */
  toolsOf(evaluation: FamilyEvaluation): string[] {
    const tools = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (o['kind'] === 'score') for (const t of [o['tool']].flat()) if (typeof t === 'string') tools.add(t);
        Object.values(o).forEach(walk);
      }
    };
    walk(evaluation.plan.compiled.plan);
    return [...tools].sort();
  }

  async #prepare(request: { family: string; date: string; asOf: string; actor: Actor; actorNames: readonly string[] }) {
    const family = await this.deps.repositories.families.find(request.family);
    if (!family) throw new NotFoundError('family', request.family);
    const attachment = await this.deps.repositories.attachments.openForFamily(family.id);
    if (!attachment) throw new WorkflowStateError(`Family ${family.reference} is not attached to the programme`);
    if (!mayRecord(request.actor, attachment, request.actorNames)) {
      throw new RecordingNotAllowedError(`${request.actor.userId} (${request.actor.role}) may not record for family ${family.reference}: only its lead professional, a data analyst or an administrator may`);
    }
    if (request.date > request.asOf) throw new ValidationError('recording', [{ path: 'date', message: `must be on or before ${request.asOf}`, value: request.date }]);
    const evaluation = await this.deps.evaluator.evaluateAttached(family, attachment, request.asOf);
    return { family, attachment, evaluation };
  }

  /** One row of the source for the member, at the family's address (so the event is the family's). */
  async #import(source: 'key-worker' | 'assessments', request: { actor: Actor; via: string }, householdId: string, member: HouseholdMember, values: Record<string, string>): Promise<ImportReport> {
    const spec = findSource(source)!;
    const household = await findHousehold(this.deps.db, householdId);
    const systemId = await this.deps.db
      .selectFrom('person_identifiers')
      .select('value')
      .where('person_id', '=', member.id)
      .where('kind', '=', `system:${spec.system}`)
      .orderBy('value')
      .executeTakeFirst();
    const row: Record<string, string> = {
      record_id: `FO-${randomUUID()}`,
      person_id: systemId?.value ?? `FO-${member.id}`,
      forename: member.forename,
      surname: member.surname,
      date_of_birth: member.date_of_birth,
      sex: sexCode[member.sex],
      address: household?.address ?? member.address,
      postcode: household?.postcode ?? member.postcode,
      nhs_number: member.nhs_number ?? '',
      upn: member.upn ?? '',
      ni_number: member.ni_number ?? '',
      ...values,
    };
    const header = spec.columns.map((c) => c.name);
    const name = `recorded on the ${request.via} by ${request.actor.userId.replaceAll('/', '-')} at ${this.#now().toISOString()}`;
    const report = await this.deps.imports.importRows(source, { name, header, rows: [header.map((h) => row[h] ?? '')] });
    if (report.quarantined > 0) {
      throw new ValidationError(source === 'key-worker' ? 'evidence' : 'assessment', report.issues.map((i) => ({ path: i.column ?? '', message: i.reason, ...(i.value !== undefined && { value: i.value }) })));
    }
    return report;
  }

  async #after(reference: string, attachment: Attachment, request: { asOf: string; actor: Actor; date: string }, report: ImportReport, what: string, subject: string, problem: ProblemId | null, summary: string): Promise<readonly TrackingChange[]> {
    const r = this.deps.repositories;
    await r.accessLog.insert({ userId: request.actor.userId, role: request.actor.role, familyId: attachment.family_id, action: `record-${what}`, at: this.#now() });
    await r.history.append([
      { familyId: attachment.family_id, attachmentId: attachment.id, kind: 'evidence-recorded', asOf: request.date, problem, summary, detail: { what, subject, importFile: report.fileId, fileName: report.file, row: 2 }, recordedBy: request.actor.userId, recordedAt: this.#now() },
    ]);
    return (await this.deps.tracking.trackFamily(reference, { asOf: request.asOf, actor: request.actor })).changes;
  }
}

/** The lead professional (by account; by name only for an attachment without one), an analyst or an administrator. */
export function mayRecord(actor: Actor, attachment: LeadOf, names: readonly string[] = []): boolean {
  if (actor.role === 'administrator' || actor.role === 'data-analyst' || actor.role === 'system') return true;
  return actor.role === 'key-worker' && isLeadProfessional(attachment, actor.userId, [actor.userId, ...names]);
}

function findOutcome(evaluation: FamilyEvaluation, problem: ProblemId, outcome: string): OutcomeResult {
  const p = evaluation.verdict.problems.find((x) => x.problem === problem);
  if (!p) throw new ValidationError('evidence', [{ path: 'problem', message: `is not a problem of plan ${evaluation.plan.compiled.plan.id}`, value: problem }]);
  const found = p.outcomes.find((o) => o.ref === outcome || o.id === outcome);
  if (!found) {
    throw new ValidationError('evidence', [{ path: 'outcome', message: `is not an outcome of problem ${problem} (outcomes: ${p.outcomes.map((o) => o.ref).join(', ')})`, value: outcome }]);
  }
  return found;
}

function memberOf(members: readonly HouseholdMember[], id: string | undefined, path: string): HouseholdMember {
  const member = members.find((m) => m.id === id);
  if (!member) throw new ValidationError('recording', [{ path, message: 'is not a member of the family', ...(id !== undefined && { value: id }) }]);
  return member;
}

/** "Adult, 34, Jo Smith": role, age on the date and name, enough to tell members apart on a form. */
export function memberLabel(m: Pick<HouseholdMember, 'forename' | 'surname' | 'date_of_birth'>, asOf: string): string {
  const age = ageOn(parseDay(m.date_of_birth), parseDay(asOf));
  return `${age >= 18 ? 'Adult' : 'Child'}, ${age}, ${m.forename} ${m.surname}`;
}
