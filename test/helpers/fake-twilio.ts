import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { parseTwiml } from '../../src/telephony/twilio/parse-twiml';

export type FakeTwilioMessage = {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
  /** 'outbound-reply' for a <Message> answered to an incoming SMS; absent for the REST API's (outbound-api). */
  direction?: 'outbound-reply';
  /** When Twilio took it (and, in this fake, sent it: the Messages list's DateSent). */
  dateCreated: Date;
};
/** An SMS a caller sends to one of our numbers, delivered by `receiveSms`. */
export type IncomingSms = {
  /** Where the app listens (the request goes there, over HTTP). */
  deliverTo: string;
  /** The Messaging webhook URL configured on the number: what Twilio signs. */
  signedUrl: string;
  from: string;
  to: string;
  body: string;
  /** An SMS's id again, as when Twilio delivers a webhook once more; a new one by default. */
  messageSid?: string;
};
/** How a failed request is answered: a bare 500, or a Twilio error document with its status and code. */
export type FakeTwilioFailure = { status: 500 } | { status: number; code: number; message: string };

export type FakeTwilio = {
  /** Give this to TWILIO_API_BASE_URL / `createTwilioClient({ apiBaseUrl })`. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted, in order. */
  messages: FakeTwilioMessage[];
  /** Every request seen, accepted or not. */
  requests: { method: string; path: string; status: number }[];
  /**
   * Requests whose client closed the connection before the answer (a cancelled request). Like
   * Twilio, the fake still acts on a request it received whole: cancelling stops the waiting only.
   */
  abandoned(): number;
  /** Answers the next `n` message requests with `failure` (default a bare 500) instead of accepting them. */
  failNext(n: number, failure?: FakeTwilioFailure): void;
  /**
   * A slow Twilio: message requests wait unanswered until `release()` (then all are answered and
   * later ones go straight through). `waiting()` counts those held, so a test can tell a request
   * is in flight without sleeping.
   */
  hold(): { waiting(): number; release(): void };
  /** Recordings Twilio holds, by SID: `addRecording` makes one, a DELETE removes it. */
  recordings: Set<string>;
  /** A recording made on a call, as Twilio's RecordingUrl names it (without an extension). */
  addRecording(): { sid: string; url: string };
  /** Answers the next `n` recording DELETEs with `failure` instead of deleting. */
  failNextRecordingDeletes(n: number, failure?: FakeTwilioFailure): void;
  /**
   * A caller texts one of our numbers: like Twilio, posts the signed Messaging webhook over HTTP
   * and texts back every <Message> of the answer (each recorded in `messages`, from our number to
   * the caller). Answers the webhook's status, the MessageSid used and the texts sent back.
   */
  receiveSms(sms: IncomingSms): Promise<{ status: number; messageSid: string; replies: string[] }>;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;
const RECORDING_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})\.json$/;

/**
 * A local stand-in for api.twilio.com's Messages API, on a free port: it checks Basic auth,
 * records `POST /2010-04-01/Accounts/:sid/Messages.json` and answers 201 like Twilio, or fails on
 * request; `GET` on the same path lists them, newest first, filtered by `To`, `From` and
 * `DateSent>=` (`DateSent>` in the query string, as the twilio library writes it) in Twilio's
 * paging shape (`PageSize`, `Page`, `next_page_uri`). Like Twilio it accepts the same message
 * twice and never de-duplicates. It also holds recordings and answers
 * their `DELETE …/Recordings/RE….json` with 204, or 404 when it has none. Only what the engine uses.
 */
