import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import type { SmsRefusalReason } from './sms-sender';

/**
 * Which numbers may be texted at all, and how many SMS of a kind one number may get (pure).
 * Caller ID is forgeable and every SMS costs money: without this, an autodialler spoofing
 * premium-rate numbers turns each call into paid SMS ("SMS pumping").
 */

/** One sliding window: at most `limit` SMS within `windowMs`. */
export type CapWindow = { limit: number; windowMs: number };

export type SmsPolicy = {
  /** ISO-3166 alpha-2 countries whose numbers may be texted. */
  allowedCountries: readonly string[];
  /** Per destination number: the windows of each cap group (see `capGroupOf`). */
  caps: Readonly<Record<CapGroup, readonly CapWindow[]>>;
  /** All SMS of this deployment together, per hour (0: no ceiling). */
  globalPerHour: number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What a number may receive, by purpose. The flow's link kinds share one cap, so a caller cannot
 * collect 3 of each by walking through every menu.
 */
export type CapGroup = 'otp' | 'survey' | 'link' | 'ticket' | 'ticket_result' | 'ticket_progress' | 'other';

export const DEFAULT_CAPS: Readonly<Record<CapGroup, readonly CapWindow[]>> = {
  otp: [
    { limit: 5, windowMs: HOUR },
    { limit: 10, windowMs: DAY },
  ],
  survey: [{ limit: 1, windowMs: DAY }],
  link: [{ limit: 3, windowMs: DAY }],
  // A genuine caller opens a ticket or two a day; a pump opens one per call.
  ticket: [
    { limit: 3, windowMs: HOUR },
    { limit: 5, windowMs: DAY },
  ],
  // Staff resolving tickets: not caller-driven, but still one number's share.
  ticket_result: [{ limit: 10, windowMs: DAY }],
  // A system fault's progress SMS (every 30 minutes): a long outage must not text all day.
  ticket_progress: [{ limit: 8, windowMs: DAY }],
  other: [{ limit: 3, windowMs: DAY }],
};

export const DEFAULT_GLOBAL_PER_HOUR = 1000;

const LINK_KINDS: ReadonlySet<string> = new Set(['reset_link', 'face_verify', 'online_service', 'info']);

export function capGroupOf(kind: string): CapGroup {
  if (kind === 'otp' || kind === 'survey' || kind === 'ticket' || kind === 'ticket_result' || kind === 'ticket_progress') return kind;
  // The call back given up: about the caller's ticket, counted with its other ticket SMS.
  if (kind === 'callback_missed') return 'ticket';
  return LINK_KINDS.has(kind) ? 'link' : 'other';
}

/**
 * Twilio's placeholders for a withheld caller ID: the words spelt on a keypad
 * (ANONYMOUS +266696687, RESTRICTED +7378742833, UNAVAILABLE +86282452253, BLOCKED +2562533,
 * UNKNOWN +8656696). They parse as numbers of Lesotho, Russia, China… that nobody owns. Since its
 * 2022 change Twilio may also pass the words themselves, which `isAnonymousCaller` treats alike.
 */
export const TWILIO_ANONYMOUS_NUMBERS: ReadonlySet<string> = new Set(['+266696687', '+7378742833', '+86282452253', '+2562533', '+8656696']);

/** True when the caller ID is withheld: empty, a word ("anonymous", "Restricted"), or Twilio's placeholders. */
export function isAnonymousCaller(from: string): boolean {
  const compact = from.replace(/[\s\-().]/g, '');
  if (compact === '' || !/^\+?\d+$/.test(compact)) return true;
  return TWILIO_ANONYMOUS_NUMBERS.has(compact.startsWith('+') ? compact : `+${compact}`);
}

/** Types a person reads SMS on; everything else (premium-rate, shared-cost, toll-free, unknown…) is refused. */
const TEXTABLE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'FIXED_LINE', 'PERSONAL_NUMBER', 'VOIP']);

export type DestinationVerdict = { ok: true; country: string } | { ok: false; reason: SmsRefusalReason; detail: string };

/**
 * Whether `to` may be texted at all (pure; the caps are counted by the guard). Uses the `max`
 * metadata: the `min` build the rest of the project parses with has no number types.
 */
export function judgeDestination(to: string, policy: Pick<SmsPolicy, 'allowedCountries'>): DestinationVerdict {
  if (isAnonymousCaller(to)) return { ok: false, reason: 'anonymous', detail: 'the caller ID is withheld' };
  const parsed = parsePhoneNumberFromString(to.startsWith('+') ? to : `+${to}`);
  if (!parsed) return { ok: false, reason: 'invalid_number', detail: 'not a phone number' };
  const country = parsed.country;
  // An unallocated range (e.g. UK drama numbers +44 7700 900…) has no country: nobody reads SMS there.
  if (!country) return { ok: false, reason: 'invalid_number', detail: `not a valid number of any country (+${parsed.countryCallingCode})` };
  if (!policy.allowedCountries.includes(country)) {
    return { ok: false, reason: 'country_not_allowed', detail: `${country} is not in SMS_ALLOWED_COUNTRIES (${policy.allowedCountries.join(',')})` };
  }
  const type = parsed.getType();
  if (!type || !TEXTABLE_TYPES.has(type)) {
    return { ok: false, reason: 'number_type_not_allowed', detail: `a ${type ? type.toLowerCase().replace(/_/g, '-') : 'unknown-type'} number` };
  }
  return { ok: true, country };
}
