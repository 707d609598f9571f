import { benefitCodes, ucRegimes } from '../../engine/timeline/timeline-schema.ts';
import type { RowProblem, SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, defined, optionalText, text } from './row-values.ts';

export const dwpBenefits: SourceSpec = {
  id: 'dwp-benefits',
  title: 'DWP: out-of-work benefit spells',
  system: 'dwp',
  description: 'Spells on JSA, ESA, IS, IB, SDA, Carer’s Allowance or Universal Credit (with its conditionality regime).',
  columns: [
    ...identityColumns({ ni_number: 'required' }),
    { name: 'benefit', type: 'code', required: true, codes: benefitCodes, description: 'The benefit.', example: 'JSA' },
    { name: 'start_date', type: 'date', required: true, description: 'Start of the claim.', example: '2018-04-09' },
    { name: 'end_date', type: 'date', required: false, description: 'End of the claim; blank while it continues.', example: '2019-10-06' },
    { name: 'uc_regime', type: 'code', required: false, codes: ucRegimes, description: 'For UC: the conditionality regime.', example: '' },
  ],
  check: (row) => {
    const problems: RowProblem[] = endNotBeforeStart(row);
    if (row['uc_regime'] !== undefined && row['benefit'] !== 'UC') problems.push({ column: 'uc_regime', reason: 'is only for Universal Credit (benefit UC)' });
    return problems;
  },
  toEvent: (row) =>
    defined({
      type: 'benefit' as const,
      start: date(row, 'start_date'),
      end: optionalText(row, 'end_date') ?? null,
      benefit: text(row, 'benefit') as (typeof benefitCodes)[number],
      ucRegime: optionalText(row, 'uc_regime') as (typeof ucRegimes)[number] | undefined,
    }),
};
