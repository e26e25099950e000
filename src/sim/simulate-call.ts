import { resolve } from 'node:path';
import { DiagnosticsError } from '../diagnostics';
import { driveTurn, type DrivenTurn, type PerformedEffect } from '../call/drive-turn';
import type { EffectHandlers } from '../call/effect-handlers';
import { takeEntry } from '../call/keypad';
import { openCall } from '../call/open-call';
import { loadProject, type Project } from '../flow/load/load-project';
import { step } from '../flow/runtime/runtime';
import type { Input } from '../flow/runtime/input';
import type { Await, CallSnapshot, DialOutcome, DialStatus, End, HeardSummary, RenderedPrompt } from '../flow/runtime/turn';
import type { CompiledFlow } from '../flow/compile/compile-flow';
import { SimulatedClock, parseInstant } from '../platform/clock';
import { overflowStep, queueOpen, queueVerdict, type OverflowStep } from '../server/voice/queue-limits';
import type { SmsMessage } from '../services/sms/sms-sender';
import { MAX_SPEECH_CHARS, withoutControlCharacters } from '../telephony/twilio/twilio-form';
import { simulatedServices, type SimulatedServices } from './simulated-services';

export type SimulateCallOptions = {
  /** The number dialled, in any spelling: "400-0066-888", "+864000066888". */
  dial: string;
  /** The caller's number (default a demo account's phone). */
  from?: string;
  /** The network's idea of the caller's country (Twilio's FromCountry). */
  fromCountry?: string;
  /** When the call is placed, with its zone: "2026-11-23T21:00:00+08:00". */
  at?: string;
  project?: Project;
  flowsDir?: string;
  clock?: SimulatedClock;
  /** Effect handlers; default: the real caller services over in-memory stores. */
  services?: SimulatedServices;
  handlers?: EffectHandlers;
  sid?: string;
  /** Test only: the variant each split node gives this call (a call script's `variants:`), instead of the caller's draw. */
  variants?: Record<string, string>;
  /** Called with each line of the call as it happens (the `ivr call` transcript). */
  onLine?: (line: TranscriptLine) => void;
};

export type TranscriptLine =
  | { who: 'ivr'; prompt: RenderedPrompt }
  /** `sensitive`: the call waited at an entry whose answer is never shown (a code, an account number). */
  | { who: 'caller'; input: Input; sensitive?: true }
  /** How the engine understood what the caller said (never the words: they may be a code). */
  | { who: 'heard'; heard: HeardSummary }
  | { who: 'effect'; performed: PerformedEffect }
  /** An SMS the services sent, the moment it left (a one-time code before the prompt asking for it). */
  | { who: 'sms'; sms: SmsMessage }
  | { who: 'system'; text: string };

/** How often Twilio asks a queue's wait URL in a simulated wait (about one play of the wait TwiML). */
export const WAIT_POLL_SEC = 10;

/** A simulated wait in a queue: how long, and if the queue's limits took the caller out, why and where to. */
export type QueueWait = { queue: string; waitedSec: number; left?: 'max-wait' | 'full' | 'closed'; overflow?: OverflowStep };

const projects = new Map<string, Project>();
/** Loads a flows directory once per process; a broken one throws every diagnostic at once. */
export function loadProjectOrThrow(dir: string): Project {
  const key = resolve(dir);
  const cached = projects.get(key);
  if (cached) return cached;
  const { project, diagnostics } = loadProject(dir);
  if (!project) throw new DiagnosticsError(diagnostics);
  projects.set(key, project);
  return project;
}

let nextSid = 1;

/** The caller did what the call cannot take now (words where nobody listens): their mistake, not the flow's. */
export class CallerInputError extends Error {
  readonly code = 'CALLER_INPUT';
}

/**
 * Places a call the way a phone would and lets a test (or a person at a terminal) be the caller:
 * hear prompts, press keys, stay silent, hang up. Keys go through the same entry rules as
 * Twilio's <Gather> (finish key, fixed lengths, timeouts), and effects run against real services
 * over in-memory stores, with a simulated clock.
 */
