/** Small helpers for the plain-English explanations. Deterministic: no locale-dependent formatting. */
import type { Selector } from '../plan/plan-schema.ts';
import { oncePerObject } from './once-per-object.ts';

const typeWords: Record<string, [string, string]> = {
  offence: ['offence', 'offences'],
  'asb-incident': ['ASB incident', 'ASB incidents'],
  'asb-intervention': ['ASB intervention', 'ASB interventions'],
  'youth-justice-disposal': ['youth justice disposal', 'youth justice disposals'],
  'enforcement-action': ['enforcement action', 'enforcement actions'],
  'domestic-abuse': ['domestic abuse incident', 'domestic abuse incidents'],
  'police-callout': ['police call-out', 'police call-outs'],
  'marac-referral': ['MARAC referral', 'MARAC referrals'],
  exclusion: ['exclusion', 'exclusions'],
  'missing-episode': ['missing episode', 'missing episodes'],
  'ae-attendance': ['A&E attendance', 'A&E attendances'],
  referral: ['referral', 'referrals'],
  'social-care': ['social care episode', 'social care episodes'],
  nomination: ['professional nomination', 'professional nominations'],
};

export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * Texts joined with a separator, as `join` would, but by `+`: V8 keeps a concatenation as a rope until
 * the text is read (when a verdict is rendered or serialised), where `join` copies every character of
 * every explanation at once. Same text either way.
 */
export function joinTexts<T>(items: readonly T[], separator: string, text: (item: T) => string): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out = i === 0 ? text(items[i]!) : out + separator + text(items[i]!);
  return out;
}

/** Up to one decimal place, without trailing zeros: 3, 2.5, 66.7. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

export function percent(n: number): string {
  return `${formatNumber(n)}%`;
}

/** The indefinite article for a number as it is read aloud: "an 80% reduction", "an 11%", "a 60%". */
export function articleFor(n: number): 'a' | 'an' {
  const digits = formatNumber(Math.abs(n)).split('.')[0]!;
  return digits.startsWith('8') || ((digits.length === 2 || digits.length === 5) && (digits.startsWith('11') || digits.startsWith('18'))) ? 'an' : 'a';
}

/**
 * Words of plan parts (selectors, bounds) never change: each is worded once per plan object
 * (once-per-object.ts), since explanations quote the same few dozen for every family.
 */
const whereWords: (s: Selector) => string = oncePerObject(wordWhere);

function wordWhere(s: Selector): string {
  const parts = Object.entries(s.where ?? {}).map(([k, v]) => {
    if (v === true) return k.replace(/([A-Z])/g, ' $1').toLowerCase();
    if (v === false) return `not ${k.replace(/([A-Z])/g, ' $1').toLowerCase()}`;
    if (Array.isArray(v)) return `${k} ${v.join('/')}`;
    if (v !== null && typeof v === 'object') return `${k} ${boundsWords(v)}`;
    return `${k} ${String(v)}`;
  });
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A selector's event names, singular and plural: "offence", "offences"; "benefit/employment event", "… events". */
const countNouns = oncePerObject((s: Selector): readonly [string, string] => {
  const types = typeof s.events === 'string' ? [s.events] : s.events;
  return (types.length === 1 ? typeWords[types[0]!] : undefined) ?? [`${types.join('/')} event`, `${types.join('/')} events`];
});

/** "3 offences (proven, further action taken)". */
export function countWords(n: number, s: Selector): string {
  const [one, many] = countNouns(s);
  return `${plural(n, one, many)}${whereWords(s)}`;
}

/** "offences (proven)", "ASB incidents". */
export const selectorPluralWords = oncePerObject((s: Selector): string => {
  const types = typeof s.events === 'string' ? [s.events] : s.events;
  return `${types.map((t) => typeWords[t]?.[1] ?? `${t} events`).join(' or ')}${whereWords(s)}`;
});

export const selectorWords = oncePerObject((s: Selector): string => {
  const types = typeof s.events === 'string' ? [s.events] : s.events;
  return `${types.map((t) => typeWords[t]?.[0] ?? t).join(' or ')}${whereWords(s)}`;
});

export interface Bounds {
  readonly atLeast?: number | undefined;
  readonly atMost?: number | undefined;
  readonly above?: number | undefined;
  readonly below?: number | undefined;
  readonly equals?: number | undefined;
}

/** Bounds worded once per unit ('' or '%'): "at least 2", "less than 90%". */
const boundsWordsByUnit = new Map<string, (b: Bounds) => string>();

export function boundsWords(b: Bounds, unit = ''): string {
  let word = boundsWordsByUnit.get(unit);
  if (word === undefined) boundsWordsByUnit.set(unit, (word = oncePerObject((x: Bounds) => wordBounds(x, unit))));
  return word(b);
}

function wordBounds(b: Bounds, unit: string): string {
  const parts: string[] = [];
  if (b.equals !== undefined) parts.push(`exactly ${formatNumber(b.equals)}${unit}`);
  if (b.atLeast !== undefined) parts.push(`at least ${formatNumber(b.atLeast)}${unit}`);
  if (b.above !== undefined) parts.push(`more than ${formatNumber(b.above)}${unit}`);
  if (b.atMost !== undefined) parts.push(`at most ${formatNumber(b.atMost)}${unit}`);
  if (b.below !== undefined) parts.push(`less than ${formatNumber(b.below)}${unit}`);
  return parts.join(' and ');
}

/** Checks a value num/den against the bounds exactly (cross-multiplied, no division). */
export function withinBounds(b: Bounds, num: number, den = 1): boolean {
  return (
    (b.equals === undefined || num === b.equals * den) &&
    (b.atLeast === undefined || num >= b.atLeast * den) &&
    (b.above === undefined || num > b.above * den) &&
    (b.atMost === undefined || num <= b.atMost * den) &&
    (b.below === undefined || num < b.below * den)
  );
}
