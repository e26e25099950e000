import { maskPhone } from '../hotlines';
import type { TranscriptLine } from './simulate-call';

/** One line of a simulated call as a person reads it in a terminal (`ivr call`, a failing `ivr test`). */
export function transcriptText(line: TranscriptLine): string {
  switch (line.who) {
    case 'system':
      return `📞 ${line.text}`;
    case 'ivr':
      return 'text' in line.prompt ? `🔊 [${line.prompt.lang}] ${line.prompt.text}` : `🎵 [${line.prompt.lang}] ${line.prompt.audio}`;
    case 'caller':
      return line.input.type === 'digits' ? `☎️  you pressed ${line.input.digits}` : `☎️  (${line.input.type})`;
    case 'sms':
      return `✉️  SMS to ${maskPhone(line.sms.to)}: ${line.sms.body}`;
    case 'effect': {
      const { effect, result } = line.performed;
      return `⚙️  ${effect.kind} → ${result.ok ? JSON.stringify(result.value) : `failed: ${result.error}`}`;
    }
  }
}
