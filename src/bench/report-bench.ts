import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '../platform/clock';
import { pgCallStore } from '../stores/calls/postgres/pg-call-store';
import { sqliteCallStore } from '../stores/calls/sqlite/sqlite-call-store';
import { migratePostgres, openPostgres, pgSurveyStore, pgTicketStore, quoteIdent, type PgPool } from '../stores/postgres';
import { migrateSqlite, openSqlite, sqliteSurveyStore, sqliteTicketStore } from '../stores/sqlite';
import { BENCH_AUTH_TOKEN, BENCH_PUBLIC_URL } from './bench-setups';
import { BENCH_START } from './call-paths';
import { Latencies, type LatencySummary } from './latency';
import { httpExchange } from './http-exchange';
import { sign } from './load-driver';
import { generateReportRecords, type GeneratedRecords } from './report-records';
import { startServerChild } from './server-child';

const ADMIN = 'bench-admin-token-0123456789';
const DAYS = 30;

export type ReportBenchOptions = { records: number; stores: ReadonlyArray<'sqlite' | 'postgres'>; reports: number; databaseUrl: string; redisUrl: string; log(line: string): void };
export type ReportBenchResult = {
  store: 'sqlite' | 'postgres';
  records: number;
  fillSeconds: number;
  /** How long each GET /api/reports over every record took (ms). */
  reportMs: number[];
  /** Turns of the concurrent callers before any report, and while a report was being counted. */
  before: LatencySummary & { turns: number };
  during: LatencySummary & { turns: number };
  /** The same callers for as long again right after the reports, without one: what the machine gives turns anyway. */
  after: LatencySummary & { turns: number };
  /** The server's event-loop delay over the whole run (ms). */
  loopDelayMax: number;
  calls: number;
};

/**
 * GET /api/reports over `records` generated call records (and their tickets and surveys), while
 * callers keep calling: how long the report takes, and what the callers' turns take meanwhile.
 * The records fill a database first; the server (the real app, in its own process, as `ivr
 * bench` starts it) then serves both. `ivr bench --report`.
 */
export async function runReportBench(opts: ReportBenchOptions): Promise<ReportBenchResult[]> {
  const results: ReportBenchResult[] = [];
  const from = parseInstant(BENCH_START) - DAYS * 86_400_000;
  opts.log(`generating ${opts.records} call records over the ${DAYS} days before ${BENCH_START}`);
  const records = generateReportRecords({ count: opts.records, from, days: DAYS });
  for (const store of opts.stores) {
    const t0 = performance.now();
    const db = store === 'sqlite' ? fillSqlite(records) : await fillPostgres(records, opts.databaseUrl);
    const fillSeconds = (performance.now() - t0) / 1000;
    opts.log(`${store}: ${records.calls.length} calls, ${records.tickets.length} tickets, ${records.surveys.length} surveys written in ${fillSeconds.toFixed(1)} s`);
    const server = await startServerChild(store === 'sqlite' ? 'sqlite' : 'redis-pg', {
      databaseUrl: opts.databaseUrl,
      redisUrl: opts.redisUrl,
      env: 'file' in db ? { BENCH_SQLITE_FILE: db.file } : { BENCH_PG_SCHEMA: db.schema },
    });
    try {
      await server.stats(); // resets the loop-delay histogram
      const run = await measure(server.port, opts.reports, from, opts.log);
      const stats = await server.stats();
      results.push({ store, records: records.calls.length, fillSeconds, ...run, loopDelayMax: stats.loopDelay.max });
    } finally {
      await server.close();
      await db.drop();
    }
  }
  return results;
}

