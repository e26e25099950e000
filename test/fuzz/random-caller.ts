import { takeEntry } from '../../src/call/keypad';
import type { CallTracker } from '../../src/coverage';
import type { Project } from '../../src/flow/load/load-project';
import { SimulatedClock } from '../../src/platform/clock';
import { EffectKindSchema } from '../../src/flow/runtime/effect';
import { simulateCall, type SimulatedCall } from '../../src/sim/simulate-call';
import { simulatedServices } from '../../src/sim/simulated-services';
import type { Random } from './mulberry32';

export type Line = { dial: string; name: string };

/** The shipped lines; `linesOf` gives any project's. */
export const LINES: readonly Line[] = [
  { dial: '400-0066-888', name: 'general' },
  { dial: '400-101-5454', name: 'commerce' },
  { dial: '+86-400-0066-888', name: 'international (from abroad)' },
  { dial: '400-810-8800', name: 'enterprise' },
];

/** Each line of a project (a fixture's), by its first number. */
export function linesOf(project: Project): Line[] {
  return project.hotlines.map((h) => ({ dial: h.numbers[0], name: h.id }));
}

const CALLERS = {
  domestic: ['+8613800138000', '+8613700137000', '+8613900139000', '+8615000000000', '+8618612345678'],
  abroad: ['+14155550100', '+447700900123', '+819012345678', '+61412345678'],
};
const REGISTERED_KEYED = ['13800138000#', '13700137000#', '13900139000#'];
/** Ordinary days, a weekend, the year-end sale and its spill-over, the Spring Festival closure. */
const DAYS = ['2026-11-23', '2026-11-28', '2026-12-31', '2027-01-01', '2027-02-16'];

const EFFECT_KINDS = EffectKindSchema.options;

export const MAX_TURNS = 40;
/** Random input for this many turns; after it the caller only stays silent, which must end every call. */
const RANDOM_TURNS = 30;

export type Outcome = 'person' | 'ticket' | 'self-service' | 'goodbye' | 'caller hung up';
/** `spoken`: the turns where the caller said something rather than pressed or stayed silent. */
export type RandomCallResult = { outcome?: Outcome; turns: number; spoken: number; error?: string; script: string[]; call?: SimulatedCall };

/**
 * What a recogniser might hand over: nothing, noise, another language, numbers in words, a yes or
 * a no out of place, a key said aloud, emoji, a distressed complaint.
 */
const UTTERANCES = [
  '',
  '   ',
  '啊啊啊',
  '嗯……那个……就是……',
  'Je voudrais parler à quelqu’un, s’il vous plaît',
  'ich habe eine Frage zu meiner Bestellung',
  'I would like to check my order please',
  '一三八零零一三八零零零',
  '幺三八 零零幺三 八零零零',
  'one three eight zero zero one three eight zero zero zero',
  'double five triple eight',
  '😀🎉📞🙏',
  '是',
  '不是',
  'yes',
  'no',
  '按1',
  'press two',
  '零',
  '我要投诉，太慢了，气死了',
  '\u0000\u001b[31m',
];

/**
 * One random call: a random line, caller (at home or abroad) and time of day, then random
 * keypresses — single keys, silence, `*`, `#`, `0`, very long input, registered and unknown phone
 * numbers, wrong codes and, sometimes, the right code read from the SMS — one entry per turn.
 * Where the call listens, the caller often speaks instead (see `utterance`). One call in ten has a
 * back-end service (tickets, SMS, codes, account lookup) down throughout.
 */
