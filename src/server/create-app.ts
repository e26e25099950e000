import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { EffectHandlers } from '../call/effect-handlers';
import type { Config } from '../config/config';
import type { Project } from '../flow/load/load-project';
import { systemClock, type Clock } from '../platform/clock';
import type { CallStore } from '../stores/calls/call-store';
import { memoryCallStore } from '../stores/calls/memory/memory-call-store';
import { memorySessionStore } from '../stores/session/memory/memory-session-store';
import type { SessionStore } from '../stores/session/session-store';
import { webhookUrls } from '../telephony/twilio/webhook-urls';
import { callLocks } from './call-locks';
import { createServices } from './create-services';
import { flowVersions, type FlowVersions } from './flow-versions';
import { HttpError, httpErrorHandler } from './http-error';
import { createLogger } from './logger';
import { requireAdminToken } from './require-admin-token';
import { requireTwilioSignature } from './require-twilio-signature';
import { adminCallRoutes } from './routes/admin-calls';
import { healthRoutes } from './routes/health';
import { noSmsReply, twilioSmsRoutes, type IncomingSmsHandler } from './routes/twilio-sms';
import { twilioStatusRoutes } from './routes/twilio-status';
import { twilioVoiceRoutes } from './routes/twilio-voice';

export type Ids = { next(): string };

export type AppDeps = {
  config: Config;
  project: Project;
  clock?: Clock;
  /** Flow versions by content hash; default: the project's flows. */
  flows?: FlowVersions;
  sessions?: SessionStore;
  calls?: CallStore;
  /** Who performs the flows' effects; default: createServices(config). */
  handlers?: EffectHandlers;
  logger?: Logger;
  ids?: Ids;
  /** Replies to incoming SMS (the survey seam); default: an empty <Response/>. */
  incomingSms?: IncomingSmsHandler;
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
  sessions = memorySessionStore(),
  calls = memoryCallStore(),
  handlers = createServices(config, { project, clock }).handlers,
  logger = createLogger(config.logLevel),
  ids = { next: () => randomUUID() },
  incomingSms = noSmsReply,
}: AppDeps): Express {
  const urls = webhookUrls(config.publicBaseUrl);
  const app = express();
  app.disable('x-powered-by');

  app.use(healthRoutes({ flows, sessions, calls }));

  // Every /twilio/* request is a signed form; the signature covers the full original URL.
  app.use('/twilio', express.urlencoded({ extended: false, limit: '64kb' }));
  app.use('/twilio', requireTwilioSignature({ authToken: config.twilio.authToken, urls, check: config.twilio.checkSignatures, logger }));
  app.use(
    twilioVoiceRoutes({
      project,
      flows,
      sessions,
      calls,
      handlers,
      clock,
      logger,
      locks: callLocks(),
      urls,
      voices: config.voices,
      timing: { effectTimeoutMs: config.effectTimeoutMs, turnDeadlineMs: config.turnDeadlineMs, sessionTtlMs: config.sessionTtlMs },
      holdMusicUrl: config.holdMusicUrl,
    }),
  );
  app.use(twilioStatusRoutes({ calls, sessions, clock, logger }));
  app.use(twilioSmsRoutes(incomingSms));

  app.use('/api', requireAdminToken(config.adminToken));
  app.use(adminCallRoutes({ calls }));

  app.use((req, _res, next) => next(new HttpError(404, `no route ${req.method} ${req.path}`)));
  app.use(httpErrorHandler(logger, () => ids.next()));
  return app;
}
