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
/** A call placed through `POST …/Calls.json`, as the fake keeps it. */
export type FakeTwilioCall = {
  sid: string;
  to: string;
  from: string;
  url: string;
  statusCallback?: string;
  statusCallbackEvent: string[];
  timeout?: number;
  machineDetection?: string;
  dateCreated: Date;
  /** queued until `connectCalls` plays the callee's part, then the final CallStatus. */
  status: string;
  /** With machineDetection, once answered: human or machine_end_beep. */
  answeredBy?: string;
};
/** What the person (or machine) called does when the phone rings. */
export type Callee = 'human' | 'machine' | 'busy' | 'no-answer' | 'failed';
/** One call played by `connectCalls`: the TwiML fetched from `url` when answered, and the status callbacks' answers. */
export type ConnectedCall = { call: FakeTwilioCall; callee: Callee; twiml?: string; verbs: TwimlVerb[]; answerStatus?: number; statusCallbacks: number[] };

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
/** A queue member the REST API took out, and the URL its call runs next. */
export type FakeMemberRedirect = { callSid: string; url: string; method: string };

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
   * Members dequeued through the REST API (a member update with `Url`), in order: Twilio has each
   * such call run the TwiML at `url` next; the test harness posts it, as the call would.
   */
  redirects: FakeMemberRedirect[];
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
  /** Calls placed, in order. Like Twilio, the same call asked for twice is placed twice. */
  calls: FakeTwilioCall[];
  /** Answers the next `n` call requests with `failure` instead of placing them. */
  failNextCalls(n: number, failure?: FakeTwilioFailure): void;
  /** Scripts what happens when `to` is next called, one entry per call, in order (default: a person answers). */
  callee(to: string, ...outcomes: Callee[]): void;
  /**
   * Plays the callee's part in every call placed and not yet played, like Twilio: answered (by a
   * person, or a machine with AnsweredBy=machine_end_beep) → the call's `url` is fetched (POST,
   * signed for the URL as given, sent to `deliver(url)`) and its TwiML parsed; then the status
   * callback gets the final CallStatus (completed, busy, no-answer, failed), signed, with the
   * `answered` event first when the call asked for it.
   */
  connectCalls(opts: { deliver: (url: string) => string; /** false: the status callbacks are lost on the way (the call still ends). */ statusCallbacks?: boolean }): Promise<ConnectedCall[]>;
  /** Call queues (Queues.json, Members.json) and what <Enqueue>, <Leave>, <Dial><Queue> do to them. */
  queues: FakeQueues;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;
