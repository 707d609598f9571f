import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date, num, text } from './row-values.ts';

export const assessments: SourceSpec = {
  id: 'assessments',
  title: 'Key-worker assessments (standardised tools)',
  system: 'key-worker',
  description: 'Scores from standardised tools recorded by key workers: Outcomes Star, SDQ, WEMWBS, DASH, Parenting Scale, …',
  columns: [
    ...identityColumns({ nhs_number: 'optional', upn: 'optional', ni_number: 'optional' }),
    { name: 'assessment_date', type: 'date', required: true, description: 'Date of the assessment.', example: '2019-06-10' },
    { name: 'tool', type: 'text', required: true, description: 'Tool name in lower-case-kebab, e.g. outcomes-star, sdq, wemwbs.', example: 'outcomes-star' },
    { name: 'score', type: 'decimal', required: true, min: -1000, max: 1000, description: 'The score.', example: '4' },
  ],
  check: (row) => {
    const tool = row['tool'];
    return typeof tool === 'string' && !/^[a-z0-9-]+$/.test(tool) ? [{ column: 'tool', reason: 'must be lower-case-kebab, e.g. outcomes-star, sdq' }] : [];
  },
  toEvent: (row) => ({ type: 'assessment', date: date(row, 'assessment_date'), tool: text(row, 'tool'), score: num(row, 'score') }),
};
