/**
 * Every extract format the product imports, by command-line name. Plain data: no database imports, so
 * generators and documentation can use the column lists directly.
 */
import type { SourceSpec } from './column-spec.ts';
import { aeAttendances } from './ae-attendances.ts';
import { assessments } from './assessments.ts';
import { domesticAbuse } from './domestic-abuse.ts';
import { dwpBenefits } from './dwp-benefits.ts';
import { earnings } from './earnings.ts';
import { educationStatus } from './education-status.ts';
import { employment } from './employment.ts';
import { exclusions } from './exclusions.ts';
import { healthNeeds } from './health-needs.ts';
import { housing } from './housing.ts';
import { keyWorker } from './key-worker.ts';
import { policeAsb } from './police-asb.ts';
import { policeCallouts } from './police-callouts.ts';
import { policeOffences } from './police-offences.ts';
import { schoolAttendance } from './school-attendance.ts';
import { socialCare } from './social-care.ts';
import { youthJustice } from './youth-justice.ts';

export type { ColumnSpec, ColumnType, EventDraft, SourceSpec, ValidRow } from './column-spec.ts';
export { sexCodes, sexMeaning } from './identity-columns.ts';

export const sources: readonly SourceSpec[] = [
  policeOffences,
  policeAsb,
  policeCallouts,
  domesticAbuse,
  youthJustice,
  schoolAttendance,
  exclusions,
  educationStatus,
  socialCare,
  dwpBenefits,
  employment,
  earnings,
  housing,
  healthNeeds,
  aeAttendances,
  assessments,
  keyWorker,
];

export const sourceIds = sources.map((s) => s.id);

export function findSource(id: string): SourceSpec | undefined {
  return sources.find((s) => s.id === id);
}
