import type { Diagnostic } from '../../diagnostics';
import type { Hotline } from '../../hotlines';
import type { Catalogue, FlowSource } from '../compile/flow-source';
import type { FlowNode } from '../schema/flow.schema';
import type { Language, PromptPart } from '../schema/prompt.schema';
import { describeForeignText, foreignText } from './prompt-language';
import { describeEstimate, estimateSpeech, MAX_PROMPT_SECONDS } from './speech-length';

type Env = { flows: ReadonlyMap<string, FlowSource>; catalogue: Catalogue; hotlines: readonly Hotline[] };
type Located = { part: PromptPart; path: PropertyKey[] };
/** One prompt a node speaks: where it is written, and its parts. */
type Spoken = { path: PropertyKey[]; parts: Located[] };

const TOO_LONG = `the limit is ${MAX_PROMPT_SECONDS} s: shorten it or split it into two prompts`;

/**
 * What the caller will hear, checked before anything runs: no prompt longer than about 25 s of
 * speech, and no text tagged with a language other than its own (the voice of the tag speaks
 * it). Catalogue entries are checked where they are written (`prompts/<lang>.yaml:line:col`),
 * inline and fixed-language texts in their flow file; SMS bodies are read, not heard, and skipped.
 */
export function validatePrompts(env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  out.push(...checkCatalogue(env));
  for (const src of env.flows.values()) out.push(...checkFlow(src, env));
  return out;
}

function checkCatalogue({ flows, catalogue, hotlines }: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const smsOnly = smsOnlyKeys(flows);
  for (const [lang, cat] of Object.entries(catalogue) as [Language, NonNullable<Catalogue[Language]>][]) {
    for (const [key, text] of Object.entries(cat.entries)) {
      if (smsOnly.has(key)) continue;
      const at = cat.source ? { file: cat.source.file, ...cat.source.locate([key]) } : { file: `prompts/${lang}.yaml`, line: 1, col: 1 };
      const estimate = estimateSpeech(text, lang, hotlines);
      if (estimate.seconds > MAX_PROMPT_SECONDS) out.push({ ...at, message: `prompt "${key}" is ${describeEstimate(estimate, lang)}; ${TOO_LONG}` });
      const foreign = foreignText(text, lang);
      if (foreign) out.push({ ...at, message: `prompt "${key}" is ${lang} text but ${describeForeignText(foreign, lang)}` });
    }
  }
  return out;
}

/** Catalogue keys used only as SMS bodies (`sms.text`): they are never spoken. */
function smsOnlyKeys(flows: ReadonlyMap<string, FlowSource>): Set<string> {
  const sms = new Set<string>();
  const spoken = new Set<string>();
  for (const { flow } of flows.values()) {
    for (const node of Object.values(flow.nodes)) {
      if (node.type === 'sms') for (const p of asParts(node.text)) if (typeof p === 'string') sms.add(p);
      for (const prompt of spokenPrompts(node)) for (const { part } of prompt.parts) if (typeof part === 'string') spoken.add(part);
    }
  }
  return new Set([...sms].filter((k) => !spoken.has(k)));
}

function checkFlow({ flow, source }: FlowSource, { catalogue, hotlines }: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(flow.nodes)) {
    const at = (path: PropertyKey[], message: string) => out.push({ file: source.file, ...source.locate(['nodes', id, ...path]), message: `node "${id}": ${message}` });
    for (const prompt of spokenPrompts(node)) {
      let partTooLong = false;
      for (const { part, path } of prompt.parts) {
        for (const { text, lang, where, what } of textsOf(part, path)) {
          const estimate = estimateSpeech(text, lang, hotlines);
          if (estimate.seconds > MAX_PROMPT_SECONDS) {
            partTooLong = true;
            at(where, `the ${what} is ${describeEstimate(estimate, lang)}; ${TOO_LONG}`);
          }
          const foreign = foreignText(text, lang);
          if (foreign) at(where, `the ${what} ${describeForeignText(foreign, lang)}`);
        }
      }
      // Parts that are each fine can still add up to a prompt nobody listens to the end of.
      if (prompt.parts.length < 2 || partTooLong) continue;
      for (const lang of flow.languages) {
        const seconds = prompt.parts.reduce((sum, { part }) => sum + partSeconds(part, lang, catalogue, hotlines), 0);
        if (seconds > MAX_PROMPT_SECONDS) {
          at(prompt.path, `its ${prompt.parts.length} parts together are about ${seconds.toFixed(1)} s of speech in ${lang}; ${TOO_LONG}`);
        }
      }
    }
  }
  return out;
}

/** Each prompt a node speaks: `prompt`, then every retry entry. */
function spokenPrompts(node: FlowNode): Spoken[] {
  const prompts: Spoken[] = [];
  const fields = node as Partial<Record<'prompt' | 'noInput' | 'invalid', unknown>>;
  if (fields.prompt !== undefined) prompts.push(spoken(fields.prompt as PromptPart | PromptPart[], ['prompt']));
  for (const key of ['noInput', 'invalid'] as const) {
    const retry = fields[key] as PromptPart | (PromptPart | PromptPart[])[] | undefined;
    if (retry === undefined) continue;
    if (!Array.isArray(retry)) prompts.push(spoken(retry, [key]));
    else retry.forEach((entry, i) => prompts.push(spoken(entry, [key, i])));
  }
  return prompts;
}

function spoken(prompt: PromptPart | PromptPart[], path: PropertyKey[]): Spoken {
  const parts = Array.isArray(prompt) ? prompt.map((part, i) => ({ part, path: [...path, i] })) : [{ part: prompt, path }];
  return { path, parts };
}

function asParts(prompt: PromptPart | PromptPart[]): PromptPart[] {
  return Array.isArray(prompt) ? prompt : [prompt];
}

type Text = { text: string; lang: Language; where: PropertyKey[]; what: string };

/** The texts written inline in a part (catalogue keys are checked in the catalogue). */
function textsOf(part: PromptPart, path: PropertyKey[]): Text[] {
  if (typeof part === 'string' || 'audio' in part) return [];
  if ('lang' in part && 'text' in part) return [{ text: part.text, lang: part.lang, where: [...path, 'text'], what: `fixed ${part.lang} text` }];
  return (Object.entries(part) as [Language, string][]).map(([lang, text]) => ({ text, lang, where: [...path, lang], what: `${lang} text` }));
}

function partSeconds(part: PromptPart, lang: Language, catalogue: Catalogue, hotlines: readonly Hotline[]): number {
  if (typeof part === 'string') {
    const entry = catalogue[lang]?.entries[part];
    return entry === undefined ? 0 : estimateSpeech(entry, lang, hotlines).seconds;
  }
  if ('audio' in part) return 0;
  if ('lang' in part && 'text' in part) return estimateSpeech(part.text, part.lang, hotlines).seconds;
  const text = part[lang];
  return text === undefined ? 0 : estimateSpeech(text, lang, hotlines).seconds;
}
