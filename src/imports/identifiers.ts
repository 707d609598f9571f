/**
 * Formats and check digits of the national identifiers extracts carry. Pure functions, shared by
 * validation and by anything that needs to produce valid identifiers (test data generators).
 */

/** The NHS number's modulus-11 check digit for its first nine digits, or undefined when none is possible. */
export function nhsCheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** Canonical NHS number (10 digits, no spaces), or undefined when it is not a valid NHS number. */
export function normaliseNhsNumber(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return undefined;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]) ? digits : undefined;
}

/** Canonical UPN (upper case), or undefined: a letter, 11 digits, then a digit or a letter (temporary UPNs). */
export function normaliseUpn(text: string): string | undefined {
  const upn = text.replace(/\s/g, '').toUpperCase();
  return /^[A-Z]\d{11}[0-9A-Z]$/.test(upn) ? upn : undefined;
}

/** Canonical National Insurance number (upper case, no spaces), or undefined. */
export function normaliseNiNumber(text: string): string | undefined {
  const ni = text.replace(/\s/g, '').toUpperCase();
  return /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-TW-Z]{2}\d{6}[A-D]$/.test(ni) ? ni : undefined;
}

/** Canonical UK postcode (upper case, one space before the inward code), or undefined. */
export function normalisePostcode(text: string): string | undefined {
  const compact = text.replace(/\s/g, '').toUpperCase();
  const m = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  return m ? `${m[1]} ${m[2]}` : undefined;
}
