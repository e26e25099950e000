import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { RenderedPrompt } from '../../src/flow/runtime/turn';
import type { Language } from '../../src/flow/schema/prompt.schema';
import { ENGINE_TEXTS } from '../../src/server/voice/engine-texts';
import type { Reply } from '../../src/telephony/reply';
import { PromptFragments, renderAlone } from '../../src/telephony/twilio/prompt-fragments';
import { renderTwiml } from '../../src/telephony/twilio/render-twiml';
import { voicesFor, type Voices } from '../../src/telephony/twilio/voices';

/**
 * The reference: renderTwiml as it was before prompts were cached, every verb built by the SDK for
 * every reply. Copied here on purpose, so a change to render-twiml.ts cannot change it as well.
 */
function referenceTwiml(reply: Reply, voices: Voices): string {
  type Speaker = Pick<VoiceResponse, 'say' | 'play'>;
  const speak = (target: Speaker, prompts: readonly RenderedPrompt[]) => {
    for (const p of prompts) {
      if ('audio' in p) target.play(p.audio);
      else target.say({ voice: voices[p.lang].voice, language: voices[p.lang].sayLanguage }, p.text);
    }
  };
  const firstLanguage = (prompts: readonly RenderedPrompt[]) => {
    const lang = prompts.find((p) => 'text' in p)?.lang ?? prompts[0]?.lang;
    return lang ? { language: voices[lang].gatherLanguage } : undefined;
  };
  const response = new VoiceResponse();
  const next = reply.next;
  if (next.kind === 'gather') {
    const gather = response.gather({
      input: ['dtmf'],
      action: next.action,
      method: 'POST',
      actionOnEmptyResult: next.onSilence !== 'continue',
      timeout: next.spec.timeoutSec,
      finishOnKey: next.spec.finishOnKey ?? '',
      ...(next.spec.minDigits === next.spec.maxDigits ? { numDigits: next.spec.maxDigits } : {}),
      ...(firstLanguage(reply.prompts) ?? {}),
    });
    speak(gather, reply.prompts);
    return response.toString();
  }
  speak(response, reply.prompts);
  switch (next.kind) {
    case 'record':
      response.record({ action: next.action, method: 'POST', maxLength: next.spec.maxLengthSec, finishOnKey: next.spec.finishOnKey, playBeep: true });
      response.redirect({ method: 'POST' }, next.action);
      break;
    case 'enqueue':
      response.enqueue({ action: next.action, method: 'POST', waitUrl: next.waitUrl, waitUrlMethod: 'POST' }, next.queue);
      break;
    case 'leave':
      response.leave();
      break;
    case 'dial':
      response.dial({ action: next.action, method: 'POST', timeout: next.spec.timeoutSec, callerId: next.callerId, answerOnBridge: next.spec.answerOnBridge }, next.spec.number);
      break;
    case 'hangup':
      response.hangup();
      break;
    case 'redirect':
      response.redirect({ method: 'POST' }, next.url);
      break;
    case 'none':
      break;
  }
  return response.toString();
}

/** Every string in every shipped and fixture flow file and prompt catalogue: prompt texts, inline texts, audio URLs, and then some. */
function flowStrings(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
  const out = new Set<string>();
  const walk = (node: Node | null | undefined): void => {
    if (isScalar(node)) {
      if (typeof node.value === 'string') out.add(node.value);
    } else if (isMap(node)) {
      for (const pair of node.items) walk(pair.value as Node);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item as Node);
    }
  };
  for (const file of [...files('flows'), ...files('test/fixtures/flows/good')]) walk(parseDocument(readFileSync(file, 'utf8')).contents);
  return [...out];
}

function engineStrings(): string[] {
  return (Object.keys(ENGINE_TEXTS) as Language[]).flatMap((lang) => {
    const t = ENGINE_TEXTS[lang];
    return [t.sorryTransfer, t.sorryGoodbye, t.sorryStartAgain, t.notInService, t.queuePosition(3), t.holding, t.queueEstimate(7), t.callbackOffer, t.callbackBooked('20261123000042', 15), t.callbackFailed, t.queueUnavailable, t.goodbye];
  });
}

