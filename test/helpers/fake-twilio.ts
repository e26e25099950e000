import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { parseTwiml, type TwimlVerb } from '../../src/telephony/twilio/parse-twiml';

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

/** A caller waiting in a fake Twilio queue. */
export type FakeQueueMember = { callSid: string; dateEnqueued: Date };
/** What Twilio posts to a queue's wait URL about one caller (all as strings, like a form). */
export type FakeQueueStanding = { QueueSid: string; QueuePosition: string; QueueTime: string; AvgQueueTime: string; CurrentQueueSize: string; MaxQueueSize: string };

/**
 * Twilio's call queues, as the Queues and Members REST resources show them and as <Enqueue>,
 * <Leave> and <Dial><Queue> change them. The test harness plays the call's part: it tells the fake
 * what the TwiML said (`follow`), since no real call runs here.
 */
export type FakeQueues = {
  /**
   * <Enqueue>name</Enqueue> for `callSid`: the queue is made on demand (max size 1000, Twilio's
   * default); a full queue refuses (Twilio then requests the action with QueueResult=queue-full).
   */
  enqueue(name: string, callSid: string): { result: 'enqueued'; position: number } | { result: 'queue-full' };
  /** The caller is out of whatever queue they were in (<Leave/>, a hang-up, the REST API). */
  remove(callSid: string): void;
  /** <Dial><Queue>name</Queue></Dial>: the front (oldest) member taken out, or undefined if none waits. */
  dequeue(name: string): { callSid: string; waitedSec: number } | undefined;
  /** What Twilio posts to the wait URL for this caller now, or undefined when they wait nowhere. */
  standing(callSid: string): FakeQueueStanding | undefined;
  /** The CallSids waiting in `name`, front first. */
  members(name: string): string[];
  /** Twilio's queue update: `MaxSize`. */
  setMaxSize(name: string, maxSize: number): void;
  /**
   * Acts on a TwiML answer as Twilio would for `callSid`: <Enqueue> puts the caller in its queue,
   * <Leave> takes them out, <Dial><Queue> (an agent's answer) takes that queue's front member out.
   * Returns what happened.
   */
  follow(callSid: string, verbs: TwimlVerb[]): { enqueued?: { queue: string; position: number } | 'queue-full'; left?: boolean; bridged?: { queue: string; callSid: string; waitedSec: number } };
};

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
  /** Call queues (Queues.json, Members.json) and what <Enqueue>, <Leave>, <Dial><Queue> do to them. */
  queues: FakeQueues;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;
