import type { Heard, Listen } from '../../src/speech/hearing';
import { understand } from '../../src/speech/understand';
import { shippedLexicon } from './lexicons';

/** A small seeded generator, so a failure replays the same strings. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POOLS = [
  '我的账号被盗了转人工嗯那个一二三四五六七八九十百千万零两幺，。？！、“”…',
  'abcdefghijklmnopqrstuvwxyz ABC 0123456789 one two double triple oh hundred',
  'Здравствуйте مرحبا こんにちは 안녕하세요 ñáéü',
  '😀🙏🏽👍‍🔥\u200b\u0000\ufeff\t\n  ',
  'ＡＢＣ１２３！？　',
];

function utterance(next: () => number): string {
  const length = [0, 1, 3, 20, 200, 5000][Math.floor(next() * 6)];
  const pool = [...POOLS[Math.floor(next() * POOLS.length)]];
  let text = '';
  for (let i = 0; i < length; i += 1) text += pool[Math.floor(next() * pool.length)];
  return text;
}

function isValid(h: Heard): boolean {
  switch (h.kind) {
    case 'choice':
      return typeof h.choice === 'string' && h.choice !== '';
    case 'unsure':
      return h.choices.length >= 1 && h.choices.length <= 2 && h.choices.every((c) => c !== '');
    case 'digits':
      return /^[0-9]+$/.test(h.digits);
    default:
      return ['yes', 'no', 'noMatch'].includes(h.kind);
  }
}

describe('understand never throws and always answers quickly, whatever the recogniser sends', () => {
  const listens: Listen[] = [
    { mode: 'choice', intents: ['emergency', 'person'], options: [{ key: '1', phrases: ['账号', 'account'] }, { key: '2', phrases: ['视频', 'video'] }] },
    { mode: 'choice', intents: [], options: [] },
    { mode: 'digits', intents: ['person'] },
  ];

  it.each(['zh-CN', 'en-US'] as const)('in %s: 600 random utterances, noise to 5,000 characters', (lang) => {
    const lexicon = shippedLexicon(lang);
    const next = random(lang === 'zh-CN' ? 7 : 11);
    let slowest = 0;
    for (let i = 0; i < 600; i += 1) {
      const text = utterance(next);
      const confidence = next() < 0.2 ? undefined : next();
      const listen = listens[i % listens.length];
      const started = performance.now();
      const heard = understand({ text, confidence }, listen, lexicon, lang, { minConfidence: 0.5, confirming: next() < 0.3 });
      slowest = Math.max(slowest, performance.now() - started);
      expect({ text: text.slice(0, 40), valid: isValid(heard) }).toEqual({ text: text.slice(0, 40), valid: true });
    }
    // Generous for a busy 2-core CI machine; a typical long utterance takes a few milliseconds.
    expect(slowest).toBeLessThan(500);
  });
});
