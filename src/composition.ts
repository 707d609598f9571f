/**
 * The composition root: builds the database and every service from the configuration. The CLI and the
 * web app get their services from here and nowhere else. Keep it a flat list.
 */
import type { Config } from './config.ts';
import { createDatabase, databaseTarget, type DatabaseTarget } from './data/database.ts';
import { ImportService } from './services/import-service.ts';
import { QuarantineExport } from './services/quarantine-export.ts';
import { TimelineService } from './services/timeline-service.ts';
import { PlanSourceCatalogue } from './services/plan-sources.ts';
import { createWorkflowServices, type WorkflowServices } from './services/workflow-services.ts';
import { FamilyEvaluator } from './services/family-evaluation.ts';
import { PlanRepository } from './plans/plan-repository.ts';
import { createWebServices, type WebServices } from './web/web-services.ts';

export interface Services {
  readonly imports: ImportService;
  /** Quarantined rows back out as CSV, for correction and re-import. */
  readonly quarantine: QuarantineExport;
  readonly timelines: TimelineService;
  /** The programme workflow (identification … export); reads the plans on first use, so imports never need them. */
  workflow(plansDirectory: string): Promise<WorkflowServices>;
  /**
   * What the web app is built over. `now` fixes the date pages evaluate families at (the demo council's
   * data ends in March 2020); by default it is today.
   */
  web(plansDirectory: string, options?: { now?: () => Date; claimTarget?: number }): Promise<WebServices>;
  close(): Promise<void>;
}

export async function createServices(config: Pick<Config, 'DATABASE_URL' | 'FAMILY_OUTCOMES_DATA'>, target: DatabaseTarget = databaseTarget(config)): Promise<Services> {
  const database = await createDatabase(target);
  const db = database.db;
  return {
    imports: new ImportService(db),
    quarantine: new QuarantineExport(db),
    timelines: new TimelineService(db),
    workflow: async (plansDirectory) => createWorkflowServices({ db, plans: await PlanSourceCatalogue.load([plansDirectory]), timelines: new TimelineService(db) }),
    web: async (plansDirectory, options = {}) => {
      const planSources = await PlanSourceCatalogue.load([plansDirectory]);
      const timelines = new TimelineService(db);
      const workflow = createWorkflowServices({ db, plans: planSources, timelines });
      const programme = { workflow, evaluator: new FamilyEvaluator(planSources, timelines), ...options };
      return createWebServices(db, await PlanRepository.load([plansDirectory]), programme);
    },
    close: () => database.close(),
  };
}
