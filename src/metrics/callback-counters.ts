import { placedWithinPromise } from '../services/callbacks/callback-rules';
import type { CallbackCounters } from '../services/callbacks/callback-results';
import type { IvrMetrics } from './ivr-metrics';

/** The callback counters of the app's Prometheus metrics. Labels are ticket categories (a fixed set). */
export function callbackCounters(metrics: Pick<IvrMetrics, 'callbacksPlaced' | 'callbacksFirstPlaced' | 'callbacksAnswered' | 'callbacksExhausted'>): CallbackCounters {
  return {
    placed(job, first) {
      metrics.callbacksPlaced.inc({ category: job.category });
      if (first) metrics.callbacksFirstPlaced.inc({ category: job.category, within_promise: String(placedWithinPromise(job)) });
    },
    answered: (job) => metrics.callbacksAnswered.inc({ category: job.category }),
    exhausted: (job) => metrics.callbacksExhausted.inc({ category: job.category }),
  };
}
