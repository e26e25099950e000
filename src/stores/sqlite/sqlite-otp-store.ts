import type { OtpChange, OtpState, OtpStore } from '../../services/identity/otp-store';
import { OTP_COLUMNS, OTP_IDLE, OTP_SELECT, otpRowValues, toOtpState, type OtpRow } from '../rows/otp-row';
import type { SqliteDatabase } from './open-sqlite';

type SqliteOtpRow = Omit<OtpRow, 'sent_at' | 'done'> & { sent_at: string | null; done: string | null };

const decode = (r: SqliteOtpRow): OtpState =>
  toOtpState({ ...r, sent_at: r.sent_at === null ? null : (JSON.parse(r.sent_at) as number[]), done: r.done === null ? null : (JSON.parse(r.done) as NonNullable<OtpState['done']>) });

/** The identity check's state in `otp_state` and `otp_lookups`: a lockout outlives the call and the process. */
export function sqliteOtpStore(db: SqliteDatabase): OtpStore {
  const get = db.prepare<[string], SqliteOtpRow>(`${OTP_SELECT} WHERE account_id = ?`);
  const put = db.prepare(`
    INSERT INTO otp_state (${OTP_COLUMNS.join(', ')}) VALUES (${OTP_COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (account_id) DO UPDATE SET ${OTP_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`);
  const note = db.prepare(`
    INSERT INTO otp_lookups (caller, account_id, at) VALUES (@caller, @accountId, @now)
    ON CONFLICT (caller, account_id) DO UPDATE SET at = excluded.at`);
  const forget = db.prepare('DELETE FROM otp_lookups WHERE caller = @caller AND at < @since');
  const count = db.prepare<{ caller: string; since: number }, number>('SELECT count(*) FROM otp_lookups WHERE caller = @caller AND at >= @since').pluck();
  const forgetRows = db.prepare<{ before: number }, unknown>(`DELETE FROM otp_state WHERE ${OTP_IDLE.replaceAll('$1', '@before')}`);
  const read = (id: string) => {
    const row = get.get(id);
    return row && decode(row);
  };
  const write = (s: OtpState) => put.run(...otpRowValues(s));
  const change = db.transaction((ids: readonly string[], decide: (states: Array<OtpState | undefined>) => OtpChange<unknown>) => {
    const { next, result } = decide(ids.map(read));
    for (const s of next ?? []) write(s);
    return result;
  });
  const noteLookup = db.transaction((caller: string, accountId: string, now: number, since: number): number => {
    note.run({ caller, accountId, now });
    forget.run({ caller, since });
    return count.get({ caller, since }) ?? 0;
  });
  return {
    get: async (id) => read(id),
    put: async (s) => void write(s),
    // IMMEDIATE: the write lock is taken before the read, so another process cannot read the
    // same state in between (two wrong codes at once both count, a duplicate sees the first's answer).
    change: async <T>(ids: readonly string[], decide: (states: Array<OtpState | undefined>) => OtpChange<T>) => change.immediate(ids, decide) as T,
    noteLookup: async (caller, accountId, now, since) => noteLookup.immediate(caller, accountId, now, since),
    forgetIdle: async (before) => forgetRows.run({ before }).changes,
  };
}