export async function startFakeTwilio(opts: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilio> {
  const accountSid = opts.accountSid ?? `AC${'0'.repeat(31)}1`;
  const authToken = opts.authToken ?? 'fake-auth-token';
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilio['requests'] = [];
  const failures: FakeTwilioFailure[] = [];
  const recordings = new Set<string>();
  const recordingFailures: FakeTwilioFailure[] = [];
  let held: (() => void)[] | undefined;
  let abandoned = 0;

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body?: unknown) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const twilioError = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  const authorized = (req: IncomingMessage, account: string) =>
    req.headers.authorization === `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` && account === accountSid;
  // Like Twilio: 204 and gone, or 404 (code 20404) for a recording it does not hold, deleted or never made.
  const deleteRecording = (req: IncomingMessage, res: ServerResponse, account: string, sid: string) => {
    if (!authorized(req, account)) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
    const failure = recordingFailures.shift();
    if (failure) return 'code' in failure ? answer(req, res, failure.status, twilioError(failure.status, failure.code, failure.message)) : answer(req, res, 500);
    if (!recordings.delete(sid)) return answer(req, res, 404, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
    requests.push({ method: req.method ?? '', path: req.url ?? '', status: 204 });
    res.writeHead(204);
    res.end();
  };

  const server = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableEnded) abandoned++;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => (held ? held.push(handle) : handle()));
    const handle = () => {
      const recording = RECORDING_PATH.exec(req.url ?? '');
      if (recording && req.method === 'DELETE') return deleteRecording(req, res, recording[1], recording[2]);
      const url = new URL(req.url ?? '/', 'http://fake');
      const match = MESSAGES_PATH.exec(url.pathname);
      if (req.method === 'GET' && match) {
        const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
        if (req.headers.authorization !== expected || match[1] !== accountSid) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
        return answer(req, res, 200, listPage(url));
      }
      if (req.method !== 'POST' || !match) return answer(req, res, 404, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || match[1] !== accountSid) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
      const failure = failures.shift();
      if (failure) {
        if (!('code' in failure)) return answer(req, res, 500);
        return answer(req, res, failure.status, twilioError(failure.status, failure.code, failure.message));
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const from = form.get('From');
      const body = form.get('Body');
      if (!to) return answer(req, res, 400, twilioError(400, 21604, "A 'To' phone number is required."));
      if (!from || body === null) return answer(req, res, 400, twilioError(400, 21603, "A 'From' phone number and a 'Body' are required."));
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const statusCallback = form.get('StatusCallback') ?? undefined;
      const message: FakeTwilioMessage = { sid, accountSid, to, from, body, ...(statusCallback ? { statusCallback } : {}), dateCreated: new Date() };
      messages.push(message);
      answer(req, res, 201, { ...resource(message), status: 'queued', date_sent: null });
    };
    // The fake hands each message to the carrier at once: it is listed as sent, with date_sent.
    const resource = (m: FakeTwilioMessage) => ({
      sid: m.sid,
      account_sid: m.accountSid,
      to: m.to,
      from: m.from,
      body: m.body,
      status: 'sent',
      direction: m.direction ?? 'outbound-api',
      num_segments: '1',
      api_version: '2010-04-01',
      date_created: m.dateCreated.toUTCString(),
      date_updated: m.dateCreated.toUTCString(),
      date_sent: m.dateCreated.toUTCString(),
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
    });
    const listPage = (url: URL) => {
      const q = url.searchParams;
      const to = q.get('To');
      const from = q.get('From');
      const after = q.get('DateSent>');
      // Twilio compares DateSent at a resolution of a second.
      const since = after ? Math.floor(Date.parse(after) / 1000) * 1000 : undefined;
      const matching = [...messages]
        .reverse()
        .filter((m) => (!to || m.to === to) && (!from || m.from === from) && (since === undefined || m.dateCreated.getTime() >= since));
      const pageSize = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50)));
      const page = Math.max(0, Number(q.get('Page') ?? 0));
      const path = url.pathname;
      const uriFor = (p: number) => {
        const next = new URLSearchParams(q);
        next.set('PageSize', String(pageSize));
        next.set('Page', String(p));
        return `${path}?${next.toString()}`;
      };
      const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
      return {
        messages: slice.map(resource),
        page,
        page_size: pageSize,
        start: page * pageSize,
        end: page * pageSize + Math.max(0, slice.length - 1),
        uri: uriFor(page),
        first_page_uri: uriFor(0),
        previous_page_uri: page > 0 ? uriFor(page - 1) : null,
        next_page_uri: (page + 1) * pageSize < matching.length ? uriFor(page + 1) : null,
      };
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requests,
    abandoned: () => abandoned,
    failNext(n, failure = { status: 500 }) {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    hold() {
      const queue: (() => void)[] = (held = []);
      return {
        waiting: () => queue.length,
        release() {
          if (held === queue) held = undefined;
          for (const handle of queue.splice(0)) handle();
        },
      };
    },
    recordings,
    addRecording() {
      const sid = `RE${randomBytes(16).toString('hex')}`;
      recordings.add(sid);
      return { sid, url: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${sid}` };
    },
    failNextRecordingDeletes(n, failure = { status: 500 }) {
      for (let i = 0; i < n; i++) recordingFailures.push(failure);
    },
    async receiveSms(sms) {
      const messageSid = sms.messageSid ?? `SM${randomBytes(16).toString('hex')}`;
      const params = { MessageSid: messageSid, SmsSid: messageSid, AccountSid: accountSid, From: sms.from, To: sms.to, Body: sms.body, NumSegments: '1', ApiVersion: '2010-04-01' };
      const res = await fetch(sms.deliverTo, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, sms.signedUrl, params) },
        body: new URLSearchParams(params).toString(),
      });
      const text = await res.text();
      const isTwiml = res.status === 200 && (res.headers.get('content-type') ?? '').includes('xml');
      const replies = isTwiml ? parseTwiml(text).filter((v) => v.verb === 'Message').map((v) => v.text) : [];
      for (const body of replies) messages.push({ sid: `SM${randomBytes(16).toString('hex')}`, accountSid, to: sms.from, from: sms.to, body, direction: 'outbound-reply', dateCreated: new Date() });
      return { status: res.status, messageSid, replies };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
