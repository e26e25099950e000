import type { Language } from '../../flow/schema/prompt.schema';

/** What a caller's SMS to one of our numbers means. */
export type SmsReply =
  | { kind: 'rating'; rating: 1 | 2 | 3 | 4 | 5 }
  /** `lang`: the language of the word used, for a confirmation when no survey tells the language. */
  | { kind: 'optOut'; lang: Language }
  | { kind: 'comment'; text: string }
  | { kind: 'empty' };

const OPT_OUT: Readonly<Record<string, Language>> = { STOP: 'en-US', UNSUBSCRIBE: 'en-US', TD: 'zh-CN', 退订: 'zh-CN' };

/**
 * Reads a reply (pure). Full-width characters typed on Chinese keyboards count as their ASCII
 * forms (NFKC: "５" is 5, "ＳＴＯＰ" is STOP). A rating is one digit 1–5, optionally "分" after
 * it ("5分"); STOP, UNSUBSCRIBE, TD and 退订 (any case, trailing punctuation allowed) opt out;
 * anything else is a comment, kept as typed.
 */
export function parseSmsReply(body: string): SmsReply {
  const typed = body.trim();
  const plain = typed.normalize('NFKC').trim();
  if (plain === '') return { kind: 'empty' };
  const rating = /^([1-5])\s*分?$/.exec(plain);
  if (rating) return { kind: 'rating', rating: Number(rating[1]) as 1 | 2 | 3 | 4 | 5 };
  const word = plain.replace(/[\s.!。！]+$/u, '').toUpperCase();
  const optOut = OPT_OUT[word];
  if (optOut) return { kind: 'optOut', lang: optOut };
  return { kind: 'comment', text: typed };
}
