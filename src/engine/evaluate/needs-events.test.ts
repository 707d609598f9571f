import { describe, expect, it } from 'vitest';
import type { Rule } from '../plan/plan-schema.ts';
import { needsEvents } from './needs-events.ts';

// Only the fields the analysis reads matter here; the rest of each rule is left out.
const rule = (r: object) => r as Rule;
const offences = rule({ kind: 'count', of: { events: 'offence' }, atLeast: 1 });
const fewOffences = rule({ kind: 'count', of: { events: 'offence' }, atMost: 1 });
const open = rule({ kind: 'holds', state: { active: { events: 'social-care' } } });
const notOpen = rule({ kind: 'holds', state: { not: { active: { events: 'social-care' } } } });

describe('needsEvents', () => {
  it('says a count or sum needs events only when its bounds leave out zero', () => {
    expect(needsEvents(offences)).toBe(true);
    expect(needsEvents(rule({ kind: 'sum', of: { events: 'earnings' }, field: 'amount', above: 0 }))).toBe(true);
    expect(needsEvents(fewOffences)).toBe(false);
    expect(needsEvents(rule({ kind: 'count', of: { events: 'offence' }, equals: 0 }))).toBe(false);
    expect(needsEvents(rule({ kind: 'count', of: { events: 'offence' } }))).toBe(false);
  });

  it('says attendance needs records, and an active state needs an event unless negated or tested throughout a window', () => {
    expect(needsEvents(rule({ kind: 'attendance', absence: 'all-absence', below: 90 }))).toBe(true);
    expect(needsEvents(open)).toBe(true);
    expect(needsEvents(notOpen)).toBe(false);
    expect(needsEvents(rule({ kind: 'holds', state: { earnings: { atLeast: 0 } } }))).toBe(false);
    expect(needsEvents(rule({ kind: 'holds', state: { active: { events: 'benefit' } }, throughout: { last: '6 months' } }))).toBe(false);
    expect(needsEvents(rule({ kind: 'holds', state: { allOf: [{ active: { events: 'benefit' } }, { not: { active: { events: 'employment' } } }] } }))).toBe(true);
    expect(needsEvents(rule({ kind: 'holds', state: { anyOf: [{ active: { events: 'benefit' } }, { not: { active: { events: 'employment' } } }] } }))).toBe(false);
  });

  it('combines all-of, any-of and not as their statuses do', () => {
    expect(needsEvents(rule({ kind: 'all-of', rules: [offences, fewOffences] }))).toBe(true);
    expect(needsEvents(rule({ kind: 'any-of', rules: [offences, fewOffences] }))).toBe(false);
    expect(needsEvents(rule({ kind: 'any-of', rules: [offences, open] }))).toBe(true);
    expect(needsEvents(rule({ kind: 'any-of', rules: [] }))).toBe(false);
    expect(needsEvents(rule({ kind: 'not', rule: fewOffences }))).toBe(false);
  });

  it('is conservative for the kinds it does not reason about', () => {
    for (const kind of ['reduction', 'increase', 'spell', 'no-recurrence', 'score', 'evidence', 'steps']) expect(needsEvents(rule({ kind }))).toBe(false);
  });
});
