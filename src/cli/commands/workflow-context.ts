/**
 * Shared by the workflow commands (identify, attach, track, claims, audit, evidence-pack): opens the
 * database and plans from the configuration, builds the workflow services, and closes everything after.
 * The acting user is `--user` (default: the operating-system user) in `--role`.
 */
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadConfig, type Config } from '../../config.ts';
import { createServices, type Services } from '../../composition.ts';
import type { Actor, Role } from '../../services/actor.ts';
import { roles } from '../../services/actor.ts';
import type { WorkflowServices } from '../../services/workflow-services.ts';
import type { CliIo } from '../main.ts';

export interface ActorOptions {
  user?: string;
  role: Role;
}

export function withActorOptions(command: Command, defaultRole: Role): Command {
  return command
    .option('--user <id>', 'who is acting, for the history and access log (default: your login name)')
    .addOption(new Option('--role <role>', 'the role you act in').choices(roles.filter((r) => r !== 'system')).default(defaultRole));
}

export function actorFrom(options: ActorOptions): Actor {
  return { userId: options.user ?? userInfo().username, role: options.role };
}

/** Runs `work` with the services built from the environment's config, and closes them after. */
export async function withServices<T>(work: (services: Services, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const services = await createServices(config);
  try {
    return await work(services, config);
  } finally {
    await services.close();
  }
}

export function withWorkflow<T>(work: (workflow: WorkflowServices) => Promise<T>): Promise<T> {
  return withServices(async (services, config) => work(await services.workflow(config.FAMILY_OUTCOMES_PLANS)));
}

/** A progress bar on an interactive terminal; nothing otherwise. */
export function progress(io: CliIo, label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true });
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--as-of` etc.: commander collects repeated options into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
