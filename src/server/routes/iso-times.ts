import { DateTime } from 'luxon';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';

/** A field that holds a time in epoch ms: `at`, `…At`, `…Until` (startedAt, dueAt, recordingRetainUntil). */
export const TIME_FIELD = /^(at|.+At|.+Until)$/;

/**
 * The admin API's answers with every time also as ISO 8601 with its offset, in the hotlines'
 * zone (Asia/Shanghai): `startedAt: 1795400700000` gains `startedAtIso: "2026-11-23T10:05:00.000+08:00"`
 * beside it, so a person can read it and a script can keep the number. Flow variables (`vars`)
 * are the caller's data, left as they are.
 */
export function withIsoTimes<T>(value: T, zone = DEFAULT_REPORT_ZONE): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withIsoTimes(v, zone)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === 'vars' ? v : withIsoTimes(v, zone);
    if (TIME_FIELD.test(key) && typeof v === 'number' && Number.isFinite(v)) out[`${key}Iso`] = DateTime.fromMillis(v, { zone }).toISO();
  }
  return out as T;
}
