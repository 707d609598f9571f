import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isValidDay } from '../src/engine/calendar/day.ts';
import { parseTimeline } from '../src/engine/timeline/parse-timeline.ts';
import { timelineEvent } from '../src/engine/timeline/timeline-schema.ts';
import { renderSchemas } from './generate-schemas-lib.ts';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFile(join(root, path), 'utf8');

/**
 * A JSON Schema 2020-12 validator that asserts `format: date` with the engine's own definition of a real
 * date. Strict, except that zod writes `type: [string, number, boolean]` for a list of mixed values.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, formats: { date: isValidDay } });
async function validator(file: string) {
  return ajv.getSchema(file) ?? ajv.addSchema(JSON.parse(await read(`schemas/${file}`)) as object, file).getSchema(file)!;
}

async function docsExample(): Promise<unknown> {
  const doc = await read('docs/timeline-format.md');
  const example = /## Example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc);
  if (!example) throw new Error('docs/timeline-format.md has no ```json block under "## Example"');
  return JSON.parse(example[1]!) as unknown;
}

describe('generated JSON Schemas', () => {
  it('are up to date with the validators (run `npm run schemas` if this fails)', async () => {
    for (const [file, text] of Object.entries(renderSchemas())) {
      expect(await read(`schemas/${file}`), `schemas/${file} is stale: run npm run schemas`).toBe(text);
    }
  });

  it('make defaulted fields optional (the input side) and allow extra timeline fields', async () => {
    const schema = JSON.parse(await read('schemas/timeline.schema.json')) as {
      properties: { events: { items: { oneOf: Array<{ properties: { type: { const: string } }; required: string[] }> } }; members: { items: { required: string[] } } };
      required: string[];
      additionalProperties?: unknown;
    };
    expect(schema.required).toEqual(['familyId', 'members', 'programme']);
    expect(schema.properties.members.items.required).toEqual(['id', 'dateOfBirth', 'role']);
    const offence = schema.properties.events.items.oneOf.find((o) => o.properties.type.const === 'offence')!;
    expect(offence.required).toEqual(['type', 'date']);
    expect(schema.additionalProperties).toBeUndefined();
  });
});

describe('the example timeline in docs/timeline-format.md', () => {
  it('is valid for the validator and for the JSON Schema', async () => {
    const example = await docsExample();
    expect(() => parseTimeline(example, 'docs example')).not.toThrow();
    const validate = await validator('timeline.schema.json');
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is rejected by both when a date does not exist', async () => {
    const example = (await docsExample()) as { events: Array<Record<string, unknown>> };
    example.events[0]!.date = '2019-02-30';
    expect(() => parseTimeline(example, 'docs example')).toThrow(/events\[0\]\.date: is not a real calendar date \(got "2019-02-30"\)/);
    const validate = await validator('timeline.schema.json');
    expect(validate(example)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/events/0/date' && e.keyword === 'format')).toBe(true);
  });

  it('is rejected by both for an unknown event type', async () => {
    const example = (await docsExample()) as { events: Array<Record<string, unknown>> };
    example.events[1]!.type = 'parking-ticket';
    expect(() => parseTimeline(example, 'docs example')).toThrow(/events\[1\]\.type/);
    expect((await validator('timeline.schema.json'))(example)).toBe(false);
  });
});

describe('other inputs against the JSON Schemas', () => {
  it('the quick-start example timeline is valid', async () => {
    const example = JSON.parse(await read('examples/timelines/southampton-family.json')) as unknown;
    const validate = await validator('timeline.schema.json');
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the Southampton plan is valid against the plan schema, and a misspelt field is not', async () => {
    const plan = parseYaml(await read('plans/southampton.yaml')) as Record<string, unknown>;
    const validate = await validator('plan.schema.json');
    expect(validate(plan), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...plan, inforce: plan.inForce })).toBe(false);
  });
});

describe('docs/timeline-format.md', () => {
  it('documents every event type and every field of each', async () => {
    const doc = await read('docs/timeline-format.md');
    const rows = new Map([...doc.matchAll(/^\| `([a-z-]+)` \| (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    const missing: string[] = [];
    for (const option of timelineEvent.options) {
      const type = option.shape.type.value;
      const row = rows.get(type);
      if (!row) {
        missing.push(type);
        continue;
      }
      for (const field of Object.keys(option.shape)) {
        if (['type', 'id', 'person', 'origin'].includes(field)) continue;
        const documented = row.includes(`\`${field}\``) || ((field === 'start' || field === 'end') && /^spell/.test(row));
        if (!documented) missing.push(`${type}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
