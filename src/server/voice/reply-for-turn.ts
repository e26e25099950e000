import type { DrivenTurn } from '../../call/drive-turn';
import type { Reply } from '../../telephony/reply';
import { enqueue } from './queue-replies';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';

/**
 * The reply to turn `n`: the prompts heard since the caller's input, then the next wait (whose
 * answer comes back as turn n + 1) or the way the call leaves the flow.
 */
export function replyForTurn(turn: DrivenTurn, n: number, urls: WebhookUrls): Reply {
  const prompts = turn.prompts;
  const wait = turn.await;
  if (wait?.kind === 'digits') return { prompts, next: { kind: 'gather', spec: wait, action: urls.turn(n + 1) } };
  if (wait?.kind === 'recording') return { prompts, next: { kind: 'record', spec: wait, action: urls.record(n + 1) } };
  if (wait?.kind === 'dial') {
    // The person sees the number the caller dialled (ours, so Twilio lets us present it) unless the flow names one.
    const callerId = wait.callerId ?? turn.snapshot.context.call.to;
    return { prompts, next: { kind: 'dial', spec: wait, callerId, action: urls.dial(n + 1) } };
  }
  const end = turn.end;
  if (end?.kind === 'transfer') return { prompts, next: enqueue(end.queue, turn.snapshot.context.lang, urls) };
  return { prompts, next: { kind: 'hangup' } };
}
