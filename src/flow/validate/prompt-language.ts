import type { Language } from '../schema/prompt.schema';

/**
 * Text is spoken by the voice of the language it is tagged with (`<Say voice language>`): an
 * English voice cannot read Chinese at all, and a Chinese voice reads an English sentence badly.
 * A bilingual prompt says each half in a fixed-language part, `{ lang: zh-CN, text: '中文服务请按2。' }`.
 */
const CHINESE_RUN = /\p{Script=Han}[\p{Script=Han}\p{P}\d ]*/u;
/**
 * Three or more English words in a row. Chinese prompts may keep a single brand word or acronym
 * ("App", "ID", "VIP"), which Chinese voices read well.
 */
const ENGLISH_PHRASE = /[A-Za-z]+(?:[ ,.'’!?-]+[A-Za-z0-9]+){2,}[.!?]?/;

export type ForeignText = { found: Language; snippet: string };

/** Text in another language than the voice that would speak it, or undefined. */
export function foreignText(text: string, lang: Language): ForeignText | undefined {
  if (lang === 'en-US') {
    const m = CHINESE_RUN.exec(text);
    return m ? { found: 'zh-CN', snippet: m[0].trim() } : undefined;
  }
  const m = ENGLISH_PHRASE.exec(text);
  return m ? { found: 'en-US', snippet: m[0].trim() } : undefined;
}

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': 'Chinese', 'en-US': 'English' };

/** "contains Chinese ("中文服务请按2。"), which the en-US voice cannot read; say it in …" */
export function describeForeignText(f: ForeignText, lang: Language): string {
  const reads = lang === 'en-US' ? 'which the en-US voice cannot read' : 'which the zh-CN voice would read with Chinese sounds';
  return `contains ${LANGUAGE_NAMES[f.found]} ("${f.snippet}"), ${reads}; say it in a fixed-language part: { lang: ${f.found}, text: '${f.snippet}' }`;
}
