/** Reads a plan from YAML text: syntax, then schema, then cross-references. Errors name the file and the path inside it. */
import { parseDocument } from 'yaml';
import { ValidationError } from '../errors.ts';
import { toInputIssues } from '../zod-issues.ts';
import { compilePlan, type CompiledPlan } from './compiled-plan.ts';
import { plan as planSchema } from './plan-schema.ts';

export function parsePlan(text: string, fileName: string): CompiledPlan {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      fileName,
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '', message: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const data: unknown = doc.toJS();
  const result = planSchema.safeParse(data);
  if (!result.success) throw new ValidationError(fileName, toInputIssues(result.error, data));
  return compilePlan(result.data, fileName);
}
