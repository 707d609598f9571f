/** Every route, each file a section of the service, each given only the services it uses. */
import type { FastifyInstance } from 'fastify';
import type { WebServices } from '../web-services.ts';
import { accessLogRoutes } from './access-log.ts';
import { candidateRoutes } from './candidates.ts';
import { claimRoutes } from './claims.ts';
import { dashboardRoutes } from './dashboard.ts';
import { dataRoutes } from './data.ts';
import { familyRecordRoutes } from './family-records.ts';
import { familyRoutes } from './families.ts';
import { homeRoutes } from './home.ts';
import { planRoutes } from './plans.ts';
import { signInRoutes } from './sign-in.ts';
import { userRoutes } from './users.ts';

export interface RouteOptions {
  readonly secureCookies: boolean;
  readonly signInAttemptsPerMinute: number;
}

export async function registerRoutes(app: FastifyInstance, services: WebServices, options: RouteOptions): Promise<void> {
  signInRoutes(app, services, options);
  homeRoutes(app, services);
  planRoutes(app, services.plans);
  userRoutes(app, services.users);
  familyRoutes(app, services.families, services.familyPages, services.today, services.users);
  familyRecordRoutes(app, services.families, services.workflow.records, services.today);
  accessLogRoutes(app, services.families, services.data, services.users);
  claimRoutes(app, services);
  dashboardRoutes(app, services);
  candidateRoutes(app, services);
  dataRoutes(app, services.data, services.uploads);
}
