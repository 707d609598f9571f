/**
 * The demo council's programme records. In a real council, key workers attach families and record the
 * four essentials in the product; for the generated council those facts are in the ground truth
 * (identification and engagement dates per family). This module enters them through the same
 * workflow services a key worker's form uses, so the demo's dashboard, families and claims are real.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { addDays, formatDay, parseDay } from '../engine/calendar/day.ts';
import type { Actor } from '../services/actor.ts';
import type { WorkflowServices } from '../services/workflow-services.ts';

export interface DemoProgrammeResult {
  readonly candidates: number;
  readonly attached: number;
  readonly evaluated: number;
  readonly claimable: number;
}

/** Lead professionals without an account (the demo's key-worker account is added in front of them). */
const keyWorkers: readonly DemoLead[] = ['Sam Patel', 'Alex Morgan', 'Jordan Reid', 'Priya Shah', 'Chris Okafor'].map((name) => ({ name }));

/** A lead professional for demo families: a name, and the user account when they have one. */
export interface DemoLead {
  readonly name: string;
  readonly userId?: string;
}
const analyst: Actor = { userId: 'demo-setup', role: 'system' };

/** Families attached per call to the attachment service's attachMany. */
const attachPageSize = 250;

/**
 * Runs identification, attaches every family the ground truth says the programme engaged (stable
 * households only: a household that split or combined has no single family record), and tracks them.
 */
export async function seedDemoProgramme(workflow: WorkflowServices, councilDir: string, options: DemoProgrammeOptions): Promise<DemoProgrammeResult> {
  const run = await workflow.identification.identify({ plan: options.plan, asOf: options.asOf, actor: analyst });
  const attached = await attachEngagedFamilies(workflow, councilDir, options);
  const tracked = await workflow.tracking.trackAll({ asOf: options.asOf, actor: analyst });
  const claimable = await workflow.claims.listClaimable({ asOf: options.asOf });
  return { candidates: run.candidates.length, attached, evaluated: tracked.evaluated, claimable: claimable.length };
}

export interface DemoProgrammeOptions {
  readonly plan: string;
  readonly asOf: string;
  readonly householdAddresses: ReadonlyArray<{ id: string; address: string; postcode: string }>;
  /** Key workers with accounts, who lead families in turn with the demo's named key workers. */
  readonly accountLeads?: readonly DemoLead[];
}

function leadOf(lead: DemoLead): { leadProfessional: string; leadUserId?: string } {
  return lead.userId === undefined ? { leadProfessional: lead.name } : { leadProfessional: lead.name, leadUserId: lead.userId };
}

/**
 * Attaches, with their four essentials, the families the ground truth says the programme engaged by
 * `asOf` (stable households only); returns how many were attached. Also used by the council benchmark.
 */
export async function attachEngagedFamilies(workflow: WorkflowServices, councilDir: string, options: DemoProgrammeOptions): Promise<number> {
  const read = (file: string) => parse(readFileSync(path.join(councilDir, 'ground-truth', file)), { columns: true }) as Array<Record<string, string>>;
  const families = new Map(read('families.csv').map((f) => [f['family_id']!, f]));
  const familyAt = new Map(read('residences.csv').map((r) => [`${r['address']}|${r['postcode']}`.toUpperCase(), r['household_id']!.split('-')[0]!]));

  const leads = [...(options.accountLeads ?? []), ...keyWorkers];
  // Matching mess can leave one family's records in several households; the key worker attaches one.
  const attachedFamilies = new Set<string>();
  const requests: Array<Parameters<WorkflowServices['attachment']['attachMany']>[0][number]> = [];
  for (const household of options.householdAddresses) {
    const familyId = familyAt.get(`${household.address}|${household.postcode}`.toUpperCase()) ?? '';
    const truth = families.get(familyId);
    if (!truth?.['engaged_on'] || truth['household_change'] !== 'stable' || truth['engaged_on'] > options.asOf || attachedFamilies.has(familyId)) continue;
    attachedFamilies.add(familyId);
    const engagedOn = truth['engaged_on'];
    requests.push({
      householdId: household.id,
      plan: options.plan,
      identifiedOn: truth['identified_on']!,
      engagedOn,
      ...leadOf(leads[requests.length % leads.length]!),
      assessmentOn: formatDay(addDays(parseDay(engagedOn), 14)),
      actionPlanOn: formatDay(addDays(parseDay(engagedOn), 28)),
      outcomesAligned: true,
      actor: analyst,
    });
  }
  // A page of families at a time: timelines read together, records written in one transaction. Run the
  // demo twice and the families are attached already: that is fine (they are not counted).
  let attached = 0;
  for (let i = 0; i < requests.length; i += attachPageSize) {
    for (const r of await workflow.attachment.attachMany(requests.slice(i, i + attachPageSize))) if (r.result === 'attached') attached++;
  }
  return attached;
}
