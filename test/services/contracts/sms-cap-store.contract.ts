import type { CapCount, SmsCapStore } from '../../../src/services/sms/sms-cap-store';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Two handles on one store: two connections (two servers) where the store has a database, and
 * what it keeps for the global bucket: its rows of sms_sends and the minutes it holds slots for.
 */
export type TwoCapStores = { a: SmsCapStore; b: SmsCapStore; kept(): Promise<{ globalSends: number; slotMinutes: number }> };

let keys = 0;
/** Each SMS has its own key unless a test repeats one. */
const take = (store: SmsCapStore, counts: readonly CapCount[], now: number, key = `CA${++keys}/sms`) => store.take(counts, now, key);

const otpCaps = (bucket: string): CapCount[] => [
  { bucket, limit: 5, windowMs: HOUR },
  { bucket, limit: 10, windowMs: 24 * HOUR },
];

/**
 * What every SmsCapStore must do. `manySms`: how many SMS the structure test records over two
 * hours (fewer where each take is a round trip to a database server, to keep the suite short).
 */
export function smsCapStoreContract(name: string, make: MakeStore<TwoCapStores>, manySms = 20_000) {
  describe(`SmsCapStore contract: ${name}`, () => {
    const newStores = fixtures(make);

    it('lets a number have 5 codes in an hour, refuses the 6th, and lets one more through once the first is an hour old', async () => {
      const { a } = await newStores();
      for (let i = 0; i < 5; i++) expect(await take(a, otpCaps('n1:otp'), T0 + i * MIN)).toEqual({ taken: true });
      expect(await take(a, otpCaps('n1:otp'), T0 + 10 * MIN)).toEqual({ taken: false, refusedBy: { bucket: 'n1:otp', limit: 5, windowMs: HOUR } });
      expect(await take(a, otpCaps('n1:otp'), T0 + HOUR - 1)).toMatchObject({ taken: false });
      expect(await take(a, otpCaps('n1:otp'), T0 + HOUR)).toEqual({ taken: true });
    });

    it('holds the day cap after the hourly window has moved on: 10 codes a day, however spread', async () => {
      const { a } = await newStores();
      for (let i = 0; i < 10; i++) expect(await take(a, otpCaps('n1:otp'), T0 + i * 2 * HOUR)).toEqual({ taken: true });
      expect(await take(a, otpCaps('n1:otp'), T0 + 21 * HOUR)).toEqual({ taken: false, refusedBy: { bucket: 'n1:otp', limit: 10, windowMs: 24 * HOUR } });
      expect(await take(a, otpCaps('n1:otp'), T0 + 24 * HOUR + 1)).toEqual({ taken: true });
    });

    it('counts nothing when refused: a full global ceiling does not use up a number\u2019s own cap', async () => {
      const { a } = await newStores();
      const global = { bucket: 'global', limit: 2, windowMs: HOUR };
      expect(await take(a, [{ bucket: 'n1:link', limit: 3, windowMs: 24 * HOUR }, global], T0)).toEqual({ taken: true });
      expect(await take(a, [{ bucket: 'n2:link', limit: 3, windowMs: 24 * HOUR }, global], T0)).toEqual({ taken: true });
      expect(await take(a, [{ bucket: 'n1:link', limit: 3, windowMs: 24 * HOUR }, global], T0 + MIN)).toEqual({ taken: false, refusedBy: global });
      // Once the ceiling's first minute has left the window, it has room; n1 has used 1 of its 3, not 2.
      expect(await take(a, [{ bucket: 'n1:link', limit: 2, windowMs: 24 * HOUR }, global], T0 + HOUR + MIN)).toEqual({ taken: true });
      expect(await take(a, [{ bucket: 'n1:link', limit: 2, windowMs: 24 * HOUR }, global], T0 + HOUR + MIN)).toMatchObject({ taken: false, refusedBy: { bucket: 'n1:link' } });
    });

    it('keeps numbers and kinds apart', async () => {
      const { a } = await newStores();
      const survey = (bucket: string): CapCount[] => [{ bucket, limit: 1, windowMs: 24 * HOUR }];
      expect(await take(a, survey('n1:survey'), T0)).toEqual({ taken: true });
      expect(await take(a, survey('n2:survey'), T0)).toEqual({ taken: true });
      expect(await take(a, survey('n1:ticket'), T0)).toEqual({ taken: true });
      expect(await take(a, survey('n1:survey'), T0 + MIN)).toMatchObject({ taken: false });
    });

    it('gives the last slot to exactly one of 20 concurrent takers on two servers', async () => {
      const { a, b } = await newStores();
      const caps: CapCount[] = [{ bucket: 'n1:otp', limit: 3, windowMs: HOUR }];
      const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => take(i % 2 ? a : b, caps, T0 + i)));
      expect(takes.filter((t) => t.taken)).toHaveLength(3);
      expect(await take(a, caps, T0 + 30)).toMatchObject({ taken: false });
      expect(await take(b, caps, T0 + 30)).toMatchObject({ taken: false });
    });

    it('counts a retried SMS (the same key) once, on either server, and admits it again', async () => {
      const { a, b } = await newStores();
      const caps: CapCount[] = [{ bucket: 'n1:link', limit: 2, windowMs: 24 * HOUR }];
      expect(await take(a, caps, T0, 'CA1/t3/sendSms')).toEqual({ taken: true });
      expect(await take(b, caps, T0 + 1000, 'CA1/t3/sendSms')).toEqual({ taken: true, again: true });
      expect(await take(a, caps, T0 + 2000, 'CA2/t3/sendSms')).toEqual({ taken: true });
      expect(await take(b, caps, T0 + 3000, 'CA3/t3/sendSms')).toMatchObject({ taken: false });
      expect(await take(b, caps, T0 + 4000, 'CA1/t3/sendSms')).toEqual({ taken: true, again: true });
    });

    it('counts a refused key when it is tried again later and there is room: a refusal records nothing', async () => {
      const { a } = await newStores();
      const caps: CapCount[] = [{ bucket: 'n1:survey', limit: 1, windowMs: HOUR }];
      expect(await take(a, caps, T0, 'CA1/survey')).toEqual({ taken: true });
      expect(await take(a, caps, T0 + MIN, 'CA2/survey')).toMatchObject({ taken: false });
      expect(await take(a, caps, T0 + HOUR, 'CA2/survey')).toEqual({ taken: true });
    });

    it('holds the global ceiling within an hour, counted in whole minutes: it frees up a minute late, never early', async () => {
      const { a, b } = await newStores();
      const global: CapCount = { bucket: 'global', limit: 3, windowMs: HOUR };
      const to = (n: number): CapCount[] => [{ bucket: `n${n}:link`, limit: 3, windowMs: 24 * HOUR }, global];
      expect(await take(a, to(1), T0 + 10_000)).toEqual({ taken: true });
      expect(await take(b, to(2), T0 + 20_000)).toEqual({ taken: true });
      expect(await take(a, to(3), T0 + 30 * MIN)).toEqual({ taken: true });
      expect(await take(b, to(4), T0 + 40 * MIN)).toEqual({ taken: false, refusedBy: global });
      // The first two are an hour old, but their minute (T0 to T0 + 1 min) still overlaps the window.
      expect(await take(a, to(4), T0 + HOUR + 30_000)).toEqual({ taken: false, refusedBy: global });
      // Their minute has left the window: two free places, then full again.
      expect(await take(b, to(4), T0 + HOUR + MIN)).toEqual({ taken: true });
      expect(await take(a, to(5), T0 + HOUR + MIN + 1)).toEqual({ taken: true });
      expect(await take(b, to(6), T0 + HOUR + 2 * MIN)).toEqual({ taken: false, refusedBy: global });
    });

    it(`keeps the global bucket in at most 61 minutes, not a row per SMS: ${manySms} SMS to distinct numbers over two hours`, async () => {
      const { a, b, kept } = await newStores();
      const global: CapCount = { bucket: 'global', limit: 1_000_000, windowMs: HOUR };
      const every = (2 * HOUR) / manySms;
      for (let i = 0; i < manySms; i += 10) {
        const batch = Array.from({ length: 10 }, (_, j) => take((i + j) % 2 ? a : b, [{ bucket: `n${i + j}:link`, limit: 3, windowMs: 24 * HOUR }, global], T0 + (i + j) * every));
        for (const t of await Promise.all(batch)) expect(t).toEqual({ taken: true });
      }
      expect(await kept()).toEqual({ globalSends: 0, slotMinutes: expect.any(Number) });
      expect((await kept()).slotMinutes).toBeLessThanOrEqual(61);
      // The last hour's SMS (half of them) are all still counted.
      const now = T0 + 2 * HOUR;
      expect(await take(a, [{ bucket: 'n-last:link', limit: 3, windowMs: 24 * HOUR }, { ...global, limit: manySms / 2 }], now)).toMatchObject({ taken: false });
      expect(await take(a, [{ bucket: 'n-last:link', limit: 3, windowMs: 24 * HOUR }, { ...global, limit: manySms / 2 + manySms / 120 + 1 }], now)).toEqual({ taken: true });
    });

    it('refuses everything for a cap of 0', async () => {
      const { a } = await newStores();
      expect(await take(a, [{ bucket: 'n1:other', limit: 0, windowMs: HOUR }], T0)).toMatchObject({ taken: false });
    });
  });
}
