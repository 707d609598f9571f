/**
 * How PostgreSQL's DATE comes back from either database: as its `YYYY-MM-DD` text, not a JavaScript
 * `Date` (which would put a calendar day at a time of day in some time zone). The PostgreSQL server's
 * pool (database.ts) and PGlite's thread (pglite-worker.ts) both set this parser for this type.
 */
export const dateOid = 1082;

export const keepDateText = (value: string): string => value;
