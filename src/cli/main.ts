/**
 * The `family-outcomes` command line. Thin over the services: each command parses its arguments,
 * calls a service and prints the result. Exit codes: 0 success, 1 internal error, 2 invalid input.
 */
import { once } from 'node:events';
import { Command, CommanderError } from 'commander';
import { FamilyOutcomesError } from '../engine/errors.ts';
import { registerCommands } from './commands.ts';

export const exitCodes = { ok: 0, internal: 1, invalidInput: 2 } as const;

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('family-outcomes')
    .description('Family Outcomes: outcome plans, eligibility, outcome tracking and payment-by-results claims.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerCommands(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode ?? exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.invalidInput;
    }
    if (error instanceof FamilyOutcomesError && isInputError(error)) {
      io.err(`${error.message}\n`);
      return exitCodes.invalidInput;
    }
    io.err(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodes.internal;
  }
}

/** Errors caused by what the user gave us (exit 2) rather than by a fault of ours (exit 1). */
function isInputError(error: FamilyOutcomesError): boolean {
  return error.code !== 'internal';
}

export interface CliIo {
  /** Writes to standard output; false when the reader is behind (then wait for `drained`). */
  out(text: string): boolean | void;
  /** Resolves once standard output has caught up (for commands that write a lot). */
  drained?(): Promise<void>;
  err(text: string): void;
  /** Read all of standard input (for `-`). */
  readStdin(): Promise<string>;
  /** A command may set a non-zero exit code without throwing. */
  exitCode?: number;
  /** True when standard error is a terminal (progress bars). */
  readonly interactive: boolean;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  drained: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
  err: (s) => process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  interactive: Boolean(process.stderr.isTTY),
};
