import { describe, expect, it } from 'vitest';
import { householdKey, normaliseAddress, normaliseName, personMatchKey } from './normalise.ts';

describe('normaliseName', () => {
  it.each([
    ["Zoë O'Brien-Smith", 'zoeobriensmith'],
    ['ZOE OBRIEN SMITH', 'zoeobriensmith'],
    ['Renée', 'renee'],
    ['Ｊｏｈｎ', 'john'], // full-width letters decompose to ASCII (NFKD)
    ['ﬁona', 'fiona'], // the fi ligature decomposes too
    ['  Ann  Lee ', 'annlee'],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['Flat 3, 40 Park Road', 'flat 3 40 park road'],
    ['flat 3 40 park road', 'flat 3 40 park road'],
    ['  12–14 Rue Élise ', '12 14 rue elise'],
    ['Ｆlat 1', 'flat 1'],
  ])('%j → %j', (address, expected) => {
    expect(normaliseAddress(address)).toBe(expected);
  });
});

describe('match keys', () => {
  it('are the same for the same person written differently, and differ for a different date of birth', () => {
    const a = personMatchKey({ forename: 'Zoë', surname: "O'Brien", dateOfBirth: '2010-01-02', postcode: 'so14 1aa' });
    expect(personMatchKey({ forename: 'ZOE', surname: 'OBrien', dateOfBirth: '2010-01-02', postcode: 'SO141AA' })).toBe(a);
    expect(personMatchKey({ forename: 'Zoe', surname: 'OBrien', dateOfBirth: '2010-01-03', postcode: 'SO141AA' })).not.toBe(a);
  });

  it('a household is its normalised address and postcode', () => {
    expect(householdKey('Flat 3, 40 Park Road', 'so14 1aa')).toBe('flat 3 40 park road|SO141AA');
  });
});
