import type { Flow } from '../flow/schema/flow.schema';
import { LANGUAGES, type Language } from '../flow/schema/prompt.schema';
import type { ManifestEntry } from '../stores/releases/release-store';

/** What a release (or the draft) holds, as far as a diff looks: its files' hashes, its flows and catalogues. */
export type ReleaseContent = {
  manifest: readonly ManifestEntry[];
  flows: ReadonlyMap<string, { flow: Flow; file: string }>;
  catalogue: Partial<Record<Language, Readonly<Record<string, string>>>>;
};

export type NodeChange =
  | { kind: 'added'; node: string; type: string }
  | { kind: 'removed'; node: string; type: string }
  | { kind: 'type'; node: string; from: string; to: string }
  | { kind: 'option-added' | 'option-removed'; node: string; key: string }
  | { kind: 'text'; node: string; at: string; lang: Language }
  | { kind: 'fields'; node: string; fields: string[] };

export type FlowDiff =
  | { id: string; change: 'added'; nodes: number }
  | { id: string; change: 'removed'; nodes: number }
  | { id: string; change: 'changed'; nodes: NodeChange[]; settings: string[] }
  /** The file changed but not the flow: comments or layout. */
  | { id: string; change: 'layout' };

export type CatalogueDiff = { lang: Language; added: string[]; removed: string[]; changed: string[] };
export type FileDiff = { path: string; change: 'added' | 'removed' | 'changed' };
export type ReleaseDiff = { flows: FlowDiff[]; catalogue: CatalogueDiff[]; files: FileDiff[] };

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const json = (v: unknown) => JSON.stringify(v);
const isLanguage = (k: string): k is Language => (LANGUAGES as readonly string[]).includes(k);

/**
 * What changed from `a` to `b` in flow terms: per flow the nodes added and removed, types
 * changed, menu options added and removed, inline prompt texts changed per language and other
 * fields changed; catalogue keys per language; and any other file (hotlines, queues, speech).
 */
