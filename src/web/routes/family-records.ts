/**
 * Recording on the family page: a professional's evidence for an outcome that needs it, and a
 * standardised assessment score for a member. Each form checks its input (GOV.UK error summary and
 * inline errors), the workflow's recording service stores the entry through the import pipeline and
 * re-tracks the family, and the family page says what changed. Only the family's lead professional, a
 * data analyst or an administrator may record; opening a form is written to the access log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../engine/errors.ts';
import { problemIds } from '../../engine/index.ts';
import type { SessionUser } from '../../data/repositories/web-sessions.ts';
import { RecordingNotAllowedError, type EvidenceRecordingService } from '../../services/evidence-recording-service.ts';
import { dateField, parseForm, type FormErrors } from '../forms.ts';
import type { FamilyDirectory } from '../services/family-directory.ts';
import { ForbiddenError, PageNotFoundError } from '../web-errors.ts';

const referenceParams = z.object({ reference: z.string().regex(/^F-\d{1,12}$/i) });
const evidenceQuery = z.object({ problem: z.enum(problemIds), outcome: z.string().min(1).max(100) });

const requiredDate = (name: string, label: string) =>
  dateField(name, label).refine((v) => (v as Record<string, string | undefined>)[name] !== undefined, { message: `Enter the ${label.toLowerCase()}`, path: [name] });

const evidenceForm = z
  .object({
    problem: z.enum(problemIds, 'Choose the problem from the family page'),
    outcome: z.string().min(1, 'Choose the outcome from the family page').max(100),
    member: z.string().uuid('Select who the evidence is about'),
    author: z.string().trim().min(1, 'Enter who gave the evidence').max(200, 'Who gave the evidence must be 200 characters or fewer'),
    role: z.string().trim().min(1, 'Enter their role').max(200, 'Their role must be 200 characters or fewer'),
    statement: z.string().trim().min(1, 'Enter the evidence').max(4000, 'The evidence must be 4,000 characters or fewer'),
  })
  .and(requiredDate('date', 'Date of the evidence'));

const assessmentForm = z
  .object({
    member: z.string().uuid('Select who was assessed'),
    tool: z.string().trim().min(1, 'Select the assessment tool').max(60).regex(/^[a-z0-9-]+$/, 'The tool must be lower-case words joined by hyphens, for example outcomes-star'),
    score: z
      .string()
      .trim()
      .min(1, 'Enter the score')
      .regex(/^-?\d+(\.\d+)?$/, 'The score must be a number, for example 4 or 12.5')
      .transform(Number)
      .refine((n) => n >= -1000 && n <= 1000, 'The score must be between -1,000 and 1,000'),
  })
  .and(requiredDate('date', 'Date of the assessment'));

/** A service's ValidationError as form errors, field by field (the service names the fields the form has). */
function serviceErrors(error: ValidationError, fields: readonly string[]): FormErrors {
  const list: Array<{ text: string; href: string }> = [];
  const byField: Record<string, { text: string }> = {};
  for (const issue of error.issues) {
    const field = fields.includes(issue.path) ? issue.path : fields[0]!;
    const text = `${field === 'date' ? 'The date' : field[0]!.toUpperCase() + field.slice(1)} ${issue.message}`;
    if (byField[field]) continue;
    byField[field] = { text };
    list.push({ text, href: `#${field}` });
  }
  return { list, fields: byField };
}

