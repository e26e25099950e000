import { getCountries } from 'libphonenumber-js';
import type { CallerMatch, Hotline } from './hotline.schema';
import { countryOfNumber, tryNormalizeNumber } from './phone-number';

/**
 * Which hotline answers an inbound call. Several hotlines can share one
 * number: 400-0066-888 dialled from China is the general line, and the same
 * number dialled from abroad (+86-400-0066-888) is the international line.
 * The caller's country tells them apart.
 */

/** Callers we cannot place (withheld number, non-geographic code) are treated as domestic. */
export const DOMESTIC_COUNTRY = 'CN';

export interface InboundCall {
  /** Dialled number, any spelling (Twilio's `To`). */
  to: string;
  /** Caller's number (Twilio's `From`). */
  from?: string;
  /** Caller's ISO country as the carrier reports it (Twilio's `FromCountry` / `CallerCountry`). */
  fromCountry?: string;
}

/** The caller's country: the carrier's word first, else derived from the caller's number. */
export function callerCountry(call: Pick<InboundCall, 'from' | 'fromCountry'>): string {
  // Twilio sends an empty FromCountry for withheld numbers.
  const reported = call.fromCountry?.trim().toUpperCase();
  if (reported) return reported;
  return (call.from && countryOfNumber(call.from)) || DOMESTIC_COUNTRY;
}

/** Whether a hotline's match rule admits a caller from `country`; no rule admits everyone. */
export function callerMatches(match: CallerMatch | undefined, country: string): boolean {
  if (!match) return true;
  if (match.callerCountries && !match.callerCountries.includes(country)) return false;
  if (match.notCallerCountries && match.notCallerCountries.includes(country)) return false;
  return true;
}

/**
 * Whether some caller would satisfy both rules. Checked over every country a
 * caller can be placed in, which is exact because rules may only name those.
 */
export function matchRulesOverlap(a: CallerMatch | undefined, b: CallerMatch | undefined): boolean {
  return getCountries().some((country) => callerMatches(a, country) && callerMatches(b, country));
}

/** The hotline answering `call`: first in file order whose number and caller rule match. */
export function routeCall(hotlines: readonly Hotline[], call: InboundCall): Hotline | undefined {
  const dialled = tryNormalizeNumber(call.to);
  if (dialled === undefined) return undefined;
  const country = callerCountry(call);
  return hotlines.find(
    (hotline) =>
      hotline.numbers.some((number) => tryNormalizeNumber(number) === dialled) &&
      callerMatches(hotline.match, country),
  );
}
