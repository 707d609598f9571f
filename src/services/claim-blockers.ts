/**
 * What stops a family whose outcomes are met from being claimed: each of the four essentials not
 * recorded, and a failed internal audit that tracking has not re-evaluated since. One rule, used by the
 * claims service (which claims) and the dashboard (which counts what blocks claims).
 */
import type { StoredStatus } from '../data/repositories/workflow-history.ts';
import type { Attachment } from '../data/workflow-schema.ts';
import { essentialsOf } from './essentials.ts';

export interface ClaimBlocker {
  /** The kind, for grouping: "lead professional not recorded", "failed internal audit". */
  readonly kind: string;
  /** The reason a person reads, with its details (the audit's date and what to do). */
  readonly reason: string;
}

/**
 * The blockers of an attachment, given the family's latest failed audit (if any) and its stored tracked
 * status (only needed when there is a failed audit).
 */
export function claimBlockers(attachment: Attachment, lastFailure: Date | undefined, status: StoredStatus | undefined): ClaimBlocker[] {
  const blockers = essentialsOf(attachment).missing.map((m) => ({ kind: `${m} not recorded`, reason: `${m} not recorded` }));
  if (lastFailure && (!status || status.evaluatedAt <= lastFailure)) {
    blockers.push({ kind: 'failed internal audit', reason: `failed internal audit on ${lastFailure.toISOString().slice(0, 10)}: re-evaluate (track) before claiming again` });
  }
  return blockers;
}
