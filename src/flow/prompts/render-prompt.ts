import type { Language } from '../schema/prompt.schema';
import type { RenderedPrompt } from '../runtime/turn';
import type { CompiledPrompt } from './compiled-prompt';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::(digits|time|duration))?\}/g;

/** Reads "12345678" one digit at a time, so text-to-speech does not say "twelve million…". */
export function sayDigits(value: string): string {
  return value.replace(/\s+/g, '').split('').join(' ');
}

/** "08:00" → "8:00": how a time is spoken. */
export function sayTime(value: string): string {
  return value.replace(/^0(\d):/, '$1:');
}

/** Minutes → "15分钟", "48小时" / "15 minutes", "48 hours", "2 days". */
export function sayDuration(minutesText: string, lang: Language): string {
  const minutes = Number(minutesText);
  if (!Number.isFinite(minutes)) return minutesText;
  if (minutes % 60 !== 0) return lang === 'zh-CN' ? `${minutes}分钟` : plural(minutes, 'minute');
  const hours = minutes / 60;
  return lang === 'zh-CN' ? `${hours}小时` : plural(hours, 'hour');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function fillPlaceholders(text: string, vars: Readonly<Record<string, string>>, lang: Language): string {
  return text.replace(PLACEHOLDER, (_, name: string, format?: string) => {
    const value = vars[name] ?? '';
    if (format === 'digits') return sayDigits(value);
    if (format === 'time') return sayTime(value);
    if (format === 'duration') return sayDuration(value, lang);
    return value;
  });
}

/**
 * Picks the call's language for each part (falling back to the first language the part has,
 * which validation makes rare) and fills in the variables.
 */
export function renderPrompt(
  prompt: CompiledPrompt,
  lang: Language,
  vars: Readonly<Record<string, string>>,
): RenderedPrompt[] {
  return prompt.map((part) => {
    if ('fixed' in part) return { lang: part.fixed, text: fillPlaceholders(part.text, vars, part.fixed) };
    if ('audio' in part) {
      const [fallbackLang, fallback] = Object.entries(part.audio)[0] as [Language, string];
      const url = part.audio[lang];
      return url ? { lang, audio: url } : { lang: fallbackLang, audio: fallback };
    }
    const text = part.text[lang];
    if (text !== undefined) return { lang, text: fillPlaceholders(text, vars, lang) };
    const [fallbackLang, fallback] = Object.entries(part.text)[0] as [Language, string];
    return { lang: fallbackLang, text: fillPlaceholders(fallback, vars, fallbackLang) };
  });
}
