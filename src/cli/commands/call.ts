import { serverPathLine } from '../../sim/server-path';
import { Command, InvalidArgumentError } from 'commander';
import { createInterface } from 'node:readline/promises';
import { CallerInputError, simulateCall, type SimulatedCall, type TranscriptLine } from '../../sim/simulate-call';
import { placeHttpCall } from '../../sim/http-caller';
import { DialStatusSchema, type DialStatus } from '../../flow/runtime/turn';
import { simulatedCallbacks } from '../../sim/simulated-callbacks';
import { transcriptText } from '../../sim/transcript-text';
import { CALLER_SCRIPT_SYNTAX, CallerScriptError, notAnEntry, parseCallerScript, parseTypedLine, type CallerEntry } from '../../sim/caller-script';
import { maskPhone } from '../../hotlines';
import { readServerConfig } from '../read-config';

type CallOptions = { from: string; country?: string; at?: string; input?: string; flowsDir: string; via?: string; adminToken?: string; wait?: string; dial: DialStatus };

const DIAL_RESULTS = ['answered', 'busy', 'no-answer', 'failed', 'canceled'] as const;

/**
 * `ivr call <number>`: be the caller. Prompts are printed as heard; type keys and Enter (an empty
 * line is silence) or, where the flow listens, words in double quotes; or script the whole call
 * with --input '1 13800138000# say:"我的账号被盗了" _' (see CALLER_SCRIPT_SYNTAX).
 * A transfer to a phone number ends as --dial says (answered by default; busy, no-answer… take the fallback).
 * Effects run against the real services over in-memory stores; SMS are printed, not sent.
 */
export function callCommand(): Command {
  return new Command('call')
    .description('place a simulated call and be the caller (interactive, or scripted with --input)')
    .argument('<number>', 'the number to dial, e.g. 400-0066-888')
    .option('--from <number>', "the caller's number", '+8613800138000')
    .option('--country <code>', "the caller's country as the network reports it (FromCountry)")
    .option('--at <time>', 'when the call is placed, e.g. 2026-11-23T21:00:00+08:00 (default: now)')
    .option('--input <entries>', `a scripted call: ${CALLER_SCRIPT_SYNTAX}`)
    .option('--flows-dir <dir>', 'the flows directory', process.env.FLOWS_DIR ?? 'flows')
    .option('--via <url>', 'place the call against a running server, as Twilio would (signed webhooks); a development server shows the SMS it sent')
    .option('--admin-token <token>', "with --via: the server's admin token, to read the SMS it sent (default: ADMIN_TOKEN, else the development token)")
    .option('--dial <result>', `how a transfer to a phone number ends: ${DIAL_RESULTS.join(', ')}`, parseDialResult, 'answered')
    .option('--wait <seconds>', "once put in a queue, wait this long with nobody answering (virtual clock): the queue's longest wait or closing may take the caller out")
    .addHelpText(
      'after',
      [
        '',
        'Speech (where the flow listens: input: [dtmf, speech]):',
        `  --input '1 say:人工'                     say one word`,
        `  --input 'say:"我的账号被盗了" _'          say a sentence, then stay silent`,
        `  --input 'say@0.3:"嗯电商"'                 the recogniser is only 30 % sure (below 0.5 the engine asks "did you mean…?")`,
        '  interactively, a line starting with a double quote is speech: "我的账号被盗了" (or "嗯电商" @0.3)',
        '  what is said at a sensitive entry (a code, an account number) is shown as ******.',
        '  With --via, words are posted as SpeechResult and Confidence, and only to a <Gather> that listens.',
      ].join('\n'),
    )
    .action(async (number: string, opts: CallOptions) => {
      // A script with a typo fails before the call is placed, not half-way through it.
      const script = opts.input === undefined ? undefined : scriptOrExit(opts.input);
      if (opts.via) {
        // The tokens the server reads (.env, then the environment): its admin token reads the SMS it sent.
        const adminToken = opts.adminToken ?? readServerConfig('call').adminToken;
        const placed = await placeHttpCall({ baseUrl: opts.via, to: number, from: opts.from, fromCountry: opts.country, script, dial: opts.dial, showSms: { adminToken } });
        process.stdout.write(`${await serverPathLine({ baseUrl: opts.via, adminToken, callSid: placed.sid })}\n`);
        return;
      }
      const call = await simulateCall({
        dial: number,
        from: opts.from,
        fromCountry: opts.country,
        at: opts.at ?? new Date().toISOString(),
        flowsDir: opts.flowsDir,
        onLine: printLine,
      });
      if (script !== undefined) await runScript(call, script, opts.dial);
      else await runInteractive(call, opts.dial);
      if (opts.wait !== undefined && call.ended?.kind === 'transfer' && call.ended.queue) await call.waitInQueue(waitSeconds(opts.wait));
      await printOutcome(call);
    });
}

/** `--dial`: one of Twilio's DialCallStatus values, or a clear error naming them. */
function parseDialResult(value: string): DialStatus {
  const parsed = DialStatusSchema.safeParse(value.trim());
  if (!parsed.success) throw new InvalidArgumentError(`"${value}" is not a dial result; use one of ${DIAL_RESULTS.join(', ')}`);
  return parsed.data;
}

