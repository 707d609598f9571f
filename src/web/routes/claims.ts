/**
 * Claims and internal audit, over the workflow's claims and audit services: families claimable now
 * (and what blocks the rest), claim batches, the audit sample with a pass/fail form per family,
 * submission, and the CSV export of a submitted batch.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../../data/repositories/web-sessions.ts';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { dateField, formError, parseForm, type FormErrors } from '../forms.ts';
import { can } from '../permissions.ts';
import type { WebServices } from '../web-services.ts';
import { PageNotFoundError } from '../web-errors.ts';

const batchParams = z.object({ batch: z.string().regex(/^[A-Za-z0-9-]{1,60}$/) });
const auditParams = batchParams.extend({ family: z.string().regex(/^F-\d{1,12}$/i) });
const batchForm = z
  .object({})
  .and(dateField('periodStart', 'Start of the claim period'))
  .and(dateField('periodEnd', 'End of the claim period'))
  .superRefine((v, ctx) => {
    if (!v.periodStart) ctx.addIssue({ code: 'custom', message: 'Enter the start of the claim period', path: ['periodStart'] });
    if (!v.periodEnd) ctx.addIssue({ code: 'custom', message: 'Enter the end of the claim period', path: ['periodEnd'] });
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', message: 'End of the claim period must be after the start', path: ['periodEnd'] });
  });
const auditForm = z
  .object({ result: z.enum(['pass', 'fail'], { error: 'Select pass or fail' }), reason: z.string().trim().max(4000, 'Reason must be 4,000 characters or fewer').optional() })
  .refine((v) => v.result === 'pass' || (v.reason ?? '').length >= 3, { message: 'Enter why the claim failed audit', path: ['reason'] });

const claimTypeNames = { ssp: 'Significant and sustained progress', ce: 'Continuous employment' } as const;

/** Workflow rules the user broke (a batch already sampled, nothing to claim…) are shown as form errors. */
function isWorkflowRefusal(error: unknown): error is FamilyOutcomesError {
  return error instanceof FamilyOutcomesError && ['invalid-state', 'nothing-to-claim', 'invalid-input'].includes(error.code);
}

