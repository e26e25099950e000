import type { Logger } from 'pino';
import { maskPhone } from '../../hotlines';
import { LanguageSchema } from '../../flow/schema/prompt.schema';
import type { Clock } from '../../platform/clock';
import { SmsRefusedError, type SmsSender } from '../sms/sms-sender';
import type { TicketStore } from '../tickets/ticket-store';
import type { CallbackJob, CallbackOutcome } from './callback-job';
import { withResult } from './callback-rules';
import type { CallbackStore } from './callback-store';
import { CALLBACK_TEXTS } from './callback-texts';

/** Counters a callback moves (the app's Prometheus metrics), by ticket category. */
export type CallbackCounters = {
  placed(job: CallbackJob, first: boolean): void;
  answered(job: CallbackJob): void;
  exhausted(job: CallbackJob): void;
};

const OUTCOME_NOTE: Record<CallbackOutcome, string> = { answered: '已接通，转入人工', busy: '忙线', 'no-answer': '无人接听', failed: '呼叫失败', voicemail: '进入语音信箱' };

export type AttemptResult = { ticketId: string; attempt: number; callSid: string; outcome: CallbackOutcome };

/**
 * Records what each call back came to: on the job (next attempt after `retryMinutes`, or answered,
 * or exhausted after `maxAttempts`) and as a note on the ticket; an exhausted call back texts the
 * customer once (key `callback/<ticket>/missed`) and leaves the ticket open for a person.
 */
export function createCallbackResults(deps: {
  store: CallbackStore;
  tickets: TicketStore;
  /** The guarded SMS sender of the services (through the outbox when there is one). */
  sms: SmsSender;
  /** `sms` queues one SMS per key (the outbox): the missed-call SMS may be asked for again safely. */
  smsKeyed: boolean;
  smsFrom: (hotlineId: string) => string;
  clock: Clock;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  counters?: CallbackCounters;
}) {
  async function textMissed(job: CallbackJob): Promise<void> {
    const lang = LanguageSchema.catch('zh-CN').parse(job.lang);
    try {
      await deps.sms.send({ key: `callback/${job.ticketId}/missed`, to: job.to, from: deps.smsFrom(job.hotline), body: CALLBACK_TEXTS.missedSms(lang, job.ticketId, job.attempts), kind: 'callback_missed' });
    } catch (err) {
      // The guard counted and logged why; the ticket note tells staff to call.
      if (!(err instanceof SmsRefusedError)) throw err;
    }
  }

  return {
    /**
     * Records one attempt's result; a repeat (Twilio posting again) or a result of another attempt
     * changes nothing. Answers the job as stored after, if the ticket has one.
     */
    async record(result: AttemptResult): Promise<CallbackJob | undefined> {
      const now = deps.clock.now();
      const changed = await deps.store.change(result.ticketId, (j) => withResult(j, { ...result, now }));
      if (!changed) return undefined;
      const { job } = changed;
      const last = job.results.at(-1);
      const final = job.status === 'exhausted' && last?.callSid === result.callSid;
      if (changed.changed) {
        const log = { ticketId: job.ticketId, attempt: result.attempt, callSid: result.callSid, outcome: result.outcome, to: maskPhone(job.to), status: job.status };
        deps.logger?.info(log, 'call back attempt recorded');
        const next = job.status === 'pending' ? `，${new Date(job.nextAttemptAt).toISOString()} 再次回电` : job.status === 'exhausted' ? `，${job.attempts}次均未接通，已短信告知客户，请人工跟进` : '';
        await deps.tickets.change(job.ticketId, (t) =>
          t.notes.some((n) => n.text.includes(result.callSid)) ? t : { ...t, notes: [...t.notes, { at: now, text: `回电第${result.attempt}次（${result.callSid}）：${OUTCOME_NOTE[result.outcome]}${next}` }] },
        );
        if (job.status === 'answered') deps.counters?.answered(job);
        if (job.status === 'exhausted') deps.counters?.exhausted(job);
      }
      // Texted by whoever recorded the last result; again on a repeat only through the outbox (one SMS per key),
      // which makes good an SMS lost when the first recorder died before queuing it.
      if (final && (changed.changed || deps.smsKeyed)) await textMissed(job);
      return job;
    },
  };
}
export type CallbackResults = ReturnType<typeof createCallbackResults>;
