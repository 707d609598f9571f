/**
 * What the web application is built over. The composition root (src/composition.ts) makes these;
 * the web app never opens a database or reads configuration itself.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../data/schema.ts';
import type { WebSessionsRepository } from '../data/repositories/web-sessions.ts';
import { workflowDb } from '../data/repositories/workflow-db.ts';
import { programmeVersion, type ProgrammeVersion } from '../data/repositories/programme-version.ts';
import { StartPageRepository } from '../data/repositories/start-page.ts';
import type { PlanRepository } from '../plans/plan-repository.ts';
import { LocalIdentityProvider, type IdentityProvider } from '../services/identity.ts';
import { UsersService } from '../services/users-service.ts';
import type { FamilyEvaluator } from '../services/family-evaluation.ts';
import type { VerdictStore } from '../services/verdict-store.ts';
import type { WorkflowServices } from '../services/workflow-services.ts';
import { DataOverview } from './services/data-overview.ts';
import { UploadJobs } from './services/upload-jobs.ts';
import { CachingSessionsRepository, SessionForgettingUsersRepository } from './session-cache.ts';
import { FamilyDirectory } from './services/family-directory.ts';
import { FamilyPageCache } from './services/family-page-cache.ts';

export interface WebServices {
  readonly plans: PlanRepository;
  readonly users: UsersService;
  readonly sessions: WebSessionsRepository;
  /** The first password provider is used by the sign-in form; redirect providers are offered as buttons. */
  readonly identityProviders: readonly IdentityProvider[];
  /** Families on the programme, over the workflow services. */
  readonly families: FamilyDirectory;
  /** Each family page's evaluated part, kept by its evaluation's input key. */
  readonly familyPages: FamilyPageCache;
  /** Imported extracts, quarantine and the matching review queue. */
  readonly data: DataOverview;
  /** Uploaded extracts, imported in the background one at a time by the process that received them. */
  readonly uploads: UploadJobs;
  readonly workflow: WorkflowServices;
  /** The evaluator pages use (it reuses verdicts while a family's data is unchanged). */
  readonly evaluator: FamilyEvaluator;
  /** The latest verdict summary of each attachment, for the dashboard's outcomes by problem. */
  readonly verdicts: VerdictStore;
  /** The counts each role's start page shows. */
  readonly startPage: StartPageRepository;
  /** A fingerprint of the programme's data: the dashboard works its figures out again when it changes. */
  programmeVersion(): Promise<ProgrammeVersion>;
  /** Today's date, `YYYY-MM-DD`: the as-of date pages evaluate families at. */
  today(): string;
  /** Families the council aims to claim for, shown on the dashboard; none when not set. */
  readonly claimTarget?: number;
}

export interface ProgrammeServices {
  readonly workflow: WorkflowServices;
  readonly evaluator: FamilyEvaluator;
  readonly now?: () => Date;
  readonly claimTarget?: number;
}

/** The web app's own services over an open database: accounts, sessions and local sign-in. */
export function createWebServices(db: Kysely<Database>, plans: PlanRepository, programme: ProgrammeServices): WebServices {
  const now = programme.now ?? (() => new Date());
  const sessions = new CachingSessionsRepository(db);
  const usersRepository = new SessionForgettingUsersRepository(db, sessions);
  // One store with the workflow's, so tracking and page views share what they know is stored.
  const verdicts = programme.workflow.verdicts;
  const data = new DataOverview(db);
  return {
    plans,
    users: new UsersService(usersRepository, sessions),
    sessions,
    identityProviders: [new LocalIdentityProvider(usersRepository)],
    families: new FamilyDirectory(programme.workflow, programme.evaluator, workflowDb(db), verdicts),
    familyPages: new FamilyPageCache(),
    data,
    uploads: new UploadJobs(db, data),
    workflow: programme.workflow,
    evaluator: programme.evaluator,
    verdicts,
    startPage: new StartPageRepository(db),
    programmeVersion: () => programmeVersion(db),
    today: () => now().toISOString().slice(0, 10),
    ...(programme.claimTarget === undefined ? {} : { claimTarget: programme.claimTarget }),
  };
}
