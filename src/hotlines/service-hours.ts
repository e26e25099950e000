import type { Hotline, Language, Weekday, WeeklyHours } from './hotline.schema';
import { isoDate, wallClock } from './wall-clock';

/**
 * When a hotline is staffed. All clock arithmetic happens in the hotline's own
 * zone: the server's TZ must never leak in, because the engine runs on hosts
 * in other regions than the call centre.
 */

const MINUTES_PER_DAY = 24 * 60;
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an "HH:MM" clock reading (00:00–23:59), or undefined. */
function parseClock(hhmm: string): number | undefined {
  const m = CLOCK.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * "HH:MM-HH:MM" as minutes since midnight, or undefined when malformed.
 * `end` may be 24:00 (1440); `end < start` means the range crosses midnight.
 * Equal start and end is rejected: it is ambiguous between "never" and "always".
 */
export function parseTimeRange(range: string): { start: number; end: number } | undefined {
  const [from, to, ...rest] = range.split('-');
  if (to === undefined || rest.length > 0) return undefined;
  const start = parseClock(from);
  const end = to === '24:00' ? MINUTES_PER_DAY : parseClock(to);
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end };
}

function mustParseTimeRange(range: string): { start: number; end: number } {
  const parsed = parseTimeRange(range);
  if (!parsed) throw new RangeError(`not an "HH:MM-HH:MM" time range: "${range}"`);
  return parsed;
}

/** Whether the clock reading `hhmm` ("HH:MM") falls in `range`, ignoring dates. */
export function inTimeRange(range: string, hhmm: string): boolean {
  const { start, end } = mustParseTimeRange(range);
  const t = parseClock(hhmm);
  if (t === undefined) throw new RangeError(`not an "HH:MM" clock reading: "${hhmm}"`);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export interface LocalClock {
  /** "HH:MM", 00:00–23:59. */
  hhmm: string;
  weekday: Weekday;
  /** "YYYY-MM-DD" in the given zone. */
  date: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall clock in `timezone` at epoch-ms `now`, for time-of-day conditions such as peak hours. */
export function localClock(timezone: string, now: number): LocalClock {
  const c = wallClock(timezone, now);
  return { hhmm: `${pad(c.hour)}:${pad(c.minute)}`, weekday: c.weekday, date: isoDate(c) };
}

function weeklyRanges(hours: WeeklyHours, weekday: Weekday): string[] {
  if (hours === '24h') return ['00:00-24:00'];
  return hours[weekday] ?? hours.daily ?? [];
}

type HoursSource = Pick<Hotline, 'timezone' | 'hours' | 'overrides'>;

/** Ranges that start on the given local day: its override if any, else the weekly hours. */
function rangesStartingOn(hotline: HoursSource, day: Pick<LocalClock, 'date' | 'weekday'>): string[] {
  const override = hotline.overrides.find((o) => o.date === day.date);
  if (override) return override.closed ? [] : override.hours ?? [];
  return weeklyRanges(hotline.hours, day.weekday);
}

/**
 * Whether the line is staffed at epoch-ms `now`.
 * A range belongs to the day it starts on: "22:00-02:00" on Monday is open
 * until Tuesday 02:00, and an override's late range spills into the next
 * morning even if that next day is itself overridden as closed, since the
 * session was promised when it opened.
 */
export function isOpen(hotline: HoursSource, now: number): boolean {
  const local = wallClock(hotline.timezone, now);
  const today = { date: isoDate(local), weekday: local.weekday };
  const t = local.hour * 60 + local.minute;

  const openToday = rangesStartingOn(hotline, today).some((range) => {
    const { start, end } = mustParseTimeRange(range);
    return t >= start && (start < end ? t < end : true);
  });
  if (openToday) return true;

  const yesterday = { date: isoDate(local, -1), weekday: WEEKDAYS[(WEEKDAYS.indexOf(local.weekday) + 6) % 7] };
  return rangesStartingOn(hotline, yesterday).some((range) => {
    const { start, end } = mustParseTimeRange(range);
    return end < start && t < end;
  });
}

// ---- describeHours: the weekly hours as a caller hears them ----

const DAY_NAMES: Record<Language, Record<Weekday, string>> = {
  'zh-CN': { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  'en-US': {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

/** "08:00" → "8:00": prompts read the hour as a number, not "zero eight". */
function spoken(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function describeRange(range: string, lang: Language): string {
  const { start, end } = mustParseTimeRange(range);
  const crosses = end < start;
  if (lang === 'zh-CN') return `${spoken(start)}至${crosses ? '次日' : ''}${spoken(end)}`;
  return `${spoken(start)} to ${spoken(end)}${crosses ? ' the next day' : ''}`;
}

function describeRanges(ranges: string[], lang: Language): string {
  if (ranges.length === 1 && ranges[0] === '00:00-24:00') return lang === 'zh-CN' ? '24小时' : 'around the clock';
  const parts = ranges.map((r) => describeRange(r, lang));
  if (lang === 'zh-CN') return parts.join('、');
  return `from ${joinEnglish(parts)}`;
}

function joinEnglish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Days as runs in week order: mon,tue,wed,fri → "Monday to Wednesday and Friday". */
function describeDays(days: Weekday[], lang: Language): string {
  const indices = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of indices) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  const names = DAY_NAMES[lang];
  const through = lang === 'zh-CN' ? '至' : ' to ';
  const parts = runs.flatMap((run) => {
    const first = names[WEEKDAYS[run[0]]];
    const last = names[WEEKDAYS[run[run.length - 1]]];
    // Two adjacent days read better as a pair than as "Saturday to Sunday".
    if (run.length >= 3) return [`${first}${through}${last}`];
    return run.map((i) => names[WEEKDAYS[i]]);
  });
  return lang === 'zh-CN' ? parts.join('、') : joinEnglish(parts);
}

/**
 * The weekly hours as a sentence for a prompt, e.g. "每天8:00至24:00" or
 * "Monday to Friday from 8:00 to 22:00; closed on Saturday and Sunday".
 * Date overrides are not included: they are announced by their own prompts.
 */
export function describeHours(hotline: Pick<Hotline, 'hours'>, lang: Language): string {
  const hours = hotline.hours;
  const allDay = (day: Weekday) => weeklyRanges(hours, day).join() === '00:00-24:00';
  if (WEEKDAYS.every(allDay)) return lang === 'zh-CN' ? '每天24小时' : '24 hours a day';

  // Group days with identical hours, in order of their first day.
  const groups = new Map<string, { days: Weekday[]; ranges: string[] }>();
  for (const day of WEEKDAYS) {
    const ranges = weeklyRanges(hours, day);
    const key = ranges.join(',');
    const group = groups.get(key);
    if (group) group.days.push(day);
    else groups.set(key, { days: [day], ranges });
  }

  const sentences = [...groups.values()].map(({ days, ranges }) => {
    const closed = ranges.length === 0;
    if (days.length === 7) {
      if (closed) return lang === 'zh-CN' ? '暂无人工服务时间' : 'no service hours';
      return lang === 'zh-CN' ? `每天${describeRanges(ranges, lang)}` : `daily ${describeRanges(ranges, lang)}`;
    }
    const dayText = describeDays(days, lang);
    if (lang === 'zh-CN') return closed ? `${dayText}休息` : `${dayText}${describeRanges(ranges, lang)}`;
    return closed ? `closed on ${dayText}` : `${dayText} ${describeRanges(ranges, lang)}`;
  });
  return sentences.join(lang === 'zh-CN' ? '，' : '; ');
}