/** A transfer to a number rings: it ends as `--dial` says (each time, if the fallback dials again). */
async function settleDials(call: SimulatedCall, dial: DialStatus): Promise<void> {
  while (!call.ended && call.waitingFor?.kind === 'dial') await call.dial(dial);
}

function waitSeconds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 24 * 3600) throw new Error(`--wait "${text}" must be whole seconds from 0 to 86400, e.g. --wait 400`);
  return n;
}

function scriptOrExit(input: string): CallerEntry[] {
  try {
    return parseCallerScript(input);
  } catch (err) {
    if (err instanceof CallerScriptError) throw new InvalidArgumentError(`--input: ${err.message}`);
    throw err;
  }
}

async function runScript(call: SimulatedCall, script: CallerEntry[], dial: DialStatus): Promise<void> {
  await settleDials(call, dial);
  for (const entry of script) {
    if (call.ended || !call.waitingFor) break;
    await feed(call, entry);
    await settleDials(call, dial);
  }
}

async function runInteractive(call: SimulatedCall, dial: DialStatus): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // The input ending (Ctrl-D, or the end of a piped script) is the caller hanging up: the run
  // still ends with its outcome and path.
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  try {
    while (!call.ended && call.waitingFor) {
      if (call.waitingFor.kind === 'dial') {
        await settleDials(call, dial);
        continue;
      }
      const w = call.waitingFor;
      const ask = w.kind === 'recording' ? 'speak (Enter to leave a message, "h" to hang up)> ' : w.speech ? 'keys or "words"> ' : 'keys> ';
      const line = await Promise.race([rl.question(ask), closed]);
      if (line === null) {
        process.stdout.write('\n');
        await call.hangUp();
      } else if (line.trim() === 'h') await call.hangUp();
      else if (w.kind === 'recording') await (line.trim() === '' ? call.silence() : call.record());
      else await typed(call, line);
    }
  } finally {
    rl.close();
  }
}

/** A line typed at the prompt; a mistake (words where nobody listens, a typo) is shown and the prompt asked again. */
async function typed(call: SimulatedCall, line: string): Promise<void> {
  try {
    for (const entry of parseTypedLine(line)) {
      if (call.ended || !call.waitingFor) break;
      await feed(call, entry);
    }
  } catch (err) {
    if (!(err instanceof CallerScriptError) && !(err instanceof CallerInputError)) throw err;
    process.stdout.write(`⚠️  ${err.message}\n`);
  }
}

async function feed(call: SimulatedCall, entry: CallerEntry): Promise<void> {
  if (call.waitingFor?.kind === 'recording') await (entry.kind === 'silence' ? call.silence() : call.record());
  else if (entry.kind === 'silence') await call.silence();
  else if (entry.kind === 'say') await call.say(entry.text, entry.confidence !== undefined ? { confidence: entry.confidence } : {});
  else if (entry.kind === 'other') throw notAnEntry(entry.token);
  else await call.press(entry.keys);
}

function printLine(line: TranscriptLine): void {
  process.stdout.write(`${transcriptText(line)}\n`);
}

async function printOutcome(call: SimulatedCall): Promise<void> {
  // SMS were printed as they left; any sent since (after the last turn) are printed now.
  call.showSentSms();
  if (call.notInService) {
    process.stdout.write('path: (none: the number is not in service)\n');
    return;
  }
  const w = call.waitingFor;
  if (!call.ended && w) {
    process.stdout.write(
      w.kind === 'digits'
        ? `⏳ waiting for ${w.minDigits === w.maxDigits ? w.maxDigits : `${w.minDigits}-${w.maxDigits}`} key(s)${w.finishOnKey ? ` then ${w.finishOnKey}` : ''} (timeout ${w.timeoutSec}s)\n`
        : w.kind === 'recording'
          ? `⏳ waiting for a voicemail (up to ${w.maxLengthSec}s)\n`
          : `⏳ ringing ${w.number}\n`,
    );
  }
  if (call.ended) {
    const e = call.ended;
    const answered = call.dials.find((d) => d.result === 'answered');
    process.stdout.write(
      e.kind === 'transfer'
        ? `✅ transferred to queue ${e.queue} (priority ${e.priority})\n`
        : answered
          ? `✅ transferred to ${answered.number}: answered, talked ${answered.talkSec}s, then hung up\n`
          : '✅ hung up\n',
    );
    // The call back the call was promised, on the virtual clock; the path line stays last.
    await playCallbacks(call);
  }
  process.stdout.write(`path: ${call.path.join(' → ')}\n`);
}

/** A call back the call was promised: the virtual clock moves to its due time, the dialler places it and the customer answers. */
async function playCallbacks(call: SimulatedCall): Promise<void> {
  const callbacks = simulatedCallbacks({ project: call.project, clock: call.clock, services: call.services });
  const due = await callbacks.nextDue();
  if (due === undefined) return;
  call.clock.set(Math.max(due, call.clock.now()));
  await callbacks.dial();
  for (const placed of await callbacks.answer('human')) {
    process.stdout.write(`📲 ${new Date(call.clock.now()).toISOString()} call back placed to ${maskPhone(placed.to)} from ${placed.from} (ticket ${placed.ticketId}); you answer\n`);
    for (const prompt of placed.heard ?? []) printLine({ who: 'ivr', prompt });
    if (placed.queue) process.stdout.write(`✅ put through to queue ${placed.queue}\n`);
  }
}
