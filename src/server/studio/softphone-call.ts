import type { Project } from '../../flow/load/load-project';
import type { DialStatus, RenderedPrompt } from '../../flow/runtime/turn';
import { numDigitsFor } from '../../call/keypad';
import { SimulatedClock, parseInstant } from '../../platform/clock';
import { CallerInputError, simulateCall, type SimulatedCall, type TranscriptLine } from '../../sim/simulate-call';
import { transcriptText } from '../../sim/transcript-text';
import type { CallView, LineView, WaitView } from './softphone-schema';

/** What the caller did, in the designers' call-script words (flows/tests/*.calls.yaml). */
export type ScriptStep =
  | { hear: string }
  | { press: string }
  | { say: string | { text: string; confidence: number } }
  | { enterCode: string }
  | { dialEnds: DialStatus }
  | { reach: string }
  | 'silence'
  | 'hangUp';

export type SoftphoneCallStart = { project: Project; dial: string; from: string; country?: string; at: string };

/**
 * One call placed from the studio's softphone: the engine's own simulated call (the runtime, the
 * effects and the caller services the webhook uses, over in-memory stores and a virtual clock, with
 * SMS recorded, never sent), and the steps the person took, kept so the call can become a call script.
 */
export class SoftphoneCall {
  readonly steps: ScriptStep[] = [];
  private readonly lines: TranscriptLine[] = [];
  /** Where the prompts since the caller's last input start in `lines`. */
  private sinceInput = 0;

  private constructor(
    readonly id: string,
    readonly start: SoftphoneCallStart,
    private call: SimulatedCall | undefined,
  ) {}

  static async place(id: string, start: SoftphoneCallStart): Promise<SoftphoneCall> {
    const clock = new SimulatedClock(parseInstant(start.at));
    const phone = new SoftphoneCall(id, start, undefined);
    phone.call = await simulateCall({
      project: start.project,
      dial: start.dial,
      from: start.from,
      ...(start.country ? { fromCountry: start.country } : {}),
      clock,
      sid: `CAstudio${id.replace(/-/g, '').slice(0, 26)}`,
      onLine: (line) => phone.lines.push(line),
    });
    return phone;
  }

  private get sim(): SimulatedCall {
    if (!this.call) throw new Error('the softphone call was never placed');
    return this.call;
  }

  get ended(): boolean {
    return this.sim.notInService || this.sim.ended !== undefined;
  }

  get inputs(): number {
    return this.steps.filter((s) => typeof s === 'string' || !('hear' in s || 'reach' in s)).length;
  }

  /** Keys as the person pressed them; at a code entry, the code texted to the phone becomes `enterCode`. */
  press(keys: string): Promise<void> {
    const wait = this.expect('digits', `pressed ${keys}`);
    const code = wait.kind === 'digits' && wait.sensitive ? this.lastCode() : undefined;
    const entry = wait.kind === 'digits' && wait.finishOnKey ? keys.split(wait.finishOnKey)[0] : keys;
    return this.input(code && entry === code.code ? { enterCode: code.to } : { press: keys }, () => this.sim.press(keys));
  }

  say(text: string, confidence?: number): Promise<void> {
    return this.input({ say: confidence === undefined ? text : { text, confidence } }, () => this.sim.say(text, confidence === undefined ? {} : { confidence }));
  }

  silence(): Promise<void> {
    if (this.sim.waitingFor?.kind === 'dial') this.expect('digits', 'stayed silent');
    return this.input('silence', () => (this.sim.waitingFor?.kind === 'recording' ? this.sim.record('', 0) : this.sim.silence()));
  }

  dialEnds(status: DialStatus): Promise<void> {
    this.expect('dial', `the transfer's number ended the dial (${status})`);
    return this.input({ dialEnds: status }, () => this.sim.dial(status));
  }

  async hangUp(): Promise<void> {
    if (!this.ended) await this.input('hangUp', () => this.sim.hangUp());
  }

  /** The call waits for this kind of input, else the person's mistake (409), said as such. */
  private expect(kind: 'digits' | 'dial', what: string) {
    const w = this.sim.waitingFor;
    if (this.ended || !w) throw new CallerInputError(`${what}, but the call ${this.sim.ended ? `has ended (${this.sim.ended.kind})` : 'waits for nothing'}`);
    if (w.kind !== kind) throw new CallerInputError(`${what}, but the call ${w.kind === 'dial' ? `is ringing ${w.number}: choose how that dial ends` : w.kind === 'recording' ? 'records a message' : 'waits for keys or words'}`);
    return w;
  }

