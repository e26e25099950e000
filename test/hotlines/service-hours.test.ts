import { DateTime, Settings } from 'luxon';
import {
  describeHours,
  HotlinesFileSchema,
  inTimeRange,
  isOpen,
  localClock,
  type Hotline,
} from '../../src/hotlines';
import { beijing, loadHotlinesYaml } from './fixtures';

// Run as if the server sat in California: nothing below may depend on it.
// (process.env.TZ cannot be changed from inside a jest worker, so the luxon
// default zone stands in for the host zone.)
const originalDefaultZone = Settings.defaultZone;
beforeAll(() => {
  Settings.defaultZone = 'America/Los_Angeles';
});
afterAll(() => {
  Settings.defaultZone = originalDefaultZone;
});

const byId = Object.fromEntries(HotlinesFileSchema.parse(loadHotlinesYaml()).hotlines.map((h) => [h.id, h]));
const { general, commerce, international, enterprise } = byId;

type HoursOnly = Pick<Hotline, 'timezone' | 'hours' | 'overrides'>;
const shanghai = (hours: Hotline['hours'], overrides: Hotline['overrides'] = []): HoursOnly => ({
  timezone: 'Asia/Shanghai',
  hours,
  overrides,
});

describe('isOpen', () => {
  it('really runs with the server clock in California, not Beijing', () => {
    const lateInBeijing = beijing('2026-06-01T23:59');
    expect(DateTime.fromMillis(lateInBeijing).toFormat('HH:mm')).toBe('08:59');
  });

  it('keeps the commerce line open at 23:59 and closed at 00:00 Beijing time', () => {
    expect(isOpen(commerce, beijing('2026-06-01T23:59'))).toBe(true);
    expect(isOpen(commerce, beijing('2026-06-02T00:00'))).toBe(false);
    expect(isOpen(commerce, beijing('2026-06-02T07:59'))).toBe(false);
    expect(isOpen(commerce, beijing('2026-06-02T08:00'))).toBe(true);
  });

  it('answers the general line at any hour of any day', () => {
    for (const t of ['2026-06-01T00:00', '2026-06-01T03:17', '2026-06-07T23:59', '2027-02-16T12:00']) {
      expect(isOpen(general, beijing(t))).toBe(true);
    }
  });

  it('opens the international line 10:00 to 19:00 Beijing time, wherever the caller is', () => {
    expect(isOpen(international, beijing('2026-06-01T09:59'))).toBe(false);
    expect(isOpen(international, beijing('2026-06-01T10:00'))).toBe(true);
    expect(isOpen(international, beijing('2026-06-01T18:59'))).toBe(true);
    expect(isOpen(international, beijing('2026-06-01T19:00'))).toBe(false);
  });

  it('closes the enterprise expert seats at 22:00', () => {
    expect(isOpen(enterprise, beijing('2026-06-01T21:59'))).toBe(true);
    expect(isOpen(enterprise, beijing('2026-06-01T22:00'))).toBe(false);
  });

  it('keeps a Monday 22:00-02:00 shift open into Tuesday 01:00 and not beyond', () => {
    const line = shanghai({ mon: ['22:00-02:00'] });
    expect(isOpen(line, beijing('2026-06-01T21:59'))).toBe(false); // Monday
    expect(isOpen(line, beijing('2026-06-01T22:00'))).toBe(true);
    expect(isOpen(line, beijing('2026-06-02T01:00'))).toBe(true); // Tuesday
    expect(isOpen(line, beijing('2026-06-02T02:00'))).toBe(false);
    expect(isOpen(line, beijing('2026-06-02T22:30'))).toBe(false); // no Tuesday shift
    expect(isOpen(line, beijing('2026-06-01T01:00'))).toBe(false); // Sunday had none to spill
  });

  it('lets a day key override daily hours, and an empty day close the line', () => {
    const line = shanghai({ daily: ['09:00-18:00'], sat: ['10:00-16:00'], sun: [] });
    expect(isOpen(line, beijing('2026-06-05T17:00'))).toBe(true); // Friday
    expect(isOpen(line, beijing('2026-06-06T17:00'))).toBe(false); // Saturday
    expect(isOpen(line, beijing('2026-06-06T10:00'))).toBe(true);
    expect(isOpen(line, beijing('2026-06-07T12:00'))).toBe(false); // Sunday
  });

  it('keeps commerce open past midnight into New Year for the year-end sale', () => {
    expect(isOpen(commerce, beijing('2026-12-31T23:59'))).toBe(true);
    expect(isOpen(commerce, beijing('2027-01-01T00:00'))).toBe(true);
    expect(isOpen(commerce, beijing('2027-01-01T01:59'))).toBe(true);
    expect(isOpen(commerce, beijing('2027-01-01T02:00'))).toBe(false);
    expect(isOpen(commerce, beijing('2027-01-01T07:59'))).toBe(false);
    expect(isOpen(commerce, beijing('2027-01-01T08:00'))).toBe(true);
  });

  it('closes commerce all day on the Spring Festival date, and reopens next morning', () => {
    expect(isOpen(commerce, beijing('2027-02-15T23:59'))).toBe(true);
    expect(isOpen(commerce, beijing('2027-02-16T08:00'))).toBe(false);
    expect(isOpen(commerce, beijing('2027-02-16T15:00'))).toBe(false);
    expect(isOpen(commerce, beijing('2027-02-16T23:59'))).toBe(false);
    expect(isOpen(commerce, beijing('2027-02-17T08:00'))).toBe(true);
  });

  it('closes even a 24h line on a closed date', () => {
    const line = shanghai('24h', [{ date: '2026-06-01', closed: true }]);
    expect(isOpen(line, beijing('2026-06-01T12:00'))).toBe(false);
    expect(isOpen(line, beijing('2026-06-02T00:00'))).toBe(true);
  });

  it("still honours a late shift spilling into a closed date, since it started the day before", () => {
    const line = shanghai({ daily: ['08:00-02:00'] }, [{ date: '2026-06-02', closed: true }]);
    expect(isOpen(line, beijing('2026-06-02T01:00'))).toBe(true);
    expect(isOpen(line, beijing('2026-06-02T09:00'))).toBe(false);
    expect(isOpen(line, beijing('2026-06-03T01:00'))).toBe(false);
  });

  it('judges a New York hotline by New York time', () => {
    const line = { timezone: 'America/New_York', hours: { daily: ['09:00-17:00'] }, overrides: [] };
    // 2026-06-01 09:30 EDT is 13:30 UTC and 21:30 in Beijing.
    expect(isOpen(line, Date.UTC(2026, 5, 1, 13, 30))).toBe(true);
    expect(isOpen(line, Date.UTC(2026, 5, 1, 21, 30))).toBe(false);
  });
});

