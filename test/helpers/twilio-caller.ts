import request from 'supertest';
import type { App } from 'supertest/types';
import { signRequest } from '../../src/telephony/twilio/verify-signature';
import { parseTwiml, type TwimlVerb } from '../../src/telephony/twilio/parse-twiml';

export type Answer = { status: number; body: string; verbs: TwimlVerb[] };
type Params = Record<string, string>;

let nextSid = 1;
/** A fresh Twilio-looking CallSid. */
export function newCallSid(): string {
  return `CA${String(nextSid++).padStart(32, '0')}`;
}

/** Signs and posts a form as Twilio does: the signature covers the public URL and every field. */
export function postSigned(app: App, opts: { url: string; params: Params; authToken: string; signatureUrl?: string; signature?: string | null }) {
  const { pathname, search } = new URL(opts.url);
  const req = request(app).post(`${pathname}${search}`).type('form');
  const signature = opts.signature === undefined ? signRequest(opts.authToken, opts.signatureUrl ?? opts.url, opts.params) : opts.signature;
  return (signature === null ? req : req.set('X-Twilio-Signature', signature)).send(opts.params);
}

/**
 * Plays Twilio's part in a call against the app: rings, then follows the TwiML it gets back,
 * posting keys to <Gather> actions and messages to <Record> actions with signed requests.
 */
export class TwilioCaller {
  readonly sid: string;
  last?: Answer;
  private lastRequest?: { url: string; params: Params };

  constructor(
    private readonly app: App,
    private readonly opts: { authToken: string; publicBaseUrl: string; to: string; from?: string; fromCountry?: string; sid?: string },
  ) {
    this.sid = opts.sid ?? newCallSid();
  }

  private get callParams(): Params {
    return {
      CallSid: this.sid,
      AccountSid: `AC${'0'.repeat(32)}`,
      To: this.opts.to,
      From: this.opts.from ?? '+8613800138000',
      ...(this.opts.fromCountry !== undefined ? { FromCountry: this.opts.fromCountry } : {}),
      Direction: 'inbound',
      CallStatus: 'in-progress',
      ApiVersion: '2010-04-01',
    };
  }

  /** The call arrives on the number's Voice URL. */
  ring(): Promise<Answer> {
    return this.post(`${this.opts.publicBaseUrl}/twilio/voice`, this.callParams);
  }

  /** The caller keys an entry into the current <Gather>. */
  press(digits: string): Promise<Answer> {
    return this.post(this.action('Gather'), { ...this.callParams, Digits: digits });
  }

  /**
   * The caller speaks into the current <Gather>, which must listen for speech (Twilio never posts
   * words to a keys-only one): SpeechResult and Confidence, as its recogniser reports them.
   */
  say(text: string, confidence = 0.9): Promise<Answer> {
    const gather = this.last?.verbs.find((v) => v.verb === 'Gather');
    if (!gather?.attrs.input?.split(' ').includes('speech')) throw new Error(`said "${text}" to a <Gather> that does not listen for speech: ${this.last?.body}`);
    return this.post(this.action('Gather'), { ...this.callParams, SpeechResult: text, Confidence: String(confidence) });
  }

  /** The <Gather> times out with nothing keyed. */
  silence(): Promise<Answer> {
    return this.post(this.action('Gather'), { ...this.callParams, Digits: '' });
  }

  /** The caller speaks after the beep and presses #. */
  leaveMessage(url = 'https://api.twilio.com/recordings/RE0001', durationSec = 12): Promise<Answer> {
    return this.post(this.action('Record'), { ...this.callParams, RecordingUrl: url, RecordingDuration: String(durationSec), Digits: '#' });
  }

  /** The <Record> catches nothing, so Twilio follows the <Redirect> after it. */
  recordNothing(): Promise<Answer> {
    return this.post(this.action('Redirect'), this.callParams);
  }

  /**
   * The <Dial> of the last answer ends as Twilio reports it on the dial's action URL: DialCallStatus
   * (completed once an answered number hangs up), the dialled leg's SID and, when answered, the talk
   * time. `callerStatus`: the caller's own call status (completed when they hung up while it rang).
   */
  dialEnds(status: string, opts: { talkSec?: number; callerStatus?: string } = {}): Promise<Answer> {
    const answered = status === 'completed' || status === 'answered';
    return this.post(this.action('Dial'), {
      ...this.callParams,
      ...(opts.callerStatus ? { CallStatus: opts.callerStatus } : {}),
      DialCallStatus: status,
      DialCallSid: `CA${'d'.repeat(32)}`,
      ...(answered ? { DialCallDuration: String(opts.talkSec ?? 60) } : {}),
    });
  }

  /** Twilio delivers the last request again, byte for byte (a retry after a timeout). */
  resend(): Promise<Answer> {
    if (!this.lastRequest) throw new Error('nothing was sent yet');
    return this.post(this.lastRequest.url, this.lastRequest.params);
  }

  /** The call ends; Twilio posts the status callback. */
  async hangUp(status = 'completed', durationSec = 95) {
    return postSigned(this.app, {
      url: `${this.opts.publicBaseUrl}/twilio/status`,
      params: { CallSid: this.sid, CallStatus: status, CallDuration: String(durationSec) },
      authToken: this.opts.authToken,
    });
  }

  /** The action URL of the last answer's verb (what Twilio would request next). */
  action(verb: 'Gather' | 'Record' | 'Redirect' | 'Dial'): string {
    const found = this.last?.verbs.find((v) => v.verb === verb);
    if (!found) throw new Error(`the last answer has no <${verb}>: ${this.last?.body}`);
    return verb === 'Redirect' ? found.text : found.attrs.action;
  }

  /** Every sentence of the last answer, nested ones included. */
  heard(): string[] {
    return said(this.last?.verbs ?? []);
  }

  async post(url: string, params: Params): Promise<Answer> {
    this.lastRequest = { url, params };
    const res = await postSigned(this.app, { url, params, authToken: this.opts.authToken });
    const answer: Answer = { status: res.status, body: res.text, verbs: res.type === 'text/xml' ? parseTwiml(res.text) : [] };
    this.last = answer;
    return answer;
  }
}

/** The text of every <Say>, in order, nested ones included. */
export function said(verbs: TwimlVerb[]): string[] {
  return verbs.flatMap((v) => (v.verb === 'Say' ? [v.text] : said(v.children)));
}

/** The verb names of an answer, nested ones as "Gather>Say". */
export function shape(verbs: TwimlVerb[]): string[] {
  return verbs.flatMap((v) => [v.verb, ...shape(v.children).map((c) => `${v.verb}>${c}`)]);
}