/** Markup that must be escaped, characters outside the BMP, whitespace, texts differing by one character. */
const AWKWARD = [
  `Press < 1 > & "quote" 'apostrophe' ]]> done`,
  '&amp; already escaped &lt;Say&gt;',
  '<Say voice="Polly.Joanna">injected</Say>',
  '您的工单号是2 0 2 6 1 1 2 3 0 0 0 0 4 2，我们将在15分钟内处理。',
  '您的工单号是2 0 2 6 1 1 2 3 0 0 0 0 4 3，我们将在15分钟内处理。',
  '客服 😀 emoji 𠮷',
  '  leading and trailing spaces  ',
  'line one\nline two\ttabbed\r\ncarriage',
  '',
  ' ',
  '0',
];

const AUDIO = ['https://cdn.example.com/prompts/welcome.mp3', 'https://cdn.example.com/hold.mp3?a=1&b=<2>&c="3"', "https://cdn.example.com/it's.wav"];

const VOICE_TABLES: Voices[] = [
  voicesFor({ 'zh-CN': 'Polly.Zhiyu', 'en-US': 'Polly.Joanna' }),
  voicesFor({ 'zh-CN': 'Polly.Zhiyu-Neural', 'en-US': 'Google.en-US-Neural2-C' }),
];

const digits = (over: Partial<Extract<Reply['next'], { kind: 'gather' }>['spec']> = {}) => ({ kind: 'digits' as const, minDigits: 1, maxDigits: 1, timeoutSec: 5, sensitive: false, ...over });

/** What can follow the prompts, with per-call action URLs (the turn number, call-specific data). */
const NEXTS: Reply['next'][] = [
  { kind: 'gather', spec: digits(), action: 'https://ivr.example.com/twilio/voice/turn?n=1' },
  { kind: 'gather', spec: digits({ minDigits: 4, maxDigits: 12, finishOnKey: '#', timeoutSec: 10, sensitive: true }), action: 'https://ivr.example.com/twilio/voice/turn?n=7&call=CA0123&x=<"\'>' },
  { kind: 'gather', spec: digits({ minDigits: 6, maxDigits: 6 }), action: 'https://ivr.example.com/twilio/voice/turn?n=12', onSilence: 'continue' },
  { kind: 'gather', spec: digits(), action: 'https://ivr.example.com/twilio/voice/turn?n=3', onSilence: 'post' },
  { kind: 'record', spec: { kind: 'recording', maxLengthSec: 120, finishOnKey: '#' }, action: 'https://ivr.example.com/twilio/voice/turn?n=4' },
  { kind: 'enqueue', queue: 'urgent', waitUrl: 'https://ivr.example.com/twilio/queue/wait?hotline=general&lang=zh-CN', action: 'https://ivr.example.com/twilio/queue/after?n=5' },
  { kind: 'leave' },
  { kind: 'dial', spec: { kind: 'dial', number: '+86-10-12345678', timeoutSec: 20, answerOnBridge: true }, callerId: '+864000066888', action: 'https://ivr.example.com/twilio/voice/dial?n=6' },
  { kind: 'dial', spec: { kind: 'dial', number: '+8610 1234 5678', timeoutSec: 5, callerId: '+861088886666', answerOnBridge: false }, callerId: '+861088886666', action: 'https://ivr.example.com/twilio/voice/dial?n=8&x=<"\'>' },
  { kind: 'hangup' },
  { kind: 'redirect', url: 'https://ivr.example.com/twilio/voice/turn?n=9&again=1' },
  { kind: 'none' },
];

function sameBytes(reply: Reply, voices: Voices): void {
  const expected = referenceTwiml(reply, voices);
  const actual = renderTwiml(reply, voices);
  // toBe on the strings: any differing byte fails, and the message shows where.
  if (actual !== expected) expect(actual).toBe(expected);
}