export async function simulateCall(opts: SimulateCallOptions): Promise<SimulatedCall> {
  const project = opts.project ?? loadProjectOrThrow(opts.flowsDir ?? 'flows');
  const clock = opts.clock ?? new SimulatedClock(opts.at ? parseInstant(opts.at) : Date.UTC(2026, 10, 23, 2, 0));
  const services = opts.services ?? simulatedServices({ project, clock });
  const call = new SimulatedCall(project, clock, services, opts.handlers ?? services.handlers, opts.onLine);
  await call.place({ sid: opts.sid ?? `CAsim${String(nextSid++).padStart(29, '0')}`, to: opts.dial, from: opts.from ?? '+8613800138000', fromCountry: opts.fromCountry, ...(opts.variants ? { pinnedVariants: opts.variants } : {}) });
  return call;
}

export class SimulatedCall {
  readonly transcript: TranscriptLine[] = [];
  hotline?: string;
  afterHours = false;
  flow?: CompiledFlow;
  snapshot?: CallSnapshot;
  waitingFor?: Await;
  ended?: End;
  /** Each dial of a transfer to a number that ended, in order. */
  readonly dials: DialOutcome[] = [];
  notInService = false;
  /** How the caller's last input was understood, when they spoke (coverage tells a said option from a pressed one). */
  understood?: HeardSummary;
  private sinceLastInput: RenderedPrompt[] = [];
  /** How many of the services' sent SMS the transcript shows. */
  private smsShown = 0;

  constructor(
    readonly project: Project,
    readonly clock: SimulatedClock,
    readonly services: SimulatedServices,
    private readonly handlers: EffectHandlers,
    private readonly onLine?: (line: TranscriptLine) => void,
  ) {}

  /** The call arrives on the dialled line. */
  async place(call: { sid: string; to: string; from: string; fromCountry?: string; pinnedVariants?: Record<string, string> }): Promise<void> {
    const opened = openCall(this.project, { ...call, now: this.clock.now() });
    if (opened.kind === 'notInService') {
      this.notInService = true;
      this.log({ who: 'system', text: `${call.to} is not in service` });
      return;
    }
    this.hotline = opened.hotline.id;
    this.afterHours = opened.afterHours;
    this.flow = opened.flow;
    this.log({ who: 'system', text: `${opened.hotline.id} line ${opened.afterHours ? 'closed: after-hours flow' : 'open'}, flow ${opened.flow.id}@${opened.flow.version}` });
    this.absorb(await driveTurn(opened.flow, opened.turn, this.handlers, { now: () => this.clock.now() }));
  }

  /** Presses keys as a caller would: "1", "13800138000#", or several entries at once: "1 2". */
  async press(keys: string): Promise<this> {
    let rest = keys.replace(/\s+/g, '');
    while (rest.length > 0) {
      const spec = this.waitingFor;
      if (!spec || spec.kind !== 'digits') throw new Error(`pressed "${rest}" but the call ${this.describeWait()}`);
      const taken = takeEntry(rest, spec);
      rest = taken.rest;
      await this.send(taken.entry === '' ? { type: 'noInput', now: this.clock.now() } : { type: 'digits', digits: taken.entry, now: this.clock.now() });
    }
    return this;
  }

