import { socialCareKinds } from '../../engine/timeline/timeline-schema.ts';
import type { SourceSpec } from './column-spec.ts';
import { endNotBeforeStart, identityColumns } from './identity-columns.ts';
import { date, defined, optionalNum, optionalText, text } from './row-values.ts';

export const socialCare: SourceSpec = {
  id: 'social-care',
  title: "Children's social care: episodes, referrals and missing episodes",
  system: 'social-care',
  description: 'Early help, child in need, section 47, child protection and looked-after episodes; referrals to services; missing-from-home episodes.',
  columns: [
    ...identityColumns({ nhs_number: 'optional' }),
    { name: 'record_type', type: 'code', required: true, codes: ['episode', 'referral', 'missing-episode'], description: 'What the row records.', example: 'episode' },
    { name: 'start_date', type: 'date', required: true, description: 'Start of the episode, or date of the referral or missing episode.', example: '2018-11-02' },
    { name: 'end_date', type: 'date', required: false, description: 'End of an episode; blank while open. Not used for referrals or missing episodes.', example: '' },
    { name: 'episode_type', type: 'code', required: false, requiredFor: ['episode'], codes: socialCareKinds, description: 'For episodes: the kind.', example: 'child-in-need' },
    { name: 'end_reason', type: 'code', required: false, codes: ['closed', 'stepped-down', 'escalated'], description: 'For closed episodes: how they ended.', example: '' },
    { name: 'referred_to', type: 'text', required: false, requiredFor: ['referral'], description: 'For referrals: the service referred to.', example: 'CAMHS' },
    { name: 'hours_missing', type: 'decimal', required: false, min: 0, max: 8760, description: 'For missing episodes: how long, in hours.', example: '' },
  ],
  check: (row) => endNotBeforeStart(row),
  toEvent: (row) => {
    const start = date(row, 'start_date');
    switch (text(row, 'record_type')) {
      case 'episode':
        return defined({
          type: 'social-care' as const,
          start,
          end: optionalText(row, 'end_date') ?? null,
          kind: text(row, 'episode_type') as (typeof socialCareKinds)[number],
          endReason: optionalText(row, 'end_reason') as 'closed' | 'stepped-down' | 'escalated' | undefined,
        });
      case 'referral':
        return { type: 'referral', date: start, service: text(row, 'referred_to') };
      default:
        return defined({ type: 'missing-episode' as const, date: start, hours: optionalNum(row, 'hours_missing') });
    }
  },
};
