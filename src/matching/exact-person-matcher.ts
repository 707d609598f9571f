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
  /**
   * Identifier kind → value → person. Two levels rather than one `kind:value` key: the kinds are a
   * handful of strings whose hashes V8 keeps, and the value is looked up as read, so no key string is
   * built (and hashed) per identifier per row.
   */
  readonly #byIdentifier = new Map<string, Map<string, string>>();
  readonly #byMatchKey = new Map<string, string[]>();

  constructor(
    known: KnownPeople,
    private readonly newId: () => string = randomUUID,
  ) {
    for (const [kind, value, personId] of known.identifiers) this.#values(kind).set(value, personId);
    for (const [key, personId] of known.matchKeys) this.#addKey(key, personId);
  }

  resolve(person: PersonDetails): MatchDecision {
    const identifiers = identifiersOf(person);
    const values = identifiers.map((i) => this.#values(i.kind));
    const byId: string[] = [];
    for (let n = 0; n < identifiers.length; n++) {
      const id = values[n]!.get(identifiers[n]!.value);
      if (id !== undefined && !byId.includes(id)) byId.push(id);
    }
    let personId: string;
    let matchKey: string | undefined;
    let review: MatchDecision['review'];
    if (byId.length > 0) {
      const [first, ...others] = byId as [string, ...string[]];
      personId = first;
      if (others.length > 0) review = { reason: 'conflicting-identifiers', otherPersonIds: others };
    } else {
      const key = personMatchKey(person);
      const byKey = this.#byMatchKey.get(key) ?? [];
      if (byKey.length > 0) {
        const [first, ...others] = byKey as [string, ...string[]];
        personId = first;
        if (others.length > 0) review = { reason: 'ambiguous-name-match', otherPersonIds: others };
      } else {
        personId = this.newId();
        matchKey = key;
        this.#addKey(key, personId);
      }
    }
    const newIdentifiers: PersonIdentifier[] = [];
    for (let n = 0; n < identifiers.length; n++) {
      const i = identifiers[n]!;
      const known = values[n]!;
      if (known.has(i.value)) continue;
      known.set(i.value, personId);
      newIdentifiers.push(i);
    }
    if (matchKey !== undefined) return { personId, created: true, matchKey, review: { reason: 'new-person', otherPersonIds: [] }, newIdentifiers };
    return review ? { personId, created: false, review, newIdentifiers } : { personId, created: false, newIdentifiers };
  }

  #values(kind: string): Map<string, string> {
    let values = this.#byIdentifier.get(kind);
    if (!values) this.#byIdentifier.set(kind, (values = new Map()));
    return values;
  }

  #addKey(key: string, personId: string): void {
    const list = this.#byMatchKey.get(key);
    if (list) list.push(personId);
    else this.#byMatchKey.set(key, [personId]);
  }
}
