import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiYaml } from '../../openapi/openapi-yaml';

/** `ivr openapi [file]`: writes the admin API's OpenAPI document generated from the zod schemas. */
export function openApiCommand(): Command {
  return new Command('openapi')
    .description('write the admin API (/api/*) as an OpenAPI 3.1 document, generated from the zod schemas')
    .argument('[file]', 'where to write it', OPENAPI_FILE)
    .action((file: string) => {
      writeFileSync(file, openApiYaml());
      process.stdout.write(`wrote ${file}\n`);
    });
}
