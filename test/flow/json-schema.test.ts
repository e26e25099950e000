import { readFileSync } from 'node:fs';
import { JSON_SCHEMAS, jsonSchemaFor } from '../../src/flow/schema/json-schema';

describe('the editor JSON Schemas in docs/schema', () => {
  it.each(Object.entries(JSON_SCHEMAS))('%s is generated from the current zod schema (run `npx ivr schema` if not)', (name, schema) => {
    expect(readFileSync(`docs/schema/${name}`, 'utf8')).toBe(jsonSchemaFor(schema));
  });
});
