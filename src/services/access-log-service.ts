/**
 * Least privilege needs a record: every access to a family (a view, an evidence pack, a change) is
 * written here with who, in what role, and when. Only ids go in; never names or other personal data.
 */
import { z } from 'zod';
import type { AccessFilters, AccessRecord } from '../data/repositories/workflow-access-log.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import { roles } from './actor.ts';
import { parseInput } from './parse-input.ts';
import { NotFoundError } from './workflow-errors.ts';

const accessSchema = z.object({
  userId: z.string().min(1).max(200),
  role: z.enum(roles),
  /** Family id or reference. */
  familyId: z.string().min(1),
  action: z.string().regex(/^[a-z][a-z0-9-]*$/, 'is a lower-case action name such as view-family').max(60),
  at: z.date().optional(),
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postgres's foreign_key_violation, from the pg driver or PGlite. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

const filtersSchema = z.object({
  familyId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  limit: z.number().int().positive().max(10_000).optional(),
});

export class AccessLogService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes the record before returning. Given a family id (as every page does, having just read the
   * family) it is one insert: the foreign key proves the family exists; a reference is looked up first.
   */
  async recordAccess(input: z.input<typeof accessSchema>): Promise<void> {
    const access = parseInput(accessSchema, input, 'access record');
    let familyId = access.familyId;
    if (!uuidPattern.test(familyId)) {
      const family = await this.repositories.families.find(familyId);
      if (!family) throw new NotFoundError('family', access.familyId);
      familyId = family.id;
    }
    try {
      await this.repositories.accessLog.insert({ userId: access.userId, role: access.role, familyId, action: access.action, at: access.at ?? this.now() });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError('family', access.familyId);
      throw error;
    }
  }

  async listAccess(input: z.input<typeof filtersSchema> = {}): Promise<AccessRecord[]> {
    const filters: AccessFilters = parseInput(filtersSchema, input, 'access log filters');
    if (filters.familyId !== undefined) {
      const family = await this.repositories.families.find(filters.familyId);
      if (!family) return [];
      return this.repositories.accessLog.list({ ...filters, familyId: family.id });
    }
    return this.repositories.accessLog.list(filters);
  }
}
