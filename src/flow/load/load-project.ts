import { readdirSync, existsSync } from 'node:fs';
import type { z } from 'zod';
import { basename, extname, join, resolve } from 'node:path';
import { didYouMeanSuffix, readSourceFile, sortDiagnostics, zodIssuesToDiagnostics, type Diagnostic, type SourceFile } from '../../diagnostics';
import { HotlinesFileSchema, type Hotline } from '../../hotlines';
import type { CallCentre } from '../../call-centre/call-centre';
import { CENTRE_FILES, loadCallCentre } from '../../call-centre/load-call-centre';
import { compileFlow, type CompiledFlow } from '../compile/compile-flow';
import type { Catalogue, FlowEnvironment, FlowSource } from '../compile/flow-source';
import { FlowSchema } from '../schema/flow.schema';
import { CatalogueFileSchema, LANGUAGES, type Language } from '../schema/prompt.schema';
import { LexiconSchema, type Lexicon } from '../../speech/lexicon.schema';
import { validateCentreRefs } from '../validate/validate-centre-refs';
import { validateGraph } from '../validate/validate-graph';
import { validatePrompts } from '../validate/validate-prompts';
import { validateSpeech } from '../validate/validate-speech';
import { SPEECH_DIR } from './speech-dir';

export const HOTLINES_FILE = 'hotlines.yaml';
export const PROMPTS_DIR = 'prompts';
const FLOW_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** The files of a flows directory that are not flows. */
const NOT_FLOWS: ReadonlySet<string> = new Set([HOTLINES_FILE, ...Object.values(CENTRE_FILES)]);

/** The hotlines and compiled flows of a flows directory: what a server or a simulated call runs. */
export type Project = {
  dir: string;
  hotlines: Hotline[];
  flows: ReadonlyMap<string, CompiledFlow>;
  env: FlowEnvironment;
  /** Queues, ticket categories and agents (queues.yaml, ticket-categories.yaml, agents.yaml). */
  centre: CallCentre;
};

export type LoadResult = { project?: Project; diagnostics: Diagnostic[] };

/**
 * Reads, validates and compiles everything in a flows directory. `extraFiles` are flow files
 * checked as if they were in the directory (replacing a flow of the same id), so a designer can
 * validate one file against the project's catalogue and hotlines. Any diagnostic means no project:
 * a flow that fails validation never runs.
 */
export function loadProject(dir: string, extraFiles: readonly string[] = []): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const hotlinesPath = join(dir, HOTLINES_FILE);
  if (!existsSync(hotlinesPath)) {
    return { diagnostics: [{ file: hotlinesPath, line: 1, col: 1, message: `no ${HOTLINES_FILE}: every flows directory defines its hotlines` }] };
  }

  const hotlinesSource = readSourceFile(hotlinesPath);
  diagnostics.push(...hotlinesSource.diagnostics);
  let hotlines: Hotline[] = [];
  if (hotlinesSource.data !== undefined) {
    const parsed = HotlinesFileSchema.safeParse(hotlinesSource.data);
    if (parsed.success) hotlines = parsed.data.hotlines;
    else diagnostics.push(...zodIssuesToDiagnostics(hotlinesSource, parsed.error.issues, HotlinesFileSchema));
  }

  const catalogue: Catalogue = {};
  for (const [lang, { data, source }] of languageFiles(dir, PROMPTS_DIR, CatalogueFileSchema, diagnostics)) catalogue[lang] = { entries: data, source };
  const lexicons: Partial<Record<Language, Lexicon>> = {};
  for (const [lang, { data }] of languageFiles(dir, SPEECH_DIR, LexiconSchema, diagnostics)) lexicons[lang] = data;

  const flows = new Map<string, FlowSource>();
  const flowFiles = flowFileNames(dir).map((f) => join(dir, f));
  const extras = new Set(extraFiles.map((f) => resolve(f)));
  // Flows whose files did not load, by file name: what names them elsewhere is not reported as
  // "does not exist" too, so the first error a designer reads is the root cause.
  const broken = new Set<string>();
  for (const path of [...flowFiles.filter((f) => !extras.has(resolve(f))), ...extraFiles]) {
    const loaded = readFlow(path);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.flow) {
      broken.add(basename(path, extname(path)));
      continue;
    }
    const previous = flows.get(loaded.flow.flow.id);
    if (previous && !extras.has(resolve(path))) {
      diagnostics.push({ file: loaded.flow.source.file, ...loaded.flow.source.locate(['id']), message: `flow id "${loaded.flow.flow.id}" is also used by ${previous.source.file}` });
    }
    flows.set(loaded.flow.flow.id, loaded.flow);
  }

  const centre = loadCallCentre(dir);
  diagnostics.push(...centre.diagnostics);
  diagnostics.push(...validateGraph(flows, broken));
  if (centre.centre) diagnostics.push(...validateCentreRefs(flows, hotlines, hotlinesSource, centre.centre, centre.sources));
  diagnostics.push(...validateHotlineFlows(hotlines, hotlinesSource, flows, broken));
  const env: FlowEnvironment = { flows, catalogue, hotlines, lexicons };
  diagnostics.push(...validatePrompts(env));
  diagnostics.push(...validateSpeech(env));
  const compiled = new Map<string, CompiledFlow>();
  if (diagnostics.length === 0) {
    for (const id of flows.keys()) {
      const result = compileFlow(id, env);
      diagnostics.push(...result.diagnostics);
      if (result.flow) compiled.set(id, result.flow);
    }
  }
  const unique = dedupe(diagnostics);
  if (unique.length || !centre.centre) return { diagnostics: sortDiagnostics(unique) };
  return { project: { dir, hotlines, flows: compiled, env, centre: centre.centre }, diagnostics: [] };
}

