import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { purgeExpired } from '../../src/retention/purge-expired';
import { retainUntil } from '../../src/retention/retention-policy';
import { memoryTicketStore, type TicketStore } from '../../src/services/tickets/ticket-store';
import type { Ticket } from '../../src/services/tickets/ticket.schema';
import type { CallRecord } from '../../src/stores/calls/call-record';
import type { CallStore } from '../../src/stores/calls/call-store';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { pgCallStore } from '../../src/stores/calls/postgres/pg-call-store';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { pgTicketStore } from '../../src/stores/postgres';
import { migrateSqlite, openSqlite, sqliteTicketStore } from '../../src/stores/sqlite';
import { createTwilioClient } from '../../src/telephony/twilio-rest/twilio-client';
import { twilioRecordingRemover } from '../../src/telephony/twilio-rest/twilio-recordings';
import { describeWith, testSchema } from '../helpers/external-services';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio';
import { opsApp } from './ops-app';

const run = promisify(execFile);
const DAY = 86_400_000;

function record(callSid: string, startedAt: number, recordingUrl?: string): CallRecord {
  return {
    callSid, hotline: 'commerce', caller: '+8613700137000', dialled: '+864001015454', lang: 'zh-CN', flowId: 'commerce_closed', flowVersion: 'v1', afterHours: true,
    startedAt, endedAt: startedAt + 60_000, status: 'completed', outcome: 'after-hours', path: ['hours', 'menu', 'voicemail'], turns: [], ticketIds: recordingUrl ? ['30000001'] : [], faults: 0,
    ...(recordingUrl ? { recordingUrl, recordingRetainUntil: retainUntil(startedAt + 30_000) } : {}),
  };
}
const voicemailTicket = (callSid: string, recordingUrl: string, id = '30000001'): Ticket => ({
  id, key: `${callSid}/2.0`, hotline: 'commerce', category: 'voicemail', priority: 'normal', status: 'resolved', callSid, callerPhone: '+8613700137000',
  lang: 'zh-CN', summary: '留言', path: ['voicemail'], vars: { recordingUrl, orderId: '1234567890' }, recordingUrl,
  createdAt: 0, dueAt: 0, slaMinutes: 1440, notes: [],
});