describe('TwiML with cached prompt markup', () => {
  const texts = [...flowStrings(), ...engineStrings(), ...AWKWARD];

  it('draws on a wide set of texts: every string of the shipped and fixture flows, the engine texts, and awkward ones', () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts).toContain('请说出您要办理的业务，或按键选择：账号问题请按1，内容违规申诉请按2，电商服务请按3，人工服务请按0，重听请按星号键。');
  });

  it('answers every flow text, in either language and either voice table, byte for byte as the SDK alone did, after every kind of prompt', () => {
    for (const voices of VOICE_TABLES) {
      for (const text of texts) {
        for (const lang of ['zh-CN', 'en-US'] as const) {
          for (const next of NEXTS) sameBytes({ prompts: [{ lang, text }], next }, voices);
        }
      }
    }
  });

  it('answers replies of several prompts (texts, audio, both languages, repeated) and of none, byte for byte as the SDK alone did', () => {
    const prompts: RenderedPrompt[] = [
      ...texts.map((text, i): RenderedPrompt => ({ lang: i % 3 === 0 ? 'en-US' : 'zh-CN', text })),
      ...AUDIO.map((audio, i): RenderedPrompt => ({ lang: i % 2 === 0 ? 'zh-CN' : 'en-US', audio })),
    ];
    for (const voices of VOICE_TABLES) {
      for (const next of NEXTS) {
        sameBytes({ prompts: [], next }, voices);
        for (const audio of AUDIO) sameBytes({ prompts: [{ lang: 'en-US', audio }], next }, voices);
        for (let i = 0; i < prompts.length; i += 3) sameBytes({ prompts: prompts.slice(i, i + 4), next }, voices);
        sameBytes({ prompts: [prompts[0], prompts[0], { lang: 'zh-CN', audio: AUDIO[0] }, prompts[0]], next }, voices);
      }
    }
  });

  it('never gives one voice the markup cached for another, nor one text another text’s', () => {
    const [standard, neural] = VOICE_TABLES;
    const reply: Reply = { prompts: [{ lang: 'zh-CN', text: '重听请按星号键。' }], next: { kind: 'hangup' } };
    expect(renderTwiml(reply, standard)).toContain('<Say voice="Polly.Zhiyu" language="cmn-CN">重听请按星号键。</Say>');
    expect(renderTwiml(reply, neural)).toContain('<Say voice="Polly.Zhiyu-Neural" language="cmn-CN">重听请按星号键。</Say>');
    expect(renderTwiml(reply, standard)).toContain('voice="Polly.Zhiyu" ');
    const ticket = (id: string): Reply => ({ prompts: [{ lang: 'zh-CN', text: `您的工单号是${id}。` }], next: { kind: 'hangup' } });
    expect(renderTwiml(ticket('1 2 3'), standard)).toContain('您的工单号是1 2 3。');
    expect(renderTwiml(ticket('1 2 4'), standard)).toContain('您的工单号是1 2 4。');
  });

  it('refuses a text the SDK refuses (a control character), as the SDK alone did', () => {
    const reply: Reply = { prompts: [{ lang: 'en-US', text: 'bell \u0007 here' }], next: { kind: 'hangup' } };
    expect(() => referenceTwiml(reply, VOICE_TABLES[0])).toThrow(/Invalid character/);
    expect(() => renderTwiml(reply, VOICE_TABLES[0])).toThrow(/Invalid character/);
  });
});

describe('the prompt markup cache', () => {
  const voices = VOICE_TABLES[0];
  const say = (text: string): RenderedPrompt => ({ lang: 'en-US', text });

  it('keeps at most its bound, dropping the prompt used longest ago, and renders a dropped prompt again the same', () => {
    const cache = new PromptFragments(3);
    const first = cache.markup(say('one'), voices);
    cache.markup(say('two'), voices);
    cache.markup(say('three'), voices);
    cache.markup(say('one'), voices); // "one" is now the most recently used; "two" the least
    cache.markup(say('four'), voices);
    expect(cache.size).toBe(3);
    for (let i = 0; i < 50; i++) cache.markup(say(`caller ${i}`), voices);
    expect(cache.size).toBe(3);
    expect(cache.markup(say('one'), voices)).toBe(first);
    expect(first).toBe('<Say voice="Polly.Joanna" language="en-US">one</Say>');
  });

  it('drops the least recently used entry, not the oldest one used again since', () => {
    const rendered: string[] = [];
    const cache = new PromptFragments(2, (prompt, v) => {
      rendered.push('text' in prompt ? prompt.text : prompt.audio);
      return renderAlone(prompt, v);
    });
    cache.markup(say('a'), voices);
    cache.markup(say('b'), voices);
    cache.markup(say('a'), voices); // a hit: "a" becomes the most recently used
    cache.markup(say('c'), voices); // drops "b"
    cache.markup(say('a'), voices);
    cache.markup(say('b'), voices);
    expect(rendered).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses a bound that is not a whole number of at least 1, saying so', () => {
    expect(() => new PromptFragments(0)).toThrow('PromptFragments: maxEntries must be a whole number of at least 1, not 0');
  });
});
