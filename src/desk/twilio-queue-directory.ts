import type twilio from 'twilio';
import type { QueueDirectory, QueueMember, WaitingQueue } from './queue-directory';

/**
 * Who waits, read from Twilio's Queues and Members resources through the twilio library: the
 * account's queues (friendlyName is our queue id), then the members of each non-empty queue we
 * care about; its position-1 member is the caller <Dial><Queue> would take.
 */
export function twilioQueueDirectory(client: twilio.Twilio): QueueDirectory {
  return {
    async waiting(names) {
      const wanted = new Set(names);
      const queues = (await client.queues.list()).filter((q) => wanted.has(q.friendlyName) && q.currentSize > 0);
      const found = await Promise.all(
        queues.map(async (q): Promise<WaitingQueue | undefined> => {
          const members = await client.queues(q.sid).members.list();
          const front = [...members].sort((a, b) => a.position - b.position)[0];
          if (!front) return undefined;
          return { queue: q.friendlyName, size: members.length, front: { callSid: front.callSid, waitedSec: front.waitTime, enqueuedAt: front.dateEnqueued.getTime() } };
        }),
      );
      return found.filter((w): w is WaitingQueue => w !== undefined);
    },
    async members(names) {
      const wanted = new Set(names);
      const queues = (await client.queues.list()).filter((q) => wanted.has(q.friendlyName) && q.currentSize > 0);
      const lists = await Promise.all(
        queues.map(async (q) => (await client.queues(q.sid).members.list()).map((m): QueueMember => ({ queue: q.friendlyName, queueSid: q.sid, callSid: m.callSid, position: m.position, waitedSec: m.waitTime }))),
      );
      return lists.flat();
    },
    async dequeue({ queueSid, callSid }, url) {
      try {
        await client.queues(queueSid).members(callSid).update({ url, method: 'POST' });
        return true;
      } catch (err) {
        // 404: not in the queue any more (an agent took them, they hung up, another server was first).
        if ((err as { status?: unknown }).status === 404) return false;
        throw err;
      }
    },
  };
}
