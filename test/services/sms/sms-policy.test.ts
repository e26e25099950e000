import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { formatDiagnostic } from '../../../src/diagnostics';
import { loadProject } from '../../../src/flow/load/load-project';
import { smsCountriesOf } from '../../../src/hotlines';
import { capCountsFor } from '../../../src/services/sms/sms-guard';
import { DEFAULT_CAPS, isAnonymousCaller, judgeDestination } from '../../../src/services/sms/sms-policy';
import { shippedProject } from '../../helpers/services-app';

const HOUR = 3_600_000;

describe('which numbers the SMS guard lets the engine text', () => {
  const policy = { allowedCountries: ['CN', 'GB', 'US'] };

  it.each([
    ['+8613800138000', 'a Chinese mobile'],
    ['+447400123456', 'a UK mobile'],
    ['+442079460000', 'a London landline'],
    ['+14155550100', 'a US number that may be a mobile'],
  ])('texts %s (%s)', (to) => {
    expect(judgeDestination(to, policy)).toMatchObject({ ok: true });
  });

  it.each([
    ['+449090123456', 'number_type_not_allowed', 'a premium-rate number'],
    ['+19005551234', 'number_type_not_allowed', 'a premium-rate number'],
    ['+18005551234', 'number_type_not_allowed', 'a toll-free number'],
    ['+4474009', 'invalid_number', 'not a valid number of any country'],
    ['+447700900123', 'invalid_number', 'not a valid number of any country (+44)'],
    ['+0123', 'invalid_number', 'not a phone number'],
    ['+37190012345', 'country_not_allowed', 'LV is not in SMS_ALLOWED_COUNTRIES (CN,GB,US)'],
    ['+4915112345678', 'country_not_allowed', 'DE is not in SMS_ALLOWED_COUNTRIES'],
    ['+266696687', 'anonymous', 'withheld'],
    ['anonymous', 'anonymous', 'withheld'],
    ['', 'anonymous', 'withheld'],
  ])('refuses %s: %s', (to, reason, detail) => {
    expect(judgeDestination(to, policy)).toMatchObject({ ok: false, reason, detail: expect.stringContaining(detail) });
  });

  it("knows Twilio's five anonymous placeholders, and only those, as withheld", () => {
    for (const n of ['+266696687', '+7378742833', '+86282452253', '+2562533', '+8656696', 'Restricted', 'UNKNOWN']) expect(isAnonymousCaller(n)).toBe(true);
    for (const n of ['+8613800138000', '+447400123456', '8613800138000']) expect(isAnonymousCaller(n)).toBe(false);
  });

  it("counts a number's links together, and every SMS against the hourly ceiling", () => {
    const p = { allowedCountries: ['CN'], caps: DEFAULT_CAPS, globalPerHour: 1000 };
    const face = capCountsFor({ to: '+8613800138000', kind: 'face_verify' }, p);
    const reset = capCountsFor({ to: '+8613800138000', kind: 'reset_link' }, p);
    expect(face).toEqual(reset);
    expect(face).toEqual([expect.objectContaining({ limit: 3, windowMs: 24 * HOUR }), { bucket: 'global', limit: 1000, windowMs: HOUR }]);
    expect(face[0].bucket).not.toContain('13800138000');
    expect(capCountsFor({ to: '+8613800138000', kind: 'otp' }, { ...p, globalPerHour: 0 }).map((c) => [c.limit, c.windowMs])).toEqual([
      [5, HOUR],
      [10, 24 * HOUR],
    ]);
  });
});

describe('the SMS guard settings', () => {
  it("defaults to the hotlines' countries: China plus the international line's list", () => {
    const countries = smsCountriesOf(shippedProject().hotlines);
    expect(countries).toContain('CN');
    expect(countries).toEqual(expect.arrayContaining(['HK', 'GB', 'US']));
    expect(countries).not.toContain('LV');
    expect(smsCountriesOf([{ sms: { from: '+8610690000001' }, match: { notCallerCountries: ['CN'] } }])).toEqual(['CN']);
  });

  it('reads SMS_ALLOWED_COUNTRIES, SMS_CAPS and SMS_GLOBAL_PER_HOUR, keeping the caps not named', () => {
    const c = loadConfig({ SMS_ALLOWED_COUNTRIES: 'CN, HK,US', SMS_CAPS: 'otp=3/30m+6/1d,survey=0/1d', SMS_GLOBAL_PER_HOUR: '50' });
    expect(c.smsGuard.allowedCountries).toEqual(['CN', 'HK', 'US']);
    expect(c.smsGuard.caps.otp).toEqual([
      { limit: 3, windowMs: 30 * 60_000 },
      { limit: 6, windowMs: 24 * HOUR },
    ]);
    expect(c.smsGuard.caps.survey).toEqual([{ limit: 0, windowMs: 24 * HOUR }]);
    expect(c.smsGuard.caps.link).toEqual(DEFAULT_CAPS.link);
    expect(c.smsGuard.globalPerHour).toBe(50);
    expect(loadConfig({}).smsGuard).toEqual({ caps: DEFAULT_CAPS, globalPerHour: 1000 });
  });

  it('refuses a bad country or cap in one line that says how to write it', () => {
    expect(() => loadConfig({ SMS_ALLOWED_COUNTRIES: 'CN,UK' })).toThrow('SMS_ALLOWED_COUNTRIES: "UK" is not an ISO-3166 alpha-2 country code; list upper-case codes separated by commas, e.g. CN,HK,US');
    expect(() => loadConfig({ SMS_CAPS: 'sms=5/1h' })).toThrow(/^SMS_CAPS: "sms=5\/1h" is not a cap: write group=limit\/window\[\+limit\/window\] with group one of otp, survey, link, ticket, ticket_result, ticket_progress, other/);
    expect(() => loadConfig({ SMS_CAPS: 'otp=5/1w' })).toThrow(/"otp=5\/1w" is not a cap/);
  });

  it("points at a bad country in a hotline's sms.countries with file:line:col", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-sms-countries-'));
    try {
      cpSync('test/fixtures/flows/good', dir, { recursive: true });
      const file = join(dir, 'hotlines.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace("sms: { from: '+8610690000009' }", "sms: { from: '+8610690000009', countries: [CN, UK] }"));
      const { project, diagnostics } = loadProject(dir);
      expect(project).toBeUndefined();
      expect(diagnostics.map(formatDiagnostic)).toEqual([`${file}:12:52 hotlines[0].sms.countries[1]: "UK" is not an ISO-3166 alpha-2 country code; use upper case, e.g. "CN" or "US"`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
