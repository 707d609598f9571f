import { housingKinds } from '../../engine/timeline/timeline-schema.ts';
import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date, text } from './row-values.ts';

export const housing: SourceSpec = {
  id: 'housing',
  title: 'Housing actions',
  system: 'housing',
  description: 'Actions by the council or a housing provider against or for a tenancy: warnings, notices, evictions, arrears, homelessness.',
  columns: [
    ...identityColumns({ ni_number: 'optional' }),
    { name: 'action_date', type: 'date', required: true, description: 'Date of the action.', example: '2019-02-11' },
    { name: 'action_type', type: 'code', required: true, codes: housingKinds, description: 'What happened.', example: 'notice-of-seeking-possession' },
    { name: 'tenancy_ref', type: 'text', required: false, description: "The landlord's tenancy reference.", example: 'T-00812' },
  ],
  toEvent: (row) => ({ type: 'housing', date: date(row, 'action_date'), kind: text(row, 'action_type') as (typeof housingKinds)[number] }),
};
