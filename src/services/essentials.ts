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
