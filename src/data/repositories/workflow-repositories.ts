/** Every workflow repository over one database handle or transaction, and a unit of work. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { AccessLogRepository } from './workflow-access-log.ts';
import { AttachmentRepository } from './workflow-attachments.ts';
import { ClaimRepository } from './workflow-claims.ts';
import { workflowDb, type WorkflowDb } from './workflow-db.ts';
import { FamilyRepository } from './workflow-families.ts';
import { HistoryRepository } from './workflow-history.ts';
import { IdentificationRepository } from './workflow-identification.ts';

export interface WorkflowRepositories {
  readonly families: FamilyRepository;
  readonly attachments: AttachmentRepository;
  readonly history: HistoryRepository;
  readonly claims: ClaimRepository;
  readonly identification: IdentificationRepository;
  readonly accessLog: AccessLogRepository;
  /** Runs `work` in one transaction with repositories bound to it. */
  transaction<T>(work: (repositories: WorkflowRepositories) => Promise<T>): Promise<T>;
}

export function createWorkflowRepositories(db: Kysely<Database>): WorkflowRepositories {
  return bind(workflowDb(db));
}

function bind(db: WorkflowDb): WorkflowRepositories {
  return {
    families: new FamilyRepository(db),
    attachments: new AttachmentRepository(db),
    history: new HistoryRepository(db),
    claims: new ClaimRepository(db),
    identification: new IdentificationRepository(db),
    accessLog: new AccessLogRepository(db),
    transaction: (work) => (db.isTransaction ? work(bind(db)) : db.transaction().execute((trx) => work(bind(trx)))),
  };
}
