import type { Diagnostic } from '../../diagnostics';
import type { FlowEnvironment, FlowSource } from '../compile/flow-source';
import { listensToSpeech } from '../schema/input-mode.schema';
import type { Language } from '../schema/prompt.schema';
import { normalise } from '../../speech/normalise';
import { INTENTS } from '../../speech/lexicon.schema';
import { SPEECH_DIR } from '../load/speech-dir';

/**
 * What a spoken menu needs to be understood, checked before any call hears it: phrases for every
 * option in every language of the flow, no phrase shared by two options (the caller would always
 * be asked "which one?"), and no option phrase that is also a global intent's (the intent would
 * always win, so the option could never be said). Phrases are compared as the recogniser's words
 * are, normalised, so "账号" and "账 号" are the same phrase.
 */
export function validateSpeech(env: FlowEnvironment): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const src of env.flows.values()) out.push(...checkFlow(src, env));
  return out;
}

function checkFlow({ flow, source }: FlowSource, env: FlowEnvironment): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: PropertyKey[], message: string) => out.push({ file: source.file, ...source.locate(path), message });
  const listens = (input: typeof flow.input | undefined) => listensToSpeech(input ?? flow.input);
  const spoken = Object.entries(flow.nodes).filter(([, n]) => (n.type === 'menu' || n.type === 'gather' || n.type === 'identity') && listens(n.input));
  if (spoken.length === 0) return out;

  for (const lang of flow.languages) {
    if (!env.lexicons[lang]) {
      at(['input'], `flow "${flow.id}" listens to speech in ${lang} but ${SPEECH_DIR}/${lang}.yaml is missing: add it (the words for a person, emergencies, yes and no)`);
    }
  }
  for (const [id, node] of spoken) {
    if (node.type !== 'menu') continue;
    for (const lang of flow.languages) {
      const lexicon = env.lexicons[lang];
      const fillers = lexicon?.fillers ?? [];
      const intentOf = new Map<string, string>();
      for (const intent of INTENTS) for (const p of lexicon?.[intent] ?? []) intentOf.set(normalise(p, lang, fillers), intent);
      const owner = new Map<string, string>();
      for (const [key, option] of Object.entries(node.options)) {
        const phrases = typeof option === 'string' ? undefined : option.say[lang];
        if (!phrases) {
          const where = typeof option === 'string' ? ['nodes', id, 'options', key] : ['nodes', id, 'options', key, 'say'];
          at(where, `node "${id}" listens to speech, but option "${key}" has no ${lang} phrases: give it \`say: { ${lang}: [...] }\` (e.g. ${example(lang)})`);
          continue;
        }
        phrases.forEach((phrase, i) => {
          const where = ['nodes', id, 'options', key, 'say', lang, i];
          const norm = normalise(phrase, lang, fillers);
          if (norm === '') {
            at(where, `node "${id}" option "${key}": the ${lang} phrase "${phrase}" is only filler words or punctuation, so it can never be heard; remove it`);
            return;
          }
          const intent = intentOf.get(norm);
          if (intent) {
            at(where, `node "${id}" option "${key}": "${phrase}" is also the ${intent} phrase of ${SPEECH_DIR}/${lang}.yaml, which wins in every menu; use another phrase${intent === 'emergency' ? ' (or send the emergency phrases through `globals.emergency`)' : ''}`);
            return;
          }
          const other = owner.get(norm);
          if (other !== undefined && other !== key) {
            at(where, `node "${id}": the ${lang} phrase "${phrase}" chooses both option "${other}" and option "${key}"; keep it on one of them`);
            return;
          }
          owner.set(norm, key);
        });
      }
    }
  }
  return out;
}

function example(lang: Language): string {
  return lang === 'zh-CN' ? '[账号, 登录, 密码]' : '[account, password, login]';
}
