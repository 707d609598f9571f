/**
 * The family timeline: the public input contract. A council can produce it from its own systems;
 * the data platform assembles it from imported extracts. `docs/timeline-format.md` documents it and
 * `schemas/timeline.schema.json` is generated from this validator (`npm run schemas`).
 *
 * Dates are `YYYY-MM-DD` and must exist (2019-02-30 is rejected). Extra fields are allowed and ignored.
 * Every event may carry an `id` and an `origin` ({ file, row }) so that each figure in a verdict can be
 * traced back to the extract row it came from.
 */
import { z } from 'zod';
import { isValidDay } from '../calendar/day.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isValidDay, { message: 'is not a real calendar date' });
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
export const termName = z.string().regex(/^\d{4}-(autumn|spring|summer)$/, 'expected a school term such as 2019-spring');

export const problemIds = ['crime', 'education', 'children-need-help', 'worklessness', 'domestic-abuse', 'health'] as const;
export const problemId = z.enum(problemIds);
export type ProblemId = z.infer<typeof problemId>;

const count = z.number().int().nonnegative();

/** Where an event came from: the import file and row, or any string a council's own export uses. */
export const eventOrigin = z.union([z.object({ file: z.string(), row: z.number().int().positive() }), z.string()]);

const base = {
  /** Stable id of the event, unique within the timeline. Defaults to `e<index>`. */
  id: z.string().min(1).optional(),
  /** The member the event is about. Household events (call-outs, housing actions) may omit it. */
  person: z.string().min(1).optional(),
  origin: eventOrigin.optional(),
};
const dated = { ...base, date: isoDate };
const spell = { ...base, start: isoDate, end: isoDate.nullish() };

export const benefitCodes = ['JSA', 'ESA', 'IS', 'IB', 'SDA', 'CA', 'UC'] as const;
/** Universal Credit conditionality regimes. */
export const ucRegimes = [
  'intensive-work-search',
  'light-touch',
  'work-preparation',
  'work-focused-interview',
  'no-work-requirements',
  'working-enough',
] as const;

export const socialCareKinds = [
  'early-help',
  'child-in-need',
  'section-47',
  'child-protection-plan',
  'looked-after',
  'public-law-outline',
  'care-proceedings',
] as const;

export const educationStatuses = [
  'mainstream',
  'alternative-provision',
  'pupil-referral-unit',
  'elective-home-education',
  'not-registered',
] as const;

export const housingKinds = [
  'tenancy-warning',
  'notice-of-seeking-possession',
  'eviction-order',
  'eviction',
  'section-21',
  'homelessness-risk',
  'homeless',
  'rent-arrears',
  'overcrowding',
  'poor-housing-conditions',
  'tenancy-secured',
] as const;

export const healthKinds = [
  'mental-health',
  'substance-misuse',
  'alcohol',
  'drugs',
  'obesity',
  'malnutrition',
  'pregnancy',
  'new-parent',
  'long-term-condition',
  'speech-language-delay',
  'developmental-delay',
  'not-registered-with-gp',
  'not-registered-with-dentist',
  'emotional-wellbeing',
  'other',
] as const;

/**
 * Needs identified by a professional (an assessment, a referral, a school's risk assessment) that no
 * agency extract records as an event of its own. Plans refer to them by kind.
 */
export const needKinds = [
  'early-help',
  'social-emotional-behavioural',
  'child-sexual-exploitation-risk',
  'young-carer',
  'neet-risk',
  'rent-arrears',
  'unmanageable-debt',
  'basic-needs-not-met',
  'financial-exclusion',
  'early-years-entitlement-not-taken-up',
  'eyfsp-concern',
  'previously-looked-after',
  'child-to-parent-violence',
  'domestic-abuse-risk',
  'health-vulnerability',
  'school-leaver-no-plan',
  'family-homeless',
  'no-recourse-to-public-funds',
  'other',
] as const;

