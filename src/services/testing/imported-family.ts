/**
 * A family whose records came in through the import pipeline (not an in-memory timeline), for tests of
 * what is recorded on top of imports: a mother with a mental-health need since May 2018 and a son with
 * two ASB incidents in 2018, at one address. Under Southampton's plan the family has the crime and
 * health problems, and the health outcome "Strand 6, outcome 2" waits for a professional's evidence.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema.ts';
import { parseDay } from '../../engine/calendar/day.ts';
import { ImportService } from '../import-service.ts';

export const importedFamily = {
  address: '12 Mill Lane',
  postcode: 'SO14 0AB',
  mother: { forename: 'Kerry', surname: 'Smith', dateOfBirth: '1985-02-11' },
  son: { forename: 'Jordan', surname: 'Smith', dateOfBirth: '2005-03-14' },
  /** The Southampton outcome that needs evidence, and its problem. */
  outcome: { problem: 'health', ref: 'Strand 6, outcome 2', id: 'mental-health-addressed' },
  engagement: { identifiedOn: '2018-12-01', engagedOn: '2019-01-01' },
} as const;

/** Imports the family's extracts (two one-file imports); returns the household id. */
export async function importFamily(db: Kysely<Database>, options: { address?: string; postcode?: string } = {}): Promise<string> {
  const imports = new ImportService(db, { today: () => parseDay('2024-01-01') });
  const { mother, son } = importedFamily;
  const address = options.address ?? importedFamily.address;
  const postcode = options.postcode ?? importedFamily.postcode;
  const tag = `${address}|${postcode}`;
  await imports.importRows('health-needs', {
    name: `health-needs for ${tag}.csv`,
    header: ['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'sex', 'address', 'postcode', 'nhs_number', 'need_type', 'start_date', 'end_date'],
    rows: [[`HN-${tag}`, `HEA-${tag}`, mother.forename, mother.surname, mother.dateOfBirth, 'F', address, postcode, '', 'mental-health', '2018-05-01', '']],
  });
  await imports.importRows('police-asb', {
    name: `police-asb for ${tag}.csv`,
    header: ['record_id', 'person_id', 'forename', 'surname', 'date_of_birth', 'sex', 'address', 'postcode', 'record_type', 'date', 'intervention_type'],
    rows: [
      [`PA-1-${tag}`, `POL-${tag}`, son.forename, son.surname, son.dateOfBirth, 'M', address, postcode, 'incident', '2018-03-01', ''],
      [`PA-2-${tag}`, `POL-${tag}`, son.forename, son.surname, son.dateOfBirth, 'M', address, postcode, 'incident', '2018-08-01', ''],
    ],
  });
  const household = await db.selectFrom('households').select('id').where('address', '=', address).where('postcode', '=', postcode).executeTakeFirstOrThrow();
  return household.id;
}
