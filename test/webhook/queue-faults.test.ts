import type { CallStore } from '../../src/stores/calls/call-store';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { AUTH_TOKEN, DEMO_LINE, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, said, shape } from '../helpers/twilio-caller';

const publicBaseUrl = 'http://localhost:3000';

/** A call store whose writes fail once `down()` is called, like a database that went read-only. */
function failingWrites(): CallStore & { down(): void } {
  const inner = memoryCallStore();
  let up = true;
  return {
    down: () => void (up = false),
    open: (r) => inner.open(r),
    update: (sid, change) => (up ? inner.update(sid, change) : Promise.reject(new Error('SQLITE_READONLY: attempt to write a readonly database'))),
    get: (sid) => inner.get(sid),
    list: (q) => inner.list(q),
    ping: () => inner.ping(),
  };
}

describe('a queue whose call records cannot be written', () => {
  it('still takes a caller out past the longest wait, and the action books them a call back instead of failing', async () => {
    const calls = failingWrites();
    const { app, project, logs } = webhookApp({ calls });
    const caller = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    const queued = await caller.press('0');
    const enqueue = queued.verbs.find((v) => v.verb === 'Enqueue')!;
    expect(enqueue.text).toBe('general');
    const maxWaitSec = project.centre.queues.get('general')!.maxWaitSec;

    calls.down();
    const params = { CallSid: caller.sid, From: '+8613800138000', To: DEMO_LINE };
    const wait = await caller.post(enqueue.attrs.waitUrl, { ...params, QueuePosition: '1', QueueTime: String(maxWaitSec), CurrentQueueSize: '1' });
    expect(wait.status).toBe(200);
    expect(shape(wait.verbs)).toEqual(['Leave']);

    const left = await caller.post(enqueue.attrs.action, { ...params, QueueResult: 'leave', QueueTime: String(maxWaitSec) });
    expect(left.status).toBe(200);
    expect(said(left.verbs)[0]).toMatch(/^已为您登记回电，编号是/);
    expect(shape(left.verbs).at(-1)).toBe('Hangup');
    expect(logs.filter((l) => l.level === 50).map((l) => l.msg)).toEqual(
      expect.arrayContaining(['could not write why the caller leaves the queue', 'could not read or record the stay in the queue']),
    );
  });
});