/** `ivr purge` as cron runs it, on this database, with the server's Twilio account pointed at the fake. */
async function ivrPurge(database: string, twilio: FakeTwilio, ...args: string[]) {
  const env = { ...process.env, DATABASE_URL: database, TWILIO_API_BASE_URL: twilio.baseUrl, TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken };
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli/bin.js', 'purge', ...args], { encoding: 'utf8', env });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let twilio: FakeTwilio;
beforeEach(async () => {
  twilio = await startFakeTwilio();
});
afterEach(() => twilio.close());

describe('purging what is past retention, by the injected clock', () => {
  it('keeps call records and recordings 6 months, then deletes the recording at Twilio and removes the record and the reference on its ticket', async () => {
    const calls = memoryCallStore();
    const tickets = memoryTicketStore();
    const recording = twilio.addRecording();
    await calls.open(record('CAold', parseInstant('2026-05-01T10:00:00+08:00'), recording.url));
    await calls.open(record('CAnewer', parseInstant('2026-05-20T10:00:00+08:00')));
    await tickets.insertOnce(voicemailTicket('CAold', recording.url));
    const clock = new SimulatedClock(parseInstant('2026-10-31T12:00:00+08:00'));
    const recordings = twilioRecordingRemover(createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl }));
    const purge = (apply: boolean) => purgeExpired({ calls, retention: calls, tickets, recordings }, { now: clock.now(), apply });

    // Six months minus a day: nothing is due.
    expect(await purge(true)).toMatchObject({ applied: true, calls: [], recordings: [], kept: [], counts: { callRecords: 0, recordings: 0 } });

    clock.set(parseInstant('2026-11-10T12:00:00+08:00'));
    const planned = await purge(false);
    expect(planned).toMatchObject({ applied: false, calls: ['CAold'], recordings: [{ callSid: 'CAold', url: recording.url, tickets: ['30000001'] }], counts: { callRecords: 1, recordings: 1 } });
    expect(twilio.requests).toEqual([]);
    expect(await calls.get('CAold')).toBeDefined();

    expect(await purge(true)).toMatchObject({ applied: true, calls: ['CAold'], recordings: [{ callSid: 'CAold', removal: 'deleted' }] });
    expect(twilio.requests).toEqual([{ method: 'DELETE', path: `/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${recording.sid}.json`, status: 204 }]);
    expect(twilio.recordings.has(recording.sid)).toBe(false);
    expect(await calls.get('CAold')).toBeUndefined();
    expect(await calls.get('CAnewer')).toBeDefined();
    const kept = (await tickets.get('30000001'))!;
    expect(kept.recordingUrl).toBeUndefined();
    expect(kept.vars).toEqual({ orderId: '1234567890' });

    clock.set(parseInstant('2026-11-21T12:00:00+08:00'));
    expect(await purge(true)).toMatchObject({ calls: ['CAnewer'], recordings: [] });
    expect(await calls.list({ limit: 10 })).toEqual([]);
  });

  it('takes a 404 from Twilio as already deleted, and keeps the reference and the call record when Twilio fails, until a later run deletes it', async () => {
    const calls = memoryCallStore();
    const tickets = memoryTicketStore();
    const gone = twilio.addRecording();
    twilio.recordings.delete(gone.sid);
    const flaky = twilio.addRecording();
    await calls.open(record('CAgone', parseInstant('2026-05-01T10:00:00+08:00'), gone.url));
    await calls.open(record('CAflaky', parseInstant('2026-05-02T10:00:00+08:00'), flaky.url));
    await tickets.insertOnce(voicemailTicket('CAflaky', flaky.url, '30000002'));
    const recordings = twilioRecordingRemover(createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl }));
    const purge = () => purgeExpired({ calls, retention: calls, tickets, recordings }, { now: parseInstant('2026-11-10T12:00:00+08:00'), apply: true });

    twilio.failNextRecordingDeletes(1, { status: 503, code: 20503, message: 'Service Unavailable' });
    const first = await purge();
    expect(first.recordings).toEqual([{ callSid: 'CAgone', url: gone.url, tickets: [], removal: 'gone' }]);
    expect(first.kept).toEqual([{ callSid: 'CAflaky', url: flaky.url, detail: 'Twilio answered HTTP 503 (code 20503): Service Unavailable' }]);
    expect(first.calls).toEqual(['CAgone']);
    expect((await calls.get('CAflaky'))!.recordingUrl).toBe(flaky.url);
    expect((await tickets.get('30000002'))!.recordingUrl).toBe(flaky.url);
    expect(twilio.recordings.has(flaky.sid)).toBe(true);

    const second = await purge();
    expect(second).toMatchObject({ calls: ['CAflaky'], recordings: [{ callSid: 'CAflaky', removal: 'deleted' }], kept: [] });
    expect(twilio.recordings.has(flaky.sid)).toBe(false);
    expect((await tickets.get('30000002'))!.recordingUrl).toBeUndefined();
  });
});

/*
 * The same rows seeded in SQLite and PostgreSQL through the stores (calls, tickets) and plain SQL
 * (the rows the caller services write), then `ivr purge --now` run as cron runs it.
 */
const NOW = '2026-11-24T03:01:00+08:00';
const now = parseInstant(NOW);
const OLD_CALL = parseInstant('2026-05-01T10:00:00+08:00');
const RECENT_CALL = parseInstant('2026-11-01T10:00:00+08:00');

async function seed(stores: { calls: CallStore; tickets: TicketStore; exec(sql: string): Promise<void> }, recordingUrl: string) {
  await stores.calls.open(record('CAold', OLD_CALL, recordingUrl));
  await stores.calls.open(record('CArecent', RECENT_CALL));
  await stores.tickets.insertOnce(voicemailTicket('CAold', recordingUrl));
  const outbox = (key: string, status: string, createdAt: number, lastError: string | null) =>
    `INSERT INTO sms_outbox (key, kind, to_phone, from_phone, body, status, attempts, next_attempt_at, created_at, last_error)
     VALUES ('${key}', 'ticket', '+8613700137000', '+8610690000001', '您的工单号 30000001', '${status}', 1, ${createdAt}, ${createdAt}, ${lastError === null ? 'NULL' : `'${lastError}'`})`;
  await stores.exec(outbox('old-sent', 'sent', now - 31 * DAY, null));
  await stores.exec(outbox('old-failed', 'failed', now - 40 * DAY, "The ''To'' number +8613700137000 is not valid"));
  await stores.exec(outbox('old-pending', 'pending', now - 31 * DAY, null));
  await stores.exec(outbox('recent-sent', 'sent', now - 29 * DAY, null));
  const survey = (sid: string, createdAt: number, comment: string | null) =>
    `INSERT INTO surveys (call_sid, phone, hotline, lang, sms_key, created_at, rating, comment)
     VALUES ('${sid}', '+8613700137000', 'commerce', 'zh-CN', '${sid}/survey', ${createdAt}, 4, ${comment === null ? 'NULL' : `'${comment}'`})`;
  await stores.exec(survey('CAs1', now - 91 * DAY, '客服很耐心，我的手机 13700137000'));
  await stores.exec(survey('CAs2', now - 100 * DAY, null));
  await stores.exec(survey('CAs3', now - 89 * DAY, '还行'));
  await stores.exec(`INSERT INTO otp_lookups (caller, account_id, at) VALUES ('+8613700137000', 'u1', ${now - 2 * DAY}), ('+8613700137000', 'u2', ${now - 60 * 60_000})`);
  // Code states: idle for two days (forgotten); written two days ago but still locked (kept); recent (kept).
  const otp = (id: string, updatedAt: number, lockedUntil: number | null) =>
    `INSERT INTO otp_state (account_id, failures, locked_until, updated_at) VALUES ('${id}', 3, ${lockedUntil ?? 'NULL'}, ${updatedAt})`;
  await stores.exec(otp('account:idle', now - 2 * DAY, now - 2 * DAY + 15 * 60_000));
  await stores.exec(otp('account:locked', now - 2 * DAY, now + 10 * 60_000));
  await stores.exec(otp('account:recent', now - 60 * 60_000, null));
  await stores.exec(`INSERT INTO sms_replies (message_sid, received_at, kind) VALUES ('SMold', ${now - 9 * DAY}, 'rating'), ('SMnew', ${now - DAY}, 'comment')`);
}

