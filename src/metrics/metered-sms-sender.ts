import type { SmsSender } from '../services/sms/sms-sender';
import type { IvrMetrics } from './ivr-metrics';

/** The real SMS sender, counting what the provider accepted and what failed, by SMS kind. */
export function meteredSmsSender(sender: SmsSender, metrics: Pick<IvrMetrics, 'smsSent' | 'smsFailed'>): SmsSender {
  return {
    ...(sender.findSent ? { findSent: sender.findSent.bind(sender) } : {}),
    async send(message, opts) {
      try {
        const sent = await sender.send(message, opts);
        metrics.smsSent.inc({ kind: message.kind });
        return sent;
      } catch (err) {
        metrics.smsFailed.inc({ kind: message.kind });
        throw err;
      }
    },
  };
}
