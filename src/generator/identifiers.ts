/**
 * Synthetic national identifiers in valid formats, unique per person: each is a bijective scramble of
 * the person's key (family index × 8 + member slot), so two people never share one by accident (the
 * extracts' deliberate identifier mistakes are added later, on purpose).
 *
 * NHS numbers use the 999 range the NHS reserves for test data (spilling into 998, 997 … past ~900,000
 * people); UPNs carry a correct check letter; NI numbers use the `TZ`, `TY` … prefixes.
 */
import { nhsCheckDigit } from '../imports/identifiers.ts';
import { IdentifierSpaceExhaustedError } from './errors.ts';

/** `(key × a + b) mod n` with a coprime to n: a bijection on [0, n) that does not look sequential. */
const multipliers = new Map<number, number>();
function scramble(key: number, n: number): number {
  let a = multipliers.get(n);
  if (a === undefined) {
    a = 7_919;
    while (gcd(a, n) !== 1) a += 2;
    multipliers.set(n, a);
  }
  return (key * a + 12_345) % n; // key × a stays far below 2^53 for every key this module accepts
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const validNhsSuffixes = new Map<string, Int32Array>();

function nhsSuffixes(prefix: string): Int32Array {
  let table = validNhsSuffixes.get(prefix);
  if (!table) {
    const found: number[] = [];
    for (let s = 0; s < 1_000_000; s++) {
      if (nhsCheckDigit(`${prefix}${String(s).padStart(6, '0')}`) !== undefined) found.push(s);
    }
    table = Int32Array.from(found);
    validNhsSuffixes.set(prefix, table);
  }
  return table;
}

const nhsPrefixes = ['999', '998', '997', '996'];

/** The NHS number (10 digits) of the person with this key. */
export function syntheticNhsNumber(key: number): string {
  let k = key;
  for (const prefix of nhsPrefixes) {
    const table = nhsSuffixes(prefix);
    if (k < table.length) {
      const first9 = `${prefix}${String(table[scramble(k, table.length)]).padStart(6, '0')}`;
      return `${first9}${nhsCheckDigit(first9)}`;
    }
    k -= table.length;
  }
  throw new IdentifierSpaceExhaustedError('NHS number');
}

const upnLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The UPN of the child with this key, built as the DfE does: a check letter, the 3-digit local
 * authority number, a 4-digit school number, the 2-digit year of allocation and a 3-digit serial.
 */
export function syntheticUpn(key: number, laNumber: number, allocatedYear: number): string {
  if (key >= 7_000_000) throw new IdentifierSpaceExhaustedError('UPN');
  const q = scramble(key, 7_000_000);
  const body = `${String(laNumber).padStart(3, '0')}${1000 + Math.floor(q / 1000)}${String(allocatedYear % 100).padStart(2, '0')}${String(q % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i + 2);
  return `${upnLetters[sum % 23]}${body}`;
}

const niPrefixes = ['TZ', 'TY', 'TX', 'TW', 'TR', 'TP'];

/** The NI number of the person with this key. */
export function syntheticNiNumber(key: number): string {
  const prefix = niPrefixes[Math.floor(key / 4_000_000)];
  if (!prefix) throw new IdentifierSpaceExhaustedError('NI number');
  const q = scramble(key % 4_000_000, 4_000_000);
  return `${prefix}${String(Math.floor(q / 4)).padStart(6, '0')}${'ABCD'[q % 4]}`;
}