export function diffReleases(a: ReleaseContent, b: ReleaseContent): ReleaseDiff {
  const flows: FlowDiff[] = [];
  const ids = [...new Set([...a.flows.keys(), ...b.flows.keys()])].sort(byName);
  const flowFiles = new Set<string>();
  for (const id of ids) {
    const before = a.flows.get(id);
    const after = b.flows.get(id);
    for (const f of [before?.file, after?.file]) if (f) flowFiles.add(f);
    if (!before) flows.push({ id, change: 'added', nodes: Object.keys(after!.flow.nodes).length });
    else if (!after) flows.push({ id, change: 'removed', nodes: Object.keys(before.flow.nodes).length });
    else if (json(before.flow) !== json(after.flow)) flows.push({ id, change: 'changed', ...diffFlow(before.flow, after.flow) });
    else if (hashOf(a, before.file) !== hashOf(b, after.file)) flows.push({ id, change: 'layout' });
  }

  const catalogue: CatalogueDiff[] = [];
  for (const lang of LANGUAGES) {
    const x = a.catalogue[lang] ?? {};
    const y = b.catalogue[lang] ?? {};
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort(byName);
    const d: CatalogueDiff = { lang, added: [], removed: [], changed: [] };
    for (const k of keys) {
      if (!(k in x)) d.added.push(k);
      else if (!(k in y)) d.removed.push(k);
      else if (x[k] !== y[k]) d.changed.push(k);
    }
    if (d.added.length + d.removed.length + d.changed.length) catalogue.push(d);
  }

  const files: FileDiff[] = [];
  const paths = [...new Set([...a.manifest, ...b.manifest].map((e) => e.path))].sort(byName);
  for (const path of paths) {
    if (flowFiles.has(path) || /^prompts\//.test(path)) continue;
    const x = hashOf(a, path);
    const y = hashOf(b, path);
    if (x === y) continue;
    files.push({ path, change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed' });
  }
  return { flows, catalogue, files };
}

export const isEmptyDiff = (d: ReleaseDiff) => d.flows.length + d.catalogue.length + d.files.length === 0;

const hashOf = (c: ReleaseContent, path: string) => c.manifest.find((e) => e.path === path)?.sha256;

function diffFlow(a: Flow, b: Flow): { nodes: NodeChange[]; settings: string[] } {
  const settings = (['languages', 'start', 'input', 'globals', 'description'] as const).filter((k) => json(a[k]) !== json(b[k]));
  const nodes: NodeChange[] = [];
  const ids = [...new Set([...Object.keys(a.nodes), ...Object.keys(b.nodes)])].sort(byName);
  for (const node of ids) {
    const x = a.nodes[node];
    const y = b.nodes[node];
    if (!x) nodes.push({ kind: 'added', node, type: y.type });
    else if (!y) nodes.push({ kind: 'removed', node, type: x.type });
    else if (x.type !== y.type) nodes.push({ kind: 'type', node, from: x.type, to: y.type });
    else if (json(x) !== json(y)) nodes.push(...diffNode(node, x, y));
  }
  return { nodes, settings };
}

/** The changes inside one node whose type stayed. */
function diffNode(node: string, x: object, y: object): NodeChange[] {
  const out: NodeChange[] = [];
  const xo = optionsOf(x);
  const yo = optionsOf(y);
  for (const key of Object.keys(yo).filter((k) => !(k in xo)).sort(byName)) out.push({ kind: 'option-added', node, key });
  for (const key of Object.keys(xo).filter((k) => !(k in yo)).sort(byName)) out.push({ kind: 'option-removed', node, key });

  const xt = textsOf(x);
  const yt = textsOf(y);
  for (const at of [...new Set([...xt.keys(), ...yt.keys()])].sort(byName)) {
    for (const lang of LANGUAGES) if (xt.get(at)?.[lang] !== yt.get(at)?.[lang]) out.push({ kind: 'text', node, at, lang });
  }

  // Everything else, with the texts and the options added or removed already told.
  const rest = (n: object, o: Record<string, unknown>) => {
    const shared = Object.fromEntries(Object.entries(o).filter(([k]) => k in xo && k in yo));
    return Object.fromEntries(Object.entries(withoutTexts(n) as Record<string, unknown>).map(([k, v]) => [k, k === 'options' ? withoutTexts(shared) : v]));
  };
  const rx = rest(x, xo);
  const ry = rest(y, yo);
  const fields = [...new Set([...Object.keys(rx), ...Object.keys(ry)])].filter((k) => json(rx[k]) !== json(ry[k])).sort(byName);
  if (fields.length) out.push({ kind: 'fields', node, fields });
  return out;
}

function optionsOf(n: object): Record<string, unknown> {
  const o = (n as { options?: unknown }).options;
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : {};
}

/** An inline text: an object whose keys are all languages, holding strings. */
function isInlineText(v: unknown): v is Partial<Record<Language, string>> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return entries.length > 0 && entries.every(([k, t]) => isLanguage(k) && typeof t === 'string');
}

/** A fixed-language text, `{ lang, text }`. */
function isFixedText(v: unknown): v is { lang: Language; text: string } {
  return !!v && typeof v === 'object' && Object.keys(v).sort().join() === 'lang,text';
}

/** Every inline text in a node by where it is (`prompt`, `retry.1`, `options.2.say`…), per language. */
function textsOf(v: unknown, at = '', out = new Map<string, Partial<Record<Language, string>>>()) {
  if (isInlineText(v)) out.set(at, { ...out.get(at), ...v });
  else if (isFixedText(v)) out.set(at, { ...out.get(at), [v.lang]: v.text });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) textsOf(x, at ? `${at}.${k}` : k, out);
  return out;
}

function withoutTexts(v: unknown): unknown {
  if (isInlineText(v) || isFixedText(v)) return 'text';
  if (Array.isArray(v)) return v.map(withoutTexts);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutTexts(x)]));
  return v;
}
