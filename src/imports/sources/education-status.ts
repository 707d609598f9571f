import { educationStatuses } from '../../engine/timeline/timeline-schema.ts';
import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, defined, optionalNum, optionalText, text } from './row-values.ts';

export const educationStatus: SourceSpec = {
  id: 'education-status',
  title: 'Education status, children missing education, early years places and NEET',
  system: 'education',
  description:
    "Spells of a child's education status (including not registered: children missing education, and elective home education), funded early years places, and young people not in education, employment or training.",
  columns: [
    ...identityColumns({ upn: 'optional' }),
    {
      name: 'record_type',
      type: 'code',
      required: true,
      codes: ['education-status', 'early-years-place', 'neet'],
      description: 'What the spell is.',
      example: 'education-status',
    },
    { name: 'start_date', type: 'date', required: true, description: 'Start of the spell.', example: '2019-01-07' },
    { name: 'end_date', type: 'date', required: false, description: 'End of the spell; blank while it continues.', example: '' },
    { name: 'status', type: 'code', required: false, requiredFor: ['education-status'], codes: educationStatuses, description: 'For education-status: the status.', example: 'not-registered' },
    { name: 'attendance_rate', type: 'decimal', required: false, min: 0, max: 100, description: 'For early-years-place: percentage of the place attended.', example: '' },
  ],
  check: (row) => endNotBeforeStart(row),
  toEvent: (row) => {
    const start = date(row, 'start_date');
    const end = optionalText(row, 'end_date') ?? null;
    switch (text(row, 'record_type')) {
      case 'education-status':
        return { type: 'education-status', start, end, status: text(row, 'status') as (typeof educationStatuses)[number] };
      case 'early-years-place':
        return defined({ type: 'early-years-place' as const, start, end, attendanceRate: optionalNum(row, 'attendance_rate') });
      default:
        return { type: 'neet', start, end };
    }
  },
};
