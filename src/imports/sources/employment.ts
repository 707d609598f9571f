import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, num, optionalText } from './row-values.ts';

export const employment: SourceSpec = {
  id: 'employment',
  title: 'Employment spells',
  system: 'dwp',
  description: 'Spells of employment (from HMRC/DWP data matching or the employment adviser), with contracted hours.',
  columns: [
    ...identityColumns({ ni_number: 'required' }),
    { name: 'start_date', type: 'date', required: true, description: 'First day of employment.', example: '2019-10-07' },
    { name: 'end_date', type: 'date', required: false, description: 'Last day; blank while employed.', example: '' },
    { name: 'hours_per_week', type: 'decimal', required: true, min: 0, max: 100, description: 'Contracted hours per week.', example: '30' },
  ],
  check: (row) => endNotBeforeStart(row),
  toEvent: (row) => ({ type: 'employment', start: date(row, 'start_date'), end: optionalText(row, 'end_date') ?? null, hoursPerWeek: num(row, 'hours_per_week') }),
};
