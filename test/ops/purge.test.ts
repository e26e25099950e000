import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { purgeExpired } from '../../src/retention/purge-expired';
import { retainUntil } from '../../src/retention/retention-policy';
import { memoryTicketStore } from '../../src/services/tickets/ticket-store';
import type { Ticket } from '../../src/services/tickets/ticket.schema';
import type { CallRecord } from '../../src/stores/calls/call-record';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { opsApp } from './ops-app';

const RECORDING = 'https://api.twilio.com/recordings/RE0001';

function record(callSid: string, startedAt: number, recording?: boolean): CallRecord {
  return {
    callSid, hotline: 'commerce', caller: '+8613700137000', dialled: '+864001015454', lang: 'zh-CN', flowId: 'commerce_closed', flowVersion: 'v1', afterHours: true,
    startedAt, endedAt: startedAt + 60_000, status: 'completed', outcome: 'after-hours', path: ['hours', 'menu', 'voicemail'], turns: [], ticketIds: recording ? ['30000001'] : [], faults: 0,
    ...(recording ? { recordingUrl: RECORDING, recordingRetainUntil: retainUntil(startedAt + 30_000) } : {}),
  };
}
const voicemailTicket: Ticket = {
  id: '30000001', key: 'CAold/2.0', hotline: 'commerce', category: 'voicemail', priority: 'normal', status: 'resolved', callSid: 'CAold', callerPhone: '+8613700137000',
  lang: 'zh-CN', summary: '留言', path: ['voicemail'], vars: { recordingUrl: RECORDING, orderId: '1234567890' }, recordingUrl: RECORDING,
  createdAt: 0, dueAt: 0, slaMinutes: 1440, notes: [],
};

describe('purging what is past retention, by the injected clock', () => {
  it('keeps call records and recordings 6 months, then removes the record and the recording reference on its ticket', async () => {
    const calls = memoryCallStore();
    const tickets = memoryTicketStore();
    await calls.open(record('CAold', parseInstant('2026-05-01T10:00:00+08:00'), true));
    await calls.open(record('CAnewer', parseInstant('2026-05-20T10:00:00+08:00')));
    await tickets.insertOnce(voicemailTicket);
    const clock = new SimulatedClock(parseInstant('2026-10-31T12:00:00+08:00'));
    const purge = (apply: boolean) => purgeExpired({ calls, retention: calls, tickets }, { now: clock.now(), apply });

    // Six months minus a day: nothing is due.
    expect(await purge(true)).toEqual({ applied: true, calls: [], recordings: [], more: false });

    clock.set(parseInstant('2026-11-10T12:00:00+08:00'));
    const planned = await purge(false);
    expect(planned).toEqual({ applied: false, calls: ['CAold'], recordings: [{ callSid: 'CAold', url: RECORDING, tickets: ['30000001'] }], more: false });
    expect(await calls.get('CAold')).toBeDefined();
    expect((await tickets.get('30000001'))!.recordingUrl).toBe(RECORDING);

    expect(await purge(true)).toMatchObject({ applied: true, calls: ['CAold'] });
    expect(await calls.get('CAold')).toBeUndefined();
    expect(await calls.get('CAnewer')).toBeDefined();
    const kept = (await tickets.get('30000001'))!;
    expect(kept.recordingUrl).toBeUndefined();
    expect(kept.vars).toEqual({ orderId: '1234567890' });

    clock.set(parseInstant('2026-11-21T12:00:00+08:00'));
    expect(await purge(true)).toMatchObject({ calls: ['CAnewer'], recordings: [] });
    expect(await calls.list({ limit: 10 })).toEqual([]);
  });
});

describe('npx ivr purge on the server’s SQLite file', () => {
  it('dates a voicemail recording 6 months ahead, lists it when due, and removes it with --now', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-purge-'));
    const database = `sqlite:${join(dir, 'ivr.db')}`;
    const ops = opsApp({ at: '2026-05-24T03:00:00+08:00', env: { DATABASE_URL: database } });
    try {
      const caller = ops.caller('+8613700137000', '400-101-5454');
      await caller.ring();
      await caller.press('1');
      await caller.leaveMessage(RECORDING, 15);
      await caller.hangUp('completed', 40);
      const { call, tickets } = (await ops.admin(`/api/calls/${caller.sid}`)).body;
      expect(call).toMatchObject({ recordingUrl: RECORDING, recordingRetainUntil: parseInstant('2026-11-24T03:00:00+08:00') });
      expect(tickets).toEqual([expect.objectContaining({ category: 'voicemail', recordingUrl: RECORDING })]);

      const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', 'purge', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: database } });
      const early = ivr('--at', '2026-11-24T02:59:00+08:00');
      expect(early.stdout).toBe('would remove 0 call record(s) and 0 recording reference(s) past retention at 2026-11-23T18:59:00.000Z\n');

      const due = ivr('--at', '2026-11-24T03:01:00+08:00');
      expect(due.status).toBe(0);
      expect(due.stdout).toBe(
        [
          'would remove 1 call record(s) and 1 recording reference(s) past retention at 2026-11-23T19:01:00.000Z',
          `  call ${caller.sid}`,
          `  recording of ${caller.sid} (and on ticket ${tickets[0].id})`,
          'run again with --now to remove them',
          '',
        ].join('\n'),
      );
      expect((await ops.admin(`/api/calls/${caller.sid}`)).status).toBe(200);

      const removed = ivr('--at', '2026-11-24T03:01:00+08:00', '--now');
      expect(removed.stdout.split('\n')[0]).toBe('removed 1 call record(s) and 1 recording reference(s) past retention at 2026-11-23T19:01:00.000Z');
      expect((await ops.admin(`/api/calls/${caller.sid}`)).status).toBe(404);
      const ticket = (await ops.admin(`/api/tickets/${tickets[0].id}`)).body;
      expect(JSON.stringify(ticket)).not.toContain(RECORDING);
    } finally {
      await ops.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses DATABASE_URL=memory: with what to do instead', () => {
    const run = spawnSync(process.execPath, ['src/cli/bin.js', 'purge'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'memory:' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ivr purge: DATABASE_URL=memory: keeps nothing after its server stops; point DATABASE_URL at the server's database (e.g. sqlite:data/ivr.db)\n");
  });
});
