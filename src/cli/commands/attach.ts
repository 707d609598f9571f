/**
 * `family-outcomes attach <family> --plan <id> --engaged-on <date> [essentials…]` attaches a family (by
 * reference, or `--household <id>`); `--update` records the four essentials on an existing attachment;
 * `--detach <reason>` detaches it. Every use is written to the access log.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../engine/errors.ts';
import type { AttachedFamily } from '../../services/attachment-service.ts';
import type { CliIo } from '../main.ts';
import { actorFrom, printJson, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

interface AttachOptions extends ActorOptions {
  household?: string;
  plan?: string;
  identifiedOn?: string;
  engagedOn?: string;
  leadProfessional?: string;
  assessmentOn?: string;
  actionPlanOn?: string;
  outcomesAligned?: boolean;
  update?: boolean;
  detach?: string;
  json?: boolean;
}

export function registerAttachCommand(program: Command, io: CliIo): void {
  withActorOptions(
    program
      .command('attach')
      .description('attach a family to the programme under a plan version, record its four essentials, or detach it')
      .argument('[family]', 'family reference (F-000123) or id')
      .option('--household <id>', 'attach the family of this household (created if needed)')
      .option('--plan <id[@version]>', 'the plan (an id gives the version in force on the engagement date)')
      .option('--identified-on <YYYY-MM-DD>', 'identification date (default: the engagement date)')
      .option('--engaged-on <YYYY-MM-DD>', 'engagement (attachment) date')
      .option('--lead-professional <name>', 'essential 1: the lead professional')
      .option('--assessment-on <YYYY-MM-DD>', 'essential 2: date of the whole-family assessment')
      .option('--action-plan-on <YYYY-MM-DD>', 'essential 3: date of the action plan')
      .option('--outcomes-aligned', 'essential 4: the family plan outcomes are aligned with the outcome plan')
      .option('--update', 'record essentials on the existing attachment instead of attaching')
      .option('--detach <reason>', 'detach the family, with the reason')
      .option('--json', 'print the attachment as JSON'),
    'key-worker',
  ).action(async (familyKey: string | undefined, options: AttachOptions) => {
    const actor = actorFrom(options);
    const essentials = {
      ...(options.leadProfessional !== undefined && { leadProfessional: options.leadProfessional }),
      ...(options.assessmentOn !== undefined && { assessmentOn: options.assessmentOn }),
      ...(options.actionPlanOn !== undefined && { actionPlanOn: options.actionPlanOn }),
      ...(options.outcomesAligned && { outcomesAligned: true }),
    };
    await withWorkflow(async (w) => {
      let result: AttachedFamily | undefined;
      if (options.detach !== undefined || options.update) {
        if (!familyKey) throw new ValidationError('attach', [{ path: 'family', message: 'name the family to update or detach' }]);
        await w.accessLog.recordAccess({ ...actor, familyId: familyKey, action: options.detach !== undefined ? 'detach' : 'record-essentials' });
        if (options.detach !== undefined) {
          await w.attachment.detach({ family: familyKey, reason: options.detach, actor });
          io.out(`Detached ${familyKey}\n`);
          return;
        }
        result = await w.attachment.recordEssentials({ family: familyKey, ...essentials, actor });
      } else {
        if (!options.plan || !options.engagedOn) throw new ValidationError('attach', [{ path: '', message: '--plan and --engaged-on are required to attach' }]);
        const key = options.household !== undefined ? { householdId: options.household } : familyKey ? { family: familyKey } : undefined;
        if (!key) throw new ValidationError('attach', [{ path: 'family', message: 'name the family (reference) or --household' }]);
        result = await w.attachment.attach({ ...key, plan: options.plan, engagedOn: options.engagedOn, ...(options.identifiedOn && { identifiedOn: options.identifiedOn }), ...essentials, actor });
        await w.accessLog.recordAccess({ ...actor, familyId: result.family.id, action: 'attach' });
      }
      if (options.json) return printJson(io, result);
      const { family, attachment, essentials: e, problems } = result;
      io.out(`${family.reference} attached under ${attachment.plan_id}@${attachment.plan_version}, engaged ${attachment.engaged_on}\n`);
      io.out(`Problems: ${problems.map((p) => `${p.problem} (${p.foundAt} ${p.foundOn})`).join(', ') || 'none found'}\n`);
      io.out(`Four essentials: ${e.missing.length === 0 ? 'all recorded' : `missing ${e.missing.join(', ')}`}\n`);
    });
  });
}
