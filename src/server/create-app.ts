import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { Project } from '../flow/load/load-project';
import { systemClock, type Clock } from '../platform/clock';
import { webhookUrls } from '../telephony/twilio/webhook-urls';
import { callLocks } from './call-locks';
import { categoryIds } from '../call-centre/call-centre';
import { createServices, type Services } from './create-services';
import { flowVersions, type FlowVersions } from './flow-versions';
import { HttpError, httpErrorHandler } from './http-error';
import { createLogger } from './logger';
import { requireAdminToken } from './require-admin-token';
import { requireTwilioSignature } from './require-twilio-signature';
import { adminCallRoutes } from './routes/admin-calls';
import { adminContextRoutes } from './routes/admin-context';
import { adminQaRoutes } from './routes/admin-qa';
import { adminTicketRoutes } from './routes/admin-tickets';
import { healthRoutes, type Readiness } from './routes/health';
import { twilioSmsRoutes } from './routes/twilio-sms';
import { twilioQueueRoutes } from './routes/twilio-queue';
import { twilioAgentRoutes } from './routes/twilio-agent';
import type { QueueDirectory } from '../desk/queue-directory';
import { twilioStatusRoutes } from './routes/twilio-status';
import { twilioVoiceRoutes } from './routes/twilio-voice';
import { twilioAgentRecordingRoutes } from './routes/twilio-agent-recording';
import { twilioCallbackRoutes } from './routes/twilio-callback';
import { adminCallbackRoutes } from './routes/admin-callbacks';
import { callMetrics } from '../metrics/call-metrics';
import { createMetrics, type IvrMetrics } from '../metrics/ivr-metrics';
import { meteredHandlers } from '../metrics/metered-handlers';
import { liveProject, type ReloadResult } from './reload/live-project';
import { adminFlowRoutes } from './routes/admin-flows';
import { studioRoutes } from './studio/studio-routes';
import { softphoneApi } from './studio/softphone-api';
import { flowsApi, publishedOf } from './studio/flows-api';
import { studioHotlinesApi } from './studio/hotlines-api';
import { studioTicketsApi } from './studio/tickets-api';
import { adminReportRoutes } from './routes/admin-reports';
import { metricsRoutes } from './routes/metrics';
import { devSmsRoutes } from './routes/dev-sms';
import { adminReleaseRoutes } from './routes/admin-releases';
import { releaseRuntime, type ReleaseRuntime } from './releases/release-runtime';
import type { ReleaseDesk } from '../releases/release-desk';
import { startBackgroundWork, type Timers } from './background-work';

export type Ids = { next(): string };

/**
 * The app, `close()` for the services it built itself (none when they were passed in), and
 * `reloadFlows()`: read the flows directory again (hot reload; calls in progress keep their version).
 */
export type IvrApp = Express & {
  close(): Promise<void>;
  reloadFlows(reason?: string): ReloadResult;
  /**
   * A file of the flows directory changed, or SIGHUP: with releases, the draft is reloaded (and
   * published in development) and the database checked; without, the flows are reloaded.
   */
  flowsChanged(reason: string): Promise<ReloadResult>;
  /** This server's side of releases, when it runs on them (`ivr serve` does). */
  releases?: ReleaseRuntime;
};

/** Releases the app runs on: the desk over the database, the release the project came from, the draft as loaded at start. */
export type AppReleases = { desk: ReleaseDesk; activeId: string; draft?: Project };

