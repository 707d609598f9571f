/** Why a file given on the command line could not be read, in words, as an input error (exit 2). */
import { ValidationError } from '../engine/index.ts';

/** The input error for a failed read of `path` (`what`: "the timeline file"), or undefined when `error` is not a file-system error. */
export function readFailure(path: string, what: string, error: unknown): ValidationError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new ValidationError(path, [{ path: '', message: `cannot read ${what}: ${reason}` }]);
}
