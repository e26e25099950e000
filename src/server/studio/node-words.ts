import type { Catalogue } from '../../flow/compile/flow-source';
import type { FlowNode } from '../../flow/schema/flow.schema';
import type { Language, Prompt, PromptPart, RetryPrompts } from '../../flow/schema/prompt.schema';
import type { ViewOption, ViewPrompt } from './flow-view.schema';

/**
 * What a caller hears at a node and what they may say or press, for the studio's side panel:
 * catalogue keys resolved per language the way compile-flow.ts does (placeholders such as
 * `{hours:general}` are left as written: they are filled in on the call).
 */
export function nodePrompts(node: FlowNode, languages: readonly Language[], catalogue: Catalogue): ViewPrompt[] {
  const out: ViewPrompt[] = [];
  const fields = node as Partial<Record<'prompt' | 'text', Prompt>> & Partial<Record<'noInput' | 'invalid', RetryPrompts>>;
  for (const field of ['prompt', 'text'] as const) {
    const prompt = fields[field];
    if (prompt !== undefined) out.push(resolve(field, prompt, languages, catalogue));
  }
  for (const field of ['noInput', 'invalid'] as const) {
    const retry = fields[field];
    if (retry === undefined) continue;
    // A list is one prompt per retry; a single part is every retry's.
    if (Array.isArray(retry)) retry.forEach((p, i) => out.push(resolve(`${field} ${i + 1}`, p, languages, catalogue)));
    else out.push(resolve(field, retry, languages, catalogue));
  }
  return out;
}

function resolve(field: string, prompt: Prompt, languages: readonly Language[], catalogue: Catalogue): ViewPrompt {
  const parts: PromptPart[] = Array.isArray(prompt) ? prompt : [prompt];
  const keys = parts.filter((p): p is string => typeof p === 'string');
  const words: Partial<Record<Language, string>> = {};
  for (const lang of languages) words[lang] = parts.map((p) => partWords(p, lang, catalogue)).join(' ');
  return { field, keys, words };
}

function partWords(part: PromptPart, lang: Language, catalogue: Catalogue): string {
  if (typeof part === 'string') return catalogue[lang]?.entries[part] ?? `⟨${part}: missing from the ${lang} catalogue⟩`;
  if ('audio' in part) return `♪ ${typeof part.audio === 'string' ? part.audio : (part.audio[lang] ?? '')}`;
  if ('lang' in part && 'text' in part) return part.text;
  return part[lang] ?? `⟨no ${lang} text⟩`;
}

/** A menu's options: the key, where it goes, the phrases that choose it by voice and its label. */
export function nodeOptions(node: FlowNode): ViewOption[] {
  if (node.type !== 'menu') return [];
  return Object.entries(node.options).map(([key, option]) =>
    typeof option === 'string' ? { key, to: option, say: {} } : { key, to: option.to, say: option.say, ...(option.label ? { label: option.label } : {}) },
  );
}