function fillSqlite(r: GeneratedRecords): { file: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-report-bench-'));
  const file = join(dir, 'ivr.db');
  const db = openSqlite(file);
  migrateSqlite(db, { clock: { now: () => Date.now() } });
  const calls = sqliteCallStore(db);
  const tickets = sqliteTicketStore(db);
  const surveys = sqliteSurveyStore(db);
  db.transaction(() => {
    // open() runs its statement synchronously; its promise carries nothing.
    for (const c of r.calls) void calls.open(c);
    for (const t of r.tickets) tickets.insertOnceSync(t);
    for (const s of r.surveys) surveys.insertSync(s);
  })();
  db.close();
  return { file, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

async function fillPostgres(r: GeneratedRecords, url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `ivr_bench_report_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pool = openPostgres(url, { schema, max: 8 });
  await migratePostgres(pool, { schema, clock: { now: () => Date.now() } });
  const calls = pgCallStore(pool);
  const tickets = pgTicketStore(pool);
  const surveys = pgSurveyStore(pool);
  const inBatches = async <T>(items: readonly T[], write: (item: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(write));
  };
  await inBatches(r.calls, (c) => calls.open(c));
  await inBatches(r.tickets, (t) => tickets.insertOnce(t));
  await inBatches(r.surveys, (s) => surveys.insert(s));
  await pool.query('ANALYZE');
  await pool.end();
  return {
    schema,
    async drop() {
      const admin: PgPool = openPostgres(url, { max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await admin.end();
    },
  };
}

const ACTION = /<Gather\b[^>]*\baction="([^"]+)"/;
const unescapeXml = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Two callers walk the commerce line's menu (ring, 2, 1: an SMS and goodbye) every 100 ms, each
 * turn timed; after 5 s of that (the first 1.5 s warm up), `reports` reports over every record are asked one after another.
 */
async function measure(port: number, reports: number, from: number, log: (line: string) => void) {
  const agent = new Agent({ keepAlive: true });
  const turns: Array<{ at: number; ms: number }> = [];
  let calls = 0;
  const post = (path: string, headers: Record<string, string>, body?: string) =>
    httpExchange({ host: '127.0.0.1', port, method: body === undefined ? 'GET' : 'POST', path, agent, headers }, body);
  const turn = async (url: string, params: Record<string, string>) => {
    const body = new URLSearchParams(params).toString();
    const t0 = performance.now();
    const res = await post(url.slice(BENCH_PUBLIC_URL.length), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(BENCH_AUTH_TOKEN, url, params) }, body);
    turns.push({ at: t0, ms: performance.now() - t0 });
    if (res.status !== 200) throw new Error(`a turn answered HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    return res.body;
  };
  let stop = false;
  const caller = async () => {
    while (!stop) {
      const call = { CallSid: `CA${randomBytes(16).toString('hex')}`, AccountSid: `AC${'0'.repeat(32)}`, From: '+8613900139000', To: '400-101-5454', CallStatus: 'in-progress', Direction: 'inbound', ApiVersion: '2010-04-01' };
      calls++;
      let reply = await turn(`${BENCH_PUBLIC_URL}/twilio/voice`, call);
      for (const digits of ['2', '1']) {
        await sleep(100);
        const action = ACTION.exec(reply)?.[1];
        if (!action) break;
        reply = await turn(unescapeXml(action), { ...call, Digits: digits });
      }
      await post('/twilio/status', { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(BENCH_AUTH_TOKEN, `${BENCH_PUBLIC_URL}/twilio/status`, { CallSid: call.CallSid, CallStatus: 'completed', CallDuration: '42' }) }, new URLSearchParams({ CallSid: call.CallSid, CallStatus: 'completed', CallDuration: '42' }).toString());
      await sleep(100);
    }
  };
  const callers = [caller(), caller()];
  const warm = performance.now() + 1500;
  await sleep(5000);
  const windows: Array<[number, number]> = [];
  const reportMs: number[] = [];
  const to = new Date(parseInstant(BENCH_START)).toISOString();
  for (let i = 0; i < reports; i++) {
    const t0 = performance.now();
    const res = await post(`/api/reports?from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(to)}`, { authorization: `Bearer ${ADMIN}` });
    const t1 = performance.now();
    if (res.status !== 200) throw new Error(`GET /api/reports answered HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    const total = (JSON.parse(res.body) as { calls: { total: number } }).calls.total;
    const inWindow = turns.filter((t) => t.at >= t0 && t.at < t1).map((t) => t.ms);
    log(`  report ${i + 1}: ${(t1 - t0).toFixed(0)} ms over ${total} calls; ${inWindow.length} turns meanwhile, the slowest ${Math.max(0, ...inWindow).toFixed(0)} ms`);
    windows.push([t0, t1]);
    reportMs.push(t1 - t0);
    await sleep(500);
  }
  const quietFrom = performance.now();
  await sleep(reportMs.reduce((a, b) => a + b, 0));
  const quietTo = performance.now();
  stop = true;
  await Promise.all(callers);
  agent.destroy();
  const firstReport = windows[0][0];
  const summarise = (pick: (t: { at: number; ms: number }) => boolean) => {
    const l = new Latencies();
    for (const t of turns) if (pick(t)) l.add(t.ms);
    return { ...l.summary(), turns: l.count };
  };
  // A turn is "during" a report when its request was sent while the report was being counted.
  const during = summarise((t) => windows.some(([a, b]) => t.at >= a && t.at < b));
  const before = summarise((t) => t.at >= warm && t.at + t.ms < firstReport);
  const after = summarise((t) => t.at >= quietFrom && t.at < quietTo);
  return { reportMs, before, during, after, calls };
}

/** The results as the Markdown table of docs/benchmarks.md. */
export function renderReportBench(results: readonly ReportBenchResult[]): string {
  const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);
  const lines = [
    '| store | call records | GET /api/reports (each run) | turns before: p50 / p99 / max | turns during the reports: count, p50 / p99 / max | turns as long again after them, no report: count, p50 / p99 / max | server event-loop delay, max |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.store} | ${r.records.toLocaleString('en-US')} | ${r.reportMs.map((m) => `${ms(m)} ms`).join(', ')} | ${ms(r.before.p50)} / ${ms(r.before.p99)} / ${ms(r.before.max)} ms | ${r.during.turns}, ${ms(r.during.p50)} / ${ms(r.during.p99)} / ${ms(r.during.max)} ms | ${r.after.turns}, ${ms(r.after.p50)} / ${ms(r.after.p99)} / ${ms(r.after.max)} ms | ${ms(r.loopDelayMax)} ms |`,
    );
  }
  return lines.join('\n');
}
