import { needKinds, problemIds } from '../../engine/timeline/timeline-schema.ts';
import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, defined, optionalText, text } from './row-values.ts';

export const keyWorker: SourceSpec = {
  id: 'key-worker',
  title: 'Key-worker records: needs, nominations and evidence',
  system: 'key-worker',
  description:
    'What a key worker or another professional records: needs identified in an assessment, nominations of a family for a problem, and professional evidence that an outcome was achieved.',
  columns: [
    ...identityColumns({ nhs_number: 'optional', upn: 'optional', ni_number: 'optional' }),
    { name: 'record_type', type: 'code', required: true, codes: ['need', 'nomination', 'evidence'], description: 'What the row records.', example: 'evidence' },
    { name: 'date', type: 'date', required: true, description: 'Date the need was identified (its start), of the nomination, or of the evidence.', example: '2019-12-02' },
    { name: 'end_date', type: 'date', required: false, description: 'For needs: when the need ended; blank while it continues.', example: '' },
    { name: 'need_type', type: 'code', required: false, requiredFor: ['need'], codes: needKinds, description: 'For needs: the kind.', example: '' },
    { name: 'problem', type: 'code', required: false, requiredFor: ['nomination', 'evidence'], codes: problemIds, description: 'The headline problem nominated or evidenced.', example: 'health' },
    { name: 'outcome_ref', type: 'text', required: false, description: 'For evidence: the plan outcome reference, e.g. 1.5.', example: '6.2' },
    { name: 'step', type: 'text', required: false, description: 'For evidence of an "N of these steps" outcome: the step.', example: '' },
    { name: 'author', type: 'text', required: false, requiredFor: ['evidence'], description: 'Who gave the evidence.', example: 'A. Patel' },
    { name: 'author_role', type: 'text', required: false, requiredFor: ['evidence'], description: "The author's role.", example: 'Health visitor' },
    { name: 'statement', type: 'text', required: false, requiredFor: ['evidence'], description: 'The evidence statement.', example: 'Mother attending all antenatal appointments since June.' },
    { name: 'identified_by', type: 'text', required: false, description: 'For needs: who identified it.', example: '' },
    { name: 'reason', type: 'text', required: false, description: 'For nominations: why.', example: '' },
  ],
  check: (row) => endNotBeforeStart(row, 'date'),
  toEvent: (row) => {
    const d = date(row, 'date');
    switch (text(row, 'record_type')) {
      case 'need':
        return defined({
          type: 'need' as const,
          start: d,
          end: optionalText(row, 'end_date') ?? null,
          kind: text(row, 'need_type') as (typeof needKinds)[number],
          identifiedBy: optionalText(row, 'identified_by'),
        });
      case 'nomination':
        return defined({ type: 'nomination' as const, date: d, problem: text(row, 'problem') as (typeof problemIds)[number], reason: optionalText(row, 'reason') });
      default:
        return defined({
          type: 'evidence' as const,
          date: d,
          problem: text(row, 'problem') as (typeof problemIds)[number],
          outcome: optionalText(row, 'outcome_ref'),
          step: optionalText(row, 'step'),
          author: text(row, 'author'),
          role: text(row, 'author_role'),
          statement: text(row, 'statement'),
        });
    }
  },
};
