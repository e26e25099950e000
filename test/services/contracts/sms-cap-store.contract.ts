import type { CapCount, SmsCapStore } from '../../../src/services/sms/sms-cap-store';
import { fixtures, type MakeStore } from './fixture';

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Two handles on one store: two connections (two servers) where the store has a database. */
export type TwoCapStores = { a: SmsCapStore; b: SmsCapStore };

let keys = 0;
/** Each SMS has its own key unless a test repeats one. */
const take = (store: SmsCapStore, counts: readonly CapCount[], now: number, key = `CA${++keys}/sms`) => store.take(counts, now, key);

const otpCaps = (bucket: string): CapCount[] => [
  { bucket, limit: 5, windowMs: HOUR },
  { bucket, limit: 10, windowMs: 24 * HOUR },
];

/** What every SmsCapStore must do. */
export function smsCapStoreContract(name: string, make: MakeStore<TwoCapStores>) {
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
      // An hour on, the ceiling has room; n1 has used 1 of its 3, not 2.
      expect(await take(a, [{ bucket: 'n1:link', limit: 2, windowMs: 24 * HOUR }, global], T0 + HOUR)).toEqual({ taken: true });
      expect(await take(a, [{ bucket: 'n1:link', limit: 2, windowMs: 24 * HOUR }, global], T0 + HOUR)).toMatchObject({ taken: false, refusedBy: { bucket: 'n1:link' } });
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

    it('refuses everything for a cap of 0', async () => {
      const { a } = await newStores();
      expect(await take(a, [{ bucket: 'n1:other', limit: 0, windowMs: HOUR }], T0)).toMatchObject({ taken: false });
    });
  });
}
