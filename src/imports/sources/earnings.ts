import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { num, text } from './row-values.ts';

export const earnings: SourceSpec = {
  id: 'earnings',
  title: 'Monthly earnings',
  system: 'dwp',
  description: 'Earnings per calendar month (Real Time Information), used for Universal Credit earnings thresholds.',
  columns: [
    ...identityColumns({ ni_number: 'required' }),
    { name: 'month', type: 'month', required: true, description: 'The calendar month, YYYY-MM.', example: '2019-11' },
    { name: 'amount', type: 'decimal', required: true, min: 0, max: 1000000, description: 'Gross earnings in pounds for the month (no £ sign or commas).', example: '1187.50' },
  ],
  toEvent: (row) => ({ type: 'earnings', month: text(row, 'month'), amount: num(row, 'amount') }),
};
