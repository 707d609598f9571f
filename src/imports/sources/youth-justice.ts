import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, defined, optionalText, text } from './row-values.ts';

const endReasons = ['completed', 'breached', 'revoked'] as const;
type EndReason = (typeof endReasons)[number];

export const youthJustice: SourceSpec = {
  id: 'youth-justice',
  title: 'Youth justice and offender management: disposals and sentences',
  system: 'youth-justice',
  description: 'Youth justice disposals (diversion, out-of-court, substantive) and custody, licence and community sentences for young people and adults.',
  columns: [
    ...identityColumns(),
    {
      name: 'record_type',
      type: 'code',
      required: true,
      codes: ['disposal', 'custody', 'licence', 'community-sentence'],
      description: 'disposal: a youth justice disposal (dated); the others are spells with a start and an end.',
      example: 'disposal',
    },
    { name: 'start_date', type: 'date', required: true, description: 'Date of the disposal, or the start of the custody, licence or sentence.', example: '2019-05-20' },
    { name: 'end_date', type: 'date', required: false, description: 'End of the custody, licence or sentence; blank while it continues. Not used for disposals.', example: '' },
    {
      name: 'disposal_tier',
      type: 'code',
      required: false,
      requiredFor: ['disposal'],
      codes: ['diversion', 'out-of-court', 'substantive'],
      description: 'For disposals: the tier.',
      example: 'out-of-court',
    },
    {
      name: 'sentence_type',
      type: 'code',
      required: false,
      codes: ['community-order', 'suspended-sentence'],
      description: 'For community sentences: which kind.',
      example: '',
    },
    { name: 'end_reason', type: 'code', required: false, codes: endReasons, description: 'How a licence or community sentence ended.', example: '' },
  ],
  check: (row) => endNotBeforeStart(row),
  toEvent: (row) => {
    const start = date(row, 'start_date');
    const end = optionalText(row, 'end_date') ?? null;
    const endReason = optionalText(row, 'end_reason') as EndReason | undefined;
    switch (text(row, 'record_type')) {
      case 'disposal':
        return { type: 'youth-justice-disposal', date: start, kind: text(row, 'disposal_tier') as 'diversion' | 'out-of-court' | 'substantive' };
      case 'custody':
        return defined({ type: 'custody' as const, start, end, endReason });
      case 'licence':
        return defined({ type: 'licence' as const, start, end, endReason });
      default:
        return defined({
          type: 'community-sentence' as const,
          start,
          end,
          endReason,
          kind: optionalText(row, 'sentence_type') as 'community-order' | 'suspended-sentence' | undefined,
        });
    }
  },
};
