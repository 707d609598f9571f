import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { bool, date, defined, optionalText } from './row-values.ts';

export const policeOffences: SourceSpec = {
  id: 'police-offences',
  title: 'Police: offences',
  system: 'police',
  description: 'Offences recorded by the police against a person, with whether the offence was proven and whether further action was taken.',
  columns: [
    ...identityColumns(),
    { name: 'offence_date', type: 'date', required: true, description: 'Date of the offence (or of the outcome, if that is what the force records).', example: '2019-06-02' },
    { name: 'offence_type', type: 'text', required: false, description: 'Home Office offence group or free text.', example: 'Criminal damage' },
    { name: 'proven', type: 'boolean', required: false, description: 'Y when proven (charge, caution, conviction). Blank means Y.', example: 'Y' },
    { name: 'further_action', type: 'boolean', required: false, description: 'Y when the police took further action. Blank means Y.', example: 'Y' },
  ],
  toEvent: (row) =>
    defined({
      type: 'offence' as const,
      date: date(row, 'offence_date'),
      proven: bool(row, 'proven', true),
      furtherActionTaken: bool(row, 'further_action', true),
      kind: optionalText(row, 'offence_type'),
    }),
};
