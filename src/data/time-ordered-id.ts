/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. New ids
 * sort after older ones, so a bulk import appends to the primary-key indexes instead of writing to
 * random pages all over them, and the database does not have to draw random numbers per row
 * (`gen_random_uuid()` costs more than the rest of a narrow insert).
 */
import { randomUUID } from 'node:crypto';

export function timeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID() is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep its random tail (and RFC variant bits) from character 15.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
