/** Turns zod issues into {@link InputIssue}s whose paths read like JSON paths: `events[3].date`. */
import type { z } from 'zod';
import type { InputIssue } from './errors.ts';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

export function toInputIssues(error: z.ZodError, input: unknown): InputIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_union') message = 'does not match any of the allowed forms';
    if (issue.code === 'unrecognized_keys') message = `has unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    const value = issue.code === 'unrecognized_keys' ? undefined : valueAt(input, issue.path);
    return value === undefined || (typeof value === 'object' && value !== null) ? { path, message } : { path, message, value };
  });
}
