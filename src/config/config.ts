import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Language } from '../flow/schema/prompt.schema';
import { DEFAULT_CAPS, DEFAULT_GLOBAL_PER_HOUR, type CapGroup, type CapWindow } from '../services/sms/sms-policy';
import { DEFAULT_SPEECH_MODEL, LANGUAGE_TAGS, voicesFor, type Voices } from '../telephony/twilio/voices';
import { DEFAULT_MIN_CONFIDENCE } from '../flow/runtime/hear-speech';
import { DEV_STUDIO_TOKEN, parseStudioUsers, type StudioUser } from './studio-users';
import { Caps, Countries, DatabaseUrl, int, optional, TestCallers, url, voiceVar, type Database } from './env-vars';

export type { Database } from './env-vars';

/**
 * The server's settings: ONE object, read once from the environment at start and passed in.
 * Development runs with no settings at all; production must name its public URL, its Twilio
 * credentials and its admin token. `.env.example` documents every variable.
 */

/** Well-known development secrets: printed as warnings, refused in production. */
export const DEV_TWILIO_AUTH_TOKEN = 'dev-twilio-auth-token-not-a-secret';
export const DEV_ADMIN_TOKEN = 'dev-admin-token-not-a-secret';
const DEV_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** A setting is wrong or missing. The message is one line that names the variable and the fix. */
export class ConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