export async function randomCall(project: Project, rnd: Random, tracker?: CallTracker, lines: readonly Line[] = LINES): Promise<RandomCallResult> {
  const line = rnd.pick(lines);
  const abroad = line.name.startsWith('international') || rnd.chance(0.15);
  const from = rnd.pick(abroad ? CALLERS.abroad : CALLERS.domestic);
  const minute = rnd.int(0, 24 * 60 - 1);
  const at = `${rnd.pick(DAYS)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
  const script: string[] = [`dial ${line.dial} from ${from} at ${at}`];
  const chaos = rnd.next();
  const clock = new SimulatedClock(Date.parse(at));
  let turns = 0;
  let spoken = 0;
  let pending = '';
  let callerHungUp = false;
  let call: SimulatedCall | undefined;
  try {
    const services = simulatedServices({ project, clock });
    const handlers = { ...services.handlers };
    if (rnd.chance(0.1)) {
      // Now and then a back-end service is down for the whole call: the flow must still end well.
      const down = rnd.pick(EFFECT_KINDS);
      script.push(`${down} down`);
      handlers[down] = async () => {
        throw new Error(`${down} is down (fuzz)`);
      };
    }
    call = await simulateCall({ dial: line.dial, from, project, clock, services, handlers, onLine: tracker?.onLine });
    tracker?.attach(call);
    while (!call.ended && turns < MAX_TURNS) {
      const waiting = call.waitingFor;
      if (!waiting) throw new Error('the call neither waits for the caller nor has ended');
      turns++;
      if (waiting.kind === 'dial') {
        const status = rnd.pick(['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const);
        script.push(`dial ${status}`);
        await call.dial(status, { talkSec: rnd.int(1, 600) });
        continue;
      }
      if (waiting.kind === 'recording') {
        const act = turns > RANDOM_TURNS ? 'silence' : rnd.weighted([[5, 'record'], [3, 'silence'], [1, 'hang up']] as const);
        script.push(act);
        if (act === 'record') await call.record(undefined, rnd.int(0, 60));
        else if (act === 'silence') await call.silence();
        else {
          callerHungUp = true;
          await call.hangUp();
        }
        continue;
      }
      if (turns <= RANDOM_TURNS && pending === '' && waiting.speech && rnd.chance(0.4)) {
        const said = utterance(rnd, call, waiting.speech.hints);
        script.push(`say ${JSON.stringify(said.text.length > 40 ? `${said.text.slice(0, 40)}…(${said.text.length} chars)` : said.text)}${said.confidence !== undefined ? ` @${said.confidence.toFixed(2)}` : ''}`);
        spoken++;
        await call.say(said.text, said.confidence !== undefined ? { confidence: said.confidence } : {});
        continue;
      }
      if (turns > RANDOM_TURNS) pending = '';
      else if (pending === '') {
        const act = chooseKeys(rnd, call, chaos);
        if (act === 'hang up') {
          script.push('hang up');
          callerHungUp = true;
          await call.hangUp();
          continue;
        }
        if (act === 'wait') {
          // Time passes between two turns; it is not a turn itself.
          script.push('wait 6 min');
          clock.advance(6 * 60_000);
          turns--;
          continue;
        }
        pending = act;
      }
      const { entry, rest } = takeEntry(pending, waiting);
      pending = rest;
      script.push(entry === '' ? 'silence' : `press ${entry}`);
      await (entry === '' ? call.silence() : call.press(entry));
    }
  } catch (err) {
    return { turns, spoken, script, call, error: err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err) };
  }
  return { turns, spoken, script, call, outcome: outcomeOf(call, callerHungUp) };
}

/**
 * Something said at a state that listens: often one of its own hints (an option's phrase or a
 * global intent's, which moves the call on), two of them at once (asked back), a hint buried in
 * noise, the lexicon's person or emergency phrase, an utterance of UTTERANCES, or 3,000
 * characters; with no confidence, a random one, or the extremes 0 and 1.
 */
function utterance(rnd: Random, call: SimulatedCall, hints: readonly string[]): { text: string; confidence?: number } {
  const phrases = hints.filter((h) => !h.startsWith('$'));
  const lexicon = call.snapshot ? call.project.env.lexicons[call.snapshot.context.lang] : undefined;
  const intents = [...(lexicon?.person ?? []), ...(lexicon?.emergency ?? [])];
  const hint = () => (phrases.length ? rnd.pick(phrases) : rnd.pick(UTTERANCES));
  const text = rnd.weighted<() => string>([
    [30, hint],
    [8, () => `${hint()}${hint()}`],
    [6, () => `嗯那个我想问一下${hint()}的事情`],
    [6, () => (intents.length ? rnd.pick(intents) : hint())],
    [30, () => rnd.pick(UTTERANCES)],
    [4, () => hint().repeat(3000).slice(0, 3000)],
    [2, () => '啊'.repeat(3000)],
  ])();
  const confidence = rnd.weighted<() => number | undefined>([
    [3, () => undefined],
    [6, () => Math.round(rnd.next() * 100) / 100],
    [1, () => 0],
    [1, () => 1],
  ])();
  return { text, ...(confidence !== undefined ? { confidence } : {}) };
}

/**
 * The next keys to type ('' is silence), a hang-up, or letting six minutes pass (a code expiring).
 * A call's `chaos` is how often its caller types noise rather than what the prompt asks for, so
 * the run reaches deep branches as well as the retry paths.
 */
function chooseKeys(rnd: Random, call: SimulatedCall, chaos: number): string {
  const otp = [...call.services.sms.sent].reverse().find((m) => m.kind === 'otp');
  const code = otp ? call.services.lastCodeSentTo(otp.to) : undefined;
  const w = call.waitingFor;
  if (w?.kind === 'digits' && !rnd.chance(chaos)) {
    if (w.maxDigits === 1) return String(rnd.int(1, 4));
    if (w.minDigits === 6 && w.maxDigits === 6 && code) return code;
    if (w.minDigits === 11) return rnd.pick(REGISTERED_KEYED);
    return `${rnd.keys('0123456789', rnd.int(w.minDigits, Math.min(w.maxDigits, 24)))}${w.finishOnKey ?? ''}`;
  }
  return rnd.weighted<() => string>([
    [24, () => rnd.keys('0123456789*#', 1)],
    [14, () => ''],
    [12, () => String(rnd.int(1, 4))],
    [5, () => rnd.pick(['0', '*', '#'])],
    [6, () => rnd.keys('0123456789*#', rnd.int(20, 80))],
    [7, () => rnd.pick(REGISTERED_KEYED)],
    [4, () => `1${rnd.keys('0123456789', 10)}${rnd.chance(0.7) ? '#' : ''}`],
    [10, () => code ?? rnd.keys('0123456789', 6)],
    [7, () => rnd.keys('0123456789', 6)],
    [6, () => `${rnd.keys('0123456789', rnd.int(1, 22))}#`],
    [3, () => 'wait'],
    [2, () => 'hang up'],
  ])();
}

function outcomeOf(call: SimulatedCall, callerHungUp: boolean): Outcome | undefined {
  if (call.ended?.kind === 'transfer') return 'person';
  if (call.ended?.kind !== 'hangup') return undefined;
  if (callerHungUp) return 'caller hung up';
  const ok = (kind: string) => call.effects.some((p) => p.effect.kind === kind && p.result.ok);
  if (ok('createTicket')) return 'ticket';
  if (ok('sendSms')) return 'self-service';
  return 'goodbye';
}