type Rows = { query(sql: string): Promise<Record<string, unknown>[]> };

async function expectPurged(db: Rows, recordingUrl: string) {
  expect(await db.query('SELECT call_sid FROM calls ORDER BY call_sid')).toEqual([{ call_sid: 'CArecent' }]);
  expect(await db.query("SELECT recording_url FROM tickets WHERE id = '30000001'")).toEqual([{ recording_url: null }]);
  expect(JSON.stringify(await db.query('SELECT * FROM tickets'))).not.toContain(recordingUrl);
  expect(await db.query('SELECT key, status, to_phone, body, last_error FROM sms_outbox ORDER BY key')).toEqual([
    { key: 'old-failed', status: 'failed', to_phone: '', body: '', last_error: null },
    { key: 'old-pending', status: 'pending', to_phone: '+8613700137000', body: '您的工单号 30000001', last_error: null },
    { key: 'old-sent', status: 'sent', to_phone: '', body: '', last_error: null },
    { key: 'recent-sent', status: 'sent', to_phone: '+8613700137000', body: '您的工单号 30000001', last_error: null },
  ]);
  expect(await db.query('SELECT call_sid, phone, rating, comment FROM surveys ORDER BY call_sid')).toEqual([
    { call_sid: 'CAs1', phone: '', rating: 4, comment: '' },
    { call_sid: 'CAs2', phone: '', rating: 4, comment: null },
    { call_sid: 'CAs3', phone: '+8613700137000', rating: 4, comment: '还行' },
  ]);
  expect(await db.query('SELECT account_id FROM otp_lookups')).toEqual([{ account_id: 'u2' }]);
  expect(await db.query('SELECT account_id FROM otp_state ORDER BY account_id')).toEqual([{ account_id: 'account:locked' }, { account_id: 'account:recent' }]);
  expect(await db.query('SELECT message_sid FROM sms_replies')).toEqual([{ message_sid: 'SMnew' }]);
}

const COUNTS = (verb: string) => [
  `${verb} past retention at 2026-11-23T19:01:00.000Z:`,
  '  call records (6 months)                 1',
  '  recordings, at Twilio and referenced (6 months) 1',
  '  SMS texts and numbers (30 days)           2',
  '  survey comments and numbers (90 days)     2',
  '  one-time-code look-ups (1 day)            1',
  '  idle one-time-code states (1 day)          1',
  '  answered SMS reply ids (8 days)            1',
];

async function purgeAndCheck(database: string, db: Rows, recording: { sid: string; url: string }) {
  const listed = await ivrPurge(database, twilio, '--at', NOW);
  expect(listed.stdout).toBe([...COUNTS('would remove'), '  call CAold', '  recording of CAold (and on ticket 30000001)', 'run again with --now to remove them', ''].join('\n'));
  expect(twilio.requests).toEqual([]);

  const removed = await ivrPurge(database, twilio, '--at', NOW, '--now');
  expect(removed).toMatchObject({ status: 0, stderr: '' });
  expect(removed.stdout).toBe([...COUNTS('removed'), '  call CAold', '  recording of CAold (and on ticket 30000001)', ''].join('\n'));
  expect(twilio.requests).toEqual([{ method: 'DELETE', path: `/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${recording.sid}.json`, status: 204 }]);
  await expectPurged(db, recording.url);

  const again = await ivrPurge(database, twilio, '--at', NOW, '--now');
  expect(again.stdout.split('\n').slice(1, 8).map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['0', '0', '0', '0', '0', '0', '0']);
}

