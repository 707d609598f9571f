import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date } from './row-values.ts';

export const aeAttendances: SourceSpec = {
  id: 'ae-attendances',
  title: 'A&E attendances',
  system: 'health',
  description: 'Attendances at an accident and emergency department.',
  columns: [
    ...identityColumns({ nhs_number: 'optional' }),
    { name: 'attendance_date', type: 'date', required: true, description: 'Date of arrival.', example: '2019-04-27' },
  ],
  toEvent: (row) => ({ type: 'ae-attendance', date: date(row, 'attendance_date') }),
};
