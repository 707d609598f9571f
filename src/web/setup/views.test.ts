import { describe, expect, it } from 'vitest';
import { formatDate } from './views.ts';

describe('formatDate', () => {
  it('writes a day the GOV.UK way, the same when asked again (kept), including leap days and clock changes', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDate('2024-02-29')).toBe('29 February 2024');
      expect(formatDate('2024-03-31')).toBe('31 March 2024');
      expect(formatDate('2023-10-29')).toBe('29 October 2023');
    }
  });

  it('writes a moment in UK time, and gives back what is not a date as it was', () => {
    expect(formatDate(new Date('2024-06-30T23:30:00Z'))).toBe('1 July 2024');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
  });

  it('keeps a bounded number of days, and still formats after forgetting them', () => {
    for (let d = 0; d < 5_000; d++) formatDate(new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10));
    expect(formatDate('2000-01-01')).toBe('1 January 2000');
  });
});
