import type { z } from 'zod';
import { HotlineSchema, HotlinesFileSchema, HoursOverrideSchema, TimeRangeSchema } from '../../src/hotlines';
import { loadHotlinesYaml } from './fixtures';

const validHotline = () => ({
  id: 'commerce',
  name: { 'zh-CN': '电商服务', 'en-US': 'E-commerce service' },
  numbers: ['400-101-5454'],
  timezone: 'Asia/Shanghai',
  hours: { daily: ['08:00-24:00'] },
  languages: ['zh-CN'],
  flow: 'commerce',
  afterHoursFlow: 'commerce_closed',
  sms: { from: '+8610690000002' },
});

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation error');
  return result.error.issues;
}

describe('flows/hotlines.yaml', () => {
  it('parses and validates, with the four hotlines of the seeds among its lines', () => {
    const file = HotlinesFileSchema.parse(loadHotlinesYaml());
    const line = (id: string) => file.hotlines.find((h) => h.id === id)!;
    expect(file.hotlines.map((h) => h.id)).toEqual(expect.arrayContaining(['general', 'commerce', 'international', 'enterprise']));
    const commerce = line('commerce');
    expect(commerce.overrides).toEqual([
      { date: '2026-12-31', hours: ['08:00-02:00'], reason: 'year-end sale' },
      { date: '2027-02-16', closed: true, reason: 'Spring Festival' },
    ]);
    expect(line('general').hours).toBe('24h');
    expect(line('international').languages[0]).toBe('en-US');
  });
});

describe('HotlineSchema', () => {
  it('accepts a well-formed hotline and defaults overrides to none', () => {
    expect(HotlineSchema.parse(validHotline()).overrides).toEqual([]);
  });

  it('rejects an unknown key, naming it', () => {
    const [issue] = issuesOf(HotlineSchema, { ...validHotline(), openHours: '9-5' });
    expect(issue.code).toBe('unrecognized_keys');
    expect(issue.message).toContain('openHours');
  });

  it('rejects an unknown key nested in the weekly hours, pointing at hours', () => {
    const [issue] = issuesOf(HotlineSchema, { ...validHotline(), hours: { daily: ['08:00-24:00'], weekend: [] } });
    expect(issue.path).toEqual(['hours']);
    expect(issue.message).toContain('weekend');
  });

  it('rejects a made-up time zone with an example of a real one', () => {
    const [issue] = issuesOf(HotlineSchema, { ...validHotline(), timezone: 'Asia/Beijing' });
    expect(issue.path).toEqual(['timezone']);
    expect(issue.message).toContain('"Asia/Beijing" is not an IANA time zone');
    expect(issue.message).toContain('Asia/Shanghai');
  });

  it('rejects a badly written time range, pointing at the range', () => {
    const [issue] = issuesOf(HotlineSchema, { ...validHotline(), hours: { mon: ['08:00-24:00'], tue: ['8-17'] } });
    expect(issue.path).toEqual(['hours', 'tue', 0]);
    expect(issue.message).toContain('"8-17" is not a time range');
    expect(issue.message).toContain('HH:MM-HH:MM');
  });

  it('rejects hours that are neither "24h" nor a day map', () => {
    const [issue] = issuesOf(HotlineSchema, { ...validHotline(), hours: 'always' });
    expect(issue.path).toEqual(['hours']);
    expect(issue.message).toContain('"24h"');
  });

  it('rejects an override that is both closed and has hours', () => {
    const [issue] = issuesOf(HotlineSchema, {
      ...validHotline(),
      overrides: [{ date: '2027-02-16', closed: true, hours: ['08:00-12:00'] }],
    });
    expect(issue.path).toEqual(['overrides', 0]);
    expect(issue.message).toContain('exactly one of');
  });

  it('rejects two overrides for the same date', () => {
    const [issue] = issuesOf(HotlineSchema, {
      ...validHotline(),
      overrides: [
        { date: '2027-02-16', closed: true },
        { date: '2027-02-16', hours: ['08:00-12:00'] },
      ],
    });
    expect(issue.path).toEqual(['overrides', 1, 'date']);
  });

  it('rejects bad country codes, numbers and SMS senders where they are written', () => {
    const issues = issuesOf(HotlineSchema, {
      ...validHotline(),
      match: { callerCountries: ['cn'] },
      numbers: ['400-101-5454', 'hotline'],
      sms: { from: '10690000002' },
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([['match', 'callerCountries', 0], ['numbers', 1], ['sms', 'from']]),
    );
  });

  it('requires a name in both languages and at least one language', () => {
    const issues = issuesOf(HotlineSchema, { ...validHotline(), name: { 'zh-CN': '电商服务' }, languages: [] });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([['name', 'en-US'], ['languages']]));
  });
});

