import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { takeEntry } from '../call/keypad';
import { loadConfig } from '../config/config';
import type { Await } from '../flow/runtime/turn';
import { signRequest } from '../telephony/twilio/verify-signature';
import { LANGUAGE_TAGS } from '../telephony/twilio/voices';
import type { TwimlVerb } from '../telephony/twilio/parse-twiml';

export type HttpCallOptions = {
  /** Where the server listens, e.g. http://localhost:3000. */
  baseUrl: string;
  to: string;
  from: string;
  fromCountry?: string;
  /** Entries separated by spaces, "_" for silence; without it, keys are read from stdin. */
  script?: string;
  /** The server's TWILIO_AUTH_TOKEN (default: from the same environment the server reads). */
  authToken?: string;
  /** The URL Twilio would sign (default: PUBLIC_BASE_URL if set, else baseUrl). */
  publicBaseUrl?: string;
  sid?: string;
  print?: (line: string) => void;
  /**
   * The caller's next entry for a <Gather> (or, with no spec, whether to speak after a beep: any
   * string), decided as the call goes (e.g. a code read off an SMS); undefined hangs up. Replaces
   * `script` and stdin.
   */
  nextEntry?: (spec: DigitsAwait | undefined) => string | undefined;
  /** The caller's clock (the status callback's CallDuration); default: the wall clock. */
  now?: () => number;
  /** Called before each request reaches the server (a simulation moves its clock: the caller listened, then keyed). */
  beforeRequest?: () => void;
};

export type HttpCallResult = {
  sid: string;
  heard: string[];
  ended: 'hangup' | 'queue' | 'dial' | 'caller-left';
  requests: number;
};

type Params = Record<string, string>;
const MAX_REQUESTS = 200;
const SAY_TO_LANG = new Map(Object.entries(LANGUAGE_TAGS).map(([lang, t]) => [t.sayLanguage as string, lang]));

/**
 * Places a call against a running server the way Twilio does: signed form posts to the Voice URL,
 * then whatever the TwiML asks for (Gather and Record actions, Redirects), printing what a caller
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
  const keys = opts.nextEntry ? calledKeys(opts.nextEntry) : keySource(opts.script);
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

  print(`📞 calling ${opts.to} via ${opts.baseUrl} as ${sid}`);
  let next: { url: string; params: Params } | undefined = { url: `${publicBaseUrl}/twilio/voice`, params: call };
  let ended: HttpCallResult['ended'] = 'hangup';
  try {
    while (next && requests < MAX_REQUESTS) {
      const verbs = parseTwiml(await post(next.url, next.params));
      next = undefined;
      for (const v of verbs) {
        if (v.verb === 'Say' || v.verb === 'Play') speak([v]);
        else if (v.verb === 'Gather') {
          speak(v.children);
          const entry = await keys.next(gatherSpec(v));
          if (entry === undefined) {
            ended = 'caller-left';
            break;
          }
          print(entry === '' ? '☎️  (silence)' : `☎️  you pressed ${entry}`);
          next = { url: v.attrs.action, params: { ...call, Digits: entry } };
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
          print(`✅ dialling ${v.text}`);
          ended = 'dial';
        } else if (v.verb === 'Hangup') {
          print('✅ hung up');
          ended = 'hangup';
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

/** The keypad rules of a <Gather>: numDigits ends the entry, finishOnKey (default #) too. */
function gatherSpec(v: TwimlVerb): DigitsAwait {
  const n = v.attrs.numDigits ? Number(v.attrs.numDigits) : undefined;
  const finishOnKey = v.attrs.finishOnKey ?? '#';
  return {
    kind: 'digits',
    minDigits: n ?? 1,
    maxDigits: n ?? 64,
    ...(finishOnKey ? { finishOnKey } : {}),
    timeoutSec: Number(v.attrs.timeout ?? 5),
    sensitive: false,
  };
}

/** Entries decided by the caller's code as the call goes. */
function calledKeys(nextEntry: (spec: DigitsAwait | undefined) => string | undefined) {
  return { next: async (spec: DigitsAwait | undefined) => nextEntry(spec), close: () => undefined };
}

/** Keys from the script (entries split on spaces, "_" is silence), or typed at the terminal. */
function keySource(script: string | undefined) {
  const entries = script === undefined ? undefined : script.split(/\s+/).filter(Boolean);
  const rl = entries ? undefined : createInterface({ input: process.stdin, output: process.stdout });
  let pending = '';
  return {
    /** The next entry for a <Gather> (or, with no spec, whether to speak after a beep); undefined when the caller is done. */
    async next(spec: DigitsAwait | undefined): Promise<string | undefined> {
      if (pending === '') {
        const token = entries ? entries.shift() : await rl!.question(spec ? 'keys (Enter for silence)> ' : 'Enter to leave a message, "_" for silence> ').catch(() => undefined);
        if (token === undefined) return undefined;
        const t = token.trim();
        if (t === '_' || (t === '' && spec)) return '';
        if (!spec) return 'message';
        pending = t;
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
