import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { takeEntry } from '../call/keypad';
import { loadConfig } from '../config/config';
import type { Await, DialStatus } from '../flow/runtime/turn';
import { signRequest } from '../telephony/twilio/verify-signature';
import { LANGUAGE_TAGS } from '../telephony/twilio/voices';
import type { TwimlVerb } from '../telephony/twilio/parse-twiml';
import { CallerScriptError, notAnEntry, parseCallerScript, parseTypedLine, type CallerEntry } from './caller-script';
import { serverSms } from './server-sms';
import { saidText } from './transcript-text';

export type HttpCallOptions = {
  /** Where the server listens, e.g. http://localhost:3000. */
  baseUrl: string;
  to: string;
  from: string;
  fromCountry?: string;
  /**
   * The caller's entries (caller-script.ts: keys, "_" for silence, say:"words"), as text or parsed;
   * without it, they are read from stdin.
   */
  script?: string | CallerEntry[];
  /** The server's TWILIO_AUTH_TOKEN (default: from the same environment the server reads). */
  authToken?: string;
  /** The URL Twilio would sign (default: PUBLIC_BASE_URL if set, else baseUrl). */
  publicBaseUrl?: string;
  sid?: string;
  print?: (line: string) => void;
  /** How each <Dial> to a person's number ends (default answered, after a minute's talk). */
  dial?: DialStatus;
  /**
   * The caller's next entry for a <Gather> (keys, or words where it listens), or, with no spec,
   * whether to speak after a beep (any string), decided as the call goes (e.g. a code read off an
   * SMS); undefined hangs up. Replaces `script` and stdin.
   */
  nextEntry?: (spec: DigitsAwait | undefined) => GatherAnswer | undefined;
  /** The caller's clock (the status callback's CallDuration); default: the wall clock. */
  now?: () => number;
  /** Called before each request reaches the server (a simulation moves its clock: the caller listened, then keyed). */
  beforeRequest?: () => void;
  /**
   * Show the SMS the server sent to this call after every turn (a development server's
   * GET /api/dev/calls/:callSid/sms, with this admin token); without it none are shown.
   */
  showSms?: { adminToken: string };
};

export type HttpCallResult = {
  sid: string;
  heard: string[];
  ended: 'hangup' | 'queue' | 'dial' | 'caller-left';
  requests: number;
};

/** Keys ('' is silence), or words with how sure the recogniser was. */
export type GatherAnswer = string | { say: string; confidence?: number };

/** Twilio always posts a Confidence with a SpeechResult; a script that gives none means a clear line. */
export const CLEAR_LINE_CONFIDENCE = 0.9;

/** The caller spoke where the call does not listen: a real phone's words would not be heard. */
export class NotListeningError extends Error {
  readonly code = 'NOT_LISTENING';
}

type Params = Record<string, string>;
const MAX_REQUESTS = 200;
const SAY_TO_LANG = new Map(Object.entries(LANGUAGE_TAGS).map(([lang, t]) => [t.sayLanguage as string, lang]));

/**
 * Places a call against a running server the way Twilio does: signed form posts to the Voice URL,
 * then whatever the TwiML asks for (Gather, Record and Dial actions, Redirects), printing what a caller
 * hears and keying the script's entries (or stdin's). Sends the `completed` status callback at the end.
 */
