/**
 * Configuration, read from the environment and validated once at start-up. Nothing else in the
 * code base reads `process.env`: the composition root passes the parsed config to whatever needs it.
 */
import { z } from 'zod';
import { ValidationError } from './engine/errors.ts';

const configSchema = z.object({
  /** A PostgreSQL server (`postgres://…`). When absent the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database keeps its files. */
  FAMILY_OUTCOMES_DATA: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Signs session cookies. Required in production; a random one is made per process otherwise. */
  SESSION_SECRET: z.string().min(32).optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Where the plan YAML files live. */
  FAMILY_OUTCOMES_PLANS: z.string().default('plans'),
  /**
   * How many processes serve the web app on its port (one core each; see src/web/web-processes.ts).
   * More than one needs a PostgreSQL server: the embedded database lives inside one process.
   */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ValidationError(
      'configuration (environment variables)',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (result.data.NODE_ENV === 'production' && !result.data.SESSION_SECRET) {
    throw new ValidationError('configuration (environment variables)', [{ path: 'SESSION_SECRET', message: 'is required when NODE_ENV=production' }]);
  }
  if (result.data.WEB_PROCESSES > 1 && !result.data.DATABASE_URL) {
    throw new ValidationError('configuration (environment variables)', [
      { path: 'WEB_PROCESSES', value: result.data.WEB_PROCESSES, message: 'more than one web process needs DATABASE_URL (a PostgreSQL server): the embedded database lives inside one process' },
    ]);
  }
  return result.data;
}
