import { ConfigError, DEV_ADMIN_TOKEN, DEV_TWILIO_AUTH_TOKEN, loadConfig } from '../../src/config/config';

const production = {
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://ivr.example.com',
  TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'a-real-looking-auth-token',
  ADMIN_TOKEN: 'a-long-enough-admin-token',
  OTP_SECRET: 'a-production-otp-secret-of-32-characters',
};

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('the server configuration', () => {
  it('starts in development with no settings at all, warning about the development secrets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      database: { kind: 'sqlite', file: 'data/ivr.db' },
      flowsDir: 'flows',
      accountsFile: 'data/accounts.demo.yaml',
      twilio: { authToken: DEV_TWILIO_AUTH_TOKEN, checkSignatures: true },
      adminToken: DEV_ADMIN_TOKEN,
      voices: {
        'zh-CN': { voice: 'Polly.Zhiyu', sayLanguage: 'cmn-CN', gatherLanguage: 'cmn-Hans-CN' },
        'en-US': { voice: 'Polly.Joanna', sayLanguage: 'en-US', gatherLanguage: 'en-US' },
      },
    });
    expect(config.warnings).toEqual([
      expect.stringContaining('TWILIO_AUTH_TOKEN is not set'),
      expect.stringContaining('ADMIN_TOKEN is not set'),
      expect.stringContaining('STUDIO_USERS is not set: sign in to the studio (/studio) as designer "dev"'),
      'TWILIO_ACCOUNT_SID is not set: SMS are not sent, only logged (masked number, no text)',
    ]);
    expect(config).toMatchObject({ smsDelivery: 'log', smsFlushIntervalMs: 5000 });
  });

  it('sends SMS through Twilio once an account (or a stand-in API) is configured, and takes the links from the environment', () => {
    expect(loadConfig(production)).toMatchObject({ smsDelivery: 'twilio' });
    const config = loadConfig({
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
      SMS_FLUSH_INTERVAL_MS: '0',
      FACE_VERIFY_URL: 'https://id.example.com/face?u={accountId}',
      RESET_LINK_URL: 'https://id.example.com/reset',
    });
    expect(config).toMatchObject({ smsDelivery: 'twilio', smsFlushIntervalMs: 0, twilio: { apiBaseUrl: 'http://127.0.0.1:4010' } });
    expect(config.links).toMatchObject({ face_verify: 'https://id.example.com/face?u={accountId}', reset_link: 'https://id.example.com/reset' });
  });

  it('starts in production with the five required settings and no warnings', () => {
    const config = loadConfig(production);
    expect(config.publicBaseUrl).toBe('https://ivr.example.com');
    expect(config.warnings).toEqual([]);
  });

  it.each(['PUBLIC_BASE_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'ADMIN_TOKEN', 'OTP_SECRET'])('refuses to start in production without %s, in one line naming it', (name) => {
    const env: Record<string, string> = { ...production };
    delete env[name];
    const err = failure(env);
    expect(err.variable).toBe(name);
    expect(err.message).toBe(`${name}: is required when NODE_ENV=production (see .env.example)`);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a TCP port, a whole number from 1 to 65535 (got "abc")'],
    [{ PUBLIC_BASE_URL: 'ivr.example.com' }, 'PUBLIC_BASE_URL: must be an absolute http(s) URL, e.g. https://ivr.example.com'],
    [{ TTS_VOICE_ZH_CN: 'Polly.Joanna' }, 'TTS_VOICE_ZH_CN: "Polly.Joanna" is not a zh-CN voice; use one of Polly.Zhiyu, Polly.Zhiyu-Neural or a Google.cmn-CN-* voice'],
    [{ DATABASE_URL: 'mysql://ivr:secret@db/ivr' }, 'DATABASE_URL: "mysql://***@db/ivr" is not supported; use sqlite:<file> (e.g. sqlite:data/ivr.db), postgres://user:password@host/db or memory:'],
    [{ DATABASE_URL: 'postgres://ivr:secret@db/ivr?schema=Bad-Name' }, 'DATABASE_URL: schema "Bad-Name" must be lower-case letters, digits and _ (e.g. ?schema=ivr)'],
    [{ REDIS_KEY_PREFIX: 'ivr prod' }, 'REDIS_KEY_PREFIX: must be 1 to 64 letters, digits or _ : . - (e.g. ivr:) (got "ivr prod")'],
    [{ EFFECT_TIMEOUT_MS: '20000' }, 'EFFECT_TIMEOUT_MS: must be at most 10000 (got "20000")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be fatal, error, warn, info, debug, trace or silent (got "loud")'],
    [{ SMS_FLUSH_INTERVAL_MS: '-5' }, 'SMS_FLUSH_INTERVAL_MS: must be milliseconds (0 switches the sender off), a whole number from 0 to 600000 (got "-5")'],
  ])('refuses %j with one clear line', (env, message) => {
    const err = failure(env as Record<string, string>);
    expect(err.message).toBe(message);
    expect(err.message).not.toContain('\n');
  });

  it('never lets production switch the signature check off or use the development tokens', () => {
    expect(failure({ ...production, TWILIO_SIGNATURE_CHECK: 'off' }).message).toBe('TWILIO_SIGNATURE_CHECK: cannot be off when NODE_ENV=production');
    expect(failure({ ...production, TWILIO_AUTH_TOKEN: DEV_TWILIO_AUTH_TOKEN }).variable).toBe('TWILIO_AUTH_TOKEN');
    expect(failure({ ...production, ADMIN_TOKEN: DEV_ADMIN_TOKEN }).variable).toBe('ADMIN_TOKEN');
  });

  it('reads a PostgreSQL DATABASE_URL, taking ?schema= out of the URL the driver gets', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://ivr:secret@db:5432/ivr?schema=ivr_blue&sslmode=require' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://ivr:secret@db:5432/ivr?sslmode=require',
      schema: 'ivr_blue',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/ivr' }).database).toEqual({ kind: 'postgres', url: 'postgresql://db/ivr' });
  });

  it('prefixes Redis keys with ivr: and gives a shutdown 10 s unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ redisKeyPrefix: 'ivr:', shutdownTimeoutMs: 10_000 });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'ivr-blue:', SHUTDOWN_TIMEOUT_MS: '3000' })).toMatchObject({
      redisUrl: 'redis://cache:6379',
      redisKeyPrefix: 'ivr-blue:',
      shutdownTimeoutMs: 3000,
    });
  });

  it('listens on loopback unless told otherwise, on every interface in production, and keeps idle connections past a load balancer’s 60 s', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', keepAliveTimeoutMs: 65_000, shutdownDrainMs: 0 });
    expect(loadConfig(production)).toMatchObject({ host: '0.0.0.0' });
    expect(loadConfig({ ...production, HOST: '10.0.0.5' })).toMatchObject({ host: '10.0.0.5' });
    expect(loadConfig({ HOST: '::1' })).toMatchObject({ host: '::1' });
    expect(loadConfig({ HOST: '0.0.0.0', TWILIO_AUTH_TOKEN: 'a-real-looking-auth-token', ADMIN_TOKEN: 'a-long-enough-admin-token' })).toMatchObject({ host: '0.0.0.0' });
  });

  it('refuses to leave loopback in development while a public development token would be used', () => {
    expect(failure({ HOST: '0.0.0.0' }).message).toBe(
      'HOST: 0.0.0.0 reaches beyond this machine, where the public development tokens are refused: set TWILIO_AUTH_TOKEN and ADMIN_TOKEN (openssl rand -hex 32), or leave HOST unset to listen on 127.0.0.1 only',
    );
    expect(failure({ HOST: '::', TWILIO_AUTH_TOKEN: 'a-real-looking-auth-token' }).message).toContain('set ADMIN_TOKEN (openssl');
  });

  it('keeps a TLS proxy’s public URL without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://ivr.example.com/' }).publicBaseUrl).toBe('https://ivr.example.com');
  });

  it('refuses a short OTP_SECRET in one line, without echoing it', () => {
    const err = failure({ ...production, OTP_SECRET: 'too-short-secret' });
    expect(err.message).toBe('OTP_SECRET: must be at least 32 characters (openssl rand -hex 32)');
  });

  it('refuses an effect timeout that is not shorter than the Twilio client\'s, so an SMS is never still in flight after the flow heard "failed"', () => {
    expect(failure({ EFFECT_TIMEOUT_MS: '5000', TWILIO_TIMEOUT_MS: '5000' }).message).toBe('EFFECT_TIMEOUT_MS: must be shorter than TWILIO_TIMEOUT_MS (5000 ms is not below 5000 ms)');
    expect(loadConfig({}).effectTimeoutMs).toBeLessThan(loadConfig({}).twilio.timeoutMs);
  });
});
