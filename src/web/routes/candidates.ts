/**
 * Candidates from the latest identification run (filter by problem), run identification again,
 * and attach a candidate to the programme — all through the workflow's identification and
 * attachment services.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { problemIds, problemTitles } from '../../engine/index.ts';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { dateField, formError, parseForm, type FormErrors } from '../forms.ts';
import type { WebServices } from '../web-services.ts';
import { PageNotFoundError } from '../web-errors.ts';

const listQuery = z.object({ problem: z.enum(problemIds).optional().catch(undefined) });
const runForm = z.object({ plan: z.string({ error: 'Choose the plan to identify families under' }).min(1, 'Choose the plan to identify families under') });
const attachForm = z
  .object({ leadProfessional: z.string().trim().max(200, 'Lead professional must be 200 characters or fewer').optional() })
  .and(dateField('engagedOn', 'Engagement date'))
  .superRefine((v, ctx) => {
    if (!v.engagedOn) ctx.addIssue({ code: 'custom', message: 'Enter the date the family engaged', path: ['engagedOn'] });
  });
const referenceParams = z.object({ reference: z.string().regex(/^F-\d{1,12}$/i) });

export function candidateRoutes(app: FastifyInstance, services: WebServices): void {
  const { workflow } = services;
  const config = { permission: 'candidates:attach' } as const;

  const listPage = async (reply: FastifyReply, problem: string | undefined, extra: { errors?: FormErrors } = {}) => {
    const [run] = await workflow.identification.runs(1);
    const candidates = run ? await workflow.identification.candidates(run.id, problem ? { problems: [problem as (typeof problemIds)[number]] } : {}) : [];
    return reply.page('pages/candidates/list.njk', {
      run,
      candidates: candidates.slice(0, 200).map((c) => ({ ...c, problemNames: c.problems.map((p) => problemTitles[p]).join(', ') })),
      total: candidates.length,
      problem,
      problemItems: [{ value: '', text: 'Any problem' }, ...problemIds.map((p) => ({ value: p, text: problemTitles[p], selected: p === problem }))],
      planItems: [{ value: '', text: 'Choose a plan' }, ...services.plans.list().map((p) => ({ value: p.ref, text: `${p.title} (version ${p.version})` }))],
      ...extra,
    });
  };

  app.get('/candidates', { config }, async (request, reply) => listPage(reply, listQuery.parse(request.query).problem));

  app.post('/candidates/runs', { config }, async (request, reply) => {
    const form = parseForm(runForm, request.body);
    if (!form.ok) return listPage(reply.code(400), undefined, { errors: form.errors });
    try {
      await workflow.identification.identify({ plan: form.value.plan, asOf: services.today(), actor: { userId: request.user!.id, role: request.user!.role } });
    } catch (error) {
      if (!(error instanceof FamilyOutcomesError)) throw error;
      return listPage(reply.code(400), undefined, { errors: formError('plan', error.message) });
    }
    return reply.redirect('/candidates', 303);
  });

  const attachPage = async (reply: FastifyReply, reference: string, extra: { errors?: FormErrors; values?: unknown } = {}) => {
    const [run] = await workflow.identification.runs(1);
    const candidate = run && (await workflow.identification.candidates(run.id, {})).find((c) => c.familyReference === reference);
    if (!run || !candidate) throw new PageNotFoundError('candidate');
    return reply.page('pages/candidates/attach.njk', { run, candidate, problemNames: candidate.problems.map((p) => problemTitles[p]).join(', '), ...extra });
  };

  app.get('/candidates/:reference/attach', { config }, async (request, reply) => {
    const parsed = referenceParams.safeParse(request.params);
    if (!parsed.success) throw new PageNotFoundError('candidate');
    return attachPage(reply, parsed.data.reference.toUpperCase());
  });

  app.post('/candidates/:reference/attach', { config }, async (request, reply) => {
    const parsed = referenceParams.safeParse(request.params);
    if (!parsed.success) throw new PageNotFoundError('candidate');
    const reference = parsed.data.reference.toUpperCase();
    const body = (request.body ?? {}) as Record<string, string>;
    const form = parseForm(attachForm, body);
    if (!form.ok) return attachPage(reply.code(400), reference, { errors: form.errors, values: body });
    const [run] = await workflow.identification.runs(1);
    if (!run) throw new PageNotFoundError('identification run');
    try {
      await workflow.attachment.attach({
        family: reference,
        plan: `${run.planId}@${run.planVersion}`,
        identifiedOn: run.asOf <= form.value.engagedOn! ? run.asOf : form.value.engagedOn!,
        engagedOn: form.value.engagedOn!,
        ...(form.value.leadProfessional ? { leadProfessional: form.value.leadProfessional } : {}),
        actor: { userId: request.user!.id, role: request.user!.role },
      });
    } catch (error) {
      if (!(error instanceof FamilyOutcomesError) || error.code === 'not-found') throw error;
      return attachPage(reply.code(400), reference, { errors: formError('engagedOn', error.message), values: body });
    }
    return reply.redirect(`/families/${reference}`, 303);
  });
}