export type AppDeps = {
  config: Config;
  project: Project;
  clock?: Clock;
  /** Flow versions by content hash; default: the project's flows. */
  flows?: FlowVersions;
  /** Stores and caller services; default: createServices(config), closed by `app.close()`. */
  services?: Services;
  logger?: Logger;
  ids?: Ids;
  /** Prometheus metrics in their own registry; default: a fresh one without the process metrics. */
  metrics?: IvrMetrics;
  /** Flipped by the graceful shutdown so /readyz fails first; default: always ready. */
  readiness?: Readiness;
  /** Who waits in the agents' queues (the agent desk); default: Twilio's REST API, built on first use. */
  queueDirectory?: QueueDirectory;
  /**
   * New calls on the active release of the database, test callers on the draft, checked every
   * RELEASE_POLL_INTERVAL_MS on `timers` (false: never by itself; tests call `app.releases.check()`).
   * Default: none, the flows directory is the project (reloaded on change).
   */
  releases?: AppReleases & { timers?: Timers | false };
  /** Where the studio's built page and scripts are (default: dist/studio). */
  studioAssetsDir?: string;
  /** The studio's live figures: how often a stream looks again (default 2 s). */
  studio?: { streamEveryMs?: number };
};

/**
 * The HTTP app: Twilio's webhooks, health probes and the admin API, with every dependency passed
 * in (defaults in the signature), so tests drive it in-process and `ivr serve` is a thin shell.
 */
