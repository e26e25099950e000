import type { Logger } from 'pino';
import type { EffectHandlers } from '../call/effect-handlers';
import type { Config } from '../config/config';
import type { Project } from '../flow/load/load-project';
import type { Clock } from '../platform/clock';
import { memoryAccountDirectory } from '../services/accounts/account-directory';
import { readAccountsFile } from '../services/accounts/read-accounts-file';
import { createCallerServices, type CallerStores } from '../services/caller-services';
import { otpSecretFor } from '../services/identity/otp-secret';
import { memoryOtpStore, type OtpStore } from '../services/identity/otp-store';
import { logOnlySmsSender } from '../services/sms/log-only-sms-sender';
import type { OutboxSender } from '../services/sms/outbox-sender';
import type { SmsOutbox } from '../services/sms/sms-outbox';
import type { SmsSender } from '../services/sms/sms-sender';
import { memoryCallClosing, type CallClosing } from '../services/survey/call-closing';
import { createSurveyService, type SurveyService } from '../services/survey/survey-service';
import { memorySurveyStore, type SurveyStore } from '../services/survey/survey-store';
import type { TicketDesk } from '../services/tickets/ticket-desk';
import { memoryTicketStore, type TicketStore } from '../services/tickets/ticket-store';
import type { UndecodableRecordHandler } from '../stores/calls/call-record';
import type { CallStore } from '../stores/calls/call-store';
import { memoryCallStore } from '../stores/calls/memory/memory-call-store';
import { sqliteCallStore } from '../stores/calls/sqlite/sqlite-call-store';
import { memorySessionStore } from '../stores/session/memory/memory-session-store';
import { sqliteSessionStore } from '../stores/session/sqlite/sqlite-session-store';
import type { SessionStore } from '../stores/session/session-store';
import { loadAccountsIntoSqlite, openMigratedSqlite, sqliteCallClosing, sqliteStores, sqliteSurveyStore } from '../stores/sqlite';
import { startBackgroundWork, type Timers } from './background-work';
import { withRedisSessions } from './redis-sessions';
import { separateTurnStore, type TurnStore } from '../stores/turns/turn-store';
import { sqliteTurnStore } from '../stores/turns/sqlite-turn-store';
import { sqliteWriteGroup } from '../stores/sqlite/write-group';
import { createLogger } from './logger';
import type { IvrMetrics } from '../metrics/ivr-metrics';
import type { ReportSource } from '../reports/report-facts';
import { recordsReportSource, surveyAnswerFrom } from '../reports/load-report';
import { sqliteReportSource } from '../stores/sqlite/sqlite-report-source';
import { workerReportSource } from '../stores/sqlite/sqlite-report-worker';
import { meteredSmsSender } from '../metrics/metered-sms-sender';
import { maskPhone, smsCountriesOf } from '../hotlines';
import { createCallSmsLog, type CallSmsLog } from '../services/sms/call-sms-log';
import { memorySmsCapStore } from '../services/sms/sms-cap-store';
import type { RefusalSink, SmsGuard } from '../services/sms/sms-guard';
import type { SmsPolicy } from '../services/sms/sms-policy';
import type { QaStore } from '../stores/qa/qa-store';
import { memoryQaStore } from '../stores/qa/memory/memory-qa-store';
import { sqliteQaStore } from '../stores/qa/sqlite/sqlite-qa-store';
import { memoryCallbackStore, type CallbackStore } from '../services/callbacks/callback-store';
import type { CallbackResults } from '../services/callbacks/callback-results';
import type { CallPlacer } from '../services/callbacks/call-placer';
import { logOnlyCallPlacer } from '../services/callbacks/log-only-call-placer';
import { callbackCounters } from '../metrics/callback-counters';
import { tryNormalizeNumber } from '../hotlines';
import type { QueueDirectory } from '../desk/queue-directory';
import { createQueueSweep, type QueueSweep } from './voice/queue-sweep';
import { webhookUrls } from '../telephony/twilio/webhook-urls';
import type { CallbackPlans } from '../services/callbacks/callback-schedule';
import type { CallbackSweep } from '../services/callbacks/callback-sweep';
import type { CallbackDialler } from '../services/callbacks/callback-dialler';
import type { ProgressEvery, ProgressTexter } from '../services/callbacks/progress-texts';
import { callbackWork } from './callback-work';
import { twilioRest } from './twilio-rest';

