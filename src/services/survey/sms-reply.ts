import type { Language } from '../../flow/schema/prompt.schema';

/**
 * A keyword that opts a number out of our texts or back in. `byTwilio`: Twilio's default opt-out
 * handling knows the word too (see `KEYWORDS`), so Twilio answers it itself and we add no answer.
 */
export type Keyword = { word: string; lang: Language; byTwilio: boolean };

/** What a caller's SMS to one of our numbers means. */
export type SmsReply =
  | { kind: 'rating'; rating: 1 | 2 | 3 | 4 | 5 }
  /** `lang`: the language of the word used, for a confirmation when no survey tells the language. */
  | ({ kind: 'optOut' } & Keyword)
  | ({ kind: 'optIn' } & Keyword)
  | { kind: 'comment'; text: string }
  | { kind: 'empty' };

/**
 * The opt-out and opt-in words. How ours coexist with Twilio's: on long codes Twilio's default
 * opt-out handling answers STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT and REVOKE with its
 * own confirmation and then refuses every message from that sender to the number (error 21610)
 * until it texts START or UNSTOP (or YES), which Twilio confirms too. The webhook still receives
 * these words, so we record the same opt-out or opt-in (our surveys then agree with Twilio's block
 * list) but answer nothing: a reply of ours would be a second confirmation, or refused. Twilio does
 * not know TD, 退订 and 订阅, so those we confirm ourselves. YES is left out on purpose: as a reply
 * to a survey it is more likely a comment than a wish to be surveyed again.
 */
const KEYWORDS: Readonly<Record<string, { kind: 'optOut' | 'optIn' } & Omit<Keyword, 'word'>>> = {
  STOP: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  STOPALL: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  UNSUBSCRIBE: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  CANCEL: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  END: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  QUIT: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  OPTOUT: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  REVOKE: { kind: 'optOut', lang: 'en-US', byTwilio: true },
  TD: { kind: 'optOut', lang: 'zh-CN', byTwilio: false },
  退订: { kind: 'optOut', lang: 'zh-CN', byTwilio: false },
  START: { kind: 'optIn', lang: 'en-US', byTwilio: true },
  UNSTOP: { kind: 'optIn', lang: 'en-US', byTwilio: true },
  订阅: { kind: 'optIn', lang: 'zh-CN', byTwilio: false },
};

/**
 * Reads a reply (pure). Full-width characters typed on Chinese keyboards count as their ASCII
 * forms (NFKC: "５" is 5, "ＳＴＯＰ" is STOP). A rating is one digit 1–5, optionally "分" after
 * it ("5分"); the words of `KEYWORDS` (any case, trailing punctuation allowed) opt out or back in;
 * anything else is a comment, kept as typed.
 */
export function parseSmsReply(body: string): SmsReply {
  const typed = body.trim();
  const plain = typed.normalize('NFKC').trim();
  if (plain === '') return { kind: 'empty' };
  const rating = /^([1-5])\s*分?$/.exec(plain);
  if (rating) return { kind: 'rating', rating: Number(rating[1]) as 1 | 2 | 3 | 4 | 5 };
  const word = plain.replace(/[\s.!。！]+$/u, '').toUpperCase();
  const keyword = KEYWORDS[word];
  if (keyword) return { ...keyword, word };
  return { kind: 'comment', text: typed };
}
