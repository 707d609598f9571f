/** Validates untrusted input against the timeline contract, with errors that name the JSON path and value. */
import { ValidationError } from '../errors.ts';
import { toInputIssues } from '../zod-issues.ts';
import { timeline, type Timeline } from './timeline-schema.ts';

export function parseTimeline(input: unknown, sourceName = 'timeline'): Timeline {
  const result = timeline.safeParse(input);
  if (!result.success) throw new ValidationError(sourceName, toInputIssues(result.error, input));
  return result.data;
}