export const timelineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offence'), ...dated, proven: z.boolean().default(true), furtherActionTaken: z.boolean().default(true), kind: z.string().optional() }),
  z.object({ type: z.literal('asb-incident'), ...dated }),
  z.object({ type: z.literal('asb-intervention'), ...dated, kind: z.string().optional() }),
  z.object({ type: z.literal('youth-justice-disposal'), ...dated, kind: z.enum(['diversion', 'out-of-court', 'substantive']) }),
  z.object({ type: z.literal('custody'), ...spell, kind: z.string().optional(), endReason: z.string().optional() }),
  z.object({ type: z.literal('licence'), ...spell, kind: z.string().optional(), endReason: z.enum(['completed', 'breached', 'revoked']).optional() }),
  z.object({
    type: z.literal('community-sentence'),
    ...spell,
    kind: z.enum(['community-order', 'suspended-sentence']).optional(),
    endReason: z.enum(['completed', 'breached', 'revoked']).optional(),
  }),
  z.object({ type: z.literal('enforcement-action'), ...dated }),
  z.object({
    type: z.literal('domestic-abuse'),
    ...dated,
    role: z.enum(['victim', 'perpetrator']),
    kind: z.enum(['domestic', 'sexual', 'honour-based']).default('domestic'),
    source: z.enum(['police', 'agency']).default('police'),
  }),
  z.object({ type: z.literal('police-callout'), ...dated, domestic: z.boolean() }),
  z.object({ type: z.literal('marac-referral'), ...dated }),
  z.object({
    type: z.literal('attendance'),
    ...base,
    term: termName,
    possibleSessions: count,
    attendedSessions: count,
    authorisedAbsences: count,
    unauthorisedAbsences: count,
  }),
  z.object({ type: z.literal('exclusion'), ...dated, kind: z.enum(['fixed', 'permanent']), days: z.number().nonnegative().default(0) }),
  z.object({ type: z.literal('education-status'), ...spell, status: z.enum(educationStatuses) }),
  z.object({ type: z.literal('early-years-place'), ...spell, attendanceRate: z.number().min(0).max(100).optional() }),
  z.object({ type: z.literal('social-care'), ...spell, kind: z.enum(socialCareKinds), endReason: z.enum(['closed', 'stepped-down', 'escalated']).optional() }),
  z.object({ type: z.literal('referral'), ...dated, service: z.string().min(1) }),
  z.object({ type: z.literal('missing-episode'), ...dated, hours: z.number().nonnegative().optional() }),
  z.object({ type: z.literal('benefit'), ...spell, benefit: z.enum(benefitCodes), ucRegime: z.enum(ucRegimes).optional() }),
  z.object({ type: z.literal('employment'), ...spell, hoursPerWeek: z.number().nonnegative() }),
  z.object({ type: z.literal('earnings'), ...base, month: isoMonth, amount: z.number().nonnegative() }),
  z.object({ type: z.literal('neet'), ...spell }),
  z.object({ type: z.literal('housing'), ...dated, kind: z.enum(housingKinds) }),
  z.object({ type: z.literal('health'), ...spell, kind: z.enum(healthKinds) }),
  z.object({ type: z.literal('ae-attendance'), ...dated }),
  z.object({ type: z.literal('assessment'), ...dated, tool: z.string().regex(/^[a-z0-9-]+$/, 'tool names are lower-case-kebab, e.g. outcomes-star, sdq'), score: z.number() }),
  z.object({ type: z.literal('need'), ...spell, kind: z.enum(needKinds), identifiedBy: z.string().optional() }),
  z.object({ type: z.literal('nomination'), ...dated, problem: problemId, reason: z.string().optional() }),
  z.object({
    type: z.literal('evidence'),
    ...dated,
    problem: problemId,
    /** The plan outcome reference the evidence is for, e.g. `1.5`. */
    outcome: z.string().optional(),
    /** For "at least N of these steps" outcomes, the step evidenced. */
    step: z.string().optional(),
    author: z.string().min(1),
    role: z.string().min(1),
    statement: z.string().min(1),
  }),
]);

export const member = z.object({
  id: z.string().min(1),
  dateOfBirth: isoDate,
  role: z.enum(['adult', 'child']),
  parentingResponsibility: z.boolean().default(false),
  sex: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
});

export const timeline = z
  .object({
    familyId: z.string().min(1),
    members: z.array(member).min(1),
    programme: z.object({
      identifiedOn: isoDate,
      engagedOn: isoDate.nullish(),
      closedOn: isoDate.nullish(),
    }),
    events: z.array(timelineEvent).default([]),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    t.members.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: `duplicate member id`, input: m.id });
      ids.add(m.id);
    });
    const eventIds = new Set<string>();
    t.events.forEach((e, i) => {
      if (e.person !== undefined && !ids.has(e.person)) {
        ctx.addIssue({ code: 'custom', path: ['events', i, 'person'], message: 'is not the id of a member of this family', input: e.person });
      }
      if (e.id !== undefined) {
        if (eventIds.has(e.id)) ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: 'duplicate event id', input: e.id });
        eventIds.add(e.id);
      }
      if ('start' in e && e.end && e.end < e.start) {
        ctx.addIssue({ code: 'custom', path: ['events', i, 'end'], message: `is before start ${e.start}`, input: e.end });
      }
      if (e.type === 'attendance') {
        if (e.attendedSessions > e.possibleSessions) {
          ctx.addIssue({ code: 'custom', path: ['events', i, 'attendedSessions'], message: `is more than possibleSessions (${e.possibleSessions})`, input: e.attendedSessions });
        } else if (e.attendedSessions + e.authorisedAbsences + e.unauthorisedAbsences > e.possibleSessions) {
          ctx.addIssue({ code: 'custom', path: ['events', i, 'possibleSessions'], message: 'is less than attended + authorised + unauthorised sessions', input: e.possibleSessions });
        }
      }
    });
    const { identifiedOn, engagedOn, closedOn } = t.programme;
    if (engagedOn && closedOn && closedOn < engagedOn) {
      ctx.addIssue({ code: 'custom', path: ['programme', 'closedOn'], message: `is before engagedOn ${engagedOn}`, input: closedOn });
    }
    if (!identifiedOn) ctx.addIssue({ code: 'custom', path: ['programme', 'identifiedOn'], message: 'is required' });
  });

export type Timeline = z.infer<typeof timeline>;
export type TimelineInput = z.input<typeof timeline>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type EventType = TimelineEvent['type'];
export type Member = z.infer<typeof member>;
export const eventTypes = timelineEvent.options.map((o) => o.shape.type.value) as EventType[];
