import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';

/**
 * Phone numbers as the hotline config, Twilio and our logs see them. Callers
 * and staff write the same number many ways ("400-0066-888",
 * "+86-400-0066-888"); everything is compared in E.164.
 */

// Written out rather than left to libphonenumber because routing depends on
// them: 400/800 service numbers and mobiles are unambiguously Chinese even
// without "+86", and "86-400-..." (country code without "+") is common in
// our own docs, which libphonenumber only accepts by guessing.
const CHINESE_SERVICE_OR_MOBILE = /^(?:\+?86)?((?:400|800)\d{7}|1[3-9]\d{9})$/;
const CHINESE_MOBILE_NATIONAL = /^1[3-9]\d{9}$/;

// The hotlines are Chinese: a number written without a country code is a
// Chinese national number (e.g. "010-12345678").
const DEFAULT_COUNTRY: CountryCode = 'CN';

function stripFormatting(raw: string): string {
  // NFKC turns full-width "＋８６" typed on Chinese keyboards into ASCII.
  return raw.normalize('NFKC').replace(/[\s\-().\/]/g, '');
}

type Parsed = { country?: string; countryCallingCode: string; nationalNumber: string };
const parsedE164 = new Map<string, Parsed | null>();
/** Parses and keeps numbers already in E.164: every ring parses the caller's several times (route, country, mask). */
function parseE164(e164: string): Parsed | undefined {
  let hit = parsedE164.get(e164);
  if (hit === undefined) {
    const p = parsePhoneNumberFromString(e164);
    hit = p ? { ...(p.country ? { country: p.country } : {}), countryCallingCode: p.countryCallingCode, nationalNumber: String(p.nationalNumber) } : null;
    if (parsedE164.size >= 10_000) parsedE164.clear();
    parsedE164.set(e164, hit);
  }
  return hit ?? undefined;
}

/** E.164 form of `raw`, or undefined when it is not a phone number. */
export function tryNormalizeNumber(raw: string): string | undefined {
  let cleaned = stripFormatting(raw);
  // Anything else left over (letters, "client:alice", "anonymous") is not a
  // dialable number, and libphonenumber would try to read vanity letters.
  if (!/^\+?\d+$/.test(cleaned)) return undefined;
  if (cleaned.startsWith('00')) cleaned = `+${cleaned.slice(2)}`;

  const chinese = CHINESE_SERVICE_OR_MOBILE.exec(cleaned);
  if (chinese) return `+86${chinese[1]}`;

  const parsed = parsePhoneNumberFromString(cleaned, DEFAULT_COUNTRY);
  // isPossible (length) rather than isValid (allocated ranges): test numbers
  // such as +1 555 and brand-new ranges must still be comparable.
  if (parsed?.isPossible()) return parsed.number;
  return undefined;
}

/** Canonical E.164 form of `raw`; throws RangeError when it is not a phone number. */
export function normalizeNumber(raw: string): string {
  const e164 = tryNormalizeNumber(raw);
  if (e164 === undefined) throw new RangeError(`not a phone number: "${maskPhone(raw)}"`);
  return e164;
}

/**
 * ISO-3166 alpha-2 country of a number, e.g. "+14155550100" → "US".
 * When libphonenumber cannot pin the exact country (unallocated +1 555
 * numbers), falls back to the main country of the calling code, because a
 * foreign calling code must never look like "unknown, so domestic" to routing.
 * Undefined for non-geographic codes (+800) and non-numbers.
 */
export function countryOfNumber(e164: string): string | undefined {
  const normalized = tryNormalizeNumber(e164);
  if (normalized === undefined) return undefined;
  const parsed = parseE164(normalized);
  if (!parsed) return undefined;
  return parsed.country ?? metadata.country_calling_codes[parsed.countryCallingCode]?.[0];
}

function maskKeepingLast(digits: string, keep: number): string {
  return '*'.repeat(digits.length - keep) + digits.slice(digits.length - keep);
}

/**
 * A phone number safe for logs; never the whole number.
 * Chinese mobiles look like the caller would say them: "138****8000".
 * Other numbers keep "+", the country code and the last 4 digits.
 */
export function maskPhone(raw: string): string {
  const normalized = tryNormalizeNumber(raw);
  const parsed = normalized === undefined ? undefined : parseE164(normalized);
  if (parsed) {
    const national = parsed.nationalNumber;
    if (parsed.countryCallingCode === '86' && CHINESE_MOBILE_NATIONAL.test(national)) {
      return `${national.slice(0, 3)}****${national.slice(-4)}`;
    }
    // Very short national numbers would be fully revealed by "last 4".
    const keep = Math.min(4, Math.floor(national.length / 2));
    return `+${parsed.countryCallingCode}${maskKeepingLast(national, keep)}`;
  }
  const digits = raw.replace(/\D/g, '');
  return maskKeepingLast(digits, Math.min(2, Math.max(0, digits.length - 1)));
}
