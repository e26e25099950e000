import type { Weekday } from './hotline.schema';

/** The wall clock in a time zone at one instant. `weekday` is the ISO one: mon … sun. */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; weekday: Weekday };

const WEEKDAYS: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const formats = new Map<string, Intl.DateTimeFormat>();
const lastRead = new Map<string, { minute: number; clock: WallClock }>();

function formatFor(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    } catch {
      throw new RangeError(`not an IANA time zone: "${timezone}"`);
    }
    formats.set(timezone, format);
  }
  return format;
}

/**
 * The wall clock of `timezone` at epoch-ms `now`, read from the platform's time-zone data (as
 * luxon does), with one formatter per zone and the last reading kept per zone: every call in the
 * same minute gets it for free. Zone offsets are whole minutes, so a minute's reading holds for
 * all of it. Hours and branch conditions ask this on every ring and many turns.
 */
export function wallClock(timezone: string, now: number): WallClock {
  const minute = Math.floor(now / 60_000);
  const last = lastRead.get(timezone);
  if (last && last.minute === minute) return last.clock;
  const parts: Record<string, string> = {};
  for (const p of formatFor(timezone).formatToParts(now)) parts[p.type] = p.value;
  const clock: WallClock = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday],
  };
  lastRead.set(timezone, { minute, clock });
  return clock;
}

/** "YYYY-MM-DD" of a calendar date; `dayOffset` moves it by whole days (-1: the day before). */
export function isoDate(c: Pick<WallClock, 'year' | 'month' | 'day'>, dayOffset = 0): string {
  return new Date(Date.UTC(c.year, c.month - 1, c.day + dayOffset)).toISOString().slice(0, 10);
}
