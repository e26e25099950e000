import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMAS, jsonSchemaFor } from '../../flow/schema/json-schema';

/** `ivr schema [dir]`: writes the editor JSON Schemas generated from the zod schemas. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('write the JSON Schemas of flow, hotline, prompt, queue, ticket-category and agent files (for editors) to a directory')
    .argument('[dir]', 'where to write them', 'docs/schema')
    .action((dir: string) => {
      mkdirSync(dir, { recursive: true });
      for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
        writeFileSync(join(dir, name), jsonSchemaFor(schema));
        process.stdout.write(`wrote ${join(dir, name)}\n`);
      }
    });
}
