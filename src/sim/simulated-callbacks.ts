import { LanguageSchema } from '../flow/schema/prompt.schema';
import type { RenderedPrompt } from '../flow/runtime/turn';
import type { Project } from '../flow/load/load-project';
import type { SimulatedClock } from '../platform/clock';
import type { CallPlacer, OutboundCall } from '../services/callbacks/call-placer';
import { createCallbackDialler } from '../services/callbacks/callback-dialler';
import type { CallbackOutcome } from '../services/callbacks/callback-job';
import { callbackAnswerReply } from '../server/voice/callback-replies';
import { webhookUrls } from '../telephony/twilio/webhook-urls';
import type { SimulatedServices } from './simulated-services';

/** What the customer does when the call back rings. */
export type SimulatedCallee = 'human' | 'machine' | 'busy' | 'no-answer' | 'failed';
/** A call back the simulation placed, and what the customer heard when it was answered. */
export type SimulatedCallback = OutboundCall & { sid: string; ticketId: string; attempt: number; heard?: RenderedPrompt[]; queue?: string; outcome?: CallbackOutcome };

const SIM_BASE = 'https://ivr.simulated';
const OUTCOME: Record<SimulatedCallee, CallbackOutcome> = { human: 'answered', machine: 'voicemail', busy: 'busy', 'no-answer': 'no-answer', failed: 'failed' };

/**
 * The call backs of a simulated call, on the virtual clock: the real dialler places them through
 * an in-process placer (no Twilio), `answer()` plays the customer's part with the engine's own
 * answer (callbackAnswerReply) and records the result as Twilio's status callback would.
 */
export function simulatedCallbacks(deps: { project: Project; clock: SimulatedClock; services: SimulatedServices }) {
  const placed: SimulatedCallback[] = [];
  const placer: CallPlacer = {
    async place(call) {
      const q = new URL(call.url).searchParams;
      const sid = `CAsimcb${String(placed.length + 1).padStart(27, '0')}`;
      placed.push({ ...call, sid, ticketId: q.get('ticket') ?? '', attempt: Number(q.get('attempt')) });
      return { sid };
    },
  };
  const urls = webhookUrls(SIM_BASE);
  const dialler = createCallbackDialler({ store: deps.services.callbacks, placer, results: deps.services.callbackResults, urls, clock: deps.clock });
  return {
    placed,
    /** When the next call back is due, if one is waiting. */
    async nextDue(): Promise<number | undefined> {
      const due = (await deps.services.callbacks.list({ status: 'pending' })).map((j) => j.nextAttemptAt);
      return due.length ? Math.min(...due) : undefined;
    },
    /** Places the call backs due now (one dialler run). */
    dial: () => dialler.flush(),
    /** The customer of each call placed and not yet played picks up (or not); answers those calls. */
    async answer(callee: SimulatedCallee = 'human'): Promise<SimulatedCallback[]> {
      const played: SimulatedCallback[] = [];
      for (const call of placed.filter((c) => !c.outcome)) {
        const job = await deps.services.callbacks.get(call.ticketId);
        if (!job) continue;
        if (callee === 'human' || callee === 'machine') {
          const lang = LanguageSchema.catch('zh-CN').parse(job.lang);
          const lineName = deps.project.hotlines.find((h) => h.id === job.hotline)?.name[lang] ?? '';
          const reply = callbackAnswerReply(job, callee === 'machine' ? 'machine_end_beep' : 'human', {
            lang,
            lineName,
            categoryName: deps.project.centre.categories.get(job.category)?.name[lang] ?? job.category,
            waitUrl: urls.callbackWait(lang),
            leftUrl: urls.callbackLeft(lang),
          });
          call.heard = reply.prompts;
          if (reply.next.kind === 'enqueue') call.queue = reply.next.queue;
        }
        call.outcome = OUTCOME[callee];
        await deps.services.callbackResults.record({ ticketId: call.ticketId, attempt: call.attempt, callSid: call.sid, outcome: call.outcome });
        played.push(call);
      }
      return played;
    },
  };
}