/** Abandoned calls' state is swept this often. */
export const SWEEP_EVERY_MS = 60_000;

/** Everything the server's routes use, built from the config in one place. */
export type Services = {
  sessions: SessionStore;
  calls: CallStore;
  /** A turn's session and record entry, written together (one write on SQLite). */
  turns: TurnStore;
  /** Who performs the flows' effects. */
  handlers: EffectHandlers;
  tickets: TicketStore;
  /** Staff's side of tickets: list, show, move on; resolving texts the caller. */
  ticketDesk: TicketDesk;
  /** The after-call survey: queued as a call closes, answered by SMS, shown beside the call. */
  surveys: SurveyService;
  otpStore: OtpStore;
  /** The operations report's counts: in SQL on SQLite and PostgreSQL, over the records in memory. */
  reports: ReportSource;
  /** Calls marked for quality review, in the call records' database. */
  qa: QaStore;
  /**
   * The call records written durably, where `calls` is not (PostgreSQL writes turns without
   * waiting for the disk): for what must survive a crash once Twilio was told 200, e.g. the
   * reference to an agent's recording, without which the purge would never delete it.
   */
  durableCalls?: CallStore;
  /**
   * Outside production only: the SMS each call sent, codes in clear, for `ivr call --via`
   * (GET /api/dev/calls/:callSid/sms). Never built in production.
   */
  callSms?: CallSmsLog;
  /** SQLite only: SMS other than one-time codes wait here until `outboxSender` sends them. */
  outbox?: SmsOutbox;
  outboxSender?: OutboxSender;
  /** The call backs tickets promise: the schedule, the dialler that places them, and where their results are recorded. */
  callbacks: CallbackStore;
  dialler: CallbackDialler;
  callbackResults: CallbackResults;
  /** System-fault tickets' progress SMS (flushed with the dialler). */
  progressTexter: ProgressTexter;
  /** Takes waiting callers past their queue's limits out on time (with a Twilio account, or a directory given). */
  queueSweep?: QueueSweep;
  /** Who waits in the queues (the agent desk, the sweep): Twilio's REST API through the server's one client, unless given. */
  queueDirectory: () => QueueDirectory;
  /** Schedules the call backs of tickets whose server died before it could (run with the dialler, every 5 minutes). */
  callbackSweep: CallbackSweep;
  /**
   * Stops the background work (waiting for a flush in progress), then closes the database (and
   * Redis). `flushOutbox`: send what is due once more first (a graceful shutdown).
   */
  close(opts?: { flushOutbox?: boolean }): Promise<void>;
};

export type ServiceDeps = {
  project: Project;
  clock: Clock;
  logger?: Logger;
  /** What really sends SMS; default: Twilio's Messages API (TWILIO_API_BASE_URL honoured), or a log line without a Twilio account. */
  smsSender?: SmsSender;
  /** Memory mode only: other call stores (tests: a failing store, two servers on one SQLite file). */
  sessions?: SessionStore;
  calls?: CallStore;
  /**
   * The SMS flush and the call sweep run on these timers (default: real ones, unref'd). `false`:
   * nothing runs by itself; tests call `outboxSender.flush()` after moving their clock.
   */
  timers?: Timers | false;
  /** Stores built beforehand: PostgreSQL's, which `openServices` migrates (asynchronously) first. */
  parts?: Parts;
  /** Counts SMS sent and failed by kind (the app's Prometheus metrics). */
  metrics?: Pick<IvrMetrics, 'smsSent' | 'smsFailed'> &
    Partial<Pick<IvrMetrics, 'callRecordProblems' | 'smsRefused' | 'callbacksPlaced' | 'callbacksFirstPlaced' | 'callbacksAnswered' | 'callbacksExhausted'>>;
  /** What places call backs; default: Twilio's Calls API (TWILIO_API_BASE_URL honoured), or a log line without a Twilio account. */
  callPlacer?: CallPlacer;
  /** Which ticket categories are called back and how; default: the centre's (ticket-categories.yaml `callback`). */
  callbackPlans?: CallbackPlans;
  /** Every how many minutes a category's open tickets get a progress SMS; default: the centre's `progressEveryMinutes` (system_fault: 30). */
  progressEvery?: ProgressEvery;
  /** The key one-time codes are hashed with; default: from the config (otpSecretFor). */
  otpSecret?: Buffer;
  /** Who waits in the queues; default: Twilio's REST API when there is a Twilio account. */
  queueDirectory?: QueueDirectory;
};

