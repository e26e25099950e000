import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { RenderedPrompt } from '../../src/flow/runtime/turn';
import type { Reply } from '../../src/telephony/reply';
import { renderTwiml } from '../../src/telephony/twilio/render-twiml';
import { voicesFor } from '../../src/telephony/twilio/voices';

/** The SDK's rendering, as renderTwiml was written before it wrote TwiML itself: the reference. */
function sdkTwiml(reply: Reply, voices: ReturnType<typeof voicesFor>): string {
  const response = new VoiceResponse();
  const speak = (target: Pick<VoiceResponse, 'say' | 'play'>, prompts: readonly RenderedPrompt[]) => {
    for (const p of prompts) {
      if ('audio' in p) target.play(p.audio);
      else target.say({ voice: voices[p.lang].voice, language: voices[p.lang].sayLanguage }, p.text);
    }
  };
  const next = reply.next;
  const lang = reply.prompts.find((p) => 'text' in p)?.lang ?? reply.prompts[0]?.lang;
  if (next.kind === 'gather') {
    const gather = response.gather({
      input: ['dtmf'],
      action: next.action,
      method: 'POST',
      actionOnEmptyResult: next.onSilence !== 'continue',
      timeout: next.spec.timeoutSec,
      finishOnKey: next.spec.finishOnKey ?? '',
      ...(next.spec.minDigits === next.spec.maxDigits ? { numDigits: next.spec.maxDigits } : {}),
      ...(lang ? { language: voices[lang].gatherLanguage } : {}),
    });
    speak(gather, reply.prompts);
    return response.toString();
  }
  speak(response, reply.prompts);
  if (next.kind === 'record') {
    response.record({ action: next.action, method: 'POST', maxLength: next.spec.maxLengthSec, finishOnKey: next.spec.finishOnKey, playBeep: true });
    response.redirect({ method: 'POST' }, next.action);
  } else if (next.kind === 'enqueue') response.enqueue({ action: next.action, method: 'POST', waitUrl: next.waitUrl, waitUrlMethod: 'POST' }, next.queue);
  else if (next.kind === 'leave') response.leave();
  else if (next.kind === 'dial') response.dial(next.number);
  else if (next.kind === 'hangup') response.hangup();
  else if (next.kind === 'redirect') response.redirect({ method: 'POST' }, next.url);
  return response.toString();
}

const voices = voicesFor({ 'zh-CN': 'Polly.Zhiyu', 'en-US': 'Polly.Joanna' });
const zh = (text: string): RenderedPrompt => ({ lang: 'zh-CN', text });
const en = (text: string): RenderedPrompt => ({ lang: 'en-US', text });
const url = 'https://ivr.example.com/twilio/voice/turn?n=3&retry=1';
const digits = { kind: 'digits' as const, minDigits: 1, maxDigits: 1, timeoutSec: 5, sensitive: false };

const replies: [string, Reply][] = [
  ['a menu', { prompts: [zh('账号问题请按1，内容违规申诉请按2。'), en('For English press 9.')], next: { kind: 'gather', spec: digits, action: url } }],
  ['a code entry ended by #', { prompts: [zh('请输入6位验证码，以#号键结束。')], next: { kind: 'gather', spec: { ...digits, minDigits: 6, maxDigits: 6, finishOnKey: '#', sensitive: true }, action: url } }],
  ['a variable-length entry, nothing said', { prompts: [], next: { kind: 'gather', spec: { ...digits, minDigits: 10, maxDigits: 20, finishOnKey: '#' }, action: url, onSilence: 'continue' } }],
  ['text that must be escaped', { prompts: [en('Tom & Jerry <said> "hi" it\'s > 5\r\nok\ttab'), { lang: 'zh-CN', audio: 'https://cdn.example.com/a.mp3?x=1&y=<2>' }], next: { kind: 'hangup' } }],
  ['a recording', { prompts: [zh('请在提示音后留言。')], next: { kind: 'record', spec: { kind: 'recording', maxLengthSec: 120, finishOnKey: '#' }, action: `${url}&quote="x"` } }],
  ['a queue', { prompts: [zh('正在为您转接。')], next: { kind: 'enqueue', queue: 'account', waitUrl: 'https://ivr.example.com/twilio/queue/wait?q=account&p=high', action: url } }],
  ['leave, dial, redirect, nothing', { prompts: [], next: { kind: 'leave' } }],
  ['a dial', { prompts: [en('Connecting you.')], next: { kind: 'dial', number: '+8610 1234 5678' } }],
  ['a redirect', { prompts: [], next: { kind: 'redirect', url } }],
  ['nothing at all', { prompts: [], next: { kind: 'none' } }],
  ['an empty sentence', { prompts: [zh('')], next: { kind: 'hangup' } }],
];

describe('TwiML written without the SDK', () => {
  it.each(replies)('is byte for byte what the SDK writes: %s', (_name, reply) => {
    expect(renderTwiml(reply, voices)).toBe(sdkTwiml(reply, voices));
  });

  it('refuses a character XML cannot hold, as the SDK does', () => {
    const reply: Reply = { prompts: [zh('bad\u0001char')], next: { kind: 'hangup' } };
    expect(() => sdkTwiml(reply, voices)).toThrow();
    expect(() => renderTwiml(reply, voices)).toThrow('XML 1.0 forbids it');
  });
});
