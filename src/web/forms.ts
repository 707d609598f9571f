/**
 * Form input checked with zod, and its errors shaped for GOV.UK's error summary (a list linking to
 * each field) and inline error messages (by field name).
 */
import type { z } from 'zod';

export interface FormErrors {
  readonly list: ReadonlyArray<{ readonly text: string; readonly href: string }>;
  readonly fields: Readonly<Record<string, { readonly text: string }>>;
}

export type FormResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FormErrors };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  const fields: Record<string, { text: string }> = {};
  const list: Array<{ text: string; href: string }> = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fields[field]) continue;
    fields[field] = { text: issue.message };
    list.push({ text: issue.message, href: `#${field}` });
  }
  return { ok: false, errors: { list, fields } };
}

/** One error for the whole form, shown in the summary and against the named field. */
export function formError(field: string, text: string): FormErrors {
  return { list: [{ text, href: `#${field}` }], fields: { [field]: { text } } };
}

/** A text field: trimmed, and required with the given message. */
export function requiredText(z_: typeof z, message: string, max = 200) {
  return z_.string({ error: message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
}
