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

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The offset of `timezone` from UTC at `ms`, in minutes (whole minutes in every zone in use). */
export function zoneOffsetMinutes(timezone: string, ms: number): number {
  const c = wallClock(timezone, ms);
  return Math.round((Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

/**
 * The hour of day in `timezone` of many instants (a report's hourly slots): the zone is asked twice
 * per UTC day, and per instant only on a day its offset changes (a DST switch). Asking the
 * platform's zone data for each of thousands of slots held the server's thread for ~100 ms.
 */
export function hourOfDayIn(timezone: string): (ms: number) => number {
  const steadyOffset = new Map<number, number | null>();
  return (ms) => {
    const day = Math.floor(ms / DAY);
    let offset = steadyOffset.get(day);
    if (offset === undefined) {
      const first = zoneOffsetMinutes(timezone, day * DAY);
      offset = first === zoneOffsetMinutes(timezone, (day + 1) * DAY - MINUTE) ? first : null;
      steadyOffset.set(day, offset);
    }
    const minuteOfDay = (((Math.floor(ms / MINUTE) + (offset ?? zoneOffsetMinutes(timezone, ms))) % 1440) + 1440) % 1440;
    return Math.floor(minuteOfDay / 60);
  };
}
