/** Renders the column reference of every source as Markdown, for docs/data-sources.md (kept in sync by a test). */
import type { ColumnSpec, SourceSpec } from './column-spec.ts';
import { sources } from './index.ts';

const typeText: Record<ColumnSpec['type'], string> = {
  text: 'text',
  date: 'date',
  month: 'month `YYYY-MM`',
  term: 'term `YYYY-autumn|spring|summer`',
  integer: 'whole number',
  decimal: 'number',
  boolean: '`Y`/`N`',
  code: 'code',
  postcode: 'postcode',
  'nhs-number': 'NHS number',
  upn: 'UPN',
  'ni-number': 'NI number',
};

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function requiredText(c: ColumnSpec): string {
  if (c.required) return 'yes';
  if (c.requiredFor) return `for ${c.requiredFor.map((r) => `\`${r}\``).join(', ')}`;
  return 'no';
}

function details(c: ColumnSpec): string {
  const parts = [escape(c.description)];
  if (c.codes) parts.push(`Codes: ${c.codes.map((x) => `\`${x}\``).join(', ')}.`);
  if (c.min !== undefined || c.max !== undefined) parts.push(`Range ${c.min ?? '…'} to ${c.max ?? '…'}.`);
  return parts.join(' ');
}

export function renderSource(s: SourceSpec): string {
  const rows = s.columns.map((c) => `| \`${c.name}\` | ${typeText[c.type]} | ${requiredText(c)} | ${details(c)} |`);
  return [
    `### \`${s.id}\` — ${s.title}`,
    '',
    `${s.description} Person ids are those of the **${s.system}** system. Example: [\`examples/extracts/${s.id}.csv\`](../examples/extracts/${s.id}.csv).`,
    '',
    '| column | type | required | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function renderSourcesReference(): string {
  return sources.map(renderSource).join('\n');
}

export const generatedStart = '<!-- generated from src/imports/sources: do not edit by hand -->';
export const generatedEnd = '<!-- end of generated reference -->';
