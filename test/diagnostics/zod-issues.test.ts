import { z } from 'zod';
import { formatDiagnostic, parseSourceFile, zodIssuesToDiagnostics, type SourceFile } from '../../src/diagnostics';

const lines = (...ls: string[]) => ls.join('\n') + '\n';

const Say = z.strictObject({
  id: z.string().min(1),
  type: z.literal('say'),
  text: z.string().min(1),
  timeout: z.number().optional(),
});
const Menu = z.strictObject({
  id: z.string().min(1),
  type: z.literal('menu'),
  prompt: z.string(),
  options: z.record(z.string(), z.string()).optional(),
});
const Node = z.discriminatedUnion('type', [Say, Menu]);
const Flow = z.strictObject({
  name: z.string(),
  voice: z.enum(['alice', 'man', 'woman']).optional(),
  fallback: z.union([z.string(), z.number()]).optional(),
  nodes: z.array(Node),
});

/** Validates `text` with `schema` and returns the formatted diagnostics. */
function check(text: string, schema: z.ZodType = Flow, passSchema = true): string[] {
  const source: SourceFile = parseSourceFile('flows/general.yaml', text);
  expect(source.diagnostics).toEqual([]);
  const result = schema.safeParse(source.data);
  if (result.success) return [];
  return zodIssuesToDiagnostics(source, result.error.issues, passSchema ? schema : undefined).map(formatDiagnostic);
}

