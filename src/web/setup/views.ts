/**
 * Nunjucks views, rendered with one shared environment (templates cached in production). Pages extend `layout.njk`, which extends govuk-frontend's `template.njk`; the
 * components' macros are imported from `govuk/components/…`. `reply.page(name, data)` renders a page
 * with what every page needs: the signed-in user, their navigation, a CSRF token and the CSP nonce;
 * `reply.fragment(name, data)` renders a part with nothing about the user, for parts kept between requests.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import { navigationFor } from '../navigation.ts';

const viewsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views');
const govukFrontendDist = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>): Promise<FastifyReply>;
    /** Renders a part of a page with `data` alone (no user, navigation or CSRF token), for keeping and reuse. */
    fragment(template: string, data: Record<string, unknown>): string;
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

// toLocaleString with options builds a new formatter per call (a large share of a dashboard's render).
const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return format;
}

// A page formats dozens of dates and most are the same few hundred days: each day's text is kept
// (formatting one costs a Date and an Intl call). Bounded: cleared when it holds a decade of days.
const formattedDays = new Map<string, string>();

/** `2024-03-01` or a Date → `1 March 2024`. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const known = formattedDays.get(value);
    if (known !== undefined) return known;
  }
  const date = value instanceof Date ? value : new Date(`${String(value)}${String(value).length === 10 ? 'T12:00:00Z' : ''}`);
  const text = Number.isNaN(date.getTime()) ? String(value) : dateFormat.format(date);
  if (typeof value === 'string') {
    if (formattedDays.size >= 4_000) formattedDays.clear();
    formattedDays.set(value, text);
  }
  return text;
}

/**
 * Nunjucks resolves a relative include (every govuk-frontend macro includes `./template.njk`) with
 * path.resolve on every render; the answer never changes, so it is kept.
 */
class ViewLoader extends nunjucks.FileSystemLoader {
  readonly #resolved = new Map<string, string>();

  override resolve(from: string, to: string): string {
    const key = `${from}\n${to}`;
    let resolved = this.#resolved.get(key);
    if (resolved === undefined) this.#resolved.set(key, (resolved = super.resolve(from, to)));
    return resolved;
  }
}

export function createViewEnvironment(production: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(new ViewLoader([viewsFolder, govukFrontendDist], { noCache: !production }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Nunjucks' own `trim` uses /^\s*|\s*$/g, which rescans every run of white space to the end of the
  // string: quadratic on the large nested HTML govuk-frontend's macros trim (about 60% of rendering a
  // family page). String.prototype.trim removes exactly the same characters (\s is WhiteSpace + LineTerminator).
  env.addFilter('trim', (value: unknown) => (value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(String(value).trim()) : String(value).trim()));
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', (value: unknown) => (value instanceof Date ? dateTimeFormat.format(value) : formatDate(value)));
  env.addFilter('number', (value: unknown, digits = 0) => (typeof value === 'number' ? numberFormat(digits).format(value) : value));
  env.addFilter('percent', (value: unknown, digits = 1) => (typeof value === 'number' ? `${(value * 100).toFixed(digits)}%` : value));
  return env;
}

export function setUpViews(app: FastifyInstance, production: boolean): void {
  const env = createViewEnvironment(production);
  app.decorateReply('page', async function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    const html = env.render(template, {
      ...data,
      user: request.user,
      navigation: navigationFor(request.user, request.url),
      csrfToken: this.generateCsrf(),
      cspNonce: (this as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
      currentUrl: request.url,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
  app.decorateReply('fragment', (template: string, data: Record<string, unknown>) => env.render(template, data));
}
