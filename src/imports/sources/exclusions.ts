import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date, optionalNum, text } from './row-values.ts';

export const exclusions: SourceSpec = {
  id: 'exclusions',
  title: 'School exclusions',
  system: 'education',
  description: 'Fixed-period (suspension) and permanent exclusions.',
  columns: [
    ...identityColumns({ upn: 'required' }),
    { name: 'exclusion_date', type: 'date', required: true, description: 'Start date of the exclusion.', example: '2019-03-04' },
    { name: 'exclusion_type', type: 'code', required: true, codes: ['fixed', 'permanent'], description: 'fixed (fixed-period) or permanent.', example: 'fixed' },
    { name: 'days', type: 'decimal', required: false, min: 0, max: 200, description: 'Length in school days (half days allowed). Blank means 0.', example: '2.5' },
  ],
  toEvent: (row) => ({
    type: 'exclusion',
    date: date(row, 'exclusion_date'),
    kind: text(row, 'exclusion_type') as 'fixed' | 'permanent',
    days: optionalNum(row, 'days') ?? 0,
  }),
};
