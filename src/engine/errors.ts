/**
 * Typed errors raised by the rules engine. Every error carries a machine-readable `code`
 * and enough context (file, JSON path, value) for a person to find and fix the input.
 */
export abstract class FamilyOutcomesError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A date, month, term or duration string that is not well formed or does not exist. */
export class InvalidPeriodError extends FamilyOutcomesError {
  readonly code = 'invalid-period';
  constructor(
    readonly kind: 'date' | 'month' | 'term' | 'duration' | 'quarter',
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid ${kind} ${JSON.stringify(value)}: ${reason}`);
  }
}

export interface InputIssue {
  /** JSON path inside the input, e.g. `events[3].date`. */
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
}

/** Input (a timeline, a plan, a scenario) failed validation. */
export class ValidationError extends FamilyOutcomesError {
  readonly code = 'invalid-input';
  constructor(
    readonly source: string,
    readonly issues: readonly InputIssue[],
  ) {
    super(
      `${source} is invalid:\n` +
        issues
          .slice(0, 20)
          .map((i) => `  - ${i.path || '(root)'}: ${i.message}${i.value === undefined ? '' : ` (got ${JSON.stringify(i.value)})`}`)
          .join('\n') +
        (issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ''),
    );
  }
}

/** A plan is well formed but refers to something that does not exist (an unknown indicator, a missing version). */
export class PlanError extends FamilyOutcomesError {
  readonly code = 'invalid-plan';
  constructor(
    readonly planId: string,
    readonly path: string,
    message: string,
  ) {
    super(`Plan ${planId}${path ? ` at ${path}` : ''}: ${message}`);
  }
}

export class UnknownPlanError extends FamilyOutcomesError {
  readonly code = 'unknown-plan';
  constructor(
    readonly planRef: string,
    readonly known: readonly string[],
  ) {
    super(`No plan ${JSON.stringify(planRef)}. Known plans: ${known.join(', ') || '(none)'}`);
  }
}
