import type { FakeTwilio } from './fake-twilio';
import { newCallSid, type Answer, type TwilioCaller } from './twilio-caller';
import type { TwimlVerb } from '../../src/telephony/twilio/parse-twiml';

/**
 * Twilio's part while a caller waits in a queue: runs the <Enqueue> of the caller's last answer in
 * the fake Twilio's queues, asks the wait URL with the standing Twilio would post (QueuePosition,
 * QueueTime, CurrentQueueSize… from the fake, on the test's clock), and on <Leave/> (or a full
 * queue, a hang-up, the agent's call ending) asks the <Enqueue> action with its QueueResult.
 */
export function queueing(caller: TwilioCaller, twilio: FakeTwilio, from: string, to: string) {
  let enqueue: TwimlVerb | undefined;
  const params = () => ({ CallSid: caller.sid, From: from, To: to });
  const current = () => {
    if (!enqueue) throw new Error('the caller was not put in a queue');
    return enqueue;
  };
  /** What Twilio posts to the action as the caller leaves the queue now. */
  const leave = (result: string, waitedSec: number) => caller.post(current().attrs.action, { ...params(), QueueResult: result, QueueTime: String(waitedSec), QueueSid: 'QU' + '0'.repeat(32) });

  return {
    get name() {
      return current().text;
    },
    get waitUrl() {
      return current().attrs.waitUrl;
    },
    /** The <Enqueue> action: what Twilio asks once the caller is out of the queue. */
    get actionUrl() {
      return current().attrs.action;
    },
    /**
     * Twilio runs the last answer's <Enqueue>. A full queue is left at once: the action is asked
     * with QueueResult=queue-full and its answer returned.
     */
    async enter(): Promise<Answer | undefined> {
      enqueue = caller.last?.verbs.find((v) => v.verb === 'Enqueue');
      if (!enqueue) throw new Error(`the caller was not queued: ${caller.last?.body}`);
      const got = twilio.queues.follow(caller.sid, [enqueue]);
      return got.enqueued === 'queue-full' ? leave('queue-full', 0) : undefined;
    },
    /** Twilio asks the wait URL; on <Leave/> it takes the caller out and asks the action: `after`. */
    async hold(): Promise<{ wait: Answer; after?: Answer }> {
      const standing = twilio.queues.standing(caller.sid);
      if (!standing) throw new Error(`the caller waits in no queue`);
      const wait = await caller.post(current().attrs.waitUrl, { ...params(), ...standing });
      if (!twilio.queues.follow(caller.sid, wait.verbs).left) return { wait };
      return { wait, after: await leave('leave', Number(standing.QueueTime)) };
    },
    /** The caller hangs up while waiting. */
    async hangUp(): Promise<Answer> {
      const waited = Number(twilio.queues.standing(caller.sid)?.QueueTime ?? 0);
      twilio.queues.remove(caller.sid);
      return leave('hangup', waited);
    },
    /** The agent's call with this caller ended (they were bridged `waitedSec` after entering). */
    bridgedAndDone: (waitedSec: number) => leave('bridged', waitedSec),
    leave,
  };
}

/** An agent's phone calling the desk's Voice URL, as Twilio posts it. */
export function agentCalls(caller: (from: string) => TwilioCaller, publicBaseUrl: string, from: string): Promise<Answer> {
  return caller(from).post(`${publicBaseUrl}/twilio/agent`, { CallSid: newCallSid(), From: from, To: '+8610690009999', Direction: 'inbound', CallStatus: 'ringing' });
}

/** The general line, as a caller dials it. */
const GENERAL_LINE = '400-0066-888';

/**
 * A caller who rings the general line and asks for a person (0): queued in `general` by the fake
 * Twilio. Throws if the queue refused them.
 */
export async function waitingInGeneral(server: { caller: (from: string) => TwilioCaller }, twilio: FakeTwilio, phone: string) {
  const caller = server.caller(phone);
  await caller.ring();
  await caller.press('0');
  const queue = queueing(caller, twilio, phone, GENERAL_LINE);
  const refused = await queue.enter();
  if (refused) throw new Error(`the general queue refused ${phone}: ${refused.body}`);
  return { caller, queue };
}