const EnvSchema = z.object({
  NODE_ENV: optional.pipe(z.enum(['development', 'test', 'production'], { error: 'must be development, test or production' }).default('development')),
  PORT: int(1, 65535, 'a TCP port'),
  HOST: optional.pipe(
    z
      .string()
      .regex(/^(?:[\w.-]+|\[?[0-9a-fA-F:]+\]?)$/, { error: 'must be an interface address or host name, e.g. 127.0.0.1, 0.0.0.0 or ::' })
      .transform((h) => h.replace(/^\[(.*)\]$/, '$1'))
      .optional(),
  ),
  KEEP_ALIVE_TIMEOUT_MS: int(1000, 600_000, 'milliseconds'),
  SHUTDOWN_DRAIN_MS: int(0, 60_000, 'milliseconds'),
  PUBLIC_BASE_URL: url('https://ivr.example.com'),
  TWILIO_ACCOUNT_SID: optional.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, { error: 'must be "AC" and 32 hex digits (Twilio console → Account Info)' }).optional()),
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_API_BASE_URL: url('http://127.0.0.1:4010'),
  TWILIO_SIGNATURE_CHECK: optional.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
  DATABASE_URL: DatabaseUrl,
  REDIS_URL: optional.pipe(z.url({ error: 'must be a URL, e.g. redis://127.0.0.1:6379', protocol: /^rediss?$/ }).optional()),
  REDIS_KEY_PREFIX: optional.pipe(z.string().regex(/^[\w:.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or _ : . - (e.g. ivr:)' }).optional()),
  ADMIN_TOKEN: optional.pipe(z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  METRICS_TOKEN: optional.pipe(z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  FLOWS_DIR: optional,
  LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' }).default('info')),
  ACCOUNTS_FILE: optional,
  FACE_VERIFY_URL: url('https://kefu.example.com/face-verify'),
  RESET_LINK_URL: url('https://kefu.example.com/reset'),
  ONLINE_SERVICE_URL: url('https://kefu.example.com/chat'),
  MERCHANT_INFO_URL: url('https://kefu.example.com/merchant'),
  SMS_FLUSH_INTERVAL_MS: int(0, 600_000, 'milliseconds (0 switches the sender off)'),
  CALLBACK_FLUSH_INTERVAL_MS: int(0, 600_000, 'milliseconds (0 switches the dialler off)'),
  QUEUE_SWEEP_INTERVAL_MS: int(0, 600_000, 'milliseconds (0 switches the queue sweep off)'),
  TTS_VOICE_ZH_CN: voiceVar('zh-CN'),
  TTS_VOICE_EN_US: voiceVar('en-US'),
  SPEECH_MODEL: optional.pipe(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'must be a Twilio speechModel name, e.g. googlev2_telephony, phone_call or default' }).optional()),
  SPEECH_MIN_CONFIDENCE: optional.pipe(
    z
      .string()
      .regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/, { error: 'must be a number from 0 to 1, e.g. 0.5 (0: never confirm)' })
      .transform(Number)
      .optional(),
  ),
  HOLD_MUSIC_URL: url('https://example.com/hold.mp3'),
  EFFECT_TIMEOUT_MS: int(100, 10_000, 'milliseconds'),
  TURN_DEADLINE_MS: int(500, 14_000, 'milliseconds'),
  SESSION_TTL_MINUTES: int(5, 7 * 24 * 60, 'minutes'),
  SHUTDOWN_TIMEOUT_MS: int(1000, 120_000, 'milliseconds'),
  SMS_ALLOWED_COUNTRIES: Countries,
  SMS_CAPS: Caps,
  SMS_GLOBAL_PER_HOUR: int(0, 1_000_000, 'SMS per hour (0: no ceiling)'),
  OTP_SECRET: optional.pipe(z.string().min(32, { error: 'must be at least 32 characters (openssl rand -hex 32)' }).optional()),
  TWILIO_TIMEOUT_MS: int(1000, 60_000, 'milliseconds'),
  RELEASE_POLL_INTERVAL_MS: int(0, 600_000, 'milliseconds (0: only at start and on SIGHUP)'),
  TEST_CALLERS: TestCallers,
  STUDIO_USERS: optional.transform((raw, ctx): StudioUser[] | undefined => {
    if (raw === undefined) return undefined;
    const users = parseStudioUsers(raw);
    if (typeof users === 'string') {
      ctx.addIssue({ code: 'custom', message: users });
      return z.NEVER;
    }
    return users;
  }),
  AUTO_PUBLISH: optional.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  RELEASES_CACHE_DIR: optional,
  ADMIN_TOKEN_NAME: optional.pipe(z.string().regex(/^[\w.@-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or _ . @ - (e.g. ops-team)' }).optional()),
  QA_SAMPLE_PERCENT: optional.pipe(
    z
      .string()
      .regex(/^\d{1,3}(?:\.\d{1,2})?$/, { error: 'must be a percentage from 0 to 100 with at most two decimals, e.g. 3 or 2.5' })
      .transform(Number)
      .pipe(z.number().max(100, { error: 'must be at most 100 (every recorded call)' }))
      .optional(),
  ),
});

const REQUIRED_IN_PRODUCTION = ['PUBLIC_BASE_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'ADMIN_TOKEN', 'OTP_SECRET'] as const;

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  /**
   * The interface the server listens on: loopback unless HOST says otherwise or in production
   * (all interfaces, behind the load balancer). Development tokens never leave loopback.
   */
  host: string;
  /**
   * How long an idle keep-alive connection stays open (default 65 s). It must be above the load
   * balancer's idle timeout (AWS ALB: 60 s by default): otherwise the server may close a connection
   * just as the balancer reuses it, and Twilio's request fails with a 502.
   */
  keepAliveTimeoutMs: number;
  /**
   * On SIGTERM, /readyz answers 503 at once and the server keeps serving this long before it
   * closes its listener, so the load balancer stops sending turns first.
   */
  shutdownDrainMs: number;
  /** The origin (and path prefix) Twilio calls: signatures are checked against it, action URLs built on it. */
  publicBaseUrl: string;
  /** `timeoutMs`: the REST client's own request timeout, longer than `effectTimeoutMs` (checked). */
  twilio: { accountSid: string; authToken: string; apiBaseUrl?: string; checkSignatures: boolean; timeoutMs: number };
  /**
   * OTP_SECRET: the key one-time codes are hashed with (HMAC-SHA-256). Without it (development
   * only) the server makes one: random per process for memory:, else kept in a 0600 file.
   */
  otpSecret?: string;
  /**
   * How SMS leave: through Twilio's Messages API, or only logged (masked number, no text) while
   * no Twilio account is configured in development.
   */
  smsDelivery: 'twilio' | 'log';
  /** How often the SMS outbox is flushed (0: never by itself; tests call flush()). */
  smsFlushIntervalMs: number;
  /** How often due call backs are placed and progress SMS sent (0: never by itself; tests call flush()). */
  callbackFlushIntervalMs: number;
  /**
   * How often waiting callers are checked against their queue's limits through Twilio's REST API
   * and taken out on time (0: only when the hold music ends and Twilio asks the wait URL again).
   */
  queueSweepIntervalMs: number;
  database: Database;
  /** Redis holds the calls in progress (sessions) when set, so any server can take any turn. */
  redisUrl?: string;
  /** Put in front of every Redis key, so several deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  adminToken: string;
  /**
   * Who may sign in to the studio (/studio) and as what (STUDIO_USERS). Development without it:
   * one designer, "dev", with the development token printed at start; production without it: nobody.
   */
  studioUsers: StudioUser[];
  /** Who the admin token stands for in the release audit (ADMIN_TOKEN_NAME, default "admin"). */
  adminTokenName: string;
  /** Bearer token of GET /metrics (Prometheus): METRICS_TOKEN, or the admin token without it. */
  metricsToken: string;
  flowsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  accountsFile: string;
  /**
   * Links filled into `{link}` of an SMS, by the SMS kind of the flow's `sms` node. A link may
   * hold `{accountId}`, filled with the verified account (e.g. FACE_VERIFY_URL=https://…/face?u={accountId}).
   */
  links: Readonly<Record<string, string>>;
  voices: Voices;
  /** A spoken answer the recogniser is less sure of than this is confirmed ("did you mean…?"), not acted on. */
  minSpeechConfidence: number;
  holdMusicUrl: string;
  /** How long one effect (a lookup, an SMS) may take before the flow hears it failed. */
  effectTimeoutMs: number;
  /** How long a whole webhook turn may take before the caller hears an apology (Twilio gives up at 15 s). */
  turnDeadlineMs: number;
  /** An abandoned call's state is dropped after this long without a webhook. */
  sessionTtlMs: number;
  /** On SIGTERM, how long turns in flight and the last SMS flush may take before the server exits 1. */
  shutdownTimeoutMs: number;
  /**
   * The SMS guard (fraud and abuse): which countries may be texted (default: the hotlines'
   * `sms.countries`), each number's caps per kind of SMS, and the deployment's hourly ceiling.
   */
  smsGuard: { allowedCountries?: string[]; caps: Readonly<Record<CapGroup, readonly CapWindow[]>>; globalPerHour: number };
  /**
   * The share of recorded agent calls marked for quality review (QA_SAMPLE_PERCENT, default 3),
   * decided from the call SID when the agent leg's recording arrives.
   */
  qaSamplePercent: number;
  /**
   * Releases of the flows directory (src/releases): how often every server checks the database
   * for another active release; the callers who reach the working draft instead; whether a saved
   * file is published at once (development only); where releases are written out to be loaded.
   */
  releases: { pollIntervalMs: number; testCallers: string[]; autoPublish: boolean; cacheDir: string };
  /** Things start-up must shout about: development secrets, switched-off checks. */
  warnings: string[];
};

/** Beside the SQLite file (data/releases); for PostgreSQL data/releases; for memory a folder of this process. */
function releasesCacheDir(database: Database): string {
  if (database.kind === 'sqlite' && database.file !== ':memory:') return join(dirname(database.file), 'releases');
  if (database.kind === 'memory') return join(tmpdir(), `ivr-releases-${process.pid}`);
  return join('data', 'releases');
}

/** Addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export const DEFAULT_HOLD_MUSIC = 'http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3';

/**
 * Reads the configuration from an environment (default: this process's). Throws a ConfigError
 * whose message is one line naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const given = env[variable];
    const secret = /TOKEN|SECRET|URL/.test(variable);
    const shown = given === undefined || secret || issue.message.includes(`"${given}"`) ? '' : ` (got "${given}")`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const warnings: string[] = [];
  if (production) {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (e[name] === undefined) throw new ConfigError(name, 'is required when NODE_ENV=production (see .env.example)');
    }
    if (e.TWILIO_AUTH_TOKEN === DEV_TWILIO_AUTH_TOKEN) throw new ConfigError('TWILIO_AUTH_TOKEN', 'is the public development token; set the real one');
    if (e.ADMIN_TOKEN === DEV_ADMIN_TOKEN) throw new ConfigError('ADMIN_TOKEN', 'is the public development token; set a secret one (openssl rand -hex 32)');
    if (e.TWILIO_SIGNATURE_CHECK === 'off') throw new ConfigError('TWILIO_SIGNATURE_CHECK', 'cannot be off when NODE_ENV=production');
    if (e.STUDIO_USERS?.some((u) => u.token === DEV_STUDIO_TOKEN || u.token === DEV_ADMIN_TOKEN)) {
      throw new ConfigError('STUDIO_USERS', 'holds a public development token; give every user a secret one (openssl rand -hex 16)');
    }
    if (e.AUTO_PUBLISH === 'on') throw new ConfigError('AUTO_PUBLISH', 'cannot be on when NODE_ENV=production: publish with `ivr publish -m "…"` or POST /api/releases');
  }
  const port = e.PORT ?? 3000;
  const effectTimeoutMs = e.EFFECT_TIMEOUT_MS ?? 3000;
  const twilioTimeoutMs = e.TWILIO_TIMEOUT_MS ?? 15_000;
  // The flow must hear "failed" only once the SMS request is given up: the effect's abort cancels
  // it, and the client's own timeout must never fire first (it would be reported as a failure
  // of its own, after the flow moved on).
  if (effectTimeoutMs >= twilioTimeoutMs) {
    throw new ConfigError('EFFECT_TIMEOUT_MS', `must be shorter than TWILIO_TIMEOUT_MS (${effectTimeoutMs} ms is not below ${twilioTimeoutMs} ms)`);
  }
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  if (!production && !isLoopback(host)) {
    // Off loopback, the public development tokens would let anyone on the network read call
    // records and forge webhooks.
    const missing = [!e.TWILIO_AUTH_TOKEN && 'TWILIO_AUTH_TOKEN', !e.ADMIN_TOKEN && 'ADMIN_TOKEN'].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError('HOST', `${host} reaches beyond this machine, where the public development tokens are refused: set ${missing.join(' and ')} (openssl rand -hex 32), or leave HOST unset to listen on 127.0.0.1 only`);
    }
  }
  if (!e.TWILIO_AUTH_TOKEN) warnings.push(`TWILIO_AUTH_TOKEN is not set: webhooks must be signed with the development token "${DEV_TWILIO_AUTH_TOKEN}"`);
  if (!e.ADMIN_TOKEN) warnings.push(`ADMIN_TOKEN is not set: the admin API accepts the development token "${DEV_ADMIN_TOKEN}"`);
  if (!e.STUDIO_USERS && !production) warnings.push(`STUDIO_USERS is not set: sign in to the studio (/studio) as designer "dev" with the development token "${DEV_STUDIO_TOKEN}"`);
  const smsDelivery = e.TWILIO_ACCOUNT_SID || e.TWILIO_API_BASE_URL ? 'twilio' : 'log';
  if (smsDelivery === 'log') warnings.push('TWILIO_ACCOUNT_SID is not set: SMS are not sent, only logged (masked number, no text)');
  if (e.TWILIO_SIGNATURE_CHECK === 'off') {
    warnings.push('TWILIO_SIGNATURE_CHECK=off: ANYONE CAN DRIVE CALLS ON THIS SERVER. Local development only; refused in production.');
  }
  const faceVerify = e.FACE_VERIFY_URL ?? 'https://kefu.example.com/face-verify';
  const voiceNames: Record<Language, string> = {
    'zh-CN': e.TTS_VOICE_ZH_CN ?? LANGUAGE_TAGS['zh-CN'].defaultVoice,
    'en-US': e.TTS_VOICE_EN_US ?? LANGUAGE_TAGS['en-US'].defaultVoice,
  };
  return {
    env: e.NODE_ENV,
    port,
    host,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS ?? 65_000,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS ?? 0,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID ?? DEV_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN ?? DEV_TWILIO_AUTH_TOKEN,
      ...(e.TWILIO_API_BASE_URL ? { apiBaseUrl: e.TWILIO_API_BASE_URL } : {}),
      checkSignatures: e.TWILIO_SIGNATURE_CHECK === 'on',
      timeoutMs: twilioTimeoutMs,
    },
    ...(e.OTP_SECRET ? { otpSecret: e.OTP_SECRET } : {}),
    smsDelivery,
    smsFlushIntervalMs: e.SMS_FLUSH_INTERVAL_MS ?? 5000,
    callbackFlushIntervalMs: e.CALLBACK_FLUSH_INTERVAL_MS ?? 15_000,
    queueSweepIntervalMs: e.QUEUE_SWEEP_INTERVAL_MS ?? 10_000,
    database: e.DATABASE_URL,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'ivr:',
    adminToken: e.ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    adminTokenName: e.ADMIN_TOKEN_NAME ?? 'admin',
    studioUsers: e.STUDIO_USERS ?? (production ? [] : [{ name: 'dev', role: 'designer', token: DEV_STUDIO_TOKEN }]),
    metricsToken: e.METRICS_TOKEN ?? e.ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    flowsDir: e.FLOWS_DIR ?? 'flows',
    logLevel: e.LOG_LEVEL,
    accountsFile: e.ACCOUNTS_FILE ?? 'data/accounts.demo.yaml',
    links: {
      face_verify: faceVerify,
      reset_link: e.RESET_LINK_URL ?? 'https://kefu.example.com/reset',
      online_service: e.ONLINE_SERVICE_URL ?? 'https://kefu.example.com/chat',
      info: e.MERCHANT_INFO_URL ?? 'https://kefu.example.com/merchant',
    },
    voices: voicesFor(voiceNames, e.SPEECH_MODEL ?? DEFAULT_SPEECH_MODEL),
    minSpeechConfidence: e.SPEECH_MIN_CONFIDENCE ?? DEFAULT_MIN_CONFIDENCE,
    holdMusicUrl: e.HOLD_MUSIC_URL ?? DEFAULT_HOLD_MUSIC,
    effectTimeoutMs,
    turnDeadlineMs: e.TURN_DEADLINE_MS ?? 10_000,
    sessionTtlMs: (e.SESSION_TTL_MINUTES ?? 240) * 60_000,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    smsGuard: {
      ...(e.SMS_ALLOWED_COUNTRIES ? { allowedCountries: e.SMS_ALLOWED_COUNTRIES } : {}),
      caps: { ...DEFAULT_CAPS, ...e.SMS_CAPS },
      globalPerHour: e.SMS_GLOBAL_PER_HOUR ?? DEFAULT_GLOBAL_PER_HOUR,
    },
    qaSamplePercent: e.QA_SAMPLE_PERCENT ?? 3,
    releases: {
      pollIntervalMs: e.RELEASE_POLL_INTERVAL_MS ?? 5000,
      testCallers: e.TEST_CALLERS,
      autoPublish: (e.AUTO_PUBLISH ?? (e.NODE_ENV === 'development' ? 'on' : 'off')) === 'on',
      cacheDir: e.RELEASES_CACHE_DIR ?? releasesCacheDir(e.DATABASE_URL),
    },
    warnings,
  };
}
