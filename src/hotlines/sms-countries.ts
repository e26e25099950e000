import type { Hotline } from './hotline.schema';
import { DOMESTIC_COUNTRY } from './route-call';

/**
 * The countries the SMS guard lets the engine text by default: each line's `sms.countries`, else
 * the countries it answers (`match.callerCountries`), else China. A line that only says which
 * callers it does NOT take (`notCallerCountries`) texts nowhere abroad until it lists countries.
 */
export function smsCountriesOf(hotlines: readonly Pick<Hotline, 'sms' | 'match'>[]): string[] {
  const countries = new Set<string>();
  for (const h of hotlines) for (const c of h.sms.countries ?? h.match?.callerCountries ?? [DOMESTIC_COUNTRY]) countries.add(c);
  return [...countries].sort();
}