export async function placeHttpCall(opts: HttpCallOptions): Promise<HttpCallResult> {
  // Loaded on use: it needs fast-xml-parser, which only development installs have.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseTwiml } = require('../telephony/twilio/parse-twiml') as typeof import('../telephony/twilio/parse-twiml');
  const config = opts.authToken && opts.publicBaseUrl ? undefined : loadConfig();
  const authToken = opts.authToken ?? config!.twilio.authToken;
  const publicBaseUrl = (opts.publicBaseUrl ?? (process.env.PUBLIC_BASE_URL ? config!.publicBaseUrl : opts.baseUrl)).replace(/\/+$/, '');
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sid = opts.sid ?? `CA${randomBytes(16).toString('hex')}`;
  const call: Params = {
    CallSid: sid,
    AccountSid: `AC${'0'.repeat(32)}`,
    To: opts.to,
    From: opts.from,
    ...(opts.fromCountry ? { FromCountry: opts.fromCountry } : {}),
    Direction: 'inbound',
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
  };
  const keys = opts.nextEntry ? calledKeys(opts.nextEntry) : entrySource(typeof opts.script === 'string' ? parseCallerScript(opts.script) : opts.script, print);
  const heard: string[] = [];
  let requests = 0;
  const now = opts.now ?? Date.now;
  const started = now();

  const post = async (signedUrl: string, params: Params): Promise<string> => {
    const { pathname, search } = new URL(signedUrl);
    opts.beforeRequest?.();
    const res = await fetch(`${opts.baseUrl.replace(/\/+$/, '')}${pathname}${search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signRequest(authToken, signedUrl, params) },
      body: new URLSearchParams(params).toString(),
    });
    requests++;
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} from POST ${pathname}${search}: ${text.trim()}`);
    return text;
  };
  const speak = (verbs: TwimlVerb[]) => {
    for (const v of verbs) {
      if (v.verb === 'Say') {
        heard.push(v.text);
        print(`🔊 [${SAY_TO_LANG.get(v.attrs.language) ?? v.attrs.language ?? '?'}] ${v.text}`);
      } else if (v.verb === 'Play') print(`🎵 ${v.text}`);
      // A queue's wait music: its announcements and the call-back offer sit inside a <Gather>.
      else if (v.verb === 'Gather') speak(v.children);
    }
  };

  const texts = opts.showSms ? serverSms({ baseUrl: opts.baseUrl, adminToken: opts.showSms.adminToken, callSid: sid, print }) : undefined;

  print(`📞 calling ${opts.to} via ${opts.baseUrl} as ${sid}`);
  let next: { url: string; params: Params } | undefined = { url: `${publicBaseUrl}/twilio/voice`, params: call };
  let ended: HttpCallResult['ended'] = 'hangup';
  try {
    while (next && requests < MAX_REQUESTS) {
      const verbs = parseTwiml(await post(next.url, next.params));
      // The turn's effects ran before its answer: a code arrives before "请输入验证码" is heard.
      await texts?.show();
      next = undefined;
      for (const v of verbs) {
        if (v.verb === 'Say' || v.verb === 'Play') speak([v]);
        else if (v.verb === 'Gather') {
          speak(v.children);
          const spec = gatherSpec(v);
          const entry = await keys.next(spec);
          if (entry === undefined) {
            ended = 'caller-left';
            break;
          }
          if (typeof entry === 'string') {
            print(entry === '' ? '☎️  (silence)' : `☎️  you pressed ${entry}`);
            next = { url: v.attrs.action, params: { ...call, Digits: entry } };
            break;
          }
          if (!spec.speech) {
            throw new NotListeningError(
              `said "${entry.say}", but the <Gather> posting to ${v.attrs.action} takes keys only (input="${v.attrs.input ?? 'dtmf'}"): a phone's words are not listened to there; press keys`,
            );
          }
          // A number entry (not a one-key menu) may be a code or an account number: never printed.
          print(`☎️  ${saidText(entry.say, entry.confidence, spec.maxDigits > 1)}`);
          next = { url: v.attrs.action, params: { ...call, SpeechResult: entry.say, Confidence: String(entry.confidence ?? CLEAR_LINE_CONFIDENCE) } };
          break;
        } else if (v.verb === 'Record') {
          print('🎙️  (beep) recording…');
          const entry = await keys.next(undefined);
          if (entry === undefined) {
            ended = 'caller-left';
            break;
          }
          if (entry === '') {
            print('☎️  (silence)');
            continue; // Twilio goes on to the <Redirect> after the <Record>.
          }
          print('☎️  you left a message');
          next = { url: v.attrs.action, params: { ...call, RecordingUrl: 'https://api.twilio.com/recordings/RE-simulated', RecordingDuration: '12', Digits: '#' } };
          break;
        } else if (v.verb === 'Redirect') {
          next = { url: v.text, params: call };
          break;
        } else if (v.verb === 'Enqueue') {
          print(`✅ waiting in queue ${v.text}`);
          ended = 'queue';
          if (v.attrs.waitUrl) speak(parseTwiml(await post(v.attrs.waitUrl, { ...call, QueuePosition: '1', AvgQueueTime: '30' })));
        } else if (v.verb === 'Dial') {
          const status = opts.dial ?? 'answered';
          const answered = status === 'answered' || status === 'completed';
          print(`📞 ringing ${v.text}: ${answered ? 'answered, talked 60s' : status}`);
          if (answered) ended = 'dial';
          if (!v.attrs.action) break; // A server without a dial action: the call ends with the dial.
          // Twilio reports an answered number as `completed` once the two have talked.
          next = { url: v.attrs.action, params: { ...call, DialCallStatus: answered ? 'completed' : status, ...(answered ? { DialCallDuration: '60' } : {}) } };
          break;
        } else if (v.verb === 'Hangup') {
          print('✅ hung up');
          // After an answered dial the hang-up only closes the call the person already took.
          if (ended !== 'dial') ended = 'hangup';
        }
      }
    }
  } finally {
    keys.close();
    const duration = String(Math.max(1, Math.round((now() - started) / 1000)));
    await post(`${publicBaseUrl}/twilio/status`, { CallSid: sid, CallStatus: 'completed', CallDuration: duration }).catch((err: unknown) =>
      print(`⚠️  status callback failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  return { sid, heard, ended, requests };
}

export type DigitsAwait = Extract<Await, { kind: 'digits' }>;

/**
 * The keypad rules of a <Gather>: numDigits ends the entry, finishOnKey (default #) too; with
 * input="dtmf speech" it listens to words as well (`speech`, its hints).
 */
function gatherSpec(v: TwimlVerb): DigitsAwait {
  const n = v.attrs.numDigits ? Number(v.attrs.numDigits) : undefined;
  const finishOnKey = v.attrs.finishOnKey ?? '#';
  const listens = (v.attrs.input ?? 'dtmf').split(/\s+/).includes('speech');
  return {
    kind: 'digits',
    minDigits: n ?? 1,
    maxDigits: n ?? 64,
    ...(finishOnKey ? { finishOnKey } : {}),
    timeoutSec: Number(v.attrs.timeout ?? 5),
    sensitive: false,
    ...(listens ? { speech: { hints: v.attrs.hints ? v.attrs.hints.split(', ') : [] } } : {}),
  };
}

/** Entries decided by the caller's code as the call goes. */
function calledKeys(nextEntry: (spec: DigitsAwait | undefined) => GatherAnswer | undefined) {
  return { next: async (spec: DigitsAwait | undefined) => nextEntry(spec), close: () => undefined };
}

/**
 * The script's entries, or lines typed at the terminal (a line starting with a double quote is
 * speech). Typed words where the call does not listen are refused on screen and asked again; a
 * script's are an error (NotListeningError), raised where the <Gather> is known.
 */
function entrySource(script: CallerEntry[] | undefined, print: (line: string) => void) {
  const queue: CallerEntry[] = script ? [...script] : [];
  const rl = script ? undefined : createInterface({ input: process.stdin, output: process.stdout });
  let pending = '';
  /** The next entry, from the script or the terminal; undefined when the caller is done. */
  const take = async (spec: DigitsAwait | undefined): Promise<CallerEntry | undefined> => {
    while (queue.length === 0) {
      if (!rl) return undefined;
      const line = await rl.question(spec ? (spec.speech ? 'keys or "words" (Enter for silence)> ' : 'keys (Enter for silence)> ') : 'Enter to leave a message, "_" for silence> ').catch(() => undefined);
      if (line === undefined) return undefined;
      if (!spec) return line.trim() === '_' ? { kind: 'silence' } : { kind: 'keys', keys: '' };
      try {
        const typed = parseTypedLine(line);
        if (typed.some((e) => e.kind === 'say') && !spec.speech) {
          print("⚠️  this menu takes keys only: words are not listened to here; press keys");
          continue;
        }
        queue.push(...typed);
      } catch (err) {
        if (!(err instanceof CallerScriptError)) throw err;
        print(`⚠️  ${err.message}`);
      }
    }
    return queue.shift();
  };
  return {
    /** The next answer for a <Gather> (or, with no spec, whether to speak after a beep); undefined when the caller is done. */
    async next(spec: DigitsAwait | undefined): Promise<GatherAnswer | undefined> {
      if (pending === '') {
        const entry = await take(spec);
        if (entry === undefined) return undefined;
        if (entry.kind === 'silence') return '';
        // After a beep, anything but silence is a message left.
        if (!spec) return 'message';
        if (entry.kind === 'say') return { say: entry.text, ...(entry.confidence !== undefined ? { confidence: entry.confidence } : {}) };
        if (entry.kind === 'other') throw notAnEntry(entry.token);
        pending = entry.keys.replace(/\s+/g, '');
        if (pending === '') return '';
      }
      if (!spec) {
        pending = '';
        return 'message';
      }
      const { entry, rest } = takeEntry(pending, spec);
      pending = rest;
      return entry;
    },
    close: () => rl?.close(),
  };
}
