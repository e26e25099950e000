import { stringify } from 'yaml';
import { openApiDocument } from './openapi-document';

export const OPENAPI_FILE = 'docs/openapi.yaml';

/** docs/openapi.yaml's text: the document with a header saying where it comes from. */
export function openApiYaml(): string {
  return `# The admin API and the studio's API (OpenAPI 3.1). Generated from the zod schemas by \`ivr openapi\`: do not edit by hand.\n${stringify(openApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
