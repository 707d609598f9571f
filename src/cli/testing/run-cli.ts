/** Runs the CLI in memory for tests: what a person would see on standard output and error, and the exit code. */
import { main, type CliIo } from '../main.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (s) => void (stdout += s), err: (s) => void (stderr += s), readStdin: () => Promise.resolve(stdin), interactive: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