describe('npx ivr purge --now on the server’s SQLite file', () => {
  it('deletes the recording at Twilio and empties the old rows of calls, SMS texts, survey comments and numbers, code look-ups and states, and reply ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-purge-'));
    const file = join(dir, 'ivr.db');
    const db = openSqlite(file);
    try {
      migrateSqlite(db, { clock: { now: () => now } });
      const recording = twilio.addRecording();
      await seed({ calls: sqliteCallStore(db), tickets: sqliteTicketStore(db), exec: async (sql) => void db.exec(sql) }, recording.url);
      await purgeAndCheck(`sqlite:${file}`, { query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[] }, recording);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dates a voicemail left through the webhooks 6 months ahead, and deletes it at Twilio when due', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-purge-'));
    const database = `sqlite:${join(dir, 'ivr.db')}`;
    const ops = opsApp({ at: '2026-05-24T03:00:00+08:00', env: { DATABASE_URL: database } });
    const recording = twilio.addRecording();
    try {
      const caller = ops.caller('+8613700137000', '400-101-5454');
      await caller.ring();
      await caller.press('1');
      await caller.leaveMessage(recording.url, 15);
      await caller.hangUp('completed', 40);
      const { call, tickets } = (await ops.admin(`/api/calls/${caller.sid}`)).body;
      expect(call).toMatchObject({ recordingUrl: recording.url, recordingRetainUntil: parseInstant('2026-11-24T03:00:00+08:00') });
      expect(tickets).toEqual([expect.objectContaining({ category: 'voicemail', recordingUrl: recording.url })]);

      const early = await ivrPurge(database, twilio, '--at', '2026-11-24T02:59:00+08:00', '--now');
      expect(early.stdout.split('\n').slice(1, 3).map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['0', '0']);
      expect(twilio.recordings.has(recording.sid)).toBe(true);

      const removed = await ivrPurge(database, twilio, '--at', '2026-11-24T03:01:00+08:00', '--now');
      expect(removed.stdout).toContain(`  recording of ${caller.sid} (and on ticket ${tickets[0].id})\n`);
      expect(twilio.recordings.has(recording.sid)).toBe(false);
      expect((await ops.admin(`/api/calls/${caller.sid}`)).status).toBe(404);
      const ticket = (await ops.admin(`/api/tickets/${tickets[0].id}`)).body;
      expect(JSON.stringify(ticket)).not.toContain(recording.url);
    } finally {
      await ops.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a recording it cannot delete, with its call record, and exits 1 so cron reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-purge-'));
    const file = join(dir, 'ivr.db');
    const db = openSqlite(file);
    try {
      migrateSqlite(db, { clock: { now: () => now } });
      const recording = twilio.addRecording();
      await sqliteCallStore(db).open(record('CAold', OLD_CALL, recording.url));
      twilio.failNextRecordingDeletes(1);
      const failed = await ivrPurge(`sqlite:${file}`, twilio, '--at', NOW, '--now');
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain('  kept the recording of CAold and its call record for the next run: Twilio answered HTTP 500');
      expect(db.prepare('SELECT call_sid FROM calls').all()).toEqual([{ call_sid: 'CAold' }]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses DATABASE_URL=memory: with what to do instead', async () => {
    const refused = await ivrPurge('memory:', twilio);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe("ivr purge: DATABASE_URL=memory: keeps nothing after its server stops; point DATABASE_URL at the server's database (e.g. sqlite:data/ivr.db)\n");
  });
});

describeWith({ postgres: true }, 'npx ivr purge --now on PostgreSQL', () => {
  const pg = testSchema();
  afterAll(() => pg.drop());

  it('deletes the recording at Twilio and empties the old rows of calls, SMS texts, survey comments and numbers, code look-ups and states, and reply ids', async () => {
    const pool = await pg.fresh();
    const recording = twilio.addRecording();
    await seed({ calls: pgCallStore(pool), tickets: pgTicketStore(pool), exec: async (sql) => void (await pool.query(sql)) }, recording.url);
    await purgeAndCheck(pg.url, { query: async (sql) => (await pool.query(sql)).rows.map((r: Record<string, unknown>) => ({ ...r, ...('rating' in r ? { rating: Number(r.rating) } : {}) })) }, recording);
  });
});