  /**
   * Before an input: what the caller had just heard becomes `hear` steps, then the input itself.
   * An input the call could not take (words where nobody listens) changes nothing, in the script either.
   */
  private async input(step: ScriptStep, act: () => Promise<unknown>): Promise<void> {
    const before = { steps: this.steps.length, sinceInput: this.sinceInput };
    for (const phrase of hearSteps(this.heardSinceInput())) this.steps.push({ hear: phrase });
    this.steps.push(step);
    this.sinceInput = this.lines.length;
    try {
      await act();
    } catch (err) {
      this.steps.length = before.steps;
      this.sinceInput = before.sinceInput;
      throw err;
    }
  }

  /** The call as the page shows it. */
  view(): CallView {
    const c = this.sim;
    const snapshot = c.snapshot;
    return {
      id: this.id,
      hotline: c.hotline ?? null,
      afterHours: c.afterHours,
      notInService: c.notInService,
      now: new Date(c.clock.now()).toISOString(),
      lines: this.lines.map(lineView),
      waiting: c.ended ? null : waitView(c.waitingFor),
      ended: c.ended ?? null,
      position: snapshot ? { flow: snapshot.flowId, node: snapshot.context.node, path: [...snapshot.context.path], state: snapshot.value } : null,
    };
  }

  /** What the script checks at its end: the node reached, the line, how it ended, its tickets and SMS. */
  outcome() {
    const c = this.sim;
    const ok = c.effects.filter((p) => p.result.ok).map((p) => p.effect);
    return {
      hotline: c.hotline,
      afterHours: c.afterHours,
      node: c.snapshot?.context.node,
      ended: c.ended,
      variants: c.snapshot?.context.variants,
      tickets: ok.flatMap((e) => (e.kind === 'createTicket' ? [{ category: e.args.category, priority: e.args.priority }] : [])),
      sms: ok.flatMap((e) => (e.kind === 'sendSms' ? [e.args.kind] : [])),
      /** What was said since the last input, for the script's last `hear`. */
      lastHeard: this.heardSinceInput(),
    };
  }

  private heardSinceInput(): string[] {
    return this.lines.slice(this.sinceInput).flatMap((l) => (l.who === 'ivr' && 'text' in l.prompt ? [l.prompt.text] : []));
  }

  private lastCode(): { to: string; code: string } | undefined {
    const sms = [...this.sim.services.sms.sent].reverse().find((m) => m.kind === 'otp');
    const code = sms?.body.match(/\d{6}/)?.[0];
    return sms && code ? { to: sms.to, code } : undefined;
  }
}

/**
 * The phrases a script expects to hear: from the first and the last prompt, the first clause
 * without a number (ticket numbers change from call to call; the words around them do not; a
 * single key, "按1", stays).
 */
export function hearSteps(prompts: readonly string[]): string[] {
  const picks = prompts.length > 1 ? [prompts[0], prompts[prompts.length - 1]] : prompts;
  const out: string[] = [];
  for (const prompt of picks) {
    const clause = prompt
      .split(/[。；！？，：.;!?,:]/)
      .map((s) => s.trim())
      .find((s) => s.length >= 4 && !/\d\s*\d/.test(s));
    if (clause && !out.includes(clause)) out.push(clause);
  }
  return out;
}

function waitView(w: SimulatedCall['waitingFor']): WaitView | null {
  if (!w) return null;
  if (w.kind === 'recording') return { kind: 'recording' };
  if (w.kind === 'dial') return { kind: 'dial', number: w.number };
  const numDigits = numDigitsFor(w);
  return {
    kind: 'digits',
    ...(numDigits !== undefined ? { numDigits } : {}),
    ...(w.finishOnKey ? { finishOnKey: w.finishOnKey } : {}),
    maxDigits: w.maxDigits,
    speech: w.speech !== undefined,
    sensitive: w.sensitive,
  };
}

function lineView(line: TranscriptLine): LineView {
  switch (line.who) {
    case 'ivr':
      return promptView(line.prompt);
    case 'sms':
      return { who: 'sms', to: line.sms.to, from: line.sms.from, kind: line.sms.kind, body: line.sms.body };
    case 'effect':
      return { who: 'effect', kind: line.performed.effect.kind, ok: line.performed.result.ok, text: transcriptText(line) };
    case 'caller':
      // A code keyed at a sensitive entry is shown as stars, as every transcript does.
      return { who: 'caller', text: line.sensitive && line.input.type === 'digits' ? '☎️  you pressed ******' : transcriptText(line) };
    case 'heard':
      return { who: 'heard', text: transcriptText(line) };
    case 'system':
      return { who: 'system', text: line.text };
  }
}

function promptView(p: RenderedPrompt): LineView {
  return 'text' in p ? { who: 'ivr', lang: p.lang, text: p.text } : { who: 'ivr', lang: p.lang, audio: p.audio };
}
