import { DateTime } from 'luxon';
import { z } from 'zod';

/** The shipped hotlines' zone: hours of day and plain dates are read in it unless told otherwise. */
export const DEFAULT_REPORT_ZONE = 'Asia/Shanghai';
export const DEFAULT_REPORT_DAYS = 7;

/** What a report is asked for, as the CLI options and the query string of GET /api/reports give it. */
export const ReportQuerySchema = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    hotline: z.string().regex(/^[a-z0-9_-]+$/, 'hotline must be a hotline id, e.g. general').optional(),
    tz: z.string().refine((zone) => DateTime.local().setZone(zone).isValid, 'tz must be an IANA time zone, e.g. Asia/Shanghai').optional(),
  })
  .strict();
export type ReportQueryText = z.infer<typeof ReportQuerySchema>;

/** A report's period, [from, to) in epoch ms, its hotline and the zone it reads hours in. */
export type ReportQuery = { from: number; to: number; hotline?: string; timezone: string };

/**
 * Reads a report request: times are ISO 8601 with a zone (2026-11-23T08:00:00+08:00) or plain
 * dates in the report's zone, `from` a date's start and `to` its end (so --from 2026-11-23 --to
 * 2026-11-23 is that whole day). Without them: the 7 days up to `now`.
 */
export function resolveReportQuery(raw: unknown, now: number): { ok: true; query: ReportQuery } | { ok: false; error: string } {
  const parsed = ReportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')} (use from, to, hotline, tz)` : issue.message };
  }
  const timezone = parsed.data.tz ?? DEFAULT_REPORT_ZONE;
  const to = parsed.data.to === undefined ? now : instant(parsed.data.to, timezone, 'end');
  if (to === undefined) return { ok: false, error: `to "${parsed.data.to}" must be an ISO 8601 time with a zone (2026-11-23T08:00:00+08:00) or a date (2026-11-23)` };
  const from = parsed.data.from === undefined ? to - DEFAULT_REPORT_DAYS * 86_400_000 : instant(parsed.data.from, timezone, 'start');
  if (from === undefined) return { ok: false, error: `from "${parsed.data.from}" must be an ISO 8601 time with a zone (2026-11-23T08:00:00+08:00) or a date (2026-11-23)` };
  if (from >= to) return { ok: false, error: 'from must be before to' };
  return { ok: true, query: { from, to, timezone, ...(parsed.data.hotline ? { hotline: parsed.data.hotline } : {}) } };
}

function instant(text: string, zone: string, edge: 'start' | 'end'): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) return undefined;
    return (edge === 'start' ? day : day.plus({ days: 1 })).toMillis();
  }
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) return undefined;
  const at = DateTime.fromISO(text, { setZone: true });
  return at.isValid ? at.toMillis() : undefined;
}