  /**
   * Speaks to a menu or entry that listens for words, as Twilio's recogniser would report it:
   * the text and, when given, how sure it was (0–1). A state that takes keys only never hears it.
   */
  async say(text: string, opts: { confidence?: number } = {}): Promise<this> {
    const spec = this.waitingFor;
    // The words may be a code: an error names the state, never what was said there.
    const said = spec?.kind === 'digits' && spec.sensitive ? 'something' : `"${text}"`;
    if (!spec || spec.kind !== 'digits') throw new CallerInputError(`said ${said} but the call ${this.describeWait()}`);
    if (!spec.speech) throw new CallerInputError(`said ${said} but the call waits for keys only (this menu or entry does not listen to speech)`);
    if (opts.confidence !== undefined && !(opts.confidence >= 0 && opts.confidence <= 1)) throw new CallerInputError(`said ${said} with confidence ${opts.confidence}: a confidence is from 0 to 1`);
    // The words reach the runtime as the webhook passes them on (input-from-form.ts): cut to
    // MAX_SPEECH_CHARS, without control characters, trimmed; nothing heard at all is silence.
    const heard = withoutControlCharacters(text).slice(0, MAX_SPEECH_CHARS).trim();
    if (heard === '') await this.send({ type: 'noInput', now: this.clock.now() });
    else await this.send({ type: 'speech', text: heard, ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}), now: this.clock.now() });
    return this;
  }

  /** Says nothing until the prompt times out. */
  async silence(): Promise<this> {
    if (!this.waitingFor || this.waitingFor.kind === 'dial') throw new Error(`silence, but the call ${this.describeWait()}`);
    await this.send({ type: 'noInput', now: this.clock.now() });
    return this;
  }

  /** Leaves a voicemail. */
  async record(url = 'https://recordings.example/RE0001.wav', durationSec = 12): Promise<this> {
    if (this.waitingFor?.kind !== 'recording') throw new Error(`recorded a message, but the call ${this.describeWait()}`);
    await this.send({ type: 'recording', url, durationSec, now: this.clock.now() });
    return this;
  }

  /**
   * The person's phone that a transfer rings answers (and talks `talkSec`), is busy, does not
   * answer, fails or the dial is canceled: Twilio's DialCallStatus. `callerLeft`: the caller hung
   * up while it rang.
   */
  async dial(status: DialStatus, opts: { talkSec?: number; callerLeft?: boolean } = {}): Promise<this> {
    if (this.waitingFor?.kind !== 'dial') throw new Error(`a dial ended (${status}), but the call ${this.describeWait()}`);
    const answered = status === 'answered' || status === 'completed';
    await this.send({ type: 'dialResult', status, durationSec: answered ? (opts.talkSec ?? 60) : 0, ...(opts.callerLeft ? { callerLeft: true } : {}), now: this.clock.now() });
    return this;
  }

  async hangUp(): Promise<this> {
    if (this.snapshot && !this.ended) await this.send({ type: 'hangup', now: this.clock.now() });
    return this;
  }

  /**
   * The caller, transferred to a queue, waits up to `seconds` with nobody answering, on the
   * virtual clock: the wait URL is asked every WAIT_POLL_SEC, and the queue's limits
   * (flows/queues.yaml) take them out past its longest wait or as it closes (its hours, else the
   * line's), naming the overflow they would get. Alone in the queue: its size never counts.
   */
  async waitInQueue(seconds: number): Promise<QueueWait> {
    const queue = this.ended?.kind === 'transfer' ? this.ended.queue : undefined;
    if (!queue) throw new Error(`waited in a queue, but the call ${this.describeWait()} without a transfer to a queue`);
    const limits = this.project.centre.queues.get(queue);
    const line = this.project.hotlines.find((h) => h.id === this.hotline);
    this.log({ who: 'system', text: `waiting in queue ${queue}` });
    let waited = 0;
    for (;;) {
      const verdict = queueVerdict(limits, { position: 1, waitedSec: waited }, queueOpen(limits, line, this.clock.now(), this.afterHours));
      if (verdict !== 'wait') {
        const usable = (q: string) => {
          const other = this.project.centre.queues.get(q);
          return other !== undefined && queueOpen(other, line, this.clock.now(), this.afterHours);
        };
        const overflow = overflowStep(limits, 0, usable);
        this.log({ who: 'system', text: `taken out of queue ${queue} after ${waited} s (${verdict}); overflow: ${overflow.kind === 'queue' ? `queue ${overflow.to}` : `${overflow.offer} offered`}` });
        return { queue, waitedSec: waited, left: verdict, overflow };
      }
      if (waited >= seconds) break;
      const step = Math.min(WAIT_POLL_SEC, seconds - waited);
      this.clock.advance(step * 1000);
      waited += step;
    }
    this.log({ who: 'system', text: `still waiting in queue ${queue} after ${waited} s` });
    return { queue, waitedSec: waited };
  }

  /** Everything the caller heard, one prompt per line. */
  heard(): string {
    return this.transcript.flatMap((l) => (l.who === 'ivr' ? [text(l.prompt)] : [])).join('\n');
  }

  /** What the caller heard since their last input. */
  lastHeard(): string {
    return this.sinceLastInput.map(text).join('\n');
  }

  get path(): string[] {
    return this.snapshot?.context.path ?? [];
  }

  get vars(): Readonly<Record<string, string>> {
    return this.snapshot?.context.vars ?? {};
  }

  get effects(): PerformedEffect[] {
    return this.transcript.flatMap((l) => (l.who === 'effect' ? [l.performed] : []));
  }

  private async send(input: Input): Promise<void> {
    if (!this.flow || !this.snapshot) throw new Error('the call was never answered');
    if (this.ended) throw new Error(`the call already ended (${this.ended.kind})`);
    const w = this.waitingFor;
    this.log({ who: 'caller', input, ...(w?.kind === 'digits' && w.sensitive ? { sensitive: true as const } : {}) });
    this.sinceLastInput = [];
    const turn = step(this.flow, this.snapshot, input);
    this.absorb(await driveTurn(this.flow, turn, this.handlers, { now: () => this.clock.now() }));
    if (input.type === 'hangup') this.ended = { kind: 'hangup' };
  }

  /**
   * Adds the SMS sent since the transcript last looked (SMS queued in an outbox show once it is
   * flushed). Called after every turn; call it again after flushing an outbox.
   */
  showSentSms(): void {
    const sent = this.services.sms.sent;
    for (; this.smsShown < sent.length; this.smsShown++) this.log({ who: 'sms', sms: sent[this.smsShown] });
  }

  /** The SMS of this call's transcript so far. */
  get texts(): SmsMessage[] {
    return this.transcript.flatMap((l) => (l.who === 'sms' ? [l.sms] : []));
  }

  private absorb(turn: DrivenTurn): void {
    this.understood = turn.heard;
    if (turn.heard) this.log({ who: 'heard', heard: turn.heard });
    for (const performed of turn.performed) this.log({ who: 'effect', performed });
    // The effects ran before the caller hears this turn's prompts: a code arrives before "请输入验证码".
    this.showSentSms();
    for (const prompt of turn.prompts) {
      this.sinceLastInput.push(prompt);
      this.log({ who: 'ivr', prompt });
    }
    if (turn.dialled) this.dials.push(turn.dialled);
    this.snapshot = turn.snapshot;
    this.waitingFor = turn.await;
    if (turn.end) this.ended = turn.end;
    // The caller left while a transfer's number rang: the flow is over without an end of its own.
    else if (turn.snapshot.status === 'done' && !turn.await) this.ended = { kind: 'hangup' };
  }

  private describeWait(): string {
    if (this.ended) return `has ended (${this.ended.kind})`;
    if (!this.waitingFor) return 'is not waiting for anything';
    if (this.waitingFor.kind === 'dial') return `is ringing ${this.waitingFor.number} (answer it with .dial(status))`;
    return this.waitingFor.kind === 'digits' ? 'waits for keys' : 'waits for a recording';
  }

  private log(line: TranscriptLine): void {
    this.transcript.push(line);
    this.onLine?.(line);
  }
}

function text(p: RenderedPrompt): string {
  return 'text' in p ? p.text : `[audio ${p.audio}]`;
}