export function claimRoutes(app: FastifyInstance, services: WebServices): void {
  const { workflow } = services;
  const actor = (user: SessionUser) => ({ userId: user.id, role: user.role });
  const batchKey = (params: unknown) => {
    const parsed = batchParams.safeParse(params);
    if (!parsed.success) throw new PageNotFoundError('claim batch');
    return parsed.data.batch;
  };

  const claimsPage = async (reply: FastifyReply, extra: { errors?: FormErrors; values?: unknown } = {}) => {
    const all = await workflow.claims.listClaimable({ asOf: services.today(), includeNotClaimable: true });
    return reply.page('pages/claims/index.njk', {
      claimable: all.filter((c) => c.claimType !== null && c.blockedBy.length === 0).map((c) => ({ ...c, claimTypeName: claimTypeNames[c.claimType!] })),
      blocked: all.filter((c) => c.claimType === null || c.blockedBy.length > 0),
      batches: await workflow.claims.batches(),
      mayBuild: can(reply.request.user!.role, 'claims:manage'),
      asOf: services.today(),
      ...extra,
    });
  };

  const batchPage = async (reply: FastifyReply, key: string, extra: { errors?: FormErrors; banner?: string } = {}) => {
    const { batch, claims } = await workflow.claims.batch(key);
    const audit = await workflow.audit.state(batch.id);
    const role = reply.request.user!.role;
    return reply.page('pages/claims/batch.njk', {
      batch,
      claims: claims.map((c) => ({ ...c, claimTypeName: claimTypeNames[c.claim_type] })),
      audit,
      mayAudit: can(role, 'audit:record'),
      maySubmit: can(role, 'claims:manage'),
      ...extra,
    });
  };

  app.get('/claims', { config: { permission: 'claims:read' } }, async (_request, reply) => claimsPage(reply));

  app.post('/claims/batches', { config: { permission: 'claims:manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const form = parseForm(batchForm, body);
    if (!form.ok) return claimsPage(reply.code(400), { errors: form.errors, values: body });
    try {
      const result = await workflow.claims.createBatch({ periodStart: form.value.periodStart!, periodEnd: form.value.periodEnd!, asOf: services.today(), actor: actor(request.user!) });
      return reply.redirect(`/claims/batches/${result.batch.reference}?created=${result.claimed.length}`, 303);
    } catch (error) {
      if (!isWorkflowRefusal(error)) throw error;
      return claimsPage(reply.code(400), { errors: formError('periodStart', error.message), values: body });
    }
  });

  app.get('/claims/batches/:batch', { config: { permission: ['claims:read', 'audit:record'] } }, async (request, reply) => {
    const created = (request.query as Record<string, unknown>)['created'];
    return batchPage(reply, batchKey(request.params), { ...(typeof created === 'string' ? { banner: `Batch created with ${created} ${created === '1' ? 'claim' : 'claims'}.` } : {}) });
  });

  app.post('/claims/batches/:batch/sample', { config: { permission: 'audit:record' } }, async (request, reply) => {
    const key = batchKey(request.params);
    try {
      await workflow.audit.sample({ batch: key, actor: actor(request.user!) });
    } catch (error) {
      if (!isWorkflowRefusal(error)) throw error;
      return batchPage(reply.code(400), key, { errors: formError('sample', error.message) });
    }
    return reply.redirect(`/claims/batches/${key}#audit`, 303);
  });

  app.post('/claims/batches/:batch/audit/:family', { config: { permission: 'audit:record' } }, async (request, reply) => {
    const parsed = auditParams.safeParse(request.params);
    if (!parsed.success) throw new PageNotFoundError('audit sample entry');
    const { batch, family } = parsed.data;
    const form = parseForm(auditForm, request.body);
    if (!form.ok) return batchPage(reply.code(400), batch, { errors: prefixed(form.errors, family) });
    try {
      await workflow.audit.record({ batch, family, result: form.value.result, ...(form.value.reason ? { reason: form.value.reason } : {}), actor: actor(request.user!) });
    } catch (error) {
      if (!isWorkflowRefusal(error)) throw error;
      return batchPage(reply.code(400), batch, { errors: formError(`${family}-result`, error.message) });
    }
    return reply.redirect(`/claims/batches/${batch}#audit`, 303);
  });

  app.post('/claims/batches/:batch/submit', { config: { permission: 'claims:manage' } }, async (request, reply) => {
    const key = batchKey(request.params);
    try {
      await workflow.audit.submit({ batch: key, actor: actor(request.user!) });
    } catch (error) {
      if (!isWorkflowRefusal(error)) throw error;
      return batchPage(reply.code(400), key, { errors: formError('submit', error.message) });
    }
    return reply.redirect(`/claims/batches/${key}`, 303);
  });

  // The pack is a self-contained document with its own inline styles and no scripts: it gets a policy of its own.
  app.get('/claims/evidence-packs/:family', { config: { permission: ['claims:read', 'audit:record'] } }, async (request, reply) => {
    const parsed = auditParams.pick({ family: true }).safeParse(request.params);
    if (!parsed.success) throw new PageNotFoundError('evidence pack');
    const html = await services.families.evidencePack(request.user!, parsed.data.family.toUpperCase());
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
      .type('text/html; charset=utf-8')
      .send(html);
  });

  app.get('/claims/batches/:batch/export.csv', { config: { permission: 'claims:read' } }, async (request, reply) => {
    const key = batchKey(request.params);
    const csv = await workflow.exportBatchCsv(key);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="claims-${key}.csv"`).send(csv);
  });
}

/** Each sampled family has its own form: its fields are named `<reference>-result` and `<reference>-reason`. */
function prefixed(errors: FormErrors, family: string): FormErrors {
  return {
    list: errors.list.map((e) => ({ text: `${family}: ${e.text}`, href: `#${family}-${e.href.slice(1)}` })),
    fields: Object.fromEntries(Object.entries(errors.fields).map(([k, v]) => [`${family}-${k}`, v])),
  };
}
