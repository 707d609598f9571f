import type { SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { date, defined, optionalText, text } from './row-values.ts';

export const policeAsb: SourceSpec = {
  id: 'police-asb',
  title: 'Police and community safety: anti-social behaviour',
  system: 'police',
  description:
    'ASB incidents attributed to a person, and the interventions and enforcement that followed (warning letters, acceptable behaviour contracts, injunctions, criminal behaviour orders, dispersal).',
  columns: [
    ...identityColumns(),
    {
      name: 'record_type',
      type: 'code',
      required: true,
      codes: ['incident', 'intervention', 'enforcement'],
      description: 'incident: an ASB incident; intervention: a warning, ABC or similar; enforcement: an injunction, CBO or other enforcement action.',
      example: 'incident',
    },
    { name: 'date', type: 'date', required: true, description: 'Date of the incident, intervention or enforcement action.', example: '2019-07-19' },
    { name: 'intervention_type', type: 'text', required: false, requiredFor: ['intervention'], description: 'What the intervention was, e.g. warning letter, ABC.', example: 'Acceptable behaviour contract' },
  ],
  toEvent: (row) => {
    const d = date(row, 'date');
    switch (text(row, 'record_type')) {
      case 'incident':
        return { type: 'asb-incident', date: d };
      case 'intervention':
        return defined({ type: 'asb-intervention' as const, date: d, kind: optionalText(row, 'intervention_type') });
      default:
        return { type: 'enforcement-action', date: d };
    }
  },
};
