import { healthKinds } from '../../engine/timeline/timeline-schema.ts';
import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, optionalText, text } from './row-values.ts';

export const healthNeeds: SourceSpec = {
  id: 'health-needs',
  title: 'Health needs',
  system: 'health',
  description: 'Health needs known to health services (mental health, substance misuse, pregnancy, long-term conditions, developmental delay, …).',
  columns: [
    ...identityColumns({ nhs_number: 'optional' }),
    { name: 'need_type', type: 'code', required: true, codes: healthKinds, description: 'The need.', example: 'mental-health' },
    { name: 'start_date', type: 'date', required: true, description: 'When the need was identified or treatment began.', example: '2019-01-15' },
    { name: 'end_date', type: 'date', required: false, description: 'When it ended or the case closed; blank while it continues.', example: '' },
  ],
  check: (row) => endNotBeforeStart(row),
  toEvent: (row) => ({ type: 'health', start: date(row, 'start_date'), end: optionalText(row, 'end_date') ?? null, kind: text(row, 'need_type') as (typeof healthKinds)[number] }),
};
