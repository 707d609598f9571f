/**
 * `family-outcomes evidence record …` and `family-outcomes assessment record …`: the same recording
 * service as the family page. The entry is imported as a one-row key-worker or assessments extract
 * (named "recorded on the command line by <user> at <time>") and the family is re-tracked at once.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../engine/errors.ts';
import type { RecordingResult } from '../../services/evidence-recording-service.ts';
import type { CliIo } from '../main.ts';
import { actorFrom, printJson, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

interface CommonOptions extends ActorOptions {
  family: string;
  date: string;
  asOf?: string;
  member?: string;
  json?: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

function print(io: CliIo, result: RecordingResult, json: boolean | undefined): void {
  if (json) return printJson(io, result);
  io.out(`Recorded for ${result.familyReference} as ${result.import.file}, row 2\n`);
  if (result.outcome) io.out(`Outcome ${result.outcome.ref}: ${result.outcome.before} → ${result.outcome.after}\n`);
  for (const c of result.changes) io.out(`  ${c.summary}\n`);
}

export function registerRecordCommands(program: Command, io: CliIo): void {
  const common = (c: Command) =>
    c
      .requiredOption('--family <reference>', 'the family (F-000123)')
      .requiredOption('--date <YYYY-MM-DD>', 'the date of the evidence or assessment')
      .option('--as-of <YYYY-MM-DD>', 'evaluate and track the family as of this date (default: today)')
      .option('--json', 'print the result as JSON');

  const evidence = program.command('evidence').description("record a professional's evidence for a family's outcome");
  withActorOptions(
    common(evidence.command('record').description("record a professional's evidence for one of the family's outcomes, then re-track the family"))
      .requiredOption('--problem <id>', 'the headline problem, e.g. health')
      .requiredOption('--outcome <ref>', 'the plan outcome, by ref (e.g. "Strand 6, outcome 2") or id')
      .option('--step <id>', 'for an "N of these steps" outcome: the step evidenced')
      .option('--member <person-id>', 'who the evidence is about (default: the member the outcome is measured on)')
      .requiredOption('--author <name>', 'who gave the evidence')
      .requiredOption('--author-role <role>', "the author's role, e.g. Health visitor (--role is the role you act in)")
      .requiredOption('--statement <text>', 'the evidence statement'),
    'key-worker',
  ).action(async (options: CommonOptions & { problem: string; outcome: string; step?: string; author: string; authorRole: string; statement: string }) => {
    const result = await withWorkflow((w) =>
      w.records.recordEvidence({
        family: options.family,
        problem: options.problem as never,
        outcome: options.outcome,
        ...(options.step !== undefined && { step: options.step }),
        ...(options.member !== undefined && { member: options.member }),
        date: options.date,
        author: options.author,
        role: options.authorRole,
        statement: options.statement,
        asOf: options.asOf ?? today(),
        actor: actorFrom(options),
        via: 'command line',
      }),
    );
    print(io, result, options.json);
  });

  const assessment = program.command('assessment').description('record a standardised assessment score for a member of a family');
  withActorOptions(
    common(assessment.command('record').description('record an assessment score (Outcomes Star, SDQ, …) for a member, then re-track the family'))
      .requiredOption('--member <person-id>', 'who was assessed (person id)')
      .requiredOption('--tool <name>', 'the tool, lower-case-kebab, e.g. outcomes-star')
      .requiredOption('--score <number>', 'the score'),
    'key-worker',
  ).action(async (options: CommonOptions & { tool: string; score: string }) => {
    const score = Number(options.score);
    if (options.score.trim() === '' || !Number.isFinite(score)) throw new ValidationError('assessment', [{ path: 'score', message: 'must be a number', value: options.score }]);
    const result = await withWorkflow((w) =>
      w.records.recordAssessment({ family: options.family, member: options.member!, tool: options.tool, score, date: options.date, asOf: options.asOf ?? today(), actor: actorFrom(options), via: 'command line' }),
    );
    print(io, result, options.json);
  });
}
