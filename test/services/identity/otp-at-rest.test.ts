import { createHash, createHmac } from 'node:crypto';
import { SimulatedClock } from '../../../src/platform/clock';
import { createOtpService, otpCodeHash } from '../../../src/services/identity/otp-service';
import type { OtpStore } from '../../../src/services/identity/otp-store';
import { pgOtpStore } from '../../../src/stores/postgres';
import { sqliteOtpStore } from '../../../src/stores/sqlite';
import { describeWith, testSchema } from '../../helpers/external-services';
import { tempSqliteDir } from '../temp-sqlite';

const SECRET = Buffer.from('a-server-secret-that-never-leaves-the-server', 'utf8');
const WRONG_SECRET = Buffer.from('a-guess-at-the-server-secret-by-the-thief', 'utf8');
const SENT = '482913';
type RawRow = Record<string, unknown> & { account_id: string; code_hash: string | null; salt: string | null };

/** Every 6-digit code whose `hash` equals the row's stored hash: what a thief holding the row can find. */
function crack(row: RawRow, hash: (code: string) => string): string[] {
  const found: string[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const code = String(i).padStart(6, '0');
    if (hash(code) === row.code_hash) found.push(code);
  }
  return found;
}

/** Issues the code, then tries every code against the raw row as a thief would, and as the server can. */
async function stealAndCrack(store: OtpStore, readRow: () => Promise<RawRow>) {
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0));
  const otp = createOtpService({ store, now: () => clock.now(), secret: SECRET, newCode: () => SENT });
  expect(await otp.issue({ accountId: 'U10001', key: 'CA1/2.0', caller: '+8613800138000', destination: '+8613800138000' })).toMatchObject({ code: SENT });
  const row = await readRow();
  expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(row)).not.toContain(SENT);
  const salt = row.salt ?? '';
  // The old scheme (SHA-256 with a salt in the same row; no salt left: plain SHA-256), and HMAC under a wrong key.
  expect(crack(row, (c) => createHash('sha256').update(`${salt}:${c}`).digest('hex'))).toEqual([]);
  expect(crack(row, (c) => createHmac('sha256', WRONG_SECRET).update(`otp:U10001:${c}`).digest('hex'))).toEqual([]);
  // With the server's secret, exactly the code that was sent.
  expect(crack(row, (c) => otpCodeHash(SECRET, 'U10001', c))).toEqual([SENT]);
}

describe('a stolen SQLite file does not give away one-time codes', () => {
  const tmp = tempSqliteDir();
  afterAll(() => tmp.remove());

  it('holds no code that verifies without the server secret: all 10^6 codes tried against the raw row', async () => {
    const db = tmp.open();
    await stealAndCrack(sqliteOtpStore(db), async () => db.prepare("SELECT * FROM otp_state WHERE account_id = 'U10001'").get() as RawRow);
  }, 120_000);
});

describeWith({ postgres: true }, 'a stolen PostgreSQL table does not give away one-time codes', () => {
  const db = testSchema();
  afterAll(() => db.drop());

  it('holds no code that verifies without the server secret: all 10^6 codes tried against the raw row', async () => {
    const pool = await db.fresh();
    await stealAndCrack(pgOtpStore(pool), async () => (await pool.query<RawRow>("SELECT * FROM otp_state WHERE account_id = 'U10001'")).rows[0]);
  }, 120_000);
});
