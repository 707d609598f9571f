import { describe, expect, it } from 'vitest';
import { boundsWords, countWords, joinTexts, selectorWords } from './wording.ts';

describe('joinTexts', () => {
  it('joins as Array.prototype.join does', () => {
    for (const items of [[], ['a'], ['a', 'b'], ['x', '', 'z', 'w']]) {
      expect(joinTexts(items, '; ', (s) => s)).toBe(items.join('; '));
    }
    expect(joinTexts([1, 2, 3], ' and ', (n) => `#${n}`)).toBe('#1 and #2 and #3');
  });
});

describe('words of plan parts', () => {
  it('are the same words each time they are asked for, per unit', () => {
    const bounds = { atLeast: 2, below: 90 };
    expect(boundsWords(bounds)).toBe('at least 2 and less than 90');
    expect(boundsWords(bounds, '%')).toBe('at least 2% and less than 90%');
    expect(boundsWords(bounds)).toBe('at least 2 and less than 90');
    const offences = { events: 'offence', where: { proven: true } };
    expect(selectorWords(offences)).toBe('offence (proven)');
    expect(countWords(1, offences)).toBe('1 offence (proven)');
    expect(countWords(3, offences)).toBe('3 offences (proven)');
    expect(countWords(2, { events: ['benefit', 'employment'] })).toBe('2 benefit/employment events');
  });
});