/** The callback counters when the metrics have them (the app's do). */
function countersOf(metrics: ServiceDeps['metrics']) {
  const { callbacksPlaced, callbacksFirstPlaced, callbacksAnswered, callbacksExhausted } = metrics ?? {};
  return callbacksPlaced && callbacksFirstPlaced && callbacksAnswered && callbacksExhausted ? callbackCounters({ callbacksPlaced, callbacksFirstPlaced, callbacksAnswered, callbacksExhausted }) : undefined;
}

/**
 * The caller services and stores behind the server, from DATABASE_URL:
 *
 * - `sqlite:<file>` (default `data/ivr.db`): the file is opened (created with its folder),
 *   migrated, ACCOUNTS_FILE upserted into its account directory; calls, tickets, codes and the
 *   SMS outbox live there. SMS go through the outbox, flushed every SMS_FLUSH_INTERVAL_MS; one-time
 *   codes go straight to Twilio.
 * - `memory:`: everything in this process and lost on exit, SMS sent at once without an outbox.
 *   For tests and experiments.
 */
export function createServices(config: Config, deps: ServiceDeps): Services {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const rest = twilioRest(config);
  const realSender = deps.smsSender ?? (config.smsDelivery === 'twilio' ? rest.smsSender() : logOnlySmsSender((fields, msg) => logger.info(fields, msg)));
  const smsSender = deps.metrics ? meteredSmsSender(realSender, deps.metrics) : realSender;
  const smsFrom = (hotlineId: string) => (deps.project.hotlines.find((h) => h.id === hotlineId) ?? deps.project.hotlines[0]).sms.from;

  const smsPolicy: SmsPolicy = {
    allowedCountries: config.smsGuard.allowedCountries ?? smsCountriesOf(deps.project.hotlines),
    caps: config.smsGuard.caps,
    globalPerHour: config.smsGuard.globalPerHour,
  };
  const guardLog = logger.child({ component: 'sms-guard' });
  guardLog.info({ allowedCountries: smsPolicy.allowedCountries, globalPerHour: smsPolicy.globalPerHour }, 'SMS guard: texting only these countries\' mobile and fixed numbers, within the caps (SMS_CAPS)');
  const onSmsRefused: RefusalSink = (message, refusal) => {
    guardLog.warn({ kind: message.kind, to: maskPhone(message.to), reason: refusal.reason, key: message.key }, `SMS refused: ${refusal.message}`);
    deps.metrics?.smsRefused?.inc({ kind: message.kind, reason: refusal.reason });
  };

  const callSms = config.env === 'production' ? undefined : createCallSmsLog({ clock: deps.clock });
  const built = withRedisSessions(deps.parts ?? localParts(config, deps), config, { logger, ownSessions: deps.sessions !== undefined });
  const callbackStore = built.stores.callbacks ?? memoryCallbackStore();
  const counters = countersOf(deps.metrics);
  const hotlineNumber = (hotlineId: string) => {
    const line = deps.project.hotlines.find((h) => h.id === hotlineId) ?? deps.project.hotlines[0];
    return tryNormalizeNumber(line.numbers[0]) ?? line.numbers[0];
  };
  const caller = createCallerServices({
    stores: { ...built.stores, smsCaps: built.stores.smsCaps ?? memorySmsCapStore(), callbacks: callbackStore },
    ...(deps.callbackPlans ? { callbackPlans: deps.callbackPlans } : {}),
    hotlineNumber,
    ...(counters ? { callbackCounters: counters } : {}),
    clock: deps.clock,
    smsSender,
    smsFrom,
    links: config.links,
    logger: logger.child({ component: 'sms' }),
    smsPolicy,
    onSmsRefused,
    otpSecret: deps.otpSecret ?? otpSecretFor(config),
    centre: deps.project.centre,
    ...(callSms ? { tapCallSms: callSms.tap } : {}),
  });
  const surveys = createSurveyService({
    closing: built.closing(caller.sms, caller.guard),
    surveys: built.surveys,
    tickets: built.stores.tickets,
    ...(built.stores.outbox ? { outbox: built.stores.outbox } : {}),
    smsFrom,
    clock: deps.clock,
  });

  const callbackLog = logger.child({ component: 'callbacks' });
  const callbacks = callbackWork({
    config,
    project: deps.project,
    clock: deps.clock,
    store: callbackStore,
    results: caller.callbackResults,
    tickets: built.stores.tickets,
    sms: caller.sms,
    smsFrom,
    hotlineNumber,
    placer: deps.callPlacer ?? (config.smsDelivery === 'twilio' ? rest.callPlacer() : logOnlyCallPlacer((fields, msg) => callbackLog.info(fields, msg))),
    logger: callbackLog,
    ...(counters ? { counters } : {}),
    ...(deps.callbackPlans ? { plans: deps.callbackPlans } : {}),
    ...(deps.progressEvery ? { progressEvery: deps.progressEvery } : {}),
  });
  const queueDirectory = deps.queueDirectory ? () => deps.queueDirectory! : rest.queueDirectory;
  // Callers past their queue's limits are taken out on time through Twilio's REST API (there is
  // none to read without an account: then the wait URL alone checks, when the hold music ends).
  const queueSweep =
    deps.queueDirectory || config.smsDelivery === 'twilio'
      ? createQueueSweep({
          directory: queueDirectory,
          centre: deps.project.centre,
          calls: built.calls,
          hotlines: () => deps.project.hotlines,
          urls: webhookUrls(config.publicBaseUrl),
          now: () => deps.clock.now(),
          logger: logger.child({ component: 'queues' }),
        })
      : undefined;
  const background =
    deps.timers === false
      ? undefined
      : startBackgroundWork(
          [
            ...(caller.outboxSender ? [{ name: 'sms-outbox', everyMs: config.smsFlushIntervalMs, run: caller.outboxSender.flush }] : []),
            { name: 'callbacks', everyMs: config.callbackFlushIntervalMs, run: callbacks.flush },
            ...(queueSweep ? [{ name: 'queue-sweep', everyMs: config.queueSweepIntervalMs, run: queueSweep.flush }] : []),
            { name: 'sweep-calls', everyMs: SWEEP_EVERY_MS, run: () => built.sessions.deleteExpired(deps.clock.now()) },
          ],
          { logger, ...(deps.timers ? { timers: deps.timers } : {}) },
        );

  return {
    sessions: built.sessions,
    calls: built.calls,
    turns: built.turns ?? separateTurnStore(built.sessions, built.calls),
    handlers: caller.handlers,
    tickets: built.stores.tickets,
    ticketDesk: caller.ticketDesk,
    surveys,
    otpStore: built.stores.otp,
    qa: built.qa ?? memoryQaStore(),
    ...(built.durableCalls ? { durableCalls: built.durableCalls } : {}),
    reports: built.reports ?? recordsReportSource({ calls: built.calls, tickets: built.stores.tickets, surveyOf: surveyAnswerFrom(built.surveys) }),
    ...(callSms ? { callSms } : {}),
    ...(built.stores.outbox ? { outbox: built.stores.outbox } : {}),
    ...(caller.outboxSender ? { outboxSender: caller.outboxSender } : {}),
    callbacks: callbackStore,
    dialler: callbacks.dialler,
    callbackResults: caller.callbackResults,
    progressTexter: callbacks.progressTexter,
    callbackSweep: callbacks.callbackSweep,
    ...(queueSweep ? { queueSweep } : {}),
    queueDirectory,
    async close(opts = {}) {
      await background?.stop();
      if (opts.flushOutbox && caller.outboxSender) {
        await caller.outboxSender.flush().catch((err: unknown) => logger.error({ err }, 'the last SMS flush failed; what it did not send stays queued for the next server'));
      }
      await built.close();
    },
  };
}

