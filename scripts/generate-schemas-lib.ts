/**
 * JSON Schemas generated from the validators, so the published contract can never drift from the code
 * that enforces it. Built with zod 4's `z.toJSONSchema` on the *input* side: fields with defaults are
 * optional, as they are for whoever writes a timeline or a plan.
 *
 * What JSON Schema cannot say (the validators still check it, and docs/timeline-format.md lists it):
 * member and event ids are unique, an event's `person` is a member, a spell's `end` is not before its
 * `start`, attended sessions do not exceed possible sessions; for plans, the cross-references between
 * indicators and outcomes. Real calendar dates are marked `format: date` (2019-02-30 matches the
 * pattern; a validator that asserts formats rejects it).
 */
import { z } from 'zod';
import { plan } from '../src/engine/plan/plan-schema.ts';
import { timeline } from '../src/engine/timeline/timeline-schema.ts';

const datePattern = '^\\d{4}-\\d{2}-\\d{2}$';

type JsonSchema = Record<string, unknown>;

function generate(schema: z.ZodType, title: string, description: string): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.jsonSchema.type === 'string' && ctx.jsonSchema.pattern === datePattern) ctx.jsonSchema.format = 'date';
    },
  }) as JsonSchema;
  const { $schema, ...rest } = json;
  return { $schema, title, description, ...rest };
}

export const schemaFiles: Record<string, () => JsonSchema> = {
  'timeline.schema.json': () =>
    generate(
      timeline,
      'Family Outcomes family timeline',
      'A family, its programme dates and its dated events from agencies, as evaluated against a Family Outcomes Plan. ' +
        'Generated from src/engine/timeline/timeline-schema.ts by `npm run schemas`; documented in docs/timeline-format.md. ' +
        'Extra fields are allowed and ignored. Not expressible here but checked on load: member and event ids are unique, ' +
        "an event's person is a member, a spell's end is not before its start, attendedSessions <= possibleSessions and " +
        'attended + authorised + unauthorised <= possibleSessions, closedOn is not before engagedOn.',
    ),
  'plan.schema.json': () =>
    generate(
      plan,
      'Family Outcomes Plan (one version)',
      'One version of a council outcome plan, written in YAML under plans/. Generated from src/engine/plan/plan-schema.ts ' +
        'by `npm run schemas`; documented in docs/plan-format.md. Not expressible here but checked on load: ids are unique, ' +
        "outcomes address indicators of their own problem, selectors name known event types and fields, durations are ISO 8601 with one unit.",
    ),
};

/** The text of each schema file, exactly as committed (2-space JSON and a final newline). */
export function renderSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(schemaFiles).map(([file, make]) => [file, `${JSON.stringify(make(), null, 2)}\n`]));
}
