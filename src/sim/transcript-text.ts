import { maskPhone } from '../hotlines';
import type { DialStatus } from '../flow/runtime/turn';
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
      return line.input.type === 'digits' ? `☎️  you pressed ${line.input.digits}` : `☎️  (${line.input.type})`;
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
