import { describe, expect, it } from 'vitest';
import type { PersonDetails } from '../imports/validation/validate-row.ts';
import { ExactPersonMatcher } from './exact-person-matcher.ts';
import { householdKey, personMatchKey } from './normalise.ts';

const jordan: PersonDetails = {
  system: 'police',
  systemId: 'P1',
  forename: 'Jordan',
  surname: 'Smith',
  dateOfBirth: '2005-03-14',
  sex: 'male',
  address: '12 Mill Lane',
  postcode: 'LE1 5AB',
};

function matcher(known: { identifiers?: [string, string, string][]; matchKeys?: [string, string][] } = {}) {
  let n = 0;
  return new ExactPersonMatcher({ identifiers: known.identifiers ?? [], matchKeys: known.matchKeys ?? [] }, () => `new-${++n}`);
}

describe('ExactPersonMatcher', () => {
  it('creates a new person, listed for review, when nothing matches', () => {
    const d = matcher().resolve(jordan);
    expect(d).toMatchObject({ personId: 'new-1', created: true, review: { reason: 'new-person' } });
    expect(d.newIdentifiers).toEqual([{ kind: 'system:police', value: 'P1' }]);
  });

  it('matches a shared identifier even when the name is spelt differently', () => {
    const d = matcher({ identifiers: [['upn', 'A123456789012', 'p-9']] }).resolve({ ...jordan, forename: 'Jordon', upn: 'A123456789012' });
    expect(d).toMatchObject({ personId: 'p-9', created: false });
    expect(d.review).toBeUndefined();
  });

  it('matches exact normalised name, date of birth and postcode', () => {
    const key = personMatchKey({ forename: 'JORDAN', surname: 'smith', dateOfBirth: '2005-03-14', postcode: 'le15ab' });
    const d = matcher({ matchKeys: [[key, 'p-3']] }).resolve({ ...jordan, systemId: 'OTHER' });
    expect(d.personId).toBe('p-3');
  });

  it('does not match when the date of birth differs', () => {
    const key = personMatchKey({ ...jordan, dateOfBirth: '2005-03-15' });
    expect(matcher({ matchKeys: [[key, 'p-3']] }).resolve(jordan).created).toBe(true);
  });

  it('lists identifiers that point at two different people for review', () => {
    const d = matcher({ identifiers: [['nhs', '9434765919', 'p-1'], ['system:police', 'P1', 'p-2']] }).resolve({ ...jordan, nhsNumber: '9434765919' });
    expect(d).toMatchObject({ personId: 'p-1', review: { reason: 'conflicting-identifiers', otherPersonIds: ['p-2'] } });
  });

  it('remembers people created earlier in the same import', () => {
    const m = matcher();
    const first = m.resolve(jordan);
    const again = m.resolve({ ...jordan, address: 'elsewhere' });
    expect(again).toMatchObject({ personId: first.personId, created: false, newIdentifiers: [] });
  });

  it('normalises names and addresses for keys', () => {
    expect(personMatchKey({ forename: "Zoë", surname: "O'Brien-Smith", dateOfBirth: '2001-01-01', postcode: 'LE1 5AB' })).toBe(
      personMatchKey({ forename: 'zoe', surname: 'OBRIEN SMITH', dateOfBirth: '2001-01-01', postcode: 'le1 5ab' }),
    );
    expect(householdKey('Flat 3, 40 Park Road', 'LE2 3CD')).toBe(householdKey('flat 3 40  PARK ROAD.', 'le23cd'));
  });
});