export function familyRecordRoutes(app: FastifyInstance, directory: FamilyDirectory, records: EvidenceRecordingService, today: () => string): void {
  const config = { permission: ['evidence:record', 'candidates:attach'] } as const;
  const referenceOf = (params: unknown) => {
    const parsed = referenceParams.safeParse(params);
    if (!parsed.success) throw new PageNotFoundError('family');
    return parsed.data.reference.toUpperCase();
  };
  const names = (user: SessionUser) => [user.displayName, user.username];

  /** The family as the form needs it; refuses anyone who may not change it; writes the access log. */
  async function familyFor(user: SessionUser, reference: string, action: string) {
    if (!(await directory.mayChange(user, reference))) throw new ForbiddenError('You can only record for the families you lead.');
    const detail = await directory.view(user, reference, today(), action);
    return { detail, members: await records.members(reference, today()) };
  }

  async function evidencePage(user: SessionUser, reference: string, problem: string, outcome: string, extra: { errors?: FormErrors; values?: Record<string, string> }) {
    const { detail, members } = await familyFor(user, reference, 'open-evidence-form');
    const p = detail.evaluation.verdict.problems.find((x) => x.problem === problem);
    const o = p?.outcomes.find((x) => x.ref === outcome || x.id === outcome);
    if (!p || !o) throw new PageNotFoundError('outcome');
    const suggested = o.subjects.find((s) => s.status === 'evidence-required' && members.some((m) => m.id === s.subject))?.subject ?? members[0]?.id;
    const chosen = extra.values?.['member'] ?? suggested;
    return {
      reference,
      problem: { id: p.problem, title: p.title },
      outcome: { ref: o.ref, text: o.text, explanation: o.explanation },
      memberItems: members.map((m) => ({ value: m.id, text: m.label, selected: m.id === chosen })),
      values: extra.values ?? { author: user.displayName },
      ...(extra.errors && { errors: extra.errors }),
    };
  }

  app.get('/families/:reference/evidence', { config }, async (request, reply) => {
    const reference = referenceOf(request.params);
    const query = evidenceQuery.safeParse(request.query);
    if (!query.success) throw new PageNotFoundError('outcome');
    return reply.page('pages/families/record-evidence.njk', await evidencePage(request.user!, reference, query.data.problem, query.data.outcome, {}));
  });

  app.post('/families/:reference/evidence', { config }, async (request, reply) => {
    const reference = referenceOf(request.params);
    const user = request.user!;
    const body = (request.body ?? {}) as Record<string, string>;
    const again = async (errors: FormErrors) => {
      const query = evidenceQuery.safeParse(body);
      if (!query.success) throw new PageNotFoundError('outcome');
      return reply.code(400).page('pages/families/record-evidence.njk', await evidencePage(user, reference, query.data.problem, query.data.outcome, { errors, values: body }));
    };
    if (!(await directory.mayChange(user, reference))) throw new ForbiddenError('You can only record for the families you lead.');
    const form = parseForm(evidenceForm, body);
    if (!form.ok) return again(form.errors);
    const v = form.value;
    try {
      const result = await records.recordEvidence({
        family: reference,
        problem: v.problem,
        outcome: v.outcome,
        member: v.member,
        date: v.date!,
        author: v.author,
        role: v.role,
        statement: v.statement,
        asOf: today(),
        actor: { userId: user.id, role: user.role },
        actorNames: names(user),
      });
      const q = new URLSearchParams({ recorded: 'evidence', problem: v.problem, outcome: result.outcome!.ref });
      return reply.redirect(`/families/${reference}?${q.toString()}`, 303);
    } catch (error) {
      if (error instanceof RecordingNotAllowedError) throw new ForbiddenError('You can only record for the families you lead.');
      if (error instanceof ValidationError) return again(serviceErrors(error, ['date', 'member', 'author', 'role', 'statement']));
      throw error;
    }
  });

  async function assessmentPage(user: SessionUser, reference: string, extra: { errors?: FormErrors; values?: Record<string, string> }) {
    const { detail, members } = await familyFor(user, reference, 'open-assessment-form');
    const tools = records.toolsOf(detail.evaluation);
    const values = extra.values ?? {};
    return {
      reference,
      planRef: `${detail.evaluation.plan.compiled.plan.id}@${detail.evaluation.plan.compiled.plan.version}`,
      memberItems: [{ value: '', text: 'Choose a family member' }, ...members.map((m) => ({ value: m.id, text: m.label, selected: m.id === values['member'] }))],
      toolItems: tools.length > 0 ? [{ value: '', text: 'Choose a tool' }, ...tools.map((t) => ({ value: t, text: t, selected: t === values['tool'] }))] : undefined,
      values,
      ...(extra.errors && { errors: extra.errors }),
    };
  }

  app.get('/families/:reference/assessments/new', { config }, async (request, reply) => {
    const reference = referenceOf(request.params);
    return reply.page('pages/families/record-assessment.njk', await assessmentPage(request.user!, reference, {}));
  });

  app.post('/families/:reference/assessments', { config }, async (request, reply) => {
    const reference = referenceOf(request.params);
    const user = request.user!;
    const body = (request.body ?? {}) as Record<string, string>;
    if (!(await directory.mayChange(user, reference))) throw new ForbiddenError('You can only record for the families you lead.');
    const again = async (errors: FormErrors) => reply.code(400).page('pages/families/record-assessment.njk', await assessmentPage(user, reference, { errors, values: body }));
    const form = parseForm(assessmentForm, body);
    if (!form.ok) return again(form.errors);
    const v = form.value;
    try {
      await records.recordAssessment({ family: reference, member: v.member, tool: v.tool, score: v.score, date: v.date!, asOf: today(), actor: { userId: user.id, role: user.role }, actorNames: names(user) });
    } catch (error) {
      if (error instanceof RecordingNotAllowedError) throw new ForbiddenError('You can only record for the families you lead.');
      if (error instanceof ValidationError) return again(serviceErrors(error, ['date', 'member', 'tool', 'score']));
      throw error;
    }
    return reply.redirect(`/families/${reference}?${new URLSearchParams({ recorded: 'assessment', tool: v.tool }).toString()}`, 303);
  });
}
