/**
 * Families on the programme: the list (search, pagination; key workers see only their own), one
 * family's page (every view written to the access log), and recording the four essentials.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SessionUser } from '../../data/repositories/web-sessions.ts';
import { z } from 'zod';
import { dateField, formError, parseForm, type FormErrors } from '../forms.ts';
import type { UsersService } from '../../services/users-service.ts';
import type { FamilyDirectory, FamilySummary } from '../services/family-directory.ts';
import type { FamilyPageCache } from '../services/family-page-cache.ts';
import { familyView, verdictView } from '../view-models/family-view.ts';
import { ForbiddenError, PageNotFoundError } from '../web-errors.ts';

const pageSize = 25;
const referenceParams = z.object({ reference: z.string().regex(/^F-\d{1,12}$/i) });
const sortable = { reference: 'Family', postcode: 'Postcode', lead: 'Lead professional', engaged: 'Engaged' } as const;
type SortKey = keyof typeof sortable;
const listQuery = z.object({
  search: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  sort: z.enum(['reference', 'postcode', 'lead', 'engaged']).default('reference'),
  order: z.enum(['ascending', 'descending']).default('ascending'),
});
const sortValue: Readonly<Record<SortKey, (f: FamilySummary) => string>> = {
  reference: (f) => f.reference,
  postcode: (f) => f.postcode,
  lead: (f) => (f.leadProfessional ?? '').toLowerCase(),
  engaged: (f) => f.engagedOn,
};

/** `leadUser`: a key worker's account id, `other` for someone without an account (named in `leadProfessional`), or blank to keep what is recorded. */
const essentialsForm = z
  .object({
    leadUser: z.union([z.literal(''), z.literal('other'), z.string().uuid('Choose the lead professional from the list')]).optional(),
    leadProfessional: z.string().trim().max(200, 'Lead professional must be 200 characters or fewer').optional(),
    outcomesAligned: z.enum(['yes', 'no']).optional(),
  })
  .and(dateField('assessmentOn', 'Date of the whole-family assessment'))
  .and(dateField('actionPlanOn', 'Date of the action plan'));

const recordedQuery = z.object({ recorded: z.enum(['evidence', 'assessment']), problem: z.string().max(40).optional(), outcome: z.string().max(100).optional(), tool: z.string().max(60).optional() });

/**
 * The success banner after recording: what changed, read from the family as it is now (the query only
 * says what was recorded, so nothing in the banner can be made up by a link).
 */
function recordedBanner(query: unknown, family: ReturnType<typeof familyView>): string | undefined {
  const q = recordedQuery.safeParse(query);
  if (!q.success) return undefined;
  if (q.data.recorded === 'assessment') return `Assessment recorded${q.data.tool && /^[a-z0-9-]+$/.test(q.data.tool) ? ` (${q.data.tool})` : ''}. The family’s outcomes have been assessed again.`;
  const outcome = family.problems.find((p) => p.id === q.data.problem)?.outcomes.find((o) => o.ref === q.data.outcome);
  if (!outcome) return 'Evidence recorded.';
  return `Evidence recorded. Outcome ${outcome.ref} is ${outcome.statusCode === 'met' ? 'now met' : `still ${outcome.status.text.toLowerCase()}`}.`;
}

/** The key workers a family can be assigned to (active accounts), for the essentials form. */
async function keyWorkers(users: UsersService): Promise<Array<{ id: string; displayName: string }>> {
  return (await users.list()).filter((u) => u.role === 'key-worker' && u.active).map((u) => ({ id: u.id, displayName: u.displayName }));
}

