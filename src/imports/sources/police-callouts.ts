import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { bool, date } from './row-values.ts';

export const policeCallouts: SourceSpec = {
  id: 'police-callouts',
  title: 'Police: call-outs to an address',
  system: 'police',
  description: 'Police attendances at a household. The person is the one the call-out is recorded against; the event belongs to the household.',
  columns: [
    ...identityColumns(),
    { name: 'callout_date', type: 'date', required: true, description: 'Date of the call-out.', example: '2019-08-03' },
    { name: 'domestic', type: 'boolean', required: true, description: 'Y when the call-out was domestic-related.', example: 'N' },
  ],
  toEvent: (row) => ({ type: 'police-callout', date: date(row, 'callout_date'), domestic: bool(row, 'domestic', false) }),
};
