// The hotlines module's public surface: config schema and types, number
// handling, service hours and call routing. Internals (parsers, grouping
// helpers) stay unexported so they can change freely.
export {
  LanguageSchema,
  WeekdaySchema,
  TimeRangeSchema,
  WeeklyHoursSchema,
  HoursOverrideSchema,
  CallerMatchSchema,
  HotlineSchema,
  HotlinesFileSchema,
  SlugSchema,
  E164Schema,
} from './hotline.schema';
export type {
  Language,
  Weekday,
  WeeklyHours,
  HoursOverride,
  CallerMatch,
  Hotline,
  HotlinesFile,
} from './hotline.schema';
export { normalizeNumber, tryNormalizeNumber, countryOfNumber, maskPhone } from './phone-number';
export { isOpen, describeHours, localClock, inTimeRange, parseTimeRange } from './service-hours';
export type { LocalClock } from './service-hours';
export { routeCall, callerCountry, callerMatches, DOMESTIC_COUNTRY } from './route-call';
export { smsCountriesOf } from './sms-countries';
export type { InboundCall } from './route-call';
