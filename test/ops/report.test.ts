import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parseInstant } from '../../src/platform/clock';
import { ADMIN_TOKEN } from '../helpers/webhook-app';
import { opsApp, type OpsApp } from './ops-app';

const ZHANG = '+8613800138000';
const BRAND = '+8613900139000';
const STRANGER = '+8615000000000';
const COMMERCE = '400-101-5454';

describe('the operations report over a scripted batch of calls (SQLite, through the webhooks)', () => {
  let dir: string;
  let ops: OpsApp;
  const at = (time: string) => ops.clock.set(parseInstant(time));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-report-'));
    // The batch has one caller calling twice in a morning; the report counts surveys, not the SMS guard's daily survey cap.
    ops = opsApp({ env: { DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, SMS_CAPS: 'survey=2/1d' } });

    // c1 Mon 10:05 Zhang presses 0 for a person, then rates the call 5.
    at('2026-11-23T10:05:00+08:00');
    const c1 = ops.caller(ZHANG);
    await c1.ring();
    await c1.press('0');
    await c1.hangUp('completed', 200);
    await ops.textBack(ZHANG, '5');

    // c2 Mon 10:40 Zhang again (so c1 was not resolved at first contact): verified, a reset link, goodbye.
    at('2026-11-23T10:40:00+08:00');
    const c2 = ops.caller(ZHANG);
    await c2.ring();
    await c2.press('1');
    await c2.press('1');
    await c2.press(ops.codeSentTo(ZHANG));
    await c2.press('1');
    await c2.press('1');
    await c2.hangUp('completed', 90);

    // c3 Mon 11:15 a stranger hangs up at the main menu.
    at('2026-11-23T11:15:00+08:00');
    const c3 = ops.caller(STRANGER);
    await c3.ring();
    await c3.hangUp('completed', 12);

    // c4 Mon 14:20 the brand owner reports a stolen account: an emergency ticket (due 14:35, never resolved); rates 3.
    at('2026-11-23T14:20:00+08:00');
    const c4 = ops.caller(BRAND);
    await c4.ring();
    await c4.press('1');
    await c4.press('1');
    await c4.press(ops.codeSentTo(BRAND));
    await c4.press('2');
    await c4.press('2');
    await c4.hangUp('completed', 150);
    await ops.textBack(BRAND, '3');

    // c6 Mon 14:50 another caller chooses account problems and hangs up when asked for the number; comments.
    at('2026-11-23T14:50:00+08:00');
    const c6 = ops.caller('+8615100000000');
    await c6.ring();
    await c6.press('1');
    await c6.hangUp('completed', 25);
    await ops.textBack('+8615100000000', '等太久了');

    // c5 Tue 03:00 the commerce line is closed: a voicemail, ticket resolved at 09:00 (due 03:00 Wed).
    at('2026-11-24T03:00:00+08:00');
    const c5 = ops.caller('+8613700137000', COMMERCE);
    await c5.ring();
    await c5.press('1');
    await c5.leaveMessage('https://api.twilio.com/recordings/RE0005', 20);
    await c5.hangUp('completed', 60);
    at('2026-11-24T09:00:00+08:00');
    const [voicemail] = (await ops.admin('/api/tickets?category=voicemail')).body.tickets;
    const resolved = await request(ops.app).patch(`/api/tickets/${voicemail.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ status: 'resolved', note: '已回电' });
    expect(resolved.status).toBe(200);

    // c7 Tue 16:00 someone else hangs up at the main menu too.
    at('2026-11-24T16:00:00+08:00');
    const c7 = ops.caller('+8618600000000');
    await c7.ring();
    await c7.hangUp('completed', 10);

    // Outside the period, and 48 h 15 min after c3 from the same number: counted neither as a call nor as a repeat.
    at('2026-11-25T11:30:00+08:00');
    const later = ops.caller(STRANGER);
    await later.ring();
    await later.hangUp('completed', 5);

    at('2026-11-25T12:00:00+08:00');
  });
  afterAll(async () => {
    await ops.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The figures counted by hand from the script above. */
  const HAND_COUNT = {
    period: { from: '2026-11-23T00:00:00.000+08:00', to: '2026-11-25T00:00:00.000+08:00', hotline: null, timezone: 'Asia/Shanghai', madeAt: '2026-11-25T12:00:00.000+08:00' },
    calls: {
      total: 7,
      afterHours: 1,
      inProgress: 0,
      ended: 6,
      outcomes: { 'self-served': 1, transferred: 1, ticket: 1, voicemail: 0, abandoned: 3, 'after-hours': 1 },
      selfServiceRate: 2 / 6,
      transferRate: 1 / 6,
      abandonmentRate: 3 / 6,
      byHotline: {
        general: { total: 6, byHour: hours({ 10: 2, 11: 1, 14: 2, 16: 1 }) },
        commerce: { total: 1, byHour: hours({ 3: 1 }) },
      },
    },
    // c1 was repeated; c2 and c3 had no repeat within 48 h; the 48 hours of c4–c7 are not over at Wed 12:00.
    firstContactResolution: { judged: 3, resolved: 2, rate: 2 / 3, pending: 4, unknownCaller: 0 },
    tickets: {
      total: 2,
      open: 0,
      due: 0,
      breached: 1,
      met: 1,
      byCategory: { emergency: { total: 1, open: 0, due: 0, breached: 1, met: 0 }, voicemail: { total: 1, open: 0, due: 0, breached: 0, met: 1 } },
    },
    // c1, c2, c4, c5, c6 got one (c3 and c7 hung up during the greeting); c1 and c4 rated, c6 commented.
    surveys: { sent: 5, answered: 3, responseRate: 3 / 5, ratings: { count: 2, average: 4, distribution: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 } } },
  };

  it('answers GET /api/reports with the hand-counted figures', async () => {
    const res = await ops.admin('/api/reports?from=2026-11-23&to=2026-11-24');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(HAND_COUNT);
    expect(res.body.topPaths[0]).toEqual({ path: ['welcome', 'peak_check', 'main_menu'], calls: 2 });
    const general = res.body.dropOff.general as Array<{ node: string; reached: number; hungUpHere: number; dropRate: number }>;
    expect(general.find((s) => s.node === 'main_menu')).toEqual({ node: 'main_menu', reached: 6, hungUpHere: 2, dropRate: 2 / 6 });
    expect(general.find((s) => s.node === 'verify')).toEqual({ node: 'verify', reached: 3, hungUpHere: 1, dropRate: 1 / 3 });
    expect(general.filter((s) => s.hungUpHere > 0).map((s) => s.node).sort()).toEqual(['main_menu', 'verify']);
  });

  it('narrows to one hotline, and refuses a bad period with what to send', async () => {
    const commerce = await ops.admin('/api/reports?from=2026-11-23&to=2026-11-24&hotline=commerce');
    expect(commerce.body.calls).toMatchObject({ total: 1, afterHours: 1, ended: 0, selfServiceRate: null });
    expect(commerce.body.tickets).toMatchObject({ total: 1, met: 1 });
    const bad = await ops.admin('/api/reports?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('from "yesterday" must be an ISO 8601 time with a zone (2026-11-23T08:00:00+08:00) or a date (2026-11-23)');
    expect((await request(ops.app).get('/api/reports')).status).toBe(401);
  });

  it('npx ivr report prints the same figures with --json, and a readable table without', () => {
    const ivr = (...args: string[]) =>
      spawnSync(process.execPath, ['src/cli/bin.js', 'report', '--from', '2026-11-23', '--to', '2026-11-24', '--at', '2026-11-25T12:00:00+08:00', ...args], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}` },
      });
    const json = ivr('--json');
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject(HAND_COUNT);

    const table = ivr();
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('Report 2026-11-23 00:00 → 2026-11-25 00:00 (Asia/Shanghai), all hotlines; made 2026-11-25 12:00');
    expect(table.stdout).toMatch(/calls {2}after hours.*\n {2,}7 {2,}1 {2,}0 {2,}6 {2,}33\.3% {2,}16\.7% {2,}50\.0% {2,}66\.7%/);
    expect(table.stdout).toMatch(/emergency +1 +0 +0 +1 +0/);
    expect(table.stdout).toMatch(/ {2}5 +█{20} 1\n {2}4 + 0\n {2}3 +█{20} 1/);
  });
});

function hours(counts: Record<number, number>): number[] {
  return Array.from({ length: 24 }, (_, h) => counts[h] ?? 0);
}
