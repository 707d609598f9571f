import type { RowProblem, SourceSpec } from './column-spec.ts';
import { identityColumns } from './identity-columns.ts';
import { num, text } from './row-values.ts';

export const schoolAttendance: SourceSpec = {
  id: 'school-attendance',
  title: 'School attendance by term',
  system: 'education',
  description: "A pupil's attendance for one term, in half-day sessions, as in the school census.",
  columns: [
    ...identityColumns({ upn: 'required' }),
    { name: 'term', type: 'term', required: true, description: 'YYYY-autumn, YYYY-spring or YYYY-summer (calendar year of the term).', example: '2019-spring' },
    { name: 'possible_sessions', type: 'integer', required: true, min: 0, max: 400, description: 'Possible half-day sessions.', example: '120' },
    { name: 'attended_sessions', type: 'integer', required: true, min: 0, max: 400, description: 'Sessions attended.', example: '102' },
    { name: 'authorised_absences', type: 'integer', required: true, min: 0, max: 400, description: 'Sessions of authorised absence.', example: '8' },
    { name: 'unauthorised_absences', type: 'integer', required: true, min: 0, max: 400, description: 'Sessions of unauthorised absence.', example: '10' },
  ],
  check: (row) => {
    const problems: RowProblem[] = [];
    const possible = row['possible_sessions'];
    const attended = row['attended_sessions'];
    const authorised = row['authorised_absences'];
    const unauthorised = row['unauthorised_absences'];
    if (typeof possible !== 'number' || typeof attended !== 'number') return problems;
    if (attended > possible) {
      problems.push({ column: 'attended_sessions', reason: `is more than possible_sessions (${possible})` });
    } else if (typeof authorised === 'number' && typeof unauthorised === 'number' && attended + authorised + unauthorised > possible) {
      problems.push({ column: 'possible_sessions', reason: `is less than attended + authorised + unauthorised sessions (${attended + authorised + unauthorised})` });
    }
    return problems;
  },
  toEvent: (row) => ({
    type: 'attendance',
    term: text(row, 'term'),
    possibleSessions: num(row, 'possible_sessions'),
    attendedSessions: num(row, 'attended_sessions'),
    authorisedAbsences: num(row, 'authorised_absences'),
    unauthorisedAbsences: num(row, 'unauthorised_absences'),
  }),
};
