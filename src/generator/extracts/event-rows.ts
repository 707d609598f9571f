/**
 * Which agency extract records each kind of event, and the source-specific cells of its row, exactly
 * as the import formats in src/imports/sources/ define them (the tests read each row back through the
 * source's own `toEvent` and compare). Dates here are canonical `YYYY-MM-DD`; the extract writer
 * renders them in each agency's style.
 */
import type { GeneratedEvent } from '../model.ts';

export type Cells = Record<string, string>;

export interface EventRow {
  /** The source id (`police-offences`, …). */
  readonly source: string;
  readonly cells: Cells;
}

const yn = (b: boolean | undefined, fallback: boolean) => ((b ?? fallback) ? 'Y' : 'N');
const opt = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function eventRow(e: GeneratedEvent): EventRow {
  switch (e.type) {
    case 'offence':
      return { source: 'police-offences', cells: { offence_date: e.date, offence_type: opt(e.kind), proven: yn(e.proven, true), further_action: yn(e.furtherActionTaken, true) } };
    case 'asb-incident':
      return { source: 'police-asb', cells: { record_type: 'incident', date: e.date } };
    case 'asb-intervention':
      return { source: 'police-asb', cells: { record_type: 'intervention', date: e.date, intervention_type: opt(e.kind) } };
    case 'enforcement-action':
      return { source: 'police-asb', cells: { record_type: 'enforcement', date: e.date } };
    case 'police-callout':
      return { source: 'police-callouts', cells: { callout_date: e.date, domestic: yn(e.domestic, false) } };
    case 'domestic-abuse':
      return { source: 'domestic-abuse', cells: { record_type: 'incident', date: e.date, role: e.role, abuse_type: opt(e.kind), reported_by: opt(e.source) } };
    case 'marac-referral':
      return { source: 'domestic-abuse', cells: { record_type: 'marac-referral', date: e.date } };
    case 'youth-justice-disposal':
      return { source: 'youth-justice', cells: { record_type: 'disposal', start_date: e.date, disposal_tier: e.kind } };
    case 'custody':
      return { source: 'youth-justice', cells: { record_type: 'custody', start_date: e.start, end_date: opt(e.end), end_reason: opt(e.endReason) } };
    case 'licence':
      return { source: 'youth-justice', cells: { record_type: 'licence', start_date: e.start, end_date: opt(e.end), end_reason: opt(e.endReason) } };
    case 'community-sentence':
      return { source: 'youth-justice', cells: { record_type: 'community-sentence', start_date: e.start, end_date: opt(e.end), sentence_type: opt(e.kind), end_reason: opt(e.endReason) } };
    case 'attendance':
      return {
        source: 'school-attendance',
        cells: {
          term: e.term,
          possible_sessions: String(e.possibleSessions),
          attended_sessions: String(e.attendedSessions),
          authorised_absences: String(e.authorisedAbsences),
          unauthorised_absences: String(e.unauthorisedAbsences),
        },
      };
    case 'exclusion':
      return { source: 'exclusions', cells: { exclusion_date: e.date, exclusion_type: e.kind, days: opt(e.days) } };
    case 'education-status':
      return { source: 'education-status', cells: { record_type: 'education-status', start_date: e.start, end_date: opt(e.end), status: e.status } };
    case 'early-years-place':
      return { source: 'education-status', cells: { record_type: 'early-years-place', start_date: e.start, end_date: opt(e.end), attendance_rate: opt(e.attendanceRate) } };
    case 'neet':
      return { source: 'education-status', cells: { record_type: 'neet', start_date: e.start, end_date: opt(e.end) } };
    case 'social-care':
      return { source: 'social-care', cells: { record_type: 'episode', start_date: e.start, end_date: opt(e.end), episode_type: e.kind, end_reason: opt(e.endReason) } };
    case 'referral':
      return { source: 'social-care', cells: { record_type: 'referral', start_date: e.date, referred_to: e.service } };
    case 'missing-episode':
      return { source: 'social-care', cells: { record_type: 'missing-episode', start_date: e.date, hours_missing: opt(e.hours) } };
    case 'benefit':
      return { source: 'dwp-benefits', cells: { benefit: e.benefit, start_date: e.start, end_date: opt(e.end), uc_regime: opt(e.ucRegime) } };
    case 'employment':
      return { source: 'employment', cells: { start_date: e.start, end_date: opt(e.end), hours_per_week: String(e.hoursPerWeek) } };
    case 'earnings':
      return { source: 'earnings', cells: { month: e.month, amount: e.amount.toFixed(2) } };
    case 'housing':
      return { source: 'housing', cells: { action_date: e.date, action_type: e.kind } };
    case 'health':
      return { source: 'health-needs', cells: { need_type: e.kind, start_date: e.start, end_date: opt(e.end) } };
    case 'ae-attendance':
      return { source: 'ae-attendances', cells: { attendance_date: e.date } };
    case 'assessment':
      return { source: 'assessments', cells: { assessment_date: e.date, tool: e.tool, score: String(e.score) } };
    case 'need':
      return { source: 'key-worker', cells: { record_type: 'need', date: e.start, end_date: opt(e.end), need_type: e.kind, identified_by: opt(e.identifiedBy) } };
    case 'nomination':
      return { source: 'key-worker', cells: { record_type: 'nomination', date: e.date, problem: e.problem, reason: opt(e.reason) } };
    case 'evidence':
      return {
        source: 'key-worker',
        cells: { record_type: 'evidence', date: e.date, problem: e.problem, outcome_ref: opt(e.outcome), step: opt(e.step), author: e.author, author_role: e.role, statement: e.statement },
      };
  }
}
