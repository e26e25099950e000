import type { ReplyDecision } from './reply-rules';
import type { Survey } from './survey.schema';

/** An SMS a caller sent us, as `SurveyStore.answer` records it: its MessageSid, never its text. */
export type ReceivedReply = { messageSid: string; phone: string; at: number };
/** What `decide` sees: the newest survey sent to the number, and whether it opted out. */
export type ReplySeen = { latest?: Survey; optedOut: boolean };

/**
 * Surveys, one per call, and the numbers that asked for no more. Implementations: memory, SQLite
 * (whose `insertSync`/`isOptedOutSync` join the transaction that closes the call).
 */
export interface SurveyStore {
  /** Records the survey unless its call has one; false when it had (a duplicate status callback). */
  insert(survey: Survey): Promise<boolean>;
  get(callSid: string): Promise<Survey | undefined>;
  /** The newest survey sent to `phone` (E.164): the one a reply answers. */
  latestFor(phone: string): Promise<Survey | undefined>;
  /** Applies `change` atomically to the survey of `callSid`; undefined when there is none. */
  change(callSid: string, change: (survey: Survey) => Survey): Promise<Survey | undefined>;
  /** `phone` gets no more surveys (STOP, 退订…). */
  optOut(phone: string, at: number, word: string): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
  /**
   * Records the SMS `reply.messageSid` once: claims the MessageSid (a unique key), reads what
   * `decide` needs and stores what it decides (the survey changed, an opt-out or opt-in), all in
   * one step that other replies from the number, on any server, wait for. Undefined, and nothing
   * changed, when the MessageSid was recorded before (Twilio delivered the webhook again).
   */
  answer(reply: ReceivedReply, decide: (seen: ReplySeen) => ReplyDecision): Promise<ReplyDecision | undefined>;
}

export function memorySurveyStore(): SurveyStore {
  const surveys = new Map<string, Survey>();
  const optedOut = new Map<string, { at: number; word: string }>();
  const replies = new Map<string, { at: number; kind: string; callSid?: string }>();
  return {
    async insert(s) {
      if (surveys.has(s.callSid)) return false;
      surveys.set(s.callSid, { ...s });
      return true;
    },
    get: async (callSid) => {
      const s = surveys.get(callSid);
      return s && { ...s };
    },
    latestFor: async (phone) => {
      const mine = [...surveys.values()].filter((s) => s.phone === phone);
      const latest = mine.reduce<Survey | undefined>((a, s) => (!a || s.createdAt >= a.createdAt ? s : a), undefined);
      return latest && { ...latest };
    },
    async change(callSid, change) {
      const s = surveys.get(callSid);
      if (!s) return undefined;
      const next = { ...change({ ...s }), callSid };
      surveys.set(callSid, next);
      return { ...next };
    },
    optOut: async (phone, at, word) => void (optedOut.has(phone) || optedOut.set(phone, { at, word })),
    isOptedOut: async (phone) => optedOut.has(phone),
    // No await inside: one reply is decided and stored before another starts.
    async answer(reply, decide) {
      if (replies.has(reply.messageSid)) return undefined;
      const mine = [...surveys.values()].filter((s) => s.phone === reply.phone);
      const latest = mine.reduce<Survey | undefined>((a, s) => (!a || s.createdAt >= a.createdAt ? s : a), undefined);
      const decision = decide({ ...(latest ? { latest: { ...latest } } : {}), optedOut: optedOut.has(reply.phone) });
      replies.set(reply.messageSid, { at: reply.at, kind: decision.kind, ...(decision.callSid ? { callSid: decision.callSid } : {}) });
      if (decision.survey) surveys.set(decision.survey.callSid, { ...decision.survey });
      if (decision.optOut !== undefined && !optedOut.has(reply.phone)) optedOut.set(reply.phone, { at: reply.at, word: decision.optOut });
      if (decision.optIn) optedOut.delete(reply.phone);
      return decision;
    },
  };
}
