import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../diagnostics';
import { describeHours } from '../../hotlines';
import { nodeKind } from '../nodes/registry';
import type { Flow } from '../schema/flow.schema';
import type { Language, Prompt, PromptPart, RetryPrompts } from '../schema/prompt.schema';
import type { CompiledPart, CompiledPrompt } from '../prompts/compiled-prompt';
import { ACTION_NAMES, createCallMachine, GUARD_NAMES, type CallMachine } from '../runtime/machine-setup';
import type { CallContext } from '../runtime/turn';
import type { CompileContext } from './compile-context';
import type { FlowEnvironment, FlowSource } from './flow-source';
import { keyedVarNames } from './keyed-vars';
import { EVENTS, type StateConfig, type TransitionConfig } from './state-config';
import { spokenSpec } from './spoken';
import type { Lexicon } from '../../speech/lexicon.schema';

/** A flow ready to run: its machine, and the content hash that pins running calls to it. */
export type CompiledFlow = {
  id: string;
  version: string;
  languages: readonly Language[];
  file: string;
  machine: CallMachine;
  /** Node ids of this flow and what each is, for coverage and reports. */
  nodes: Readonly<Record<string, string>>;
  /** The vars an agent may see on the call record and screen-pop (never a sensitive entry). */
  keyedVars: readonly string[];
  /** The words the runtime listens for in each language (global intents, yes/no, distress). */
  lexicons: Partial<Record<Language, Lexicon>>;
};

export const END_ID = '__end';
const HUNG_UP_ID = '__hungup';
const HOURS_PLACEHOLDER = /\{hours:([A-Za-z0-9_-]+)\}/g;

/**
 * Compiles a flow whose graph is already validated into an xstate machine. Subflows are inlined
 * as nested states, catalogue keys and hotline hours are resolved into the machine, so the version
 * hash covers every word the flow can say.
 */
export function compileFlow(id: string, env: FlowEnvironment): { flow?: CompiledFlow; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root = env.flows.get(id);
  if (!root) return { diagnostics: [{ file: '(flows)', line: 1, col: 1, message: `no flow "${id}"` }] };

  const compileStates = (src: FlowSource, prefix: string, stack: string[], reporting: boolean, languages: readonly Language[]) => {
    const { flow, source } = src;
    const stateId = (nodeId: string) => `${prefix}${nodeId}`;
    const target = (nodeId: string) => `#${stateId(nodeId)}`;
    const human = flow.globals.human ? { key: flow.globals.human.key, target: target(flow.globals.human.target) } : undefined;
    const outcomes = new Set<string>();
    const states: Record<string, StateConfig> = {};
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      const base: PropertyKey[] = ['nodes', nodeId];
      const report = (path: PropertyKey[], message: string) => {
        if (!reporting) return;
        const at = source.locate([...base, ...path]);
        diagnostics.push({ file: source.file, ...at, message: `node "${nodeId}": ${message}` });
      };
      const promptAt = (prompt: Prompt, path: PropertyKey[]) => compilePrompt(prompt, languages, env, (msg) => report(path, msg));
      const ctx: CompileContext = {
        flowId: flow.id,
        stateId,
        target,
        endTarget: `#${END_ID}`,
        hungUpTarget: `#${HUNG_UP_ID}`,
        prompt: promptAt,
        retryPrompts: (prompts, defaultKey, path) => retryPrompts(prompts, defaultKey, env, languages, (p) => promptAt(p, path)),
        globals: { human, repeatKey: flow.globals.repeatKey },
        inlineFlow: (calledId, nodeIdOfCall, path) => {
          const called = env.flows.get(calledId);
          if (!called || stack.includes(calledId)) {
            report(path, called ? `calls "${calledId}" again: a subflow cycle (${[...stack, calledId].join(' → ')})` : `no flow "${calledId}"`);
            return { initial: END_ID, states: { [END_ID]: { type: 'final' } }, outcomes: [] };
          }
          const missing = languages.filter((l) => !called.flow.languages.includes(l));
          if (missing.length) report(path, `flow "${calledId}" has no ${missing.join(', ')} prompts, which this flow needs`);
          const inner = compileStates(called, `${stateId(nodeIdOfCall)}/`, [...stack, calledId], false, languages);
          return { initial: called.flow.start, states: inner.states, outcomes: [...inner.outcomes] };
        },
        hotlineHours: (hotlineId, path) => {
          const h = env.hotlines.find((x) => x.id === hotlineId);
          if (!h) report(path, `no hotline "${hotlineId}" (hotlines: ${env.hotlines.map((x) => x.id).join(', ')})`);
          return h && { timezone: h.timezone, hours: h.hours, overrides: h.overrides };
        },
        languages,
        spoken: (nodeInput, options) =>
          spokenSpec(
            {
              lexicons: env.lexicons,
              flowInput: flow.input,
              intents: {
                ...(human ? { person: human.target } : {}),
                ...(flow.globals.emergency ? { emergency: target(flow.globals.emergency) } : {}),
              },
              languages,
              prompt: (key) => promptAt(key, []),
            },
            nodeInput,
            options,
          ),
        report,
      };
      const kind = nodeKind(node.type);
      if (!kind) continue;
      states[nodeId] = kind.compile(nodeId, node, ctx);
      if (node.type === 'return') outcomes.add(node.outcome);
    }
    return { states, outcomes };
  };

  const { flow, source } = root;
  const { states } = compileStates(root, `${id}/`, [id], true, flow.languages);
  const config = {
    id: 'call',
    initial: flow.start,
    context: ({ input }: { input: CallContext }) => input,
    states: {
      ...states,
      [END_ID]: { id: END_ID, type: 'final' },
      [HUNG_UP_ID]: { id: HUNG_UP_ID, type: 'final' },
    } satisfies Record<string, StateConfig>,
    on: { [EVENTS.hangup]: [{ target: `#${HUNG_UP_ID}`, actions: [{ type: 'hungUp' }] }] } satisfies StateConfig['on'],
  };
  for (const name of unknownImplementations(config.states)) {
    diagnostics.push({ file: source.file, line: 1, col: 1, message: `internal: the compiled flow uses "${name}", which the runtime does not implement` });
  }
  if (diagnostics.length) return { diagnostics };
  // The words listened for change what a call does, so they are part of the version.
  const lexicons = Object.fromEntries(flow.languages.flatMap((l) => (env.lexicons[l] ? [[l, env.lexicons[l]]] : [])));
  const version = createHash('sha256').update(JSON.stringify(config)).update(JSON.stringify(lexicons)).digest('hex').slice(0, 12);
  const machine = createCallMachine(config);
  const nodes = Object.fromEntries(Object.entries(flow.nodes).map(([nid, n]) => [nid, n.type]));
  return { flow: { id, version, languages: flow.languages, file: source.file, machine, nodes, keyedVars: keyedVarNames(id, env.flows), lexicons }, diagnostics };
}