describe('TimeRangeSchema and HoursOverrideSchema', () => {
  it.each(['08:00-24:00', '22:00-02:00', '00:00-24:00', '10:00-19:00'])('accepts %s', (range) => {
    expect(TimeRangeSchema.parse(range)).toBe(range);
  });

  it.each(['8:00-24:00', '08:00-24:01', '24:00-08:00', '08:00-08:00', '08:00', '08:00-12:00-14:00', '25:00-26:00'])(
    'rejects %s',
    (range) => {
      expect(TimeRangeSchema.safeParse(range).success).toBe(false);
    },
  );

  it('rejects a date that is not on the calendar', () => {
    const [issue] = issuesOf(HoursOverrideSchema, { date: '2027-02-30', closed: true });
    expect(issue.path).toEqual(['date']);
    expect(issue.message).toContain('YYYY-MM-DD');
  });

  it('rejects an override that says nothing', () => {
    expect(HoursOverrideSchema.safeParse({ date: '2027-02-16', closed: false }).success).toBe(false);
    expect(HoursOverrideSchema.safeParse({ date: '2027-02-16', reason: 'x' }).success).toBe(false);
  });
});

describe('HotlinesFileSchema', () => {
  it('rejects a duplicate hotline id, pointing at the second one', () => {
    const issues = issuesOf(HotlinesFileSchema, {
      hotlines: [validHotline(), { ...validHotline(), numbers: ['400-999-0000'] }],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['hotlines', 1, 'id']);
    expect(issues[0].message).toContain('duplicate hotline id "commerce"');
  });

  it('rejects two unconditional hotlines on the same number, however it is spelled', () => {
    const issues = issuesOf(HotlinesFileSchema, {
      hotlines: [validHotline(), { ...validHotline(), id: 'shadow', numbers: ['+86 400 101 5454'] }],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['hotlines', 1, 'numbers', 0]);
    expect(issues[0].message).toContain('"commerce"');
  });

  it('rejects shared numbers whose caller rules overlap, e.g. CN-only and everyone', () => {
    const issues = issuesOf(HotlinesFileSchema, {
      hotlines: [
        { ...validHotline(), match: { callerCountries: ['CN', 'HK'] } },
        { ...validHotline(), id: 'abroad', match: { notCallerCountries: ['CN'] } },
      ],
    });
    expect(issues[0].path).toEqual(['hotlines', 1, 'numbers', 0]);
  });

  it('accepts shared numbers split cleanly by caller country', () => {
    const result = HotlinesFileSchema.safeParse({
      hotlines: [
        { ...validHotline(), match: { callerCountries: ['CN'] } },
        { ...validHotline(), id: 'abroad', match: { notCallerCountries: ['CN'] } },
      ],
    });
    expect(result.success).toBe(true);
  });

  it('rejects an unknown top-level key and an empty list', () => {
    expect(issuesOf(HotlinesFileSchema, { hotlines: [validHotline()], version: 2 })[0].code).toBe(
      'unrecognized_keys',
    );
    expect(issuesOf(HotlinesFileSchema, { hotlines: [] })[0].path).toEqual(['hotlines']);
  });
});
