import { existsSync, readFileSync } from 'node:fs';
import { SimulatedClock } from '../../../src/platform/clock';
import { createCallerServices } from '../../../src/services/caller-services';
import { createOtpService } from '../../../src/services/identity/otp-service';
import { OTP_RULES } from '../../../src/services/identity/otp-rules';
import { recordingSmsSender } from '../../../src/services/sms/sms-sender';
import { loadAccountsIntoSqlite, sqliteOtpStore, sqliteStores } from '../../../src/stores/sqlite';
import { CONTRACT_ACCOUNTS } from '../contracts/account-directory.contract';
import { anEffect } from '../effects';
import { tempSqliteDir } from '../temp-sqlite';
import { shippedCentre } from '../../helpers/call-centre';

const MIN = 60_000;
const SECRET = Buffer.alloc(32, 7);
const STRANGER = '+8613912345678';
/** A request for U10001's code by the stranger's call, in the turn `key`. */
const asked = (key: string) => ({ accountId: 'U10001', key, caller: STRANGER, destination: '+8613800138000' });

describe('the identity check over SQLite', () => {
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(() => (tmp = tempSqliteDir()));
  afterEach(() => tmp.remove());

  it('keeps a caller locked out after three wrong codes across a restart: a new call within 15 minutes is still locked', async () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0));
    const first = tmp.open();
    const otp = createOtpService({ store: sqliteOtpStore(first), now: () => clock.now(), secret: SECRET, newCode: () => '482913' });
    expect((await otp.issue(asked('CA1/1.0'))).status).toBe('sent');
    expect(await otp.verify(asked('CA1/2.0'), '111111')).toEqual({ status: 'wrong', remaining: 2 });
    expect(await otp.verify(asked('CA1/3.0'), '222222')).toEqual({ status: 'wrong', remaining: 1 });
    expect(await otp.verify(asked('CA1/4.0'), '333333')).toEqual({ status: 'locked' });
    first.close();

    clock.advance(14 * MIN);
    const reopened = tmp.open();
    const afterRestart = createOtpService({ store: sqliteOtpStore(reopened), now: () => clock.now(), secret: SECRET, newCode: () => '777777' });
    expect(await afterRestart.issue(asked('CA2/1.0'))).toEqual({ status: 'locked', lockedUntil: Date.UTC(2026, 10, 23, 2, 0) + OTP_RULES.lockMs });
    expect(await afterRestart.verify(asked('CA2/2.0'), '482913')).toEqual({ status: 'locked' });

    clock.advance(1 * MIN);
    expect(await afterRestart.issue(asked('CA3/1.0'))).toMatchObject({ status: 'sent', code: '777777' });
    expect(await afterRestart.verify(asked('CA3/2.0'), '777777')).toEqual({ status: 'ok' });
  });

  it('counts three wrong codes keyed at the same moment (three webhooks at once): that caller is locked out of the account', async () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0));
    // Two connections to one file, as two server processes hold.
    const one = createOtpService({ store: sqliteOtpStore(tmp.open()), now: () => clock.now(), secret: SECRET, newCode: () => '482913' });
    const two = createOtpService({ store: sqliteOtpStore(tmp.open()), now: () => clock.now(), secret: SECRET });
    await one.issue(asked('CA1/1.0'));
    const answers = await Promise.all([one.verify(asked('CA1/2.0'), '111111'), two.verify(asked('CA2/2.0'), '222222'), one.verify(asked('CA3/2.0'), '333333')]);
    expect(answers.map((a) => a.status).sort()).toEqual(['locked', 'wrong', 'wrong']);
    expect(await two.verify(asked('CA1/3.0'), '482913')).toEqual({ status: 'locked' });
  });

  it('never writes a one-time code in clear to the database file, only its HMAC under the server secret', async () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 2, 0));
    const db = tmp.open();
    loadAccountsIntoSqlite(db, CONTRACT_ACCOUNTS);
    const stores = sqliteStores(db);
    const sms = recordingSmsSender();
    const services = createCallerServices({ centre: shippedCentre(), stores, clock, smsSender: sms, smsFrom: () => '+8610690000', links: {}, otpSecret: SECRET });

    expect(await services.handlers.sendOtp(anEffect('sendOtp', { accountId: 'U10001' }))).toEqual({ status: 'sent' });
    const code = sms.sent.find((m) => m.kind === 'otp')!.body.match(/\d{6}/)![0];
    expect(await services.handlers.verifyOtp(anEffect('verifyOtp', { accountId: 'U10001', code: code === '000000' ? '000001' : '000000' }))).toEqual({ status: 'wrong' });
    await services.handlers.createTicket(anEffect('createTicket', { category: 'account', priority: 'normal', summary: 'locked out', notify: true, vars: {} }));

    const raw = Buffer.concat([`${tmp.path}`, `${tmp.path}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const { code_hash: hash } = db.prepare('SELECT code_hash FROM otp_state WHERE account_id = ?').get('U10001') as { code_hash: string };
    expect(raw.includes(hash)).toBe(true); // we are reading the bytes the rows live in
    expect(raw.includes(code)).toBe(false);
    // The OTP went straight to the sender; only the ticket SMS waits in the outbox.
    expect((await stores.outbox.list()).map((m) => m.kind)).toEqual(['ticket']);
  });
});
