/** The pieces an OpenAPI operation is written with, shared by the admin and the studio paths. */
export type JsonSchema = { [key: string]: unknown };

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
export const problem = (description: string) => json('Error', description);
export const body = (name: string, required = true) => ({ required, content: { 'application/json': { schema: ref(name) } } });
export const query = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
export const path = (name: string, description: string, schema: JsonSchema) => ({ name, in: 'path', required: true, description, schema });
