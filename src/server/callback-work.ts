import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { Project } from '../flow/load/load-project';
import type { Clock } from '../platform/clock';
import type { CallPlacer } from '../services/callbacks/call-placer';
import { createCallbackDialler } from '../services/callbacks/callback-dialler';
import type { CallbackCounters, CallbackResults } from '../services/callbacks/callback-results';
import { nextOpening } from '../services/callbacks/callback-rules';
import { callbackScheduler, centreCallbackPlans, type CallbackPlans } from '../services/callbacks/callback-schedule';
import type { CallbackStore } from '../services/callbacks/callback-store';
import { createCallbackSweep } from '../services/callbacks/callback-sweep';
import { createProgressTexter, type ProgressEvery } from '../services/callbacks/progress-texts';
import type { SmsSender } from '../services/sms/sms-sender';
import type { TicketStore } from '../services/tickets/ticket-store';
import { webhookUrls } from '../telephony/twilio/webhook-urls';
import { queueOpen } from './voice/queue-limits';

/**
 * What the server runs for the call backs tickets promise, on one interval: the sweep that
 * schedules a ticket whose job was lost, the dialler that places what is due (while the agents of
 * its queue work: its hours, else its line's), and the progress SMS of system faults.
 */
export function callbackWork(deps: {
  config: Pick<Config, 'publicBaseUrl'>;
  project: Project;
  clock: Clock;
  store: CallbackStore;
  results: CallbackResults;
  tickets: TicketStore;
  sms: SmsSender;
  smsFrom: (hotlineId: string) => string;
  hotlineNumber: (hotlineId: string) => string;
  placer: CallPlacer;
  logger: Logger;
  counters?: CallbackCounters;
  plans?: CallbackPlans;
  progressEvery?: ProgressEvery;
}) {
  const { project, clock, store, tickets, logger } = deps;
  const dialler = createCallbackDialler({
    store,
    placer: deps.placer,
    results: deps.results,
    ticketOpen: async (ticketId) => (await tickets.get(ticketId))?.status !== 'resolved',
    closedUntil: (job, now) => {
      const line = project.hotlines.find((h) => h.id === job.hotline);
      return nextOpening((at) => queueOpen(project.centre.queues.get(job.queue), line, at), now);
    },
    urls: webhookUrls(deps.config.publicBaseUrl),
    clock,
    logger,
    ...(deps.counters ? { counters: deps.counters } : {}),
  });
  const every = deps.progressEvery ?? ((category: string) => project.centre.categories.get(category)?.progressEveryMinutes);
  const progressTexter = createProgressTexter({
    tickets,
    store,
    sms: deps.sms,
    smsFrom: deps.smsFrom,
    clock,
    every,
    categories: [...project.centre.categories.keys()].filter((c) => every(c) !== undefined),
    logger,
  });
  const plans = deps.plans ?? centreCallbackPlans(project.centre);
  const callbackSweep = createCallbackSweep({
    tickets,
    store,
    schedule: callbackScheduler({ store, plans, hotlineNumber: deps.hotlineNumber }),
    categories: [...project.centre.categories.keys()].filter((c) => plans(c) !== undefined),
    clock,
    logger,
  });
  return {
    dialler,
    progressTexter,
    callbackSweep,
    async flush() {
      await callbackSweep.run();
      await dialler.flush();
      await progressTexter.flush();
    },
  };
}