/** The stores behind the services, and how to close them. */
export type Parts = {
  sessions: SessionStore;
  calls: CallStore;
  /** When sessions and records share a database: both written in one transaction (default: one after the other). */
  turns?: TurnStore;
  stores: CallerStores;
  surveys: SurveyStore;
  /** Counts the report in the database (default: over the records, in the process). */
  reports?: ReportSource;
  /** Quality-review marks beside the call records (default: in memory). */
  qa?: QaStore;
  /** The call records written durably, when `calls` is not (see Services). */
  durableCalls?: CallStore;
  /**
   * How a call is closed with its survey, given the SMS sender of the effects (already guarded)
   * and the SMS guard, which a transaction asks before it queues the survey SMS.
   */
  closing(sms: SmsSender, guard?: SmsGuard): CallClosing;
  close(): void | Promise<void>;
};

/** The stores this process can open by itself, synchronously: a SQLite file or memory. */
function localParts(config: Config, deps: ServiceDeps): Parts {
  if (config.database.kind === 'sqlite') return sqliteParts(config.database.file, config.accountsFile, deps.clock, undecodableReporter(deps));
  if (config.database.kind === 'memory') return memoryParts(config.accountsFile, deps);
  throw new Error('DATABASE_URL is PostgreSQL: build the services with openServices() (src/server/open-services.ts), which migrates the database first');
}

