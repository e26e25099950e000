import type { ServiceRetentionKind } from '../../retention/retention-policy';

/**
 * The SQL of the caller services' retention, the same in SQLite and PostgreSQL: what counts as
 * past its use (`where`, with one `?` for the cutoff time) and how it is purged. Redacting
 * updates leave the row, so the facts reports and idempotency need stay; `where` excludes rows
 * already redacted, so the counts say what a run changes.
 */
export const RETENTION_SQL: Record<ServiceRetentionKind, { table: string; where: string; purge: string }> = {
  outboxBodies: {
    table: 'sms_outbox',
    where: "status IN ('sent', 'failed') AND created_at < ? AND (body <> '' OR to_phone <> '' OR last_error IS NOT NULL)",
    purge: "SET body = '', to_phone = '', last_error = NULL",
  },
  surveyTexts: {
    table: 'surveys',
    where: "created_at < ? AND (phone <> '' OR comment <> '')",
    purge: "SET phone = '', comment = CASE WHEN comment IS NULL THEN NULL ELSE '' END",
  },
  otpLookups: { table: 'otp_lookups', where: 'at < ?', purge: 'DELETE' },
  // The same rows as OtpStore.forgetIdle: nothing live is forgotten.
  otpStates: { table: 'otp_state', where: 'COALESCE(updated_at, 0) < ? AND COALESCE(locked_until, 0) < ? AND COALESCE(expires_at, 0) < ?', purge: 'DELETE' },
  smsReplies: { table: 'sms_replies', where: 'received_at < ?', purge: 'DELETE' },
};

/** The count and purge statements of `kind`, with every `?` standing for the cutoff. */
export function retentionStatements(kind: ServiceRetentionKind): { count: string; purge: string } {
  const { table, where, purge } = RETENTION_SQL[kind];
  return {
    count: `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
    purge: purge === 'DELETE' ? `DELETE FROM ${table} WHERE ${where}` : `UPDATE ${table} ${purge} WHERE ${where}`,
  };
}

/** How many times the cutoff is bound in `kind`'s statements. */
export const cutoffParams = (kind: ServiceRetentionKind, before: number): number[] => Array.from(RETENTION_SQL[kind].where.matchAll(/\?/g), () => before);
