/** Who is doing something: every service call that changes or reads a family names its actor. */
import { z } from 'zod';

export const roles = ['administrator', 'data-analyst', 'key-worker', 'auditor', 'manager', 'system'] as const;
export type Role = (typeof roles)[number];

export const actorSchema = z.object({
  userId: z.string().min(1).max(200),
  role: z.enum(roles),
});

export type Actor = z.infer<typeof actorSchema>;
