import { describe, expect, it } from 'vitest';
import type { Verdict } from '../engine/index.ts';
import { renderFigure, renderVerdictText } from './render-verdict-text.ts';

const verdict: Verdict = {
  plan: { id: 'testshire', version: '2', authority: 'Testshire County Council' },
  familyId: 'F1',
  asOf: '2019-07-01',
  programme: { identifiedOn: '2018-12-01', engagedOn: '2019-01-01', closedOn: null },
  eligible: false,
  identifiedProblems: ['crime'],
  problems: [
    {
      problem: 'crime',
      title: 'Crime and anti-social behaviour',
      identified: true,
      foundAt: 'identified',
      indicators: [
        {
          id: 'offending',
          ref: '1a',
          text: 'A proven offence in the last 12 months.',
          met: true,
          metAt: ['identified', 'engaged'],
          subjects: [
            {
              subject: 'A1',
              status: 'met',
              figures: [{ label: 'offence (proven)', value: 2, window: { label: 'the 12 months', start: '2017-12-02', end: '2018-12-01' }, events: ['e1', 'e2'] }],
              explanation: '2 offences (proven) in the 12 months; at least 1 required',
            },
            { subject: 'A2', status: 'not-met', figures: [], explanation: '0 offences' },
          ],
          explanation: 'Testshire 1a is met at identification and engagement: A1, 2 offences.',
        },
        { id: 'asb', ref: '1b', text: 'ASB.', met: false, metAt: [], subjects: [], explanation: 'Testshire 1b is not met.' },
      ],
      outcomes: [
        {
          id: 'no-offending',
          ref: '1a',
          text: 'No proven offences in the last 9 months.',
          addresses: ['offending'],
          status: 'pending',
          subjects: [
            {
              subject: 'A1',
              status: 'pending',
              figures: [{ label: 'offence (proven)', value: 0, window: { label: 'the 9 months', start: '2018-10-02', end: '2019-07-01' }, events: [] }],
              explanation: 'the 9 months start before engagement',
            },
          ],
          explanation: 'Testshire 1a is pending for A1: the 9 months start before engagement.',
        },
      ],
      status: 'pending',
      explanation: 'Crime: not yet turned around — 1a is pending.',
    },
    {
      problem: 'health',
      title: 'Health',
      identified: false,
      foundAt: null,
      indicators: [],
      outcomes: [],
      status: 'not-identified',
      explanation: 'Health: not identified — no indicator met.',
    },
  ],
  claims: {
    significantAndSustainedProgress: { claimable: false, reasons: ['not eligible: 1 headline problem identified, 2 needed'] },
    continuousEmployment: { claimable: false, reasons: ['the plan has no continuous-employment route'] },
  },
};

describe('renderVerdictText', () => {
  it('shows the claims, the indicators met by whom with figures, and every outcome with its status', () => {
    expect(renderVerdictText(verdict)).toBe(
      [
        'Family F1 as of 2019-07-01',
        'Plan: Testshire County Council (testshire@2)',
        'Programme: identified 2018-12-01, engaged 2019-01-01, not closed',
        'Eligible: no (1 headline problem identified: crime)',
        '',
        'Claims',
        '  Significant and sustained progress: not claimable',
        '    - not eligible: 1 headline problem identified, 2 needed',
        '  Continuous employment: not claimable',
        '    - the plan has no continuous-employment route',
        '',
        'crime: Crime and anti-social behaviour [pending]',
        '  Crime: not yet turned around — 1a is pending.',
        '  Indicators met:',
        '    1a (offending), at identification and engagement, by A1',
        '      A1: 2 offences (proven) in the 12 months; at least 1 required',
        '        - offence (proven) = 2 in the 12 months (2017-12-02 to 2018-12-01) [events e1, e2]',
        '  Outcomes:',
        '    [pending] 1a (no-offending), addresses offending',
        '      Testshire 1a is pending for A1: the 9 months start before engagement.',
        '      A1 - offence (proven) = 0 in the 9 months (2018-10-02 to 2019-07-01)',
        '',
        'health: Health [not identified]',
        '  Health: not identified — no indicator met.',
        '',
      ].join('\n'),
    );
  });

  it('says when nobody is engaged or the case is closed, and when the family is eligible', () => {
    const text = renderVerdictText({ ...verdict, eligible: true, identifiedProblems: [], programme: { identifiedOn: '2018-12-01', engagedOn: null, closedOn: '2019-06-01' } });
    expect(text).toContain('Programme: identified 2018-12-01, not engaged, closed 2019-06-01');
    expect(text).toContain('Eligible: yes (0 headline problems identified)');
  });
});

describe('renderFigure', () => {
  it('quotes text values, names school terms and shows missing values as none', () => {
    expect(renderFigure({ label: 'evidence from Dr A (GP)', value: 'Engaging well' })).toBe('- evidence from Dr A (GP) = "Engaging well"');
    expect(renderFigure({ label: 'attendance %', value: 91.2, window: { label: 'the last 3 full terms', start: '2018-09-01', end: '2019-07-31', terms: ['2018-autumn', '2019-spring', '2019-summer'] } })).toBe(
      '- attendance % = 91.2 in the last 3 full terms (2018-09-01 to 2019-07-31: 2018-autumn, 2019-spring, 2019-summer)',
    );
    expect(renderFigure({ label: 'first score', value: null })).toBe('- first score = none');
  });
});
