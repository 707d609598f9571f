/** Errors the web layer raises itself; the error handler turns each into its page and status. */
import { FamilyOutcomesError } from '../engine/errors.ts';

export class NotSignedInError extends FamilyOutcomesError {
  readonly code = 'not-signed-in';
  constructor() {
    super('Sign in to see this page');
  }
}

export class ForbiddenError extends FamilyOutcomesError {
  readonly code = 'forbidden';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export class PageNotFoundError extends FamilyOutcomesError {
  readonly code = 'not-found';
  constructor(readonly what: string) {
    super(`No ${what}`);
  }
}