export function familyRoutes(app: FastifyInstance, directory: FamilyDirectory, pages: FamilyPageCache, today: () => string, users: UsersService): void {
  const config = { permission: ['families:read-all', 'families:read-own'] } as const;
  const referenceOf = (params: unknown) => {
    const parsed = referenceParams.safeParse(params);
    if (!parsed.success) throw new PageNotFoundError('family');
    return parsed.data.reference.toUpperCase();
  };

  app.get('/families', { config }, async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    const { search, page, sort, order } = query.success ? query.data : listQuery.parse({});
    const key = sortValue[sort];
    const direction = order === 'ascending' ? 1 : -1;
    const all = (await directory.list(request.user!, search)).sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : a.reference < b.reference ? -1 : 1));
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    const current = Math.min(page, pages);
    const params = (extra: Record<string, string>) => new URLSearchParams({ ...(search ? { search } : {}), sort, order, ...extra }).toString();
    const link = (n: number) => `/families?${params({ page: String(n) })}`;
    // Sortable headers are links (they work without JavaScript) and say the current order with aria-sort.
    const headers = (Object.keys(sortable) as SortKey[]).map((k) => {
      const next = k === sort && order === 'ascending' ? 'descending' : 'ascending';
      return { key: k, text: sortable[k], href: `/families?${params({ sort: k, order: next })}`, ariaSort: k === sort ? order : 'none' };
    });
    return reply.page('pages/families/list.njk', {
      families: all.slice((current - 1) * pageSize, current * pageSize),
      total: all.length,
      search,
      pagination: pages > 1 ? {
        previous: current > 1 ? { href: link(current - 1) } : undefined,
        next: current < pages ? { href: link(current + 1) } : undefined,
        items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: link(i + 1), current: i + 1 === current })),
      } : undefined,
      onlyOwn: request.user!.role === 'key-worker',
      headers,
    });
  });

  const showFamily = async (reply: FastifyReply, reference: string, user: SessionUser, extra: { errors?: FormErrors; values?: unknown; banner?: string | ((family: ReturnType<typeof familyView>) => string | undefined) } = {}) => {
    const detail = await directory.view(user, reference, today());
    // The evaluated part (view and HTML) is kept by the evaluation's input key: see family-page-cache.ts.
    const part = pages.part(detail.evaluation.inputKey, detail.mayChange, () => {
      const view = verdictView(detail.evaluation);
      return { view, html: reply.fragment('partials/family-problems.njk', { family: view, mayChange: detail.mayChange }) };
    });
    const family = familyView(detail, part.view);
    const leads = detail.mayChange ? await keyWorkers(users) : [];
    const chosen = detail.attached.attachment.lead_user_id;
    const leadItems = [
      ...(chosen || detail.attached.attachment.lead_professional ? [] : [{ value: '', text: 'Not recorded' }]),
      ...leads.map((k) => ({ value: k.id, text: k.displayName, selected: k.id === chosen })),
      { value: 'other', text: 'Someone without an account', selected: !chosen && !!detail.attached.attachment.lead_professional },
    ];
    const banner = typeof extra.banner === 'function' ? extra.banner(family) : extra.banner;
    return { family, problemsHtml: part.html, mayChange: detail.mayChange, leadItems, ...extra, banner };
  };

  app.get('/families/:reference', { config }, async (request, reply) => {
    const reference = referenceOf(request.params);
    const query = request.query as Record<string, unknown>;
    const banner = query['updated'] === 'essentials' ? 'The four essentials have been updated.' : (family: ReturnType<typeof familyView>) => recordedBanner(query, family);
    return reply.page('pages/families/show.njk', await showFamily(reply, reference, request.user!, { banner }));
  });

  app.post('/families/:reference/essentials', { config: { permission: ['evidence:record', 'candidates:attach'] } }, async (request, reply) => {
    const reference = referenceOf(request.params);
    if (!(await directory.mayChange(request.user!, reference))) throw new ForbiddenError('You can only change the families you lead.');
    const body = (request.body ?? {}) as Record<string, string>;
    const form = parseForm(essentialsForm, body);
    if (!form.ok) return reply.code(400).page('pages/families/show.njk', await showFamily(reply, reference, request.user!, { errors: form.errors, values: body }));
    const v = form.value;
    let lead: { leadProfessional?: string; leadUserId?: string | null } = {};
    if (v.leadUser === 'other') lead = { leadUserId: null, ...(v.leadProfessional ? { leadProfessional: v.leadProfessional } : {}) };
    else if (v.leadUser) {
      const account = (await keyWorkers(users)).find((k) => k.id === v.leadUser);
      if (!account) return reply.code(400).page('pages/families/show.njk', await showFamily(reply, reference, request.user!, { errors: formError('leadUser', 'Choose the lead professional from the list'), values: body }));
      lead = { leadUserId: account.id, leadProfessional: account.displayName };
    } else if (v.leadProfessional) lead = { leadProfessional: v.leadProfessional };
    try {
      await directory.recordEssentials(request.user!, reference, {
        ...lead,
        ...(v.assessmentOn ? { assessmentOn: v.assessmentOn } : {}),
        ...(v.actionPlanOn ? { actionPlanOn: v.actionPlanOn } : {}),
        ...(v.outcomesAligned ? { outcomesAligned: v.outcomesAligned === 'yes' } : {}),
      });
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'invalid-input') {
        return reply.code(400).page('pages/families/show.njk', await showFamily(reply, reference, request.user!, { errors: formError('leadProfessional', error.message), values: body }));
      }
      throw error;
    }
    return reply.redirect(`/families/${reference}?updated=essentials#essentials`, 303);
  });
}
