/** Normalisation for exact matching: case, accents, punctuation and spacing do not make two people or two addresses different. */

const nonAscii = /[^ -~\t\n\r]/;

/**
 * Letters without their accents (`Zoë` → `Zoe`): decomposed (NFKD), then the combining marks dropped.
 * Text that is all printable ASCII, nearly every name and address in an extract, is its own decomposition and
 * is returned as it is, without the cost of Unicode normalisation.
 */
function withoutAccents(text: string): string {
  return nonAscii.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
}

/** `Zoë O'Brien-Smith` and `zoe obrien smith` normalise alike. */
export function normaliseName(name: string): string {
  return withoutAccents(name)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** `Flat 3, 40 Park Road` and `flat 3 40 park road` normalise alike. */
export function normaliseAddress(address: string): string {
  return withoutAccents(address)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The exact-match key of a person: normalised forename and surname, date of birth, postcode. */
export function personMatchKey(p: { forename: string; surname: string; dateOfBirth: string; postcode: string }): string {
  return `${normaliseName(p.forename)}|${normaliseName(p.surname)}|${p.dateOfBirth}|${p.postcode.replace(/\s/g, '').toUpperCase()}`;
}

/** The key of a household: normalised address and postcode. */
export function householdKey(address: string, postcode: string): string {
  return `${normaliseAddress(address)}|${postcode.replace(/\s/g, '').toUpperCase()}`;
}
