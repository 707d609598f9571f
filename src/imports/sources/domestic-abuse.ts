import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date, text } from './row-values.ts';

export const domesticAbuse: SourceSpec = {
  id: 'domestic-abuse',
  title: 'Domestic abuse incidents and MARAC referrals',
  system: 'police',
  description: 'Domestic abuse incidents (police or another agency) with the person as victim or perpetrator, and referrals to a MARAC.',
  columns: [
    ...identityColumns(),
    { name: 'record_type', type: 'code', required: true, codes: ['incident', 'marac-referral'], description: 'incident or marac-referral.', example: 'incident' },
    { name: 'date', type: 'date', required: true, description: 'Date of the incident or referral.', example: '2019-09-12' },
    { name: 'role', type: 'code', required: false, requiredFor: ['incident'], codes: ['victim', 'perpetrator'], description: "The person's role in the incident.", example: 'victim' },
    { name: 'abuse_type', type: 'code', required: false, codes: ['domestic', 'sexual', 'honour-based'], description: 'Blank means domestic.', example: 'domestic' },
    { name: 'reported_by', type: 'code', required: false, codes: ['police', 'agency'], description: 'Who recorded the incident. Blank means police.', example: 'police' },
  ],
  toEvent: (row) => {
    const d = date(row, 'date');
    if (text(row, 'record_type') === 'marac-referral') return { type: 'marac-referral', date: d };
    return {
      type: 'domestic-abuse',
      date: d,
      role: text(row, 'role') as 'victim' | 'perpetrator',
      kind: (row['abuse_type'] ?? 'domestic') as 'domestic' | 'sexual' | 'honour-based',
      source: (row['reported_by'] ?? 'police') as 'police' | 'agency',
    };
  },
};
