/** `family-outcomes audit sample|record|submit|show`: internal audit of a claim batch. */
import type { Command } from 'commander';
import { ValidationError } from '../../engine/errors.ts';
import type { AuditState } from '../../services/audit-service.ts';
import type { CliIo } from '../main.ts';
import { actorFrom, printJson, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

export function registerAuditCommand(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('internal audit of a claim batch: sample, record results, submit');

  withActorOptions(
    audit
      .command('sample')
      .description('draw the reproducible random audit sample of a batch (default 10%, at least one family)')
      .argument('<batch>', 'batch reference (B-0001) or id')
      .option('--rate <fraction>', 'share of claims to sample, 0 to 1', '0.1')
      .option('--seed <integer>', 'the random seed (default: a new random seed, stored with the batch)')
      .option('--json', 'print as JSON'),
    'auditor',
  ).action(async (batch: string, options: ActorOptions & { rate: string; seed?: string; json?: boolean }) => {
    const rate = Number(options.rate);
    const seed = options.seed === undefined ? undefined : Number(options.seed);
    if (!Number.isFinite(rate)) throw new ValidationError('--rate', [{ path: '', message: 'must be a number between 0 and 1', value: options.rate }]);
    if (seed !== undefined && !Number.isInteger(seed)) throw new ValidationError('--seed', [{ path: '', message: 'must be a whole number', value: options.seed }]);
    await withWorkflow(async (w) => show(io, await w.audit.sample({ batch, rate, ...(seed !== undefined && { seed }), actor: actorFrom(options) }), options.json));
  });

  withActorOptions(
    audit
      .command('record')
      .description('record the audit result for a sampled family: pass, or fail with a reason (the family leaves the batch)')
      .argument('<batch>', 'batch reference or id')
      .argument('<family>', 'family reference')
      .argument('<result>', 'pass or fail')
      .option('--reason <text>', 'why (required for fail)')
      .option('--json', 'print as JSON'),
    'auditor',
  ).action(async (batch: string, family: string, result: string, options: ActorOptions & { reason?: string; json?: boolean }) => {
    if (result !== 'pass' && result !== 'fail') throw new ValidationError('result', [{ path: '', message: 'must be pass or fail', value: result }]);
    await withWorkflow(async (w) => {
      const actor = actorFrom(options);
      await w.accessLog.recordAccess({ ...actor, familyId: family, action: 'audit-record' });
      show(io, await w.audit.record({ batch, family, result, ...(options.reason !== undefined && { reason: options.reason }), actor }), options.json);
    });
  });

  withActorOptions(
    audit
      .command('submit')
      .description('mark a batch submitted once its whole audit sample is signed off (then it can be exported)')
      .argument('<batch>', 'batch reference or id')
      .option('--json', 'print as JSON'),
    'auditor',
  ).action(async (batch: string, options: ActorOptions & { json?: boolean }) => {
    await withWorkflow(async (w) => show(io, await w.audit.submit({ batch, actor: actorFrom(options) }), options.json));
  });

  audit
    .command('show')
    .description('show a batch and its audit sample')
    .argument('<batch>', 'batch reference or id')
    .option('--json', 'print as JSON')
    .action(async (batch: string, options: { json?: boolean }) => {
      await withWorkflow(async (w) => show(io, await w.audit.state(batch), options.json));
    });
}

function show(io: CliIo, state: AuditState, json: boolean | undefined): void {
  if (json) return printJson(io, state);
  const { batch } = state;
  io.out(`Batch ${batch.reference}: ${batch.status}; sample ${batch.sampled_at ? `of ${state.sample.length} (seed ${batch.audit_seed}, rate ${batch.audit_rate})` : 'not drawn'}\n`);
  for (const s of state.sample) io.out(`  ${s.familyReference}  ${s.result ?? 'to audit'}${s.reason ? `: ${s.reason}` : ''}\n`);
  io.out(state.submittable ? 'The sample is signed off: the batch can be submitted.\n' : batch.status === 'submitted' ? 'Submitted.\n' : `Outstanding: ${state.outstanding.join(', ') || '—'}\n`);
}
