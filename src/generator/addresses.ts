/**
 * Addresses in a fictional town. Postcodes are valid in format with the outward codes `FO1`–`FO12`
 * (no real postcode area is `FO`).
 */
import type { Address } from './model.ts';
import type { Rng } from './random.ts';

const streets = [
  'Mill Lane', 'Park Road', 'Church Street', 'Victoria Road', 'Station Road', 'Queens Road', 'High Street', 'Green Lane', 'Manor Road',
  'Kings Road', 'New Street', 'Grange Road', 'School Lane', 'North Street', 'Albert Road', 'London Road', 'Windsor Avenue', 'Oak Close',
  'Elm Grove', 'Beech Drive', 'Cedar Way', 'Meadow View', 'Brook Street', 'Chapel Street', 'Springfield Road', 'York Road',
  'Highfield Road', 'The Crescent', 'Orchard Way', 'Westfield Avenue', 'Hawthorn Close', 'Ashby Court', 'Tennyson Walk', 'Nelson Street',
];

const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

export function randomAddress(rng: Rng): Address {
  const street = rng.pick(streets);
  const house = rng.int(1, 180);
  const line = rng.chance(0.25) ? `Flat ${rng.int(1, 24)}, ${house} ${street}` : `${house} ${street}`;
  const postcode = `FO${rng.int(1, 12)} ${rng.int(1, 9)}${rng.pick([...inwardLetters])}${rng.pick([...inwardLetters])}`;
  return { line, postcode };
}

/** How agencies write the same address differently: abbreviations and dropped flat numbers. */
export function addressVariant(address: Address, rng: Rng): Address {
  const abbreviations: readonly (readonly [RegExp, string])[] = [
    [/ Road$/, ' Rd'],
    [/ Street$/, ' St'],
    [/ Avenue$/, ' Ave'],
    [/ Lane$/, ' Ln'],
    [/ Close$/, ' Cl'],
    [/ Drive$/, ' Dr'],
  ];
  let line = address.line;
  const rule = abbreviations.find(([re]) => re.test(line));
  if (rule && rng.chance(0.7)) line = line.replace(rule[0], rule[1]);
  else if (line.startsWith('Flat ')) line = line.replace(/^Flat (\d+), /, '$1 ');
  else line = line.toUpperCase();
  const postcode = rng.chance(0.5) ? address.postcode.replace(' ', '').toLowerCase() : address.postcode;
  return { line, postcode };
}
