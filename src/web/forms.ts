/**
 * Form input checked with zod, and its errors shaped for GOV.UK's error summary (a list linking to
 * each field) and inline error messages (by field name).
 */
import { z } from 'zod';

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

/**
 * Several problems, each in the summary linking to its field. A field with more than one shows them all
 * against it, one after another, each ending as a sentence.
 */
export function formErrors(problems: ReadonlyArray<{ readonly field: string; readonly text: string }>): FormErrors {
  const fields: Record<string, { text: string }> = {};
  for (const { field, text } of problems) {
    const earlier = fields[field];
    fields[field] = { text: earlier ? `${sentence(earlier.text)} ${sentence(text)}` : text };
  }
  return { list: problems.map(({ field, text }) => ({ text, href: `#${field}` })), fields };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** One error for the whole form, shown in the summary and against the named field. */
export function formError(field: string, text: string): FormErrors {
  return formErrors([{ field, text }]);
}


/** A GOV.UK date input's three fields → `YYYY-MM-DD`, or undefined when all are blank. */
export function dateField<N extends string>(name: N, label: string) {
  return z
    .object({ [`${name}-day`]: z.string().optional(), [`${name}-month`]: z.string().optional(), [`${name}-year`]: z.string().optional() })
    .transform((v, ctx) => {
      const [d, m, y] = [v[`${name}-day`], v[`${name}-month`], v[`${name}-year`]].map((x) => (x ?? '').trim());
      if (!d && !m && !y) return {} as { [K in N]?: string };
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      const ok = /^\d{1,2}$/.test(d!) && /^\d{1,2}$/.test(m!) && /^\d{4}$/.test(y!) && date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1;
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date`, path: [name] });
        return z.NEVER;
      }
      if (date.getTime() > Date.now()) {
        ctx.addIssue({ code: 'custom', message: `${label} must be today or in the past`, path: [name] });
        return z.NEVER;
      }
      return { [name]: date.toISOString().slice(0, 10) } as { [K in N]?: string };
    });
}

