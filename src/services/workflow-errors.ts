/** Typed errors raised by the programme workflow services. `code` tells the CLI and web app what went wrong. */
import { FamilyOutcomesError } from '../engine/errors.ts';

/** Something asked for does not exist (a family, an attachment, a batch, a claim, a run). */
export class NotFoundError extends FamilyOutcomesError {
  readonly code = 'not-found';
  constructor(
    readonly what: string,
    readonly key: string,
  ) {
    super(`No ${what} ${JSON.stringify(key)}`);
  }
}

/** The request is well formed but not allowed in the current state (attach twice, submit before audit…). */
export class WorkflowStateError extends FamilyOutcomesError {
  readonly code = 'invalid-state';
}

/** None of the families asked for could be claimed (already claimed, not claimable, essentials missing). */
export class NothingToClaimError extends FamilyOutcomesError {
  readonly code = 'nothing-to-claim';
  constructor(readonly skipped: ReadonlyArray<{ readonly family: string; readonly reason: string }>) {
    super(
      skipped.length === 0
        ? 'No family is claimable'
        : `No family could be claimed:\n${skipped.slice(0, 20).map((s) => `  - ${s.family}: ${s.reason}`).join('\n')}`,
    );
  }
}
