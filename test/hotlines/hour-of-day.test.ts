import { DateTime } from 'luxon';
import { hourOfDayIn } from '../../src/hotlines/wall-clock';

describe('the hour of day of a report’s hourly slots', () => {
  it.each(['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'])(
    'agrees with luxon for every hour of a year in %s, DST switches included',
    (zone) => {
      const hourOf = hourOfDayIn(zone);
      const start = Date.UTC(2026, 0, 1);
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 3_600_000) {
        const expected = DateTime.fromMillis(ms, { zone }).hour;
        if (hourOf(ms) !== expected) throw new Error(`${zone} ${new Date(ms).toISOString()}: ${hourOf(ms)} ≠ ${expected}`);
      }
    },
  );
});