const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\/(CA[0-9a-f]{32})\.json$/;
const CALLS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\.json$/;
const QUEUES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Queues\.json$/;
const MEMBERS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Queues\/(QU[0-9a-f]{32})\/Members\.json$/;
const MEMBER_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Queues\/(QU[0-9a-f]{32})\/Members\/(CA[0-9A-Za-z]{1,64})\.json$/;
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
  const calls: FakeTwilioCall[] = [];
  const callFailures: FakeTwilioFailure[] = [];
  const callees = new Map<string, Callee[]>();
  const played = new Set<string>();
  // Queues: wait times read the test's clock (a SimulatedClock's), so nobody sleeps.
  const now = opts.now ?? (() => Date.now());
  type FakeQueue = { sid: string; name: string; maxSize: number; created: Date; members: FakeQueueMember[] };
  const queueList: FakeQueue[] = [];
  const redirects: FakeMemberRedirect[] = [];
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
    // Like Twilio's, the page links keep the list's filters (To, From, DateSent>…).
    const uriFor = (p: number) => {
      const next = new URLSearchParams(q);
      next.set('PageSize', String(pageSize));
      next.set('Page', String(p));
      return `${url.pathname}?${next.toString()}`;
    };
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
      const oneCall = CALL_PATH.exec(url.pathname);
      if (oneCall && req.method === 'GET') {
        if (!authorized(req, oneCall[1])) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
        const found = calls.find((c) => c.sid === oneCall[2]);
        return found ? answer(req, res, 200, callResource(found)) : answer(req, res, 404, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
      }
      const callsMatch = CALLS_PATH.exec(url.pathname);
      if (callsMatch) return callsRequest(req, res, callsMatch[1], url, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const member = MEMBER_PATH.exec(url.pathname);
      if (req.method === 'POST' && member) {
        // Twilio's member update: dequeue the caller and have their call run the TwiML at `Url`.
        if (!authorized(req, member[1])) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const q = queueList.find((x) => x.sid === member[2]);
        const i = q ? q.members.findIndex((m) => m.callSid === member[3]) : -1;
        if (!q || i < 0) return answer(req, res, 404, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
        const [taken] = q.members.splice(i, 1);
        redirects.push({ callSid: taken.callSid, url: form.get('Url') ?? '', method: form.get('Method') ?? 'POST' });
        return answer(req, res, 200, memberResource(q, taken, i));
      }
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
    // Twilio's Calls API: POST places a call (201, queued; never de-duplicated), GET lists them newest first.
    const callsRequest = (req: IncomingMessage, res: ServerResponse, account: string, url: URL, form: URLSearchParams) => {
      if (!authorized(req, account)) return answer(req, res, 401, twilioError(401, 20003, 'Authenticate'));
      if (req.method === 'GET') return answer(req, res, 200, callsPage(url));
      if (req.method !== 'POST') return answer(req, res, 405, twilioError(405, 20004, 'Method not allowed'));
      const failure = callFailures.shift();
      if (failure) return 'code' in failure ? answer(req, res, failure.status, twilioError(failure.status, failure.code, failure.message)) : answer(req, res, 500);
      const to = form.get('To');
      const from = form.get('From');
      const callUrl = form.get('Url');
      if (!to) return answer(req, res, 400, twilioError(400, 21201, 'No \'To\' number is specified'));
      if (!from) return answer(req, res, 400, twilioError(400, 21213, 'No \'From\' number is specified'));
      if (!callUrl && !form.get('Twiml')) return answer(req, res, 400, twilioError(400, 21205, 'Url parameter is required'));
      const timeout = form.get('Timeout');
      const call: FakeTwilioCall = {
        sid: `CA${randomBytes(16).toString('hex')}`,
        to,
        from,
        url: callUrl ?? '',
        ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback')! } : {}),
        statusCallbackEvent: form.getAll('StatusCallbackEvent'),
        ...(timeout ? { timeout: Number(timeout) } : {}),
        ...(form.get('MachineDetection') ? { machineDetection: form.get('MachineDetection')! } : {}),
        dateCreated: new Date(),
        status: 'queued',
      };
      calls.push(call);
      answer(req, res, 201, callResource(call));
    };
    const callResource = (c: FakeTwilioCall) => ({
      sid: c.sid,
      account_sid: accountSid,
      to: c.to,
      from: c.from,
      status: c.status,
      answered_by: c.answeredBy ?? null,
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: c.dateCreated.toUTCString(),
      date_updated: c.dateCreated.toUTCString(),
      start_time: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${c.sid}.json`,
    });
    const callsPage = (url: URL) => {
      const q = url.searchParams;
      const to = q.get('To');
      const from = q.get('From');
      // The twilio library writes StartTime> as a day (YYYY-MM-DD); Twilio compares whole days.
      const after = q.get('StartTime>');
      const since = after ? Date.parse(`${after.slice(0, 10)}T00:00:00Z`) : undefined;
      const matching = [...calls].reverse().filter((c) => (!to || c.to === to) && (!from || c.from === from) && (since === undefined || c.dateCreated.getTime() >= since));
      return pageOf(url, 'calls', matching.map(callResource));
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
      return pageOf(url, 'messages', matching.map(resource));
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
    calls,
    failNextCalls(n, failure = { status: 500 }) {
      for (let i = 0; i < n; i++) callFailures.push(failure);
    },
    callee(to, ...outcomes) {
      callees.set(to, [...(callees.get(to) ?? []), ...outcomes]);
    },
    async connectCalls({ deliver, statusCallbacks = true }) {
      const post = async (url: string, params: Record<string, string>) => {
        const res = await fetch(deliver(url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params) },
          body: new URLSearchParams(params).toString(),
        });
        return { status: res.status, text: await res.text(), xml: (res.headers.get('content-type') ?? '').includes('xml') };
      };
      const connected: ConnectedCall[] = [];
      for (const call of calls.filter((c) => !played.has(c.sid))) {
        played.add(call.sid);
        const callee = callees.get(call.to)?.shift() ?? 'human';
        const base = { CallSid: call.sid, AccountSid: accountSid, From: call.from, To: call.to, Direction: 'outbound-api', ApiVersion: '2010-04-01' };
        // AnsweredBy is sent only with machineDetection, and only for calls someone (or something) picked up.
        const answeredBy: Record<string, string> = !call.machineDetection ? {} : callee === 'human' ? { AnsweredBy: 'human' } : callee === 'machine' ? { AnsweredBy: 'machine_end_beep' } : {};
        const result: ConnectedCall = { call, callee, verbs: [], statusCallbacks: [] };
        if (callee === 'human' || callee === 'machine') {
          const fetched = await post(call.url, { ...base, ...answeredBy, CallStatus: 'in-progress' });
          result.answerStatus = fetched.status;
          if (fetched.status === 200 && fetched.xml) {
            result.twiml = fetched.text;
            result.verbs = parseTwiml(fetched.text);
          }
          if (statusCallbacks && call.statusCallback && call.statusCallbackEvent.includes('answered')) result.statusCallbacks.push((await post(call.statusCallback, { ...base, CallStatus: 'in-progress', ...answeredBy })).status);
        }
        call.status = callee === 'human' || callee === 'machine' ? 'completed' : callee;
        if (answeredBy.AnsweredBy) call.answeredBy = answeredBy.AnsweredBy;
        if (!statusCallbacks) {
          connected.push(result);
          continue;
        }
        const final = { ...base, CallStatus: call.status, CallDuration: call.status === 'completed' ? '42' : '0', ...answeredBy };
        if (call.statusCallback) result.statusCallbacks.push((await post(call.statusCallback, final)).status);
        connected.push(result);
      }
      return connected;
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
        redirects,
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