describe('localClock', () => {
  it('reads the Beijing wall clock regardless of the server zone', () => {
    expect(localClock('Asia/Shanghai', beijing('2026-06-01T19:05'))).toEqual({
      hhmm: '19:05',
      weekday: 'mon',
      date: '2026-06-01',
    });
    expect(localClock('Asia/Shanghai', beijing('2027-01-01T00:30'))).toEqual({
      hhmm: '00:30',
      weekday: 'fri',
      date: '2027-01-01',
    });
  });

  it('refuses a zone that does not exist', () => {
    expect(() => localClock('Asia/Beijing', 0)).toThrow(RangeError);
  });
});

describe('inTimeRange', () => {
  it('puts 19:00 to 21:59 inside peak hours 19:00-22:00 and 22:00 outside', () => {
    expect(inTimeRange('19:00-22:00', '18:59')).toBe(false);
    expect(inTimeRange('19:00-22:00', '19:00')).toBe(true);
    expect(inTimeRange('19:00-22:00', '21:59')).toBe(true);
    expect(inTimeRange('19:00-22:00', '22:00')).toBe(false);
  });

  it('handles ranges crossing midnight and ending at 24:00', () => {
    expect(inTimeRange('22:00-02:00', '23:30')).toBe(true);
    expect(inTimeRange('22:00-02:00', '01:59')).toBe(true);
    expect(inTimeRange('22:00-02:00', '02:00')).toBe(false);
    expect(inTimeRange('22:00-02:00', '12:00')).toBe(false);
    expect(inTimeRange('08:00-24:00', '23:59')).toBe(true);
    expect(inTimeRange('08:00-24:00', '00:00')).toBe(false);
    expect(inTimeRange('00:00-24:00', '00:00')).toBe(true);
  });

  it('refuses malformed input instead of guessing', () => {
    expect(() => inTimeRange('7pm-10pm', '19:00')).toThrow(RangeError);
    expect(() => inTimeRange('19:00-22:00', '24:00')).toThrow(RangeError);
  });
});

describe('describeHours', () => {
  it('tells callers the commerce hours in Chinese and English', () => {
    expect(describeHours(commerce, 'zh-CN')).toBe('每天8:00至24:00');
    expect(describeHours(commerce, 'en-US')).toBe('daily from 8:00 to 24:00');
  });

  it('tells callers the general line never closes', () => {
    expect(describeHours(general, 'zh-CN')).toBe('每天24小时');
    expect(describeHours(general, 'en-US')).toBe('24 hours a day');
    expect(describeHours({ hours: { daily: ['00:00-24:00'] } }, 'en-US')).toBe('24 hours a day');
  });

  it('lists weekdays and weekends separately when they differ', () => {
    const hours = { daily: ['08:00-22:00'], sat: ['10:00-18:00'], sun: ['10:00-18:00'] };
    expect(describeHours({ hours }, 'zh-CN')).toBe('周一至周五8:00至22:00，周六、周日10:00至18:00');
    expect(describeHours({ hours }, 'en-US')).toBe(
      'Monday to Friday from 8:00 to 22:00; Saturday and Sunday from 10:00 to 18:00',
    );
  });

  it('mentions closed days, split shifts and shifts ending the next day', () => {
    const hours = { daily: ['09:00-12:00', '13:30-18:00'], fri: ['22:00-02:00'], sun: [] };
    expect(describeHours({ hours }, 'zh-CN')).toBe(
      '周一至周四、周六9:00至12:00、13:30至18:00，周五22:00至次日2:00，周日休息',
    );
    expect(describeHours({ hours }, 'en-US')).toBe(
      'Monday to Thursday and Saturday from 9:00 to 12:00 and 13:30 to 18:00; ' +
        'Friday from 22:00 to 2:00 the next day; closed on Sunday',
    );
  });
});
