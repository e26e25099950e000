import { loadConfig } from '../../src/config/config';
import { parseInstant } from '../../src/platform/clock';
import { inQaSample } from '../../src/quality/qa-sample';
import { purgeExpired } from '../../src/retention/purge-expired';
import { openRecordStores } from '../../src/stores/open-record-stores';
import { createTwilioClient } from '../../src/telephony/twilio-rest/twilio-client';
import { twilioRecordingRemover } from '../../src/telephony/twilio-rest/twilio-recordings';
import { describeWith } from '../helpers/external-services';
import { PUBLIC_BASE_URL, postgresWorld, servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { newCallSid, postSigned } from '../helpers/twilio-caller';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';

const ZHANG = '+8613800138000';
const COMMERCE = '400-101-5454';

type Server = Pick<ReturnType<ServicesWorld['server']>, 'app' | 'caller'>;

/** Twilio's recordingStatusCallback for the agent's leg, signed as Twilio signs it (or forged). */
function recordingCallback(server: Pick<Server, 'app'>, o: { callSid: string; agent: string; recording: { sid: string; url: string }; status?: string; signature?: string }) {
  return postSigned(server.app, {
    url: `${PUBLIC_BASE_URL}/twilio/agent/recording?callSid=${o.callSid}&agent=${o.agent}`,
    params: {
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: newCallSid(),
      RecordingSid: o.recording.sid,
      RecordingUrl: o.recording.url,
      RecordingStatus: o.status ?? 'completed',
      RecordingDuration: '183',
      RecordingChannels: '2',
      RecordingSource: 'DialVerb',
      RecordingStartTime: 'Mon, 23 Nov 2026 02:01:00 +0000',
    },
    authToken: AUTH_TOKEN,
    ...(o.signature !== undefined ? { signature: o.signature } : {}),
  });
}

/** A commerce caller keys an order number and is put through to the commerce queue. */
async function orderCall(server: Server): Promise<string> {
  const caller = server.caller(ZHANG, COMMERCE);
  await caller.ring();
  await caller.press('1');
  await caller.press('202611230001');
  await caller.hangUp('completed', 240);
  return caller.sid;
}

describe("an agent's leg recorded: Twilio's recordingStatusCallback", () => {
  let world: ServicesWorld;
  beforeEach(async () => (world = await servicesWorld()));
  afterEach(() => world.close());

  it('keeps one recording when Twilio posts the callback twice, marks the call for review at QA_SAMPLE_PERCENT=100, and takes the review', async () => {
    const server = world.server({ env: { QA_SAMPLE_PERCENT: '100' } });
    const callSid = await orderCall(server);
    const recording = world.twilio.addRecording();

    const first = await recordingCallback(server, { callSid, agent: 'agent-li', recording });
    const again = await recordingCallback(server, { callSid, agent: 'agent-li', recording });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const { body } = await server.admin.get(`/api/calls/${callSid}`);
    expect(body.call.agentRecordings).toEqual([
      {
        sid: recording.sid,
        url: recording.url,
        agent: 'agent-li',
        durationSec: 183,
        at: world.clock.now(),
        atIso: '2026-11-23T10:00:00.000+08:00',
        retainUntil: parseInstant('2027-05-23T10:00:00+08:00'),
        retainUntilIso: '2027-05-23T10:00:00.000+08:00',
      },
    ]);

    const listed = await server.admin.get('/api/qa?reviewed=false');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      calls: [{ callSid, hotline: 'commerce', agent: 'agent-li', markedAt: world.clock.now(), markedAtIso: '2026-11-23T10:00:00.000+08:00', review: null }],
      page: { limit: 100, offset: 0, next: null },
    });

    const bad = await server.admin.patch(`/api/qa/${callSid}`, { score: 7, note: 'x', reviewer: 'qa-zhou' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('score is at most 5');
    expect((await server.admin.patch(`/api/qa/${callSid}`, { score: 4, note: 'x'.repeat(2001), reviewer: 'qa-zhou' })).body.error).toBe('note is at most 2000 characters');
    expect((await server.admin.patch(`/api/qa/${callSid}`, { score: 4, note: '' })).body.error).toBe('reviewer must name who reviewed');
    expect((await server.admin.patch(`/api/qa/${callSid}`, { score: 4, note: '', reviewer: 'qa', extra: 1 })).body.error).toBe('unknown field extra: send score, note and reviewer');

    world.clock.advance(3_600_000);
    const reviewed = await server.admin.patch(`/api/qa/${callSid}`, { score: 4, note: 'Verified the order, offered a refund.', reviewer: 'qa-zhou' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.entry.review).toEqual({ score: 4, note: 'Verified the order, offered a refund.', reviewer: 'qa-zhou', reviewedAt: world.clock.now(), reviewedAtIso: '2026-11-23T11:00:00.000+08:00' });
    expect((await server.admin.get('/api/qa?reviewed=false')).body.calls).toEqual([]);
    expect((await server.admin.get('/api/qa?reviewed=true')).body.calls.map((c: { callSid: string }) => c.callSid)).toEqual([callSid]);
    expect((await server.admin.get('/api/qa?reviewed=maybe')).body.error).toBe('reviewed must be true or false');
    expect((await server.admin.patch(`/api/qa/${newCallSid()}`, { score: 4, note: '', reviewer: 'qa' })).status).toBe(404);

    // A second recording of another leg (a transfer to a colleague) is a second recording; the mark stays the first.
    const second = world.twilio.addRecording();
    await recordingCallback(server, { callSid, agent: 'agent-wang', recording: second });
    expect((await server.admin.get(`/api/calls/${callSid}`)).body.call.agentRecordings.map((r: { agent: string }) => r.agent)).toEqual(['agent-li', 'agent-wang']);
    expect((await server.admin.get('/api/qa')).body.calls).toEqual([expect.objectContaining({ callSid, agent: 'agent-li', review: expect.objectContaining({ score: 4 }) })]);
  });

  it('keeps the recording but marks nothing at QA_SAMPLE_PERCENT=0, and keeps nothing of an absent recording', async () => {
    const server = world.server({ env: { QA_SAMPLE_PERCENT: '0' } });
    const callSid = await orderCall(server);
    const absent = world.twilio.addRecording();
    expect((await recordingCallback(server, { callSid, agent: 'agent-li', recording: absent, status: 'absent' })).status).toBe(200);
    expect((await server.admin.get(`/api/calls/${callSid}`)).body.call.agentRecordings).toBeUndefined();
    expect((await recordingCallback(server, { callSid, agent: 'agent-li', recording: world.twilio.addRecording() })).status).toBe(200);
    expect((await server.admin.get(`/api/calls/${callSid}`)).body.call.agentRecordings).toHaveLength(1);
    expect((await server.admin.get('/api/qa')).body.calls).toEqual([]);
  });

  it('refuses a forged callback with 403 and keeps nothing; a call it never saw is 404', async () => {
    const server = world.server({ env: { QA_SAMPLE_PERCENT: '100' } });
    const callSid = await orderCall(server);
    const forged = await recordingCallback(server, { callSid, agent: 'agent-li', recording: world.twilio.addRecording(), signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(forged.status).toBe(403);
    expect((await server.admin.get(`/api/calls/${callSid}`)).body.call.agentRecordings).toBeUndefined();
    expect((await server.admin.get('/api/qa')).body.calls).toEqual([]);
    const unknown = await recordingCallback(server, { callSid: newCallSid(), agent: 'agent-li', recording: world.twilio.addRecording() });
    expect(unknown.status).toBe(404);
  });

  it('is deleted at Twilio by ivr purge 6 months on, with its call record and the review mark; a failed DELETE keeps all three for the next run', async () => {
    const server = world.server({ env: { QA_SAMPLE_PERCENT: '100' } });
    const callSid = await orderCall(server);
    const recording = world.twilio.addRecording();
    await recordingCallback(server, { callSid, agent: 'agent-li', recording });
    await server.admin.patch(`/api/qa/${callSid}`, { score: 5, note: 'model call', reviewer: 'qa-zhou' });

    const stores = await openRecordStores(server.config.database, world.clock);
    try {
      const recordings = twilioRecordingRemover(createTwilioClient({ accountSid: world.twilio.accountSid, authToken: world.twilio.authToken, apiBaseUrl: world.twilio.baseUrl }));
      const purge = (at: string) => purgeExpired({ ...stores, recordings }, { now: parseInstant(at), apply: true });

      expect(await purge('2027-05-22T10:00:00+08:00')).toMatchObject({ calls: [], recordings: [] });
      expect(world.twilio.recordings.has(recording.sid)).toBe(true);

      // Twilio fails the DELETE: the reference, the record and the review stay for the next run.
      world.twilio.failNextRecordingDeletes(1, { status: 503, code: 20503, message: 'Service Unavailable' });
      const failed = await purge('2027-05-24T10:00:00+08:00');
      expect(failed).toMatchObject({ calls: [], recordings: [], kept: [{ callSid, url: recording.url }] });
      expect((await stores.calls.get(callSid))?.agentRecordings).toHaveLength(1);
      expect(await stores.qa.get(callSid)).toMatchObject({ review: { score: 5 } });

      const report = await purge('2027-05-24T10:00:00+08:00');
      expect(report).toMatchObject({ calls: [callSid], recordings: [{ callSid, url: recording.url, agent: 'agent-li', removal: 'deleted' }], kept: [] });
      expect(world.twilio.recordings.has(recording.sid)).toBe(false);
      expect(await stores.calls.get(callSid)).toBeUndefined();
      expect(await stores.qa.get(callSid)).toBeUndefined();
    } finally {
      await stores.close();
    }
  });
});

describe('an agent recording the call record cannot take', () => {
  it('answers 503 so Twilio may post again, and says so in the log, without the recording URL', async () => {
    const calls = memoryCallStore();
    const failing = { ...calls, update: async () => Promise.reject(new Error('disk full')) };
    const { app, logs } = webhookApp({ calls: failing, env: { QA_SAMPLE_PERCENT: '100' } });
    const callSid = newCallSid();
    const recording = { sid: `RE${'ab'.repeat(16)}`, url: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'ab'.repeat(16)}` };
    const answer = await recordingCallback({ app }, { callSid, agent: 'agent-li', recording });
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: 'the call record could not be written; try again' });
    const logged = logs.find((l) => l.msg === 'could not keep the agent recording on the call record; Twilio may post it again');
    expect(logged).toMatchObject({ callSid, agent: 'agent-li', recordingSid: recording.sid });
    expect(JSON.stringify(logs)).not.toContain(recording.url);
  });
});

describeWith({ postgres: true }, 'agent recordings on two servers sharing PostgreSQL', () => {
  const pg = postgresWorld();

  it('keeps one recording and one review mark when the same callback reaches both servers at the same moment', async () => {
    const world = pg.world();
    const [a, b] = await pg.servers({ QA_SAMPLE_PERCENT: '100' });
    const callSid = await orderCall(a);
    const recording = world.twilio.addRecording();
    const answers = await Promise.all([a, b, a].map((server) => recordingCallback(server, { callSid, agent: 'agent-li', recording })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await b.admin.get(`/api/calls/${callSid}`)).body.call.agentRecordings).toEqual([expect.objectContaining({ sid: recording.sid, agent: 'agent-li', durationSec: 183 })]);
    expect((await b.admin.get('/api/qa')).body.calls).toEqual([expect.objectContaining({ callSid, hotline: 'commerce', agent: 'agent-li', review: null })]);
    expect((await a.admin.patch(`/api/qa/${callSid}`, { score: 3, note: 'slow to verify', reviewer: 'qa-zhou' })).status).toBe(200);
    expect((await b.admin.get('/api/qa?reviewed=true')).body.calls.map((c: { callSid: string }) => c.callSid)).toEqual([callSid]);
  });
});

describe('which calls are sampled for quality review', () => {
  const sids = Array.from({ length: 2000 }, (_, i) => `CA${(i * 2654435761).toString(16).padStart(32, '0')}`);

  it('marks about 3 % of 2,000 calls at 3 %, the same calls every time (two servers, a retried callback agree)', () => {
    const marked = sids.filter((sid) => inQaSample(sid, 3));
    expect(marked.length).toBeGreaterThanOrEqual(40);
    expect(marked.length).toBeLessThanOrEqual(80);
    expect(sids.filter((sid) => inQaSample(sid, 3))).toEqual(marked);
    expect(sids.filter((sid) => inQaSample(sid, 0))).toEqual([]);
    expect(sids.filter((sid) => inQaSample(sid, 100))).toEqual(sids);
    // A larger share keeps the smaller one's calls: raising the rate never un-marks a call.
    const tenPercent = new Set(sids.filter((sid) => inQaSample(sid, 10)));
    expect(marked.every((sid) => tenPercent.has(sid))).toBe(true);
  });

  it('reads QA_SAMPLE_PERCENT with a clear error', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).qaSamplePercent).toBe(3);
    expect(loadConfig({ NODE_ENV: 'test', QA_SAMPLE_PERCENT: '2.5' }).qaSamplePercent).toBe(2.5);
    expect(() => loadConfig({ NODE_ENV: 'test', QA_SAMPLE_PERCENT: 'three' })).toThrow('QA_SAMPLE_PERCENT: must be a percentage from 0 to 100 with at most two decimals, e.g. 3 or 2.5 (got "three")');
    expect(() => loadConfig({ NODE_ENV: 'test', QA_SAMPLE_PERCENT: '101' })).toThrow('QA_SAMPLE_PERCENT: must be at most 100 (every recorded call) (got "101")');
  });
});
