import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';
import type { Language } from '../flow/schema/prompt.schema';
import { tryNormalizeNumber } from '../hotlines/phone-number';
import { capGroupOf, DEFAULT_CAPS, type CapGroup, type CapWindow } from '../services/sms/sms-policy';
import { LANGUAGE_TAGS, voiceMismatch } from '../telephony/twilio/voices';

/**
 * How each kind of environment variable is read and checked (config.ts assembles them): an
 * empty value counts as unset, and a bad one is refused with a message naming the fix.
 */
export const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const url = (example: string) =>
  optional.pipe(
    z
      .url({ error: `must be an absolute http(s) URL, e.g. ${example}`, protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  );

export const int = (min: number, max: number, what: string) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: `must be ${what}, a whole number from ${min} to ${max}` })
      .transform(Number)
      .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }))
      .optional(),
  );

export const voiceVar = (lang: Language) =>
  optional.superRefine((v, ctx) => {
    const why = v === undefined ? undefined : voiceMismatch(lang, v);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

/**
 * Where calls and call records live: a SQLite file (default), PostgreSQL (several servers share
 * it; `?schema=` picks a schema other than public), or memory (lost on restart).
 */
export type Database = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string } | { kind: 'memory' };

export const DatabaseUrl = optional.transform((raw, ctx): Database => {
  const value = raw ?? 'sqlite:data/ivr.db';
  if (value === 'memory:' || value === 'sqlite::memory:') return { kind: 'memory' };
  const file = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(value)?.[1];
  if (file) return { kind: 'sqlite', file };
  const shown = value.replace(/\/\/[^@/]*@/, '//***@');
  if (/^postgres(?:ql)?:\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${shown}" is not a URL; use postgres://user:password@host:5432/db` });
      return z.NEVER;
    }
    const schema = url.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      ctx.addIssue({ code: 'custom', message: `schema "${schema}" must be lower-case letters, digits and _ (e.g. ?schema=ivr)` });
      return z.NEVER;
    }
    url.searchParams.delete('schema');
    return { kind: 'postgres', url: url.toString(), ...(schema ? { schema } : {}) };
  }
  ctx.addIssue({
    code: 'custom',
    message: `"${shown}" is not supported; use sqlite:<file> (e.g. sqlite:data/ivr.db), postgres://user:password@host/db or memory:`,
  });
  return z.NEVER;
});

export const Countries = optional.transform((raw, ctx): string[] | undefined => {
  if (raw === undefined) return undefined;
  const codes = raw.split(/[\s,]+/).filter(Boolean);
  const bad = codes.find((c) => !/^[A-Z]{2}$/.test(c) || !isSupportedCountry(c));
  if (bad !== undefined || codes.length === 0) {
    ctx.addIssue({ code: 'custom', message: `"${bad ?? raw}" is not an ISO-3166 alpha-2 country code; list upper-case codes separated by commas, e.g. CN,HK,US` });
    return z.NEVER;
  }
  return codes;
});

/** TEST_CALLERS: phone numbers that reach the working draft, comma-separated, each in E.164 (+8613800138000). */
export const TestCallers = optional.transform((raw, ctx): string[] => {
  const numbers = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = numbers.find((n) => tryNormalizeNumber(n) === undefined);
  if (bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not a phone number; list numbers in E.164 separated by commas, e.g. +8613800138000,+8613900139000` });
    return z.NEVER;
  }
  return numbers.map((n) => tryNormalizeNumber(n)!);
});

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** SMS_CAPS: `group=limit/window[+limit/window]`, comma-separated, e.g. `otp=5/1h+10/1d,survey=1/1d`; groups not named keep their defaults. */
export const Caps = optional.transform((raw, ctx): Partial<Record<CapGroup, CapWindow[]>> => {
  const caps: Partial<Record<CapGroup, CapWindow[]>> = {};
  for (const part of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+\/\d+[mhd](?:\+\d+\/\d+[mhd])*)$/.exec(part);
    const group = m?.[1] as CapGroup | undefined;
    if (!m || !group || !(group in DEFAULT_CAPS) || capGroupOf(group) !== group) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not a cap: write group=limit/window[+limit/window] with group one of ${Object.keys(DEFAULT_CAPS).join(', ')} and window like 30m, 1h, 1d (e.g. otp=5/1h+10/1d)`,
      });
      return z.NEVER;
    }
    caps[group] = m[2].split('+').map((w) => {
      const [, limit, n, unit] = /^(\d+)\/(\d+)([mhd])$/.exec(w) ?? [];
      return { limit: Number(limit), windowMs: Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS] };
    });
  }
  return caps;
});
