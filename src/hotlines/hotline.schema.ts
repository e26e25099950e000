import { z } from 'zod';
import { IANAZone, DateTime } from 'luxon';
import { isSupportedCountry } from 'libphonenumber-js';
import { tryNormalizeNumber } from './phone-number';
import { parseTimeRange } from './service-hours';
import { matchRulesOverlap } from './route-call';

/**
 * Schema of flows/hotlines.yaml. Every type of the hotlines module is inferred
 * from here so the YAML contract and the code cannot drift apart.
 */

export const LanguageSchema = z.enum(['zh-CN', 'en-US']);
export type Language = z.infer<typeof LanguageSchema>;

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;

export const TimeRangeSchema = z.string().superRefine((value, ctx) => {
  if (parseTimeRange(value)) return;
  ctx.addIssue({
    code: 'custom',
    input: value,
    message:
      `"${value}" is not a time range: write "HH:MM-HH:MM" on the 24-hour clock, ` +
      'e.g. "08:00-24:00"; an end before the start crosses midnight, e.g. "22:00-02:00"; ' +
      'start and end must differ (use "00:00-24:00" for a whole day)',
  });
});

const DayRangesSchema = z.array(TimeRangeSchema);

const WeeklyHoursObjectSchema = z
  .object({
    daily: DayRangesSchema.optional(),
    mon: DayRangesSchema.optional(),
    tue: DayRangesSchema.optional(),
    wed: DayRangesSchema.optional(),
    thu: DayRangesSchema.optional(),
    fri: DayRangesSchema.optional(),
    sat: DayRangesSchema.optional(),
    sun: DayRangesSchema.optional(),
  })
  .strict()
  // An empty object is almost certainly a mistake; a line that is really
  // never staffed should say so explicitly with `daily: []`.
  .refine((hours) => Object.keys(hours).length > 0, {
    message: 'hours lists no days: give "daily" and/or mon..sun, or "24h"',
  });

/** A day key (mon..sun) replaces `daily` for that day; `[]` closes the day. */
export const WeeklyHoursSchema = z.union([z.literal('24h'), WeeklyHoursObjectSchema], {
  error: 'hours must be "24h" or an object of daily/mon..sun lists of "HH:MM-HH:MM" ranges',
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

const IsoDateSchema = z.string().refine(
  (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
  { error: (issue) => `"${String(issue.input)}" is not a calendar date; write YYYY-MM-DD, e.g. "2026-12-31"` },
);

export const HoursOverrideSchema = z
  .object({
    date: IsoDateSchema,
    closed: z.boolean().optional(),
    hours: z.array(TimeRangeSchema).optional(),
    reason: z.string().optional(),
  })
  .strict()
  // `closed: false` alone would silently do nothing, and closed plus hours is
  // contradictory, so an override must say exactly one thing.
  .refine((o) => (o.closed !== undefined) !== (o.hours !== undefined) && o.closed !== false, {
    message: 'an override needs exactly one of "closed: true" or "hours: [...]"',
  });
export type HoursOverride = z.infer<typeof HoursOverrideSchema>;

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, {
    error: (issue) => `"${String(issue.input)}" is not a slug: use lower-case letters, digits, "-" or "_", e.g. "commerce"`,
  });

// Restricting to countries libphonenumber knows is exactly right here: match
// rules are compared with countries derived from caller numbers, so a code it
// cannot produce could never match anything.
const CountrySchema = z.string().refine((code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), {
  error: (issue) =>
    `"${String(issue.input)}" is not an ISO-3166 alpha-2 country code; use upper case, e.g. "CN" or "US"`,
});

export const CallerMatchSchema = z
  .object({
    callerCountries: z.array(CountrySchema).min(1).optional(),
    notCallerCountries: z.array(CountrySchema).min(1).optional(),
  })
  .strict();
export type CallerMatch = z.infer<typeof CallerMatchSchema>;

const TimezoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  error: (issue) =>
    `"${String(issue.input)}" is not an IANA time zone name; use e.g. "Asia/Shanghai" (not "UTC+8" or "Beijing")`,
});

const DialledNumberSchema = z.string().refine((raw) => tryNormalizeNumber(raw) !== undefined, {
  error: (issue) =>
    `"${String(issue.input)}" is not a phone number; write e.g. "400-0066-888" or "+86-400-0066-888"`,
});

export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, {
  error: (issue) => `"${String(issue.input)}" is not E.164; write "+" and digits only, e.g. "+8610690000001"`,
});

export const HotlineSchema = z
  .object({
    id: SlugSchema,
    name: z.record(LanguageSchema, z.string().min(1)),
    numbers: z.array(DialledNumberSchema).min(1),
    match: CallerMatchSchema.optional(),
    timezone: TimezoneSchema,
    hours: WeeklyHoursSchema,
    overrides: z.array(HoursOverrideSchema).default([]),
    /** The first language is the one a caller hears before choosing. */
    languages: z.array(LanguageSchema).min(1),
    flow: z.string().min(1),
    afterHoursFlow: z.string().min(1),
    sms: z
      .object({
        from: E164Schema,
        /**
         * Countries whose numbers this line may text (tickets, links, surveys, codes). Default: the
         * line's match.callerCountries, else CN. Give it explicitly on a line for callers abroad.
         */
        countries: z.array(CountrySchema).min(1).optional(),
      })
      .strict(),
    queue: z.string().min(1).optional(),
    /** Whether agents' calls with this line's callers are recorded (the agent desk's <Dial record>); default true. */
    recordCalls: z.boolean().optional(),
  })
  .strict()
  .superRefine((hotline, ctx) => {
    const seenLanguages = new Set<string>();
    hotline.languages.forEach((lang, i) => {
      if (seenLanguages.has(lang)) {
        ctx.addIssue({ code: 'custom', path: ['languages', i], message: `language "${lang}" is listed twice` });
      }
      seenLanguages.add(lang);
    });
    // Two overrides for one date would make the winner depend on file order.
    const seenDates = new Map<string, number>();
    hotline.overrides.forEach((override, i) => {
      const first = seenDates.get(override.date);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'date'],
          message: `date ${override.date} already has an override (overrides[${first}])`,
        });
      } else seenDates.set(override.date, i);
    });
  });
export type Hotline = z.infer<typeof HotlineSchema>;

export const HotlinesFileSchema = z
  .object({ hotlines: z.array(HotlineSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const idIndex = new Map<string, number>();
    file.hotlines.forEach((hotline, i) => {
      const first = idIndex.get(hotline.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['hotlines', i, 'id'],
          message: `duplicate hotline id "${hotline.id}" (already used by hotlines[${first}])`,
        });
      } else idIndex.set(hotline.id, i);
    });

    // Routing takes the first match in file order, so a later hotline whose
    // rules overlap an earlier one on the same number is partly unreachable.
    const owners = new Map<string, number[]>();
    file.hotlines.forEach((hotline, i) => {
      hotline.numbers.forEach((raw, k) => {
        const number = tryNormalizeNumber(raw);
        if (number === undefined) return;
        const earlier = owners.get(number) ?? [];
        const clash = earlier.find((j) => j !== i && matchRulesOverlap(file.hotlines[j].match, hotline.match));
        if (clash !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['hotlines', i, 'numbers', k],
            message:
              `number ${number} is also hotline "${file.hotlines[clash].id}" and both match some of the same ` +
              'callers; split them with match.callerCountries / match.notCallerCountries',
          });
        }
        if (!earlier.includes(i)) owners.set(number, [...earlier, i]);
      });
    });
  });
export type HotlinesFile = z.infer<typeof HotlinesFileSchema>;