/** Logs and counts a call record left out of a listing because it no longer decodes. */
export function undecodableReporter(deps: Pick<ServiceDeps, 'logger' | 'metrics'>): UndecodableRecordHandler {
  return (err) => {
    deps.logger?.error({ err, callSid: err.callSid }, 'a stored call record does not decode; left out of the listing');
    deps.metrics?.callRecordProblems?.inc({ kind: 'undecodable' });
  };
}

function sqliteParts(file: string, accountsFile: string, clock: Clock, onUndecodable: UndecodableRecordHandler): Parts {
  const db = openMigratedSqlite(file, { clock, prepare: (opened) => loadAccountsIntoSqlite(opened, readAccountsFile(accountsFile)) });
  // The writes of every call in progress asked for in one turn of the event loop commit together.
  const writes = sqliteWriteGroup(db);
  const stores = sqliteStores(db, writes);
  const calls = sqliteCallStore(db, { onUndecodable });
  const sessions = sqliteSessionStore(db, writes);
  const surveys = sqliteSurveyStore(db);
  // Off the server's thread: the report's queries would otherwise hold every call's turn.
  const reports = file === ':memory:' ? undefined : workerReportSource(file);
  return {
    sessions,
    calls,
    turns: sqliteTurnStore(db, writes, sessions, calls),
    stores,
    surveys,
    reports: reports ?? sqliteReportSource(db),
    qa: sqliteQaStore(db, writes),
    // The record, the survey and its SMS in one transaction: the outbox, never the sender.
    closing: (_sms, guard) => sqliteCallClosing(db, { calls, surveys, outbox: stores.outbox, writes, ...(guard ? { guard, caps: stores.smsCaps } : {}) }),
    close: async () => {
      await reports?.close();
      db.close();
    },
  };
}

function memoryParts(accountsFile: string, deps: Pick<ServiceDeps, 'sessions' | 'calls'>): Parts {
  const calls = deps.calls ?? memoryCallStore();
  const surveys = memorySurveyStore();
  return {
    sessions: deps.sessions ?? memorySessionStore(),
    calls,
    stores: { accounts: memoryAccountDirectory(readAccountsFile(accountsFile)), otp: memoryOtpStore(), tickets: memoryTicketStore(), smsCaps: memorySmsCapStore() },
    surveys,
    closing: (sms) => memoryCallClosing({ calls, surveys, sms }),
    close: () => undefined,
  };
}
