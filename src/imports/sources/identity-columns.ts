/**
 * The columns every extract carries: the agency's record key, the person as the agency knows them, and
 * their address (which places them in a household). Each source adds the national identifiers its
 * agency holds.
 */
import type { ColumnSpec, PersonIdentifier, RowProblem, ValidRow } from './column-spec.ts';

export const sexCodes = ['F', 'M', 'X', 'U'] as const;
/** How the `sex` codes map to the timeline contract. */
export const sexMeaning = { F: 'female', M: 'male', X: 'other', U: 'unknown' } as const;

const base: readonly ColumnSpec[] = [
  {
    name: 'record_id',
    type: 'text',
    required: true,
    description:
      "The agency's unique key for this record. A later extract with the same record_id corrects the earlier row (the old version is kept in history).",
    example: 'OFF-2019-000123',
  },
  { name: 'person_id', type: 'text', required: true, description: "The person's id in the agency's own system.", example: 'P104233' },
  { name: 'forename', type: 'text', required: true, description: 'First name.', example: 'Jordan' },
  { name: 'surname', type: 'text', required: true, description: 'Family name.', example: 'Smith' },
  { name: 'date_of_birth', type: 'date', required: true, description: 'Date of birth.', example: '2005-03-14' },
  { name: 'sex', type: 'code', required: false, codes: sexCodes, description: 'F female, M male, X other, U or blank unknown.', example: 'M' },
  { name: 'address', type: 'text', required: true, description: 'First line(s) of the address; people at the same address and postcode form a household.', example: '12 Mill Lane' },
  { name: 'postcode', type: 'postcode', required: true, description: 'UK postcode.', example: 'LE1 5AB' },
];

const identifiers: Record<PersonIdentifier, Omit<ColumnSpec, 'required'>> = {
  nhs_number: { name: 'nhs_number', type: 'nhs-number', description: 'NHS number: 10 digits (spaces allowed), valid check digit.', example: '943 476 5919' },
  upn: { name: 'upn', type: 'upn', description: 'Unique Pupil Number: a letter, 11 digits, then a digit or letter.', example: 'A123456789012' },
  ni_number: { name: 'ni_number', type: 'ni-number', description: 'National Insurance number, e.g. QQ123456C.', example: 'QQ123456C' },
};

/** The identity columns for a source whose agency holds `held` identifiers (`required` ones on every row). */
export function identityColumns(held: Partial<Record<PersonIdentifier, 'required' | 'optional'>> = {}): ColumnSpec[] {
  const extra = (Object.keys(held) as PersonIdentifier[]).map((k) => ({ ...identifiers[k], required: held[k] === 'required' }));
  return [...base, ...extra];
}

/** `end_date` must not be before `start_date`. */
export function endNotBeforeStart(row: ValidRow, start = 'start_date', end = 'end_date'): RowProblem[] {
  const s = row[start];
  const e = row[end];
  return typeof s === 'string' && typeof e === 'string' && e < s ? [{ column: end, reason: `is before ${start} ${s}` }] : [];
}
