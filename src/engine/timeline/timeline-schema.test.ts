import { describe, expect, it } from 'vitest';
import { ValidationError, type InputIssue } from '../errors.ts';
import { parseTimeline } from './parse-timeline.ts';
import { eventTypes, type TimelineInput } from './timeline-schema.ts';

type EventInput = NonNullable<TimelineInput['events']>[number];

function family(events: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    familyId: 'F1',
    members: [
      { id: 'A1', dateOfBirth: '1980-04-01', role: 'adult', parentingResponsibility: true },
      { id: 'C1', dateOfBirth: '2008-02-29', role: 'child' },
    ],
    programme: { identifiedOn: '2019-01-07', engagedOn: '2019-02-04', closedOn: null },
    events,
    ...overrides,
  };
}

function issues(input: unknown): InputIssue[] {
  try {
    parseTimeline(input, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).source).toBe('test.json');
    return [...(e as ValidationError).issues];
  }
  throw new Error('expected the timeline to be rejected');
}

describe('timeline validation', () => {
  it('rejects an impossible date, naming its JSON path and the value', () => {
    expect(issues(family([{ type: 'asb-incident', person: 'A1', date: '2019-02-30' }]))).toEqual([
      { path: 'events[0].date', message: 'is not a real calendar date', value: '2019-02-30' },
    ]);
    expect(issues(family([], { members: [{ id: 'A1', dateOfBirth: '1981-02-29', role: 'adult' }] }))[0]).toMatchObject({ path: 'members[0].dateOfBirth', value: '1981-02-29' });
    expect(issues(family([{ type: 'asb-incident', date: '7/3/2019' }]))[0]).toMatchObject({ path: 'events[0].date', message: 'expected a date as YYYY-MM-DD', value: '7/3/2019' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseTimeline(family([{ type: 'asb-incident', person: 'C1', date: '2020-02-29' }])).events).toHaveLength(1);
  });

  it('rejects an event about someone who is not a member', () => {
    expect(issues(family([{ type: 'ae-attendance', person: 'A1', date: '2019-03-01' }, { type: 'ae-attendance', person: 'Z9', date: '2019-03-01' }]))).toEqual([
      { path: 'events[1].person', message: 'is not the id of a member of this family', value: 'Z9' },
    ]);
  });

  it('rejects a spell that ends before it starts, but allows a one-day spell and an open one', () => {
    expect(issues(family([{ type: 'neet', person: 'C1', start: '2019-03-01', end: '2019-02-28' }]))).toEqual([
      { path: 'events[0].end', message: 'is before start 2019-03-01', value: '2019-02-28' },
    ]);
    const ok = parseTimeline(family([
      { type: 'neet', person: 'C1', start: '2019-03-01', end: '2019-03-01' },
      { type: 'neet', person: 'C1', start: '2019-04-01', end: null },
      { type: 'neet', person: 'C1', start: '2019-05-01' },
    ]));
    expect(ok.events).toHaveLength(3);
  });

  it('rejects more attended sessions than possible, and absences that do not fit', () => {
    const attendance = { type: 'attendance', person: 'C1', term: '2019-spring', possibleSessions: 100, attendedSessions: 101, authorisedAbsences: 0, unauthorisedAbsences: 0 };
    expect(issues(family([attendance]))).toEqual([{ path: 'events[0].attendedSessions', message: 'is more than possibleSessions (100)', value: 101 }]);
    expect(issues(family([{ ...attendance, attendedSessions: 90, authorisedAbsences: 6, unauthorisedAbsences: 5 }]))).toEqual([
      { path: 'events[0].possibleSessions', message: 'is less than attended + authorised + unauthorised sessions', value: 100 },
    ]);
    expect(parseTimeline(family([{ ...attendance, attendedSessions: 90, authorisedAbsences: 6, unauthorisedAbsences: 4 }])).events).toHaveLength(1);
    expect(issues(family([{ ...attendance, term: '2019-winter', attendedSessions: 90 }]))[0]).toMatchObject({ path: 'events[0].term', value: '2019-winter' });
  });

  it('ignores extra fields at every level', () => {
    const t = parseTimeline(
      family([{ type: 'asb-incident', person: 'A1', date: '2019-03-01', policeRef: 'X/123' }], { exportedBy: 'ContrOCC', members: [{ id: 'A1', dateOfBirth: '1980-04-01', role: 'adult', nhsNumber: '943 476 5919' }] }),
    );
    expect(t).not.toHaveProperty('exportedBy');
    expect(t.members[0]).not.toHaveProperty('nhsNumber');
    expect(t.events[0]).not.toHaveProperty('policeRef');
  });

  it('applies the documented defaults', () => {
    const t = parseTimeline({
      familyId: 'F1',
      members: [{ id: 'A1', dateOfBirth: '1980-04-01', role: 'adult' }],
      programme: { identifiedOn: '2019-01-07' },
      events: [
        { type: 'offence', person: 'A1', date: '2019-03-01' },
        { type: 'domestic-abuse', person: 'A1', date: '2019-03-01', role: 'victim' },
        { type: 'exclusion', person: 'A1', date: '2019-03-01', kind: 'fixed' },
      ],
    });
    expect(t.members[0]).toEqual({ id: 'A1', dateOfBirth: '1980-04-01', role: 'adult', parentingResponsibility: false, sex: 'unknown' });
    expect(t.events[0]).toMatchObject({ proven: true, furtherActionTaken: true });
    expect(t.events[1]).toMatchObject({ kind: 'domestic', source: 'police' });
    expect(t.events[2]).toMatchObject({ days: 0 });
    expect(parseTimeline({ familyId: 'F1', members: [{ id: 'A1', dateOfBirth: '1980-04-01', role: 'adult' }], programme: { identifiedOn: '2019-01-07' } }).events).toEqual([]);
  });

  it('rejects duplicate member and event ids, and a closure before engagement', () => {
    const members = [
      { id: 'A1', dateOfBirth: '1980-04-01', role: 'adult' },
      { id: 'A1', dateOfBirth: '1981-04-01', role: 'adult' },
    ];
    expect(issues(family([], { members }))).toEqual([{ path: 'members[1].id', message: 'duplicate member id', value: 'A1' }]);
    const twice = { id: 'x', type: 'marac-referral', person: 'A1', date: '2019-03-01' };
    expect(issues(family([twice, twice]))).toEqual([{ path: 'events[1].id', message: 'duplicate event id', value: 'x' }]);
    expect(issues(family([], { programme: { identifiedOn: '2019-01-07', engagedOn: '2019-02-04', closedOn: '2019-02-03' } }))).toEqual([
      { path: 'programme.closedOn', message: 'is before engagedOn 2019-02-04', value: '2019-02-03' },
    ]);
  });

  it('rejects an unknown event type and a value outside an enumeration, with the path', () => {
    expect(issues(family([{ type: 'parking-ticket', date: '2019-03-01' }]))[0]).toMatchObject({ path: 'events[0].type', value: 'parking-ticket' });
    expect(issues(family([{ type: 'benefit', person: 'A1', benefit: 'PIP', start: '2019-01-01' }]))[0]).toMatchObject({ path: 'events[0].benefit', value: 'PIP' });
  });

  it('requires the top-level fields and at least one member', () => {
    expect(issues({}).map((i) => i.path)).toEqual(['familyId', 'members', 'programme']);
    expect(issues(family([], { members: [] }))[0]).toMatchObject({ path: 'members' });
  });

  it('accepts provenance as a file and row or as a string, and rejects row 0', () => {
    const events: EventInput[] = [
      { type: 'asb-incident', person: 'A1', date: '2019-03-01', origin: { file: 'police-asb.csv', row: 2 } },
      { type: 'asb-incident', person: 'A1', date: '2019-03-02', origin: 'case note 17' },
    ];
    expect(parseTimeline(family(events)).events.map((e) => e.origin)).toEqual([{ file: 'police-asb.csv', row: 2 }, 'case note 17']);
    expect(issues(family([{ type: 'asb-incident', date: '2019-03-01', origin: { file: 'a.csv', row: 0 } }]))[0]!.path).toMatch(/^events\[0\]\.origin/);
  });

  it('knows every event type documented in docs/timeline-format.md', () => {
    expect(eventTypes).toEqual([
      'offence', 'asb-incident', 'asb-intervention', 'youth-justice-disposal', 'custody', 'licence', 'community-sentence', 'enforcement-action',
      'domestic-abuse', 'police-callout', 'marac-referral', 'attendance', 'exclusion', 'education-status', 'early-years-place', 'social-care',
      'referral', 'missing-episode', 'benefit', 'employment', 'earnings', 'neet', 'housing', 'health', 'ae-attendance', 'assessment', 'need',
      'nomination', 'evidence',
    ]);
  });
});
