/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. New ids
 * sort after older ones, so a bulk import appends to the primary-key indexes instead of writing to
 * random pages all over them, and the database does not have to draw random numbers per row
 * (`gen_random_uuid()` costs more than the rest of a narrow insert).
 */
import { randomUUID } from 'node:crypto';

/** The last millisecond an id was made in, and its ids' first 15 characters (an import makes thousands per millisecond). */
let lastTime = -1;
let lastPrefix = '';

export function timeOrderedId(now: number = Date.now()): string {
  if (now !== lastTime) {
    const time = now.toString(16).padStart(12, '0');
    lastPrefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    lastTime = now;
  }
  // randomUUID() is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep its random tail (and RFC variant bits) from character 15.
  return lastPrefix + randomUUID().slice(15);
}
