/** Families: one per household, each with a stable reference (`F-000123`). */
import { randomUUID } from 'node:crypto';
import type { WorkflowDb } from './workflow-db.ts';

export interface FamilyRow {
  readonly id: string;
  readonly reference: string;
  readonly householdId: string;
  readonly postcode: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FamilyRepository {
  constructor(private readonly db: WorkflowDb) {}

  /** The household's family, created on first use (safe under concurrency: the household is unique). */
  async ensureForHousehold(householdId: string): Promise<FamilyRow> {
    await this.db
      .insertInto('families')
      .values({ id: randomUUID(), household_id: householdId })
      .onConflict((oc) => oc.column('household_id').doNothing())
      .execute();
    const found = await this.select().where('families.household_id', '=', householdId).executeTakeFirstOrThrow();
    return toRow(found);
  }

  /** The families of many households at once, created where missing; keyed by household id. */
  async ensureForHouseholds(householdIds: readonly string[]): Promise<Map<string, FamilyRow>> {
    const out = new Map<string, FamilyRow>();
    for (let i = 0; i < householdIds.length; i += 1000) {
      const chunk = householdIds.slice(i, i + 1000);
      await this.db
        .insertInto('families')
        .values(chunk.map((householdId) => ({ id: randomUUID(), household_id: householdId })))
        .onConflict((oc) => oc.column('household_id').doNothing())
        .execute();
      for (const row of await this.select().where('families.household_id', 'in', chunk).execute()) out.set(row.household_id, toRow(row));
    }
    return out;
  }

  /** By id or by reference (`F-000123`). */
  async find(idOrReference: string): Promise<FamilyRow | undefined> {
    const query = this.select();
    const found = await (uuidPattern.test(idOrReference)
      ? query.where('families.id', '=', idOrReference)
      : query.where('families.reference', '=', idOrReference.toUpperCase())
    ).executeTakeFirst();
    return found && toRow(found);
  }

  async byIds(ids: readonly string[]): Promise<FamilyRow[]> {
    if (ids.length === 0) return [];
    return (await this.select().where('families.id', 'in', ids).execute()).map(toRow);
  }

  /** Every household (id, postcode) in id order, for identification. */
  async households(): Promise<Array<{ id: string; postcode: string }>> {
    return this.db.selectFrom('households').select(['id', 'postcode']).orderBy('id').execute();
  }

  private select() {
    return this.db
      .selectFrom('families')
      .innerJoin('households', 'households.id', 'families.household_id')
      .select(['families.id', 'families.reference', 'families.household_id', 'households.postcode']);
  }
}

function toRow(r: { id: string; reference: string; household_id: string; postcode: string }): FamilyRow {
  return { id: r.id, reference: r.reference, householdId: r.household_id, postcode: r.postcode };
}

/** The postcode district (outward code): `SO14 0AB` → `SO14`. */
export function postcodeDistrict(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? compact.slice(0, -3) : compact;
}