/** The names of a flows directory's flow files (every YAML or JSON file that is not hotlines.yaml or a call-centre file). */
export function flowFileNames(dir: string): string[] {
  return readdirSync(dir).filter((f) => FLOW_EXTENSIONS.has(extname(f)) && !NOT_FLOWS.has(f));
}

/** The files of `<dir>/<sub>/<language>.yaml` that exist and pass `schema`; every problem goes to `diagnostics`. */
export function languageFiles<T>(dir: string, sub: string, schema: z.ZodType<T>, diagnostics: Diagnostic[]): [Language, { data: T; source: SourceFile }][] {
  const out: [Language, { data: T; source: SourceFile }][] = [];
  for (const lang of LANGUAGES) {
    const path = join(dir, sub, `${lang}.yaml`);
    if (!existsSync(path)) continue;
    const source = readSourceFile(path);
    diagnostics.push(...source.diagnostics);
    if (source.data === undefined) continue;
    const parsed = schema.safeParse(source.data);
    if (parsed.success) out.push([lang, { data: parsed.data, source }]);
    else diagnostics.push(...zodIssuesToDiagnostics(source, parsed.error.issues, schema));
  }
  return out;
}

function readFlow(path: string): { flow?: FlowSource; diagnostics: Diagnostic[] } {
  const source = readSourceFile(path);
  if (source.data === undefined) return { diagnostics: source.diagnostics };
  const parsed = FlowSchema.safeParse(source.data);
  if (!parsed.success) return { diagnostics: zodIssuesToDiagnostics(source, parsed.error.issues, FlowSchema) };
  const diagnostics: Diagnostic[] = [];
  const stem = basename(path, extname(path));
  if (parsed.data.id !== stem) {
    diagnostics.push({ file: source.file, ...source.locate(['id']), message: `flow id "${parsed.data.id}" differs from its file name "${stem}"; name the file ${parsed.data.id}${extname(path)}` });
  }
  return { flow: { flow: parsed.data, source }, diagnostics };
}

function validateHotlineFlows(hotlines: Hotline[], source: SourceFile, flows: ReadonlyMap<string, FlowSource>, broken: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  hotlines.forEach((h, i) => {
    for (const field of ['flow', 'afterHoursFlow'] as const) {
      const id = h[field];
      const at = source.locate(['hotlines', i, field]);
      const flow = flows.get(id)?.flow;
      if (!flow && broken.has(id)) continue;
      if (!flow) {
        out.push({ file: source.file, ...at, message: `hotline "${h.id}" ${field} "${id}" does not exist${didYouMeanSuffix(id, flows.keys())}` });
        continue;
      }
      const missing = h.languages.filter((l) => !flow.languages.includes(l));
      if (missing.length) {
        out.push({ file: source.file, ...at, message: `hotline "${h.id}" offers ${missing.join(', ')} but flow "${id}" has no prompts in it (its languages: ${flow.languages.join(', ')})` });
      }
      if (Object.values(flow.nodes).some((n) => n.type === 'return')) {
        out.push({ file: source.file, ...at, message: `hotline "${h.id}" starts calls on flow "${id}", which has \`return\` nodes: only a subflow may return` });
      }
    }
  });
  return out;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
