/**
 * The seam for people resolution. The importer asks a matcher who a row is about; the first version
 * ({@link ExactPersonMatcher}) matches on identifiers and exact normalised details, and a probabilistic
 * matcher can later implement the same interface.
 */
import type { PersonDetails } from '../imports/validation/validate-row.ts';

export type ReviewReason = 'new-person' | 'conflicting-identifiers' | 'ambiguous-name-match';

export interface PersonIdentifier {
  /** `nhs`, `upn`, `ni` or `system:<agency system>`. */
  readonly kind: string;
  readonly value: string;
}

interface Decision {
  readonly personId: string;
  /** Why a person should look at this decision, if they should. */
  readonly review?: { readonly reason: ReviewReason; readonly otherPersonIds: readonly string[] };
  /** Identifiers from the row not yet attached to anyone, now attached to `personId`. */
  readonly newIdentifiers: readonly PersonIdentifier[];
}

/**
 * Who a row is about. `created` when no existing person matched and a new one must be created from the
 * row, with the match key it is stored under (only a new person needs one: working it out normalises
 * the name, so a row matched by an identifier skips it).
 */
export type MatchDecision = (Decision & { readonly created: false }) | (Decision & { readonly created: true; readonly matchKey: string });

export interface PersonMatcher {
  /** Decides who the row is about, and remembers the decision for later rows of the same import. */
  resolve(person: PersonDetails): MatchDecision;
}

/** What a matcher needs to know about the people already stored. */
export interface KnownPeople {
  readonly identifiers: Iterable<readonly [kind: string, value: string, personId: string]>;
  readonly matchKeys: Iterable<readonly [matchKey: string, personId: string]>;
}

export function identifiersOf(person: PersonDetails): PersonIdentifier[] {
  const ids: PersonIdentifier[] = [];
  if (person.nhsNumber) ids.push({ kind: 'nhs', value: person.nhsNumber });
  if (person.upn) ids.push({ kind: 'upn', value: person.upn });
  if (person.niNumber) ids.push({ kind: 'ni', value: person.niNumber });
  ids.push({ kind: `system:${person.system}`, value: person.systemId });
  return ids;
}
