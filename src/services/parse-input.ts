/** zod at the services' input edge: a failure becomes the engine's ValidationError (exit code 2 in the CLI). */
import { z } from 'zod';
import { isValidDay } from '../engine/calendar/day.ts';
import { ValidationError } from '../engine/errors.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    what,
    result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

/** A real calendar date written `YYYY-MM-DD`. */
export const daySchema = z.string().refine(isValidDay, 'must be a real date written YYYY-MM-DD');
