import { maskPhone } from '../hotlines';
import type { DialStatus, HeardSummary } from '../flow/runtime/turn';
import type { TranscriptLine } from './simulate-call';

/** One line of a simulated call as a person reads it in a terminal (`ivr call`, a failing `ivr test`). */
export function transcriptText(line: TranscriptLine): string {
  switch (line.who) {
    case 'system':
      return `📞 ${line.text}`;
    case 'ivr':
      return 'text' in line.prompt ? `🔊 [${line.prompt.lang}] ${line.prompt.text}` : `🎵 [${line.prompt.lang}] ${line.prompt.audio}`;
    case 'caller':
      if (line.input.type === 'dialResult') return `📞 the transfer's number ${dialHeard(line.input.status, line.input.durationSec)}`;
      if (line.input.type === 'speech') return `☎️  ${saidText(line.input.text, line.input.confidence, line.sensitive === true)}`;
      return line.input.type === 'digits' ? `☎️  you pressed ${line.input.digits}` : `☎️  (${line.input.type})`;
    case 'heard':
      return `👂 ${understoodAs(line.heard)}`;
    case 'sms':
      return `✉️  SMS to ${maskPhone(line.sms.to)}: ${line.sms.body}`;
    case 'effect': {
      const { effect, result } = line.performed;
      return `⚙️  ${effect.kind} → ${result.ok ? JSON.stringify(result.value) : `failed: ${result.error}`}`;
    }
  }
}

/** How a transfer's dial ended, as the caller would tell it. */
function dialHeard(status: DialStatus, talkSec: number): string {
  if (status === 'completed' || status === 'answered') return `answered (talked ${talkSec}s)`;
  return { busy: 'is busy', 'no-answer': 'does not answer', failed: 'cannot be reached (failed)', canceled: 'was canceled' }[status];
}

/** Six stars, whatever was said: the length of a code or an account number is not shown either. */
export const MASKED_SPEECH = '******';

/**
 * What the caller said, as a transcript shows it: the words, the recogniser's confidence when it
 * gave one; at a sensitive entry (a code, an account number) only that something was said.
 */
export function saidText(text: string, confidence: number | undefined, sensitive: boolean): string {
  if (sensitive) return `caller said ${MASKED_SPEECH}`;
  return `caller said ${JSON.stringify(text)}${confidence !== undefined ? ` (confidence ${confidence})` : ''}`;
}

/** How the engine took the words: what a flow designer checks when a phrase does not work. */
function understoodAs(h: HeardSummary): string {
  const what =
    h.kind === 'choice'
      ? h.choice === 'person' || h.choice === 'emergency'
        ? `understood: ${h.choice}`
        : `understood: option ${h.choice}`
      : h.kind === 'unsure'
        ? 'unsure: asking the caller'
        : h.kind === 'digits'
          ? 'understood: a number'
          : h.kind === 'noMatch'
            ? 'not understood'
            : `understood: ${h.kind}`;
  return h.distressed ? `${what} (distressed)` : what;
}
