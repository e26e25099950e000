import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { PUBLIC_BASE_URL } from '../helpers/services-app';
import { shape } from '../helpers/twilio-caller';
import { opsApp, parseSamples, sampleValue, type OpsApp } from '../ops/ops-app';
import { tempSqliteDir } from '../services/temp-sqlite';

/** The security line of the dial fixture: 1 rings the security desk's number, its fallback branches on the result. */
const DESK_LINE = '+864000000001';
const DESK_NUMBER = '+861012345678';
const CALLER = '+8613800138000';
const METRICS_TOKEN = 'metrics-token-0123456789';

const sqliteFiles = tempSqliteDir();
afterAll(() => sqliteFiles.remove());
let dbSeq = 0;

describe.each([
  ['memory stores', () => 'memory:'],
  ['a SQLite file', () => `sqlite:${sqliteFiles.dir}/dial-${++dbSeq}.db`],
])('a transfer to a number through the Twilio webhooks, on %s', (_stores, database) => {
  let ops: OpsApp;
  beforeEach(() => {
    ops = opsApp({ project: loadProjectOrThrow('test/fixtures/flows/dial'), at: '2026-11-23T21:00:00+08:00', env: { METRICS_TOKEN, DATABASE_URL: database() } });
  });
  afterEach(() => ops.close());

  const record = async (sid: string) => {
    const res = await ops.admin(`/api/calls/${sid}`);
    expect(res.status).toBe(200);
    return res.body.call;
  };
  const metrics = async () => parseSamples((await ops.admin('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text);
  /** A caller on the security line who pressed 1: the desk's number rings. */
  const ringingDesk = async () => {
    const caller = ops.caller(CALLER, DESK_LINE);
    await caller.ring();
    await caller.press('1');
    return caller;
  };

  it('rings the number with an action, a ring time, our number as caller ID and ringing for the caller; the record says it rings, not "transferred"', async () => {
    const caller = await ringingDesk();
    expect(caller.last!.status).toBe(200);
    expect(shape(caller.last!.verbs)).toEqual(['Say', 'Dial']);
    expect(caller.heard()).toEqual(['正在为您接通安全值班台。']);
    const dial = caller.last!.verbs[1];
    expect(dial.text).toBe(DESK_NUMBER);
    expect(dial.attrs).toEqual({ action: `${PUBLIC_BASE_URL}/twilio/voice/dial?n=2`, method: 'POST', timeout: '15', callerId: DESK_LINE, answerOnBridge: 'true' });

    const call = await record(caller.sid);
    expect(call.transfer).toEqual({ number: DESK_NUMBER });
    expect(call.outcome).toBeUndefined();
    expect(call.turns.at(-1)).toMatchObject({ n: 1, input: 'digits', node: 'security', result: 'waiting' });
  });

  it('no-answer: the caller hears the fallback, gets a callback ticket and hangs up; the record says no-answer, not transferred', async () => {
    const caller = await ringingDesk();
    const answer = await caller.dialEnds('no-answer');
    expect(answer.status).toBe(200);
    expect(caller.heard()[0]).toBe('安全值班台暂时无人接听，我们会给您回电。');
    expect(shape(answer.verbs).at(-1)).toBe('Hangup');
    await caller.hangUp('completed', 40);

    const [ticket] = await ops.services.tickets.list({});
    expect(ticket).toMatchObject({ category: 'callback', summary: 'security desk unreachable (no-answer)' });
    const call = await record(caller.sid);
    expect(call.transfer).toEqual({ number: DESK_NUMBER, result: 'no-answer' });
    expect(call.dials).toEqual([{ at: expect.any(Number), atIso: '2026-11-23T21:00:00.000+08:00', number: DESK_NUMBER, result: 'no-answer', talkSec: 0 }]);
    expect(call.outcome).toBe('ticket');
    expect(call.ticketIds).toEqual([ticket.id]);
    expect(call.path).toEqual(['main', 'security', 'missed', 'desk_away', 'callback', 'bye']);
    expect(call.turns.at(-1)).toMatchObject({ n: 2, input: 'dialResult', result: 'hangup' });
    expect(sampleValue(await metrics(), 'ivr_transfers_total', { hotline: 'desk', kind: 'number', result: 'no-answer' })).toBe(1);
  });

  it('busy: the caller hears the desk is busy and waits in the urgent queue; the dial stays on record as busy', async () => {
    const caller = await ringingDesk();
    const answer = await caller.dialEnds('busy');
    expect(caller.heard()).toEqual(['安全值班台正忙。', '正在为您转接人工客服，请稍候。']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Say', 'Enqueue']);
    expect(answer.verbs[2].text).toBe('urgent');

    const call = await record(caller.sid);
    expect(call.dials).toEqual([{ at: expect.any(Number), atIso: '2026-11-23T21:00:00.000+08:00', number: DESK_NUMBER, result: 'busy', talkSec: 0 }]);
    // The latest transfer is the queue the fallback put the caller in.
    expect(call.transfer).toEqual({ queue: 'urgent', priority: 'urgent' });
    expect(call.outcome).toBe('transferred');
    const samples = await metrics();
    expect(sampleValue(samples, 'ivr_transfers_total', { hotline: 'desk', kind: 'number', result: 'busy' })).toBe(1);
    expect(sampleValue(samples, 'ivr_transfers_total', { hotline: 'desk', kind: 'queue', result: 'enqueued' })).toBe(1);
  });

  it('answered: once the two have talked the call ends; the record says answered with the talk time', async () => {
    const caller = await ringingDesk();
    const answer = await caller.dialEnds('completed', { talkSec: 184 });
    expect(shape(answer.verbs)).toEqual(['Hangup']);
    await caller.hangUp('completed', 200);

    const call = await record(caller.sid);
    expect(call.transfer).toEqual({ number: DESK_NUMBER, result: 'answered', talkSec: 184 });
    expect(call.dials).toEqual([{ at: expect.any(Number), atIso: '2026-11-23T21:00:00.000+08:00', number: DESK_NUMBER, result: 'answered', talkSec: 184 }]);
    expect(call.outcome).toBe('transferred');
    expect(call.status).toBe('completed');
    expect(call.turns.at(-1)).toMatchObject({ n: 2, input: 'dialResult', result: 'transferred' });
    expect(sampleValue(await metrics(), 'ivr_transfers_total', { hotline: 'desk', kind: 'number', result: 'answered' })).toBe(1);
  });

  it('a retried dial action is answered from the stored reply, not applied twice: one ticket, one dial on record, counted once', async () => {
    const caller = await ringingDesk();
    const first = await caller.dialEnds('no-answer');
    const again = await caller.resend();
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);

    expect(await ops.services.tickets.list({})).toHaveLength(1);
    const call = await record(caller.sid);
    expect(call.dials).toHaveLength(1);
    expect(call.turns.filter((t: { n: number }) => t.n === 2)).toHaveLength(1);
    expect(sampleValue(await metrics(), 'ivr_transfers_total', { hotline: 'desk', kind: 'number', result: 'no-answer' })).toBe(1);
    expect(ops.logs.some((l) => l.msg === 'turn' && l.outcome === 'replayed' && l.n === 2)).toBe(true);
  });

  it('a caller who hangs up while the number rings gets no fallback: no ticket, the call is abandoned with the dial on record', async () => {
    const caller = await ringingDesk();
    const answer = await caller.dialEnds('no-answer', { callerStatus: 'completed' });
    expect(shape(answer.verbs)).toEqual(['Hangup']);
    await caller.hangUp('completed', 25);

    expect(await ops.services.tickets.list({})).toHaveLength(0);
    const call = await record(caller.sid);
    expect(call.transfer).toEqual({ number: DESK_NUMBER, result: 'no-answer' });
    expect(call.outcome).toBe('abandoned');
  });

  it('a DialCallStatus that is not one of Twilio\'s counts as failed: the caller still reaches the fallback', async () => {
    const caller = await ringingDesk();
    await caller.dialEnds('exploded');
    expect(caller.heard()[0]).toBe('安全值班台暂时无人接听，我们会给您回电。');
    expect((await record(caller.sid)).dials[0].result).toBe('failed');
  });

  it('a talk time that is not a bounded whole number is not trusted: answered, talk time 0, never a 400 or a 500', async () => {
    const caller = await ringingDesk();
    const answer = await caller.post(caller.action('Dial'), {
      CallSid: caller.sid,
      To: DESK_LINE,
      From: CALLER,
      CallStatus: 'in-progress',
      DialCallStatus: 'completed',
      DialCallDuration: '9'.repeat(400),
    });
    expect(answer.status).toBe(200);
    expect((await record(caller.sid)).transfer).toEqual({ number: DESK_NUMBER, result: 'answered', talkSec: 0 });
  });

  it('a forged dial result is refused with 403 and changes nothing', async () => {
    const caller = await ringingDesk();
    const { postSigned } = await import('../helpers/twilio-caller');
    const res = await postSigned(ops.app, {
      url: caller.action('Dial'),
      params: { CallSid: caller.sid, To: DESK_LINE, From: CALLER, DialCallStatus: 'completed', DialCallDuration: '3600' },
      authToken: 'not-the-auth-token',
    });
    expect(res.status).toBe(403);
    expect((await record(caller.sid)).transfer).toEqual({ number: DESK_NUMBER });
  });

  it('logs the dialled number masked, and the result', async () => {
    const caller = await ringingDesk();
    await caller.dialEnds('busy');
    const text = JSON.stringify(ops.logs);
    expect(text).not.toContain('12345678');
    expect(ops.logs.find((l) => l.msg === 'turn' && l.n === 2)).toMatchObject({ dialled: { result: 'busy', talkSec: 0 } });
  });
});

describe('a dial that outlives the call state', () => {
  it('an answered dial ending after SESSION_TTL_MINUTES hangs up instead of starting the caller again at the menu', async () => {
    const ops = opsApp({ project: loadProjectOrThrow('test/fixtures/flows/dial'), at: '2026-11-23T21:00:00+08:00', env: { SESSION_TTL_MINUTES: '5' } });
    try {
      const caller = ops.caller(CALLER, DESK_LINE);
      await caller.ring();
      await caller.press('1');
      ops.clock.advance(6 * 60_000);
      const answer = await caller.dialEnds('completed', { talkSec: 350 });
      expect(answer.status).toBe(200);
      expect(shape(answer.verbs)).toEqual(['Hangup']);
    } finally {
      await ops.close();
    }
  });
});