const QUEUES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Queues\.json$/;
const MEMBERS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Queues\/(QU[0-9a-f]{32})\/Members\.json$/;
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
export async function startFakeTwilio(opts: { accountSid?: string; authToken?: string; now?: () => number } = {}): Promise<FakeTwilio> {
  const accountSid = opts.accountSid ?? `AC${'0'.repeat(31)}1`;
  const authToken = opts.authToken ?? 'fake-auth-token';
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilio['requests'] = [];
  const failures: FakeTwilioFailure[] = [];
  const recordings = new Set<string>();
  const recordingFailures: FakeTwilioFailure[] = [];
  let held: (() => void)[] | undefined;
  let abandoned = 0;
  // Queues: wait times read the test's clock (a SimulatedClock's), so nobody sleeps.
  const now = opts.now ?? (() => Date.now());
  type FakeQueue = { sid: string; name: string; maxSize: number; created: Date; members: FakeQueueMember[] };
  const queueList: FakeQueue[] = [];
  const queueNamed = (name: string) => {
    let q = queueList.find((x) => x.name === name);
    if (!q) queueList.push((q = { sid: `QU${randomBytes(16).toString('hex')}`, name, maxSize: 1000, created: new Date(now()), members: [] }));
    return q;
  };
  const waitedSec = (m: FakeQueueMember) => Math.max(0, Math.floor((now() - m.dateEnqueued.getTime()) / 1000));
  const averageWait = (q: FakeQueue) => (q.members.length ? Math.round(q.members.reduce((sum, m) => sum + waitedSec(m), 0) / q.members.length) : 0);
  const queueResource = (q: FakeQueue) => ({
    sid: q.sid,
    account_sid: accountSid,
    friendly_name: q.name,
    current_size: q.members.length,
    max_size: q.maxSize,
    average_wait_time: averageWait(q),
    date_created: q.created.toUTCString(),
    date_updated: q.created.toUTCString(),
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${q.sid}.json`,
  });
  const memberResource = (q: FakeQueue, m: FakeQueueMember, i: number) => ({
    call_sid: m.callSid,
    queue_sid: q.sid,
    position: i + 1,
    wait_time: waitedSec(m),
    date_enqueued: m.dateEnqueued.toUTCString(),
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${q.sid}/Members/${m.callSid}.json`,
  });
  /** One page of a list resource in Twilio's shape (PageSize, Page, next_page_uri). */
  const pageOf = (url: URL, key: string, items: unknown[]) => {
    const q = url.searchParams;
    const pageSize = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50)));
    const page = Math.max(0, Number(q.get('Page') ?? 0));
    const uriFor = (p: number) => `${url.pathname}?${new URLSearchParams({ PageSize: String(pageSize), Page: String(p) }).toString()}`;
    const slice = items.slice(page * pageSize, (page + 1) * pageSize);
    return {
      [key]: slice,
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(0, slice.length - 1),
      uri: uriFor(page),
      first_page_uri: uriFor(0),
      previous_page_uri: page > 0 ? uriFor(page - 1) : null,
      next_page_uri: (page + 1) * pageSize < items.length ? uriFor(page + 1) : null,
    };
  };

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
      const queuesList = QUEUES_PATH.exec(url.pathname);
      const membersList = MEMBERS_PATH.exec(url.pathname);
      if (req.method === 'GET' && (queuesList || membersList)) {
        if (!authorized(req, (queuesList ?? membersList)![1])) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
        if (queuesList) return answer(req, res, 200, pageOf(url, 'queues', queueList.map(queueResource)));
        const q = queueList.find((x) => x.sid === membersList![2]);
        if (!q) return answer(req, res, 404, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
        return answer(req, res, 200, pageOf(url, 'queue_members', q.members.map((m, i) => memberResource(q, m, i))));
      }
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
    queues: (() => {
      const remove = (callSid: string) => {
        for (const q of queueList) q.members = q.members.filter((m) => m.callSid !== callSid);
      };
      const queues: FakeQueues = {
        enqueue(name, callSid) {
          remove(callSid);
          const q = queueNamed(name);
          if (q.members.length >= q.maxSize) return { result: 'queue-full' };
          q.members.push({ callSid, dateEnqueued: new Date(now()) });
          return { result: 'enqueued', position: q.members.length };
        },
        remove,
        dequeue(name) {
          const front = queueList.find((x) => x.name === name)?.members.shift();
          return front && { callSid: front.callSid, waitedSec: waitedSec(front) };
        },
        standing(callSid) {
          for (const q of queueList) {
            const i = q.members.findIndex((m) => m.callSid === callSid);
            if (i < 0) continue;
            return {
              QueueSid: q.sid,
              QueuePosition: String(i + 1),
              QueueTime: String(waitedSec(q.members[i])),
              AvgQueueTime: String(averageWait(q)),
              CurrentQueueSize: String(q.members.length),
              MaxQueueSize: String(q.maxSize),
            };
          }
          return undefined;
        },
        members: (name) => queueList.find((x) => x.name === name)?.members.map((m) => m.callSid) ?? [],
        setMaxSize(name, maxSize) {
          queueNamed(name).maxSize = maxSize;
        },
        follow(callSid, verbs) {
          const out: ReturnType<FakeQueues['follow']> = {};
          for (const v of verbs) {
            if (v.verb === 'Enqueue') {
              const got = queues.enqueue(v.text, callSid);
              out.enqueued = got.result === 'queue-full' ? 'queue-full' : { queue: v.text, position: got.position };
            } else if (v.verb === 'Leave') {
              remove(callSid);
              out.left = true;
            } else if (v.verb === 'Dial') {
              const queue = v.children.find((c) => c.verb === 'Queue');
              const front = queue && queues.dequeue(queue.text);
              if (queue && front) out.bridged = { queue: queue.text, ...front };
            }
          }
          return out;
        },
      };
      return queues;
    })(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
