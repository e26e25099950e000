import type { Logger } from 'pino';
import type { CallCentre } from '../../call-centre/call-centre';
import type { QueueDirectory } from '../../desk/queue-directory';
import type { Hotline } from '../../hotlines';
import type { CallStore } from '../../stores/calls/call-store';
import type { WebhookUrls } from '../../telephony/twilio/webhook-urls';
import { queueOpen, queueVerdict } from './queue-limits';
import { markLeaving } from './queue-visit';

export type QueueSweep = { flush(): Promise<{ waiting: number; takenOut: number }> };

/**
 * Keeps the queues' limits on time. The wait URL checks them only when Twilio asks it again, after
 * the hold music has played to its end (minutes, with a long track); this sweep reads who waits
 * through Twilio's REST API every few seconds and takes out each caller past the queue's longest
 * wait, beyond its size, or in a queue that has closed: it writes why on the call record (as the
 * wait URL does), then dequeues the member to the queue's action URL, which gives the overflow.
 * Several servers may sweep at once: the second dequeue of a caller finds them gone and does
 * nothing, and the reason written first stands.
 */
export function createQueueSweep(deps: {
  directory: () => QueueDirectory;
  centre: CallCentre;
  calls: CallStore;
  hotlines: () => readonly Hotline[];
  urls: WebhookUrls;
  now: () => number;
  logger: Pick<Logger, 'info' | 'error'>;
}): QueueSweep {
  return {
    async flush() {
      const members = await deps.directory().members([...deps.centre.queues.keys()]);
      let takenOut = 0;
      for (const m of members) {
        try {
          const record = await deps.calls.get(m.callSid);
          const line = record && deps.hotlines().find((h) => h.id === record.hotline);
          const limits = deps.centre.queues.get(m.queue);
          const verdict = queueVerdict(limits, { position: m.position, waitedSec: m.waitedSec }, queueOpen(limits, line, deps.now(), record?.afterHours));
          if (verdict === 'wait') continue;
          if (record) await deps.calls.update(m.callSid, (r) => markLeaving(r, m.queue, verdict));
          const hop = record?.queue?.id === m.queue && record.queue.overflowedFrom ? 1 : 0;
          const url = deps.urls.queueDequeued(record?.lang ?? 'zh-CN', m.queue, hop, verdict, m.waitedSec);
          if (await deps.directory().dequeue(m, url)) {
            takenOut++;
            deps.logger.info({ callSid: m.callSid, queue: m.queue, leaving: verdict, waitedSec: m.waitedSec, position: m.position }, 'taking the caller out of the queue (sweep)');
          }
        } catch (err) {
          // This caller waits on; the wait URL or the next sweep tries again.
          deps.logger.error({ err, callSid: m.callSid, queue: m.queue }, 'could not check or take out a waiting caller');
        }
      }
      return { waiting: members.length, takenOut };
    },
  };
}
