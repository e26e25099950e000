import { DateTime } from 'luxon';
import type { Hotline } from './hotline.schema';
import { isOpen, parseTimeRange } from './service-hours';

type HoursSource = Pick<Hotline, 'timezone' | 'hours' | 'overrides'>;

/** How far ahead a change is looked for: a week and a day covers every weekly pattern and tomorrow's override. */
const HORIZON_DAYS = 8;

/** Every "minute of day" at which some range of the line starts or ends: the only moments `isOpen` can flip. */
function boundaryMinutes(hotline: HoursSource): number[] {
  const ranges: string[] = [];
  if (hotline.hours === '24h') ranges.push('00:00-24:00');
  else for (const day of Object.values(hotline.hours)) ranges.push(...(day ?? []));
  for (const o of hotline.overrides) ranges.push(...(o.hours ?? []));
  const minutes = new Set<number>([0]);
  for (const range of ranges) {
    const parsed = parseTimeRange(range);
    if (!parsed) continue;
    minutes.add(parsed.start);
    minutes.add(parsed.end % 1440);
  }
  return [...minutes].sort((a, b) => a - b);
}

/**
 * When the line next opens or closes after `now` (epoch ms), or null when it does not within
 * eight days (a 24-hour line). Asks the engine's own `isOpen` at each local boundary of the
 * line's ranges instead of re-implementing the hours rules, so the studio shows exactly what
 * callers get. Pure.
 */
export function nextHoursChange(hotline: HoursSource, now: number): { at: number; opens: boolean } | null {
  const openNow = isOpen(hotline, now);
  const minutes = boundaryMinutes(hotline);
  const today = DateTime.fromMillis(now, { zone: hotline.timezone }).startOf('day');
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    const day = today.plus({ days: d });
    for (const m of minutes) {
      // Built from the wall clock, so a DST switch day still lands on the local minute.
      const at = day.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis();
      if (at > now && isOpen(hotline, at) !== openNow) return { at, opens: !openNow };
    }
  }
  return null;
}