/** xstate ignores an action or guard it has no implementation for; refuse such a flow instead. */
export function unknownImplementations(states: Record<string, StateConfig>): string[] {
  const unknown = new Set<string>();
  const checkTransition = (t: TransitionConfig) => {
    if (t.guard && !GUARD_NAMES.has(t.guard.type)) unknown.add(`guard ${t.guard.type}`);
    for (const a of t.actions ?? []) if (!ACTION_NAMES.has(a.type)) unknown.add(`action ${a.type}`);
  };
  const walk = (s: StateConfig) => {
    for (const a of s.entry ?? []) if (!ACTION_NAMES.has(a.type)) unknown.add(`action ${a.type}`);
    [...(s.always ?? []), ...(s.onDone ?? []), ...Object.values(s.on ?? {}).flat()].forEach(checkTransition);
    Object.values(s.states ?? {}).forEach(walk);
  };
  Object.values(states).forEach(walk);
  return [...unknown];
}

function compilePrompt(
  prompt: Prompt,
  languages: readonly Language[],
  env: FlowEnvironment,
  report: (message: string) => void,
): CompiledPrompt {
  const parts: PromptPart[] = Array.isArray(prompt) ? prompt : [prompt];
  return parts.map((part): CompiledPart => {
    if (typeof part === 'string') {
      const text: Partial<Record<Language, string>> = {};
      for (const lang of languages) {
        const entry = env.catalogue[lang]?.entries[part];
        if (entry === undefined) report(`prompt "${part}" is missing from the ${lang} catalogue (${env.catalogue[lang]?.source?.file ?? `prompts/${lang}.yaml`})`);
        else text[lang] = fillHours(entry, lang, env, report);
      }
      return { text };
    }
    if ('lang' in part && 'text' in part) return { fixed: part.lang, text: fillHours(part.text, part.lang, env, report) };
    if ('audio' in part) {
      const audio = typeof part.audio === 'string' ? Object.fromEntries(languages.map((l) => [l, part.audio])) : part.audio;
      return { audio: audio as Partial<Record<Language, string>> };
    }
    const text: Partial<Record<Language, string>> = {};
    for (const lang of languages) {
      const entry = part[lang];
      if (entry === undefined) report(`prompt has no ${lang} text, which this flow offers`);
      else text[lang] = fillHours(entry, lang, env, report);
    }
    return { text };
  });
}

function fillHours(text: string, lang: Language, env: FlowEnvironment, report: (m: string) => void): string {
  return text.replace(HOURS_PLACEHOLDER, (_, hotlineId: string) => {
    const hotline = env.hotlines.find((h) => h.id === hotlineId);
    if (!hotline) {
      report(`{hours:${hotlineId}} names no hotline (hotlines: ${env.hotlines.map((h) => h.id).join(', ')})`);
      return '';
    }
    return describeHours(hotline, lang);
  });
}

/** Explicit retry prompts, or the catalogue's numbered defaults (`retry.invalid.1`, `.2`…), or the plain key. */
function retryPrompts(
  prompts: RetryPrompts | undefined,
  defaultKey: string,
  env: FlowEnvironment,
  languages: readonly Language[],
  compile: (p: Prompt) => CompiledPrompt,
): CompiledPrompt[] {
  if (prompts === undefined) {
    const entries = env.catalogue[languages[0]]?.entries ?? {};
    const numbered: string[] = [];
    for (let i = 1; entries[`${defaultKey}.${i}`] !== undefined; i++) numbered.push(`${defaultKey}.${i}`);
    return (numbered.length ? numbered : [defaultKey]).map((k) => compile(k));
  }
  if (!Array.isArray(prompts)) return [compile(prompts)];
  return prompts.map((p) => compile(p));
}

export type { Flow };
