import type { Survey } from './survey.schema';

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
}

export function memorySurveyStore(): SurveyStore {
  const surveys = new Map<string, Survey>();
  const optedOut = new Map<string, { at: number; word: string }>();
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
  };
}
