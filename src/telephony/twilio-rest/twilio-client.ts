import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { z } from 'zod';
import { currentAbortSignal } from './abort-scope';

export const TwilioRestOptionsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID is "AC" and 32 hex digits (see console.twilio.com)'),
  authToken: z.string().min(1, 'the Twilio auth token is required (see console.twilio.com)'),
  /** TWILIO_API_BASE_URL: send every REST call here instead of https://api.twilio.com (a fake, a proxy, a test double). */
  apiBaseUrl: z.url().optional(),
  /** Per-request timeout; keep it below the SMS outbox lease. */
  timeoutMs: z.number().int().positive().default(15_000),
});
export type TwilioRestOptions = z.input<typeof TwilioRestOptionsSchema>;

/**
 * A RequestClient that sends Twilio's REST calls to another origin. Twilio's SDK has no base-URL
 * option: each API builds absolute https://<product>.twilio.com URLs, so the only seam is the HTTP
 * client, where the origin is swapped and the path (/2010-04-01/Accounts/…) kept, after any base path.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;
  constructor(baseUrl: string, opts?: RequestClient.RequestClientOptions) {
    super(opts);
    this.base = new URL(baseUrl);
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const target = new URL(this.base.href);
    target.pathname = this.base.pathname.replace(/\/$/, '') + original.pathname;
    target.search = original.search;
    return super.request({ ...opts, uri: target.href });
  }
}

/**
 * Lets `withAbortSignal` cancel a request: each request made inside it carries its signal to axios,
 * which then aborts the HTTP exchange. A request Twilio received before the abort may still be
 * acted on (an SMS sent): cancelling stops waiting, it cannot take a message back.
 */
export function cancellableRequests(client: twilio.RequestClient): twilio.RequestClient {
  client.axios.interceptors.request.use((config) => {
    const signal = currentAbortSignal();
    if (signal) config.signal = signal;
    return config;
  });
  return client;
}

/** The real Twilio client, pointed at TWILIO_API_BASE_URL when one is given. */
export function createTwilioClient(options: TwilioRestOptions): twilio.Twilio {
  const parsed = TwilioRestOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`cannot build the Twilio client: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { accountSid, authToken, apiBaseUrl, timeoutMs } = parsed.data;
  const httpClient = cancellableRequests(apiBaseUrl ? new BaseUrlRequestClient(apiBaseUrl, { timeout: timeoutMs }) : new twilio.RequestClient({ timeout: timeoutMs }));
  return twilio(accountSid, authToken, { httpClient });
}