export function createApp({
  config,
  project,
  clock = systemClock,
  flows = flowVersions(project),
  logger = createLogger(config.logLevel),
  ids = { next: () => randomUUID() },
  services,
  metrics = createMetrics(),
  readiness = { stopping: false },
  queueDirectory,
  releases: releaseDeps,
  studioAssetsDir,
  studio = {},
}: AppDeps): IvrApp {
  const owned = services ? undefined : createServices(config, { project, clock, logger, metrics });
  const { sessions, calls, turns, tickets, ticketDesk, surveys, qa } = services ?? owned!;
  const handlers = meteredHandlers((services ?? owned!).handlers, metrics);
  const live = liveProject(project, { flows, logger });
  const observer = callMetrics(metrics, () => live.current.env.flows);
  metrics.watchTickets(tickets, clock, project.centre.categories.keys());
  const urls = webhookUrls(config.publicBaseUrl);
  const app = express() as IvrApp;
  app.disable('x-powered-by');
  // No ETag: Twilio never revalidates a webhook answer, and hashing every TwiML body costs each turn.
  app.set('etag', false);
  const releases = releaseDeps
    ? releaseRuntime({
        ...releaseDeps,
        live,
        flows,
        draftDir: config.flowsDir,
        testCallers: config.releases.testCallers,
        autoPublish: config.releases.autoPublish,
        by: 'ivr serve (development)',
        logger,
      })
    : undefined;
  const poll =
    releases && releaseDeps?.timers !== false
      ? startBackgroundWork([{ name: 'releases', everyMs: config.releases.pollIntervalMs, run: () => releases.check() }], { logger, ...(releaseDeps?.timers ? { timers: releaseDeps.timers } : {}) })
      : undefined;
  app.close = async () => {
    await poll?.stop();
    await owned?.close();
  };
  app.reloadFlows = (reason = 'asked') => (releases ? releases.reloadDraft(reason) : live.reload(reason));
  app.flowsChanged = async (reason) => (releases ? releases.filesChanged(reason) : live.reload(reason));
  if (releases) app.releases = releases;

  app.use(healthRoutes({ flows, sessions, calls, readiness }));
  app.use(metricsRoutes({ registry: metrics.registry, token: config.metricsToken }));

  // Every /twilio/* request is a signed form; the signature covers the full original URL.
  app.use('/twilio', express.urlencoded({ extended: false, limit: '64kb' }));
  app.use('/twilio', requireTwilioSignature({ authToken: config.twilio.authToken, urls, check: config.twilio.checkSignatures, logger }));
  app.use(
    twilioVoiceRoutes({
      // A hot reload replaces the project (hotlines, flows) new calls are routed on.
      get project() {
        return live.current;
      },
      flows,
      sessions,
      calls,
      turns,
      handlers,
      clock,
      logger,
      locks: callLocks(),
      urls,
      voices: config.voices,
      hearing: { minConfidence: config.minSpeechConfidence },
      timing: { effectTimeoutMs: config.effectTimeoutMs, turnDeadlineMs: config.turnDeadlineMs, sessionTtlMs: config.sessionTtlMs },
      observer,
      ...(releases ? { findFlow: releases.findFlow, draftFor: releases.draftFor } : {}),
    }),
  );
  app.use(
    twilioQueueRoutes({
      sessions,
      calls,
      tickets,
      handlers,
      centre: project.centre,
      now: () => clock.now(),
      urls,
      voices: config.voices,
      holdMusicUrl: config.holdMusicUrl,
      logger,
      hotlines: () => live.current.hotlines,
      metrics,
    }),
  );
  app.use(
    twilioAgentRoutes({
      calls,
      sessions,
      tickets,
      now: () => clock.now(),
      centre: project.centre,
      hotlines: () => live.current.hotlines,
      directory: () => queueDirectory ?? (services ?? owned!).queueDirectory(),
      urls,
      voices: config.voices,
      logger,
    }),
  );
  app.use(twilioStatusRoutes({ surveys, sessions, clock, logger, observer }));
  const records = (services ?? owned!).durableCalls ?? calls;
  app.use(twilioSmsRoutes({ surveys, logger, observer, variantsOf: async (sid) => (await records.get(sid))?.variants }));
  app.use(twilioAgentRecordingRoutes({ calls: (services ?? owned!).durableCalls ?? calls, qa, qaSamplePercent: config.qaSamplePercent, clock, logger }));
  const built = services ?? owned!;
  app.use(twilioCallbackRoutes({ callbacks: built.callbacks, results: built.callbackResults, hotlines: () => live.current.hotlines, centre: () => live.current.centre, urls, voices: config.voices, holdMusicUrl: config.holdMusicUrl, logger }));

  const studioBoards = { calls, reports: built.reports, clock, hotlines: () => live.current.hotlines, centre: () => live.current.centre, desk: ticketDesk, surveys };
  app.use(
    studioRoutes({
      users: config.studioUsers,
      ...(studioAssetsDir ? { assetsDir: studioAssetsDir } : {}),
      api: [
        studioHotlinesApi({ ...studioBoards, ...studio }),
        studioTicketsApi(studioBoards),
        // The draft against what callers get: the active release, or without releases the flows loaded at start.
        flowsApi({ draftDir: config.flowsDir, published: () => (releases ? publishedOf(live.current, 'release') : publishedOf(project, 'start')) }),
        // The softphone calls the working draft: the release runtime's, else the flows directory's.
        softphoneApi({ draft: () => releases?.draft ?? live.current, clock }),
      ],
    }),
  );
  app.use('/api', requireAdminToken(config.adminToken));
  app.use('/api', express.json({ limit: '16kb' }));
  app.use(adminCallRoutes({ calls, tickets, surveys }));
  app.use(adminContextRoutes({ calls, sessions, tickets, flows, project: () => live.current, clock }));
  app.use(adminQaRoutes({ qa, clock }));
  app.use(adminTicketRoutes({ desk: ticketDesk, clock, categories: categoryIds(project.centre) }));
  app.use(adminFlowRoutes({ flows, calls, clock, sessionTtlMs: config.sessionTtlMs, ...(releases ? { release: () => releases.activeId } : {}) }));
  if (releaseDeps && releases) app.use(adminReleaseRoutes({ desk: releaseDeps.desk, runtime: releases, tokenName: config.adminTokenName }));
  app.use(adminCallbackRoutes({ callbacks: built.callbacks, clock }));
  app.use(adminReportRoutes({ reports: (services ?? owned!).reports, clock, callbacks: (services ?? owned!).callbacks }));
  // One-time codes in clear: never in production, whatever services were passed in.
  if (config.env !== 'production' && built.callSms) app.use(devSmsRoutes({ log: built.callSms }));

  app.use((req, _res, next) => next(new HttpError(404, `no route ${req.method} ${req.path}`)));
  app.use(httpErrorHandler(logger, () => ids.next()));
  return app;
}
