/** Typed errors of the synthetic council generator. */
import { FamilyOutcomesError } from '../engine/errors.ts';

/** Generator options out of range (`--families 0`, a seed that is not an integer, …). */
export class GeneratorOptionError extends FamilyOutcomesError {
  readonly code = 'invalid-input';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${option} ${JSON.stringify(value)}: ${reason}`);
  }
}

/** More people than a synthetic identifier range holds. */
export class IdentifierSpaceExhaustedError extends FamilyOutcomesError {
  readonly code = 'invalid-input';
  constructor(readonly kind: string) {
    super(`Too many people for the synthetic ${kind} range: generate fewer families`);
  }
}

/** The most families one council may have (the identifier ranges hold about 450,000). */
export const maxFamilies = 400_000;

export function checkCouncilSize(families: number, seed: number): void {
  if (!Number.isSafeInteger(families) || families < 1 || families > maxFamilies) {
    throw new GeneratorOptionError('--families', families, `must be a whole number from 1 to ${maxFamilies.toLocaleString('en-GB')}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw new GeneratorOptionError('--seed', seed, 'must be a whole number from 0 to 4294967295');
}
