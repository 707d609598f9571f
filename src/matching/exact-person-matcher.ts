/**
 * People resolution, first version: a row is the person who already has one of its identifiers (NHS
 * number, UPN, NI number, or the same agency system's person id), else the one person with exactly the
 * same normalised name, date of birth and postcode; otherwise a new person, listed for review.
 */
import { randomUUID } from 'node:crypto';
import type { PersonDetails } from '../imports/validation/validate-row.ts';
import { personMatchKey } from './normalise.ts';
import { identifiersOf, type KnownPeople, type MatchDecision, type PersonIdentifier, type PersonMatcher } from './person-matcher.ts';

export class ExactPersonMatcher implements PersonMatcher {
  readonly #byIdentifier = new Map<string, string>();
  readonly #byMatchKey = new Map<string, string[]>();

  constructor(
    known: KnownPeople,
    private readonly newId: () => string = randomUUID,
  ) {
    for (const [kind, value, personId] of known.identifiers) this.#byIdentifier.set(`${kind}:${value}`, personId);
    for (const [key, personId] of known.matchKeys) this.#addKey(key, personId);
  }

  resolve(person: PersonDetails): MatchDecision {
    const identifiers = identifiersOf(person);
    // Each identifier's key built (and hashed) once, for the lookup and for remembering it.
    const keys = identifiers.map((i) => `${i.kind}:${i.value}`);
    const matchKey = personMatchKey(person);
    const byId: string[] = [];
    for (const key of keys) {
      const id = this.#byIdentifier.get(key);
      if (id !== undefined && !byId.includes(id)) byId.push(id);
    }
    let decision: Omit<MatchDecision, 'newIdentifiers'>;
    if (byId.length > 0) {
      const [personId, ...others] = byId as [string, ...string[]];
      decision = { personId, created: false, matchKey, ...(others.length > 0 && { review: { reason: 'conflicting-identifiers', otherPersonIds: others } }) };
    } else {
      const byKey = this.#byMatchKey.get(matchKey) ?? [];
      if (byKey.length > 0) {
        const [personId, ...others] = byKey as [string, ...string[]];
        decision = { personId, created: false, matchKey, ...(others.length > 0 && { review: { reason: 'ambiguous-name-match', otherPersonIds: others } }) };
      } else {
        const personId = this.newId();
        this.#addKey(matchKey, personId);
        decision = { personId, created: true, matchKey, review: { reason: 'new-person', otherPersonIds: [] } };
      }
    }
    const newIdentifiers: PersonIdentifier[] = [];
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n]!;
      if (this.#byIdentifier.has(key)) continue;
      this.#byIdentifier.set(key, decision.personId);
      newIdentifiers.push(identifiers[n]!);
    }
    return { ...decision, newIdentifiers };
  }

  #addKey(key: string, personId: string): void {
    const list = this.#byMatchKey.get(key);
    if (list) list.push(personId);
    else this.#byMatchKey.set(key, [personId]);
  }
}