describe('zodIssuesToDiagnostics', () => {
  it('reports strict-object, discriminator and min-length problems at the right spots', () => {
    const text = lines(
      'name: general', //          1
      'nodes:', //                 2
      '  - id: welcome', //        3
      '    type: say', //          4
      '    text: Hello', //        5
      '    tmeout: 5', //          6
      '  - id: main_menu', //      7
      '    type: menuu', //        8
      '    prompt: Press 1', //    9
      '  - id: ""', //             10
      '    type: say', //          11
      '    text: Bye', //          12
    );
    expect(check(text)).toEqual([
      'flows/general.yaml:6:5 nodes[0]: unknown key "tmeout" (did you mean "timeout"?)',
      'flows/general.yaml:8:11 nodes[1].type: unknown node type "menuu" (expected one of: say, menu) (did you mean "menu"?)',
      'flows/general.yaml:10:9 nodes[2].id: Too small: expected string to have >=1 characters',
    ]);
  });

  it('without the schema, unknown keys are still reported, just without a suggestion', () => {
    const text = lines('name: general', 'nodes:', '  - id: a', '    type: say', '    text: Hi', '    tmeout: 5');
    expect(check(text, Flow, false)).toEqual(['flows/general.yaml:6:5 nodes[0]: unknown key "tmeout"']);
  });

  it('suggests only keys of the variant the node claims to be, and not keys already present', () => {
    // "prompt" belongs to menu nodes; "timeout" is already written.
    const text = lines('name: general', 'nodes:', '  - id: a', '    type: say', '    text: Hi', '    timeout: 5', '    promt: x', '    timeot: 3');
    expect(check(text)).toEqual([
      'flows/general.yaml:7:5 nodes[0]: unknown key "promt"',
      'flows/general.yaml:8:5 nodes[0]: unknown key "timeot"',
    ]);
  });

  it('reports unknown top-level keys without a path prefix', () => {
    expect(check(lines('name: general', 'nodez: []', 'nodes: []'))).toEqual([
      'flows/general.yaml:2:1 unknown key "nodez"',
    ]);
    expect(check(lines('name: general', 'nodez: []'))).toEqual([
      'flows/general.yaml:1:1 missing required key "nodes" (expected array)',
      'flows/general.yaml:2:1 unknown key "nodez" (did you mean "nodes"?)',
    ]);
  });

  it('reports a missing discriminator at the node and lists the choices', () => {
    expect(check(lines('name: general', 'nodes:', '  - id: a', '    text: Hi'))).toEqual([
      'flows/general.yaml:3:5 nodes[0].type: missing node type (expected one of: say, menu)',
    ]);
  });

  it('reports a missing required key at the object that lacks it', () => {
    expect(check(lines('name: general', 'nodes:', '  - id: a', '    type: say'))).toEqual([
      'flows/general.yaml:3:5 nodes[0]: missing required key "text" (expected string)',
    ]);
  });

  it('names the discriminated thing after a map of nodes too', () => {
    const ById = z.strictObject({ nodes: z.record(z.string(), Node) });
    const text = lines('nodes:', '  main_menu:', '    id: main_menu', '    type: mneu', '    prompt: Press 1');
    expect(check(text, ById)).toEqual([
      'flows/general.yaml:4:11 nodes.main_menu.type: unknown node type "mneu" (expected one of: say, menu) (did you mean "menu"?)',
    ]);
  });

  it('non-string discriminators are shown as written', () => {
    expect(check(lines('name: general', 'nodes:', '  - id: a', '    type: 7'))).toEqual([
      'flows/general.yaml:4:11 nodes[0].type: unknown node type 7 (expected one of: say, menu)',
    ]);
  });

  it('adds a suggestion to enum mismatches', () => {
    expect(check(lines('name: general', 'voice: alicee', 'nodes: []'))).toEqual([
      'flows/general.yaml:2:8 voice: Invalid option: expected one of "alice"|"man"|"woman" (did you mean "alice"?)',
    ]);
  });

  it('summarises a plain union where every branch rejected the type', () => {
    expect(check(lines('name: general', 'fallback: true', 'nodes: []'))).toEqual([
      'flows/general.yaml:2:11 fallback: expected string or number, received boolean',
    ]);
  });

  it('reports only the closest branch of a plain union of objects', () => {
    const Target = z.union([z.string(), z.strictObject({ node: z.string(), delay: z.number() })]);
    const Schema = z.strictObject({ next: Target });
    expect(check(lines('next:', '  node: main', '  delay: soon'), Schema)).toEqual([
      'flows/general.yaml:3:10 next.delay: Invalid input: expected number, received string',
    ]);
  });

  it('locates invalid record keys at the key', () => {
    const Options = z.strictObject({ options: z.record(z.string().regex(/^[0-9*#]$/), z.string()) });
    const [message] = check(lines('options:', '  1: billing', '  12: stolen'), Options);
    expect(message).toMatch(/^flows\/general\.yaml:3:3 options: invalid key "12": Invalid string: must match pattern/);
  });

  it('uses readable paths for keys that are not identifiers', () => {
    const Options = z.strictObject({ options: z.record(z.string(), z.string().min(2)) });
    expect(check(lines('options:', '  "2": x', '  "star key": y'), Options)).toEqual([
      'flows/general.yaml:2:8 options["2"]: Too small: expected string to have >=2 characters',
      'flows/general.yaml:3:15 options["star key"]: Too small: expected string to have >=2 characters',
    ]);
  });

  it('keeps custom messages untouched', () => {
    const Schema = z.strictObject({ name: z.string({ error: 'every flow needs a name' }) });
    expect(check(lines('label: x'), Schema)).toEqual([
      'flows/general.yaml:1:1 name: every flow needs a name',
      'flows/general.yaml:1:1 unknown key "label"',
    ]);
  });

  it('issues at the root carry no path prefix', () => {
    expect(check(lines('- 1', '- 2'))).toEqual([
      'flows/general.yaml:1:1 Invalid input: expected object, received array',
    ]);
  });

  it('accepts JSON sources', () => {
    const source = parseSourceFile('flows/general.json', '{\n  "name": "g",\n  "nodes": [\n    { "id": "a", "type": "menuu" }\n  ]\n}\n');
    const result = Flow.safeParse(source.data);
    expect(result.success).toBe(false);
    expect(zodIssuesToDiagnostics(source, result.error!.issues, Flow).map(formatDiagnostic)).toEqual([
      'flows/general.json:4:26 nodes[0].type: unknown node type "menuu" (expected one of: say, menu) (did you mean "menu"?)',
    ]);
  });
});
