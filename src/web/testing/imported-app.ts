/**
 * A web app for tests whose family came in through the import pipeline: the real timeline service over
 * the test database (not in-memory timelines), so what a key worker records on the family page is read
 * back exactly as production reads it. One family from `importFamily` is attached under Southampton's
 * plan with the demo key worker as its lead (by account); a second, led by nobody, is attached too.
 */
import type { FastifyInstance } from 'fastify';
import { createDatabase, type DatabaseHandle } from '../../data/database.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import { FamilyEvaluator } from '../../services/family-evaluation.ts';
import { PlanSourceCatalogue } from '../../services/plan-sources.ts';
import { importFamily, importedFamily } from '../../services/testing/imported-family.ts';
import { TimelineService } from '../../services/timeline-service.ts';
import { seedDemoAccounts } from '../../services/users-service-demo.ts';
import type { Role } from '../../services/users-service.ts';
import { createWorkflowServices } from '../../services/workflow-services.ts';
import { createApp } from '../app.ts';
import { createWebServices, type WebServices } from '../web-services.ts';
import { appHandle, type TestAgent } from './test-app.ts';

export interface ImportedTestApp {
  readonly app: FastifyInstance;
  readonly services: WebServices;
  readonly db: DatabaseHandle['db'];
  /** The family led by the demo key worker (by account), and one led by someone else. */
  readonly reference: string;
  readonly otherReference: string;
  agent(): TestAgent;
  signedIn(role: Role): Promise<TestAgent>;
  close(): Promise<void>;
}

/** Pages are evaluated as of 15 January 2020, a year after the family engaged. */
export async function createImportedTestApp(): Promise<ImportedTestApp> {
  const database = await createDatabase({ kind: 'pglite-memory' });
  const now = () => new Date('2020-01-15T12:00:00Z');
  const plans = await PlanSourceCatalogue.load(['plans']);
  const timelines = new TimelineService(database.db);
  const workflow = createWorkflowServices({ db: database.db, plans, timelines, now });
  const services = createWebServices(database.db, await PlanRepository.load(['plans']), { workflow, evaluator: new FamilyEvaluator(plans, timelines), now });
  await seedDemoAccounts(services.users);
  const keyWorker = (await services.users.list()).find((u) => u.role === 'key-worker')!;
  const setup = { userId: 'test-setup', role: 'system' } as const;
  const attach = async (householdId: string, lead: { leadUserId?: string; leadProfessional: string }) =>
    (await workflow.attachment.attach({ householdId, plan: 'southampton', ...importedFamily.engagement, ...lead, actor: setup })).family.reference;
  const reference = await attach(await importFamily(database.db), { leadUserId: keyWorker.id, leadProfessional: keyWorker.displayName });
  // Someone else's family; its lead's name is the demo key worker's, so only the account decides.
  const otherReference = await attach(await importFamily(database.db, { address: '3 Other Road', postcode: 'SO15 1XY' }), { leadProfessional: 'Someone Else' });
  await workflow.tracking.trackAll({ asOf: '2020-01-15', actor: setup });
  const app = await createApp(services, { NODE_ENV: 'test', SESSION_SECRET: undefined }, { signInAttemptsPerMinute: 1000 });
  return { ...appHandle(app, database, services), services, reference, otherReference };
}
