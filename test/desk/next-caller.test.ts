import type { AgentConfig } from '../../src/call-centre/agent.schema';
import type { QueueConfig } from '../../src/call-centre/queue.schema';
import { nextCaller, type Candidate } from '../../src/desk/next-caller';
import { shippedProject } from '../helpers/services-app';

const centre = shippedProject().centre;
const queue = (id: string): QueueConfig => {
  const q = centre.queues.get(id);
  if (!q) throw new Error(`no queue ${id} in flows/queues.yaml`);
  return q;
};
const AGENT: AgentConfig = { id: 'zhou-min', name: '周敏', phone: '+8613800000201', skills: ['security', 'account', 'general'], languages: ['zh-CN'] };

/** A queue's front caller who has waited since `enqueuedAt`, with the priority their transfer carried. */
function front(queueId: string, callSid: string, enqueuedAt: number, priority?: 'normal' | 'high' | 'urgent'): Candidate {
  return {
    queue: queue(queueId),
    waiting: { queue: queueId, size: 1, front: { callSid, waitedSec: 0, enqueuedAt } },
    brief: { callSid, lang: 'zh-CN', verified: false, ...(priority ? { priority, distressed: true as const } : {}) },
  };
}

describe('which waiting caller an agent takes next', () => {
  it('takes a distressed caller (raised to high) before an ordinary one who waited longer in a queue of the same class', () => {
    const longWait = front('general', 'CAordinary', 1_000);
    const upset = front('account', 'CAupset', 50_000, 'high');
    expect(nextCaller(AGENT, [longWait, upset])?.brief.callSid).toBe('CAupset');
  });

  it('still takes the emergency class first, whatever the priority in a normal queue', () => {
    const upset = front('account', 'CAupset', 1_000, 'urgent');
    const stolen = front('urgent', 'CAstolen', 90_000);
    expect(nextCaller(AGENT, [upset, stolen])?.brief.callSid).toBe('CAstolen');
  });

  it('between callers of the same class and priority, the one who waited longest', () => {
    const first = front('general', 'CAfirst', 1_000);
    const second = front('account', 'CAsecond', 2_000);
    expect(nextCaller(AGENT, [second, first])?.brief.callSid).toBe('CAfirst');
  });
});
