/**
 * The four essentials every attached family needs before it can be claimed: a lead professional, a
 * whole-family assessment, an action plan, and the family's plan outcomes aligned with the council's plan.
 */
import type { Attachment } from '../data/workflow-schema.ts';

export interface Essentials {
  readonly leadProfessional: string | null;
  readonly assessmentOn: string | null;
  readonly actionPlanOn: string | null;
  readonly outcomesAligned: boolean;
  /** The essentials not yet recorded, in words; empty when all four are. */
  readonly missing: readonly string[];
}

export function essentialsOf(a: Attachment): Essentials {
  const missing: string[] = [];
  if (!a.lead_professional) missing.push('lead professional');
  if (!a.assessment_on) missing.push('whole-family assessment');
  if (!a.action_plan_on) missing.push('action plan');
  if (!a.outcomes_aligned) missing.push('plan outcomes aligned');
  return { leadProfessional: a.lead_professional, assessmentOn: a.assessment_on, actionPlanOn: a.action_plan_on, outcomesAligned: a.outcomes_aligned, missing };
}

/** Who leads a family: the key worker's account, and the name recorded (the only record for legacy rows). */
export type LeadOf = Pick<Attachment, 'lead_user_id' | 'lead_professional'>;

/**
 * Whether someone is the family's lead professional: by account when the attachment names one; only an
 * attachment without an account (recorded before accounts were assigned, or a lead without one) falls
 * back to matching the recorded name, case-insensitively, against the names given (display name, username).
 */
export function isLeadProfessional(lead: LeadOf, userId: string, names: readonly string[]): boolean {
  if (lead.lead_user_id) return lead.lead_user_id === userId;
  const name = lead.lead_professional?.trim().toLowerCase();
  return !!name && names.some((n) => n.trim().toLowerCase() === name);
}
