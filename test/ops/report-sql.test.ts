import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReportRecords, type GeneratedRecords } from '../../src/bench/report-records';
import { parseInstant } from '../../src/platform/clock';
import { makeReport, recordsReportSource, surveyAnswerFrom } from '../../src/reports/load-report';
import type { ReportSource } from '../../src/reports/report-facts';
import type { ReportQuery } from '../../src/reports/report-query';
import { memorySurveyStore, type SurveyStore } from '../../src/services/survey/survey-store';
import { memoryTicketStore, type TicketStore } from '../../src/services/tickets/ticket-store';
import type { CallStore } from '../../src/stores/calls/call-store';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { pgCallStore } from '../../src/stores/calls/postgres/pg-call-store';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { pgSurveyStore, pgTicketStore } from '../../src/stores/postgres';
import { pgReportSource } from '../../src/stores/postgres/pg-report-source';
import { migrateSqlite, openSqlite, sqliteSurveyStore, sqliteTicketStore } from '../../src/stores/sqlite';
import { sqliteReportSource } from '../../src/stores/sqlite/sqlite-report-source';
import { workerReportSource } from '../../src/stores/sqlite/sqlite-report-worker';
import { describeWith, testSchema } from '../helpers/external-services';

const FROM = parseInstant('2026-11-16T00:00:00+08:00');
const records = generateReportRecords({ count: 1500, from: FROM, days: 14, seed: 7 });
// The middle of the fortnight: some tickets due, some 48-hour windows still open.
const NOW = FROM + 9 * 86_400_000 + 3_600_000;
const H = 3_600_000;
const QUERIES: Array<{ name: string; query: ReportQuery }> = [
  { name: 'the whole fortnight', query: { from: FROM, to: FROM + 14 * 86_400_000, timezone: 'Asia/Shanghai' } },
  { name: 'one hotline, one week', query: { from: FROM + 2 * 86_400_000, to: FROM + 9 * 86_400_000, hotline: 'commerce', timezone: 'Asia/Shanghai' } },
  { name: 'a day read in New York hours, ending after now', query: { from: NOW - 20 * H, to: NOW + 4 * H, timezone: 'America/New_York' } },
  { name: 'a period in Kathmandu (+05:45)', query: { from: FROM + 3 * H, to: FROM + 5 * 86_400_000, timezone: 'Asia/Kathmandu' } },
];

async function fill(stores: { calls: CallStore; tickets: TicketStore; surveys: SurveyStore }, r: GeneratedRecords) {
  for (const c of r.calls) await stores.calls.open(c);
  for (const t of r.tickets) await stores.tickets.insertOnce(t);
  for (const s of r.surveys) await stores.surveys.insert(s);
}

let inMemory: ReportSource;
beforeAll(async () => {
  const calls = memoryCallStore();
  const tickets = memoryTicketStore();
  const surveys = memorySurveyStore();
  await fill({ calls, tickets, surveys }, records);
  inMemory = recordsReportSource({ calls, tickets, surveyOf: surveyAnswerFrom(surveys) });
});

/** Every figure, counted by the database, equals the count over the records in the process. */
function sameFiguresAsInMemory(source: () => ReportSource) {
  it.each(QUERIES)('counts $name in SQL as the records count in memory', async ({ query }) => {
    const expected = await makeReport(inMemory, query, NOW);
    expect(expected.calls.total).toBeGreaterThan(50);
    expect(expected.firstContactResolution.judged).toBeGreaterThan(0);
    expect(Object.values(expected.queues.byHotline).some((q) => q.answeredWithin15s > 0 && q.answered > q.answeredWithin15s)).toBe(true);
    expect(expected.answers.byNode.some((n) => n.keys > 0 && n.speech > 0 && n.heard.noMatch > 0 && n.lowConfidence > 0)).toBe(true);
    expect(expected.distress.calls).toBeGreaterThan(expected.distress.inProgress);
    // The generated A/B split runs on the general line only.
    if (query.hotline === undefined) {
      const greeting = expected.variants['general/greeting_test'];
      expect(greeting.short.calls).toBeGreaterThan(0);
      expect(greeting.current.surveys.ratings.count).toBeGreaterThan(0);
    } else expect(expected.variants).toEqual({});
    expect(await makeReport(source(), query, NOW)).toEqual(expected);
  });
}

describe('the report counted by SQLite', () => {
  let dir: string;
  let db: ReturnType<typeof openSqlite>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-report-sql-'));
    db = openSqlite(join(dir, 'ivr.db'));
    migrateSqlite(db, { clock: { now: () => NOW } });
    await fill({ calls: sqliteCallStore(db), tickets: sqliteTicketStore(db), surveys: sqliteSurveyStore(db) }, records);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  sameFiguresAsInMemory(() => sqliteReportSource(db));

  describe('in the worker thread the server uses, on its own read-only connection', () => {
    let worker: ReturnType<typeof workerReportSource>;
    beforeAll(() => {
      worker = workerReportSource(join(dir, 'ivr.db'));
    });
    afterAll(() => worker.close());
    sameFiguresAsInMemory(() => worker);
  });

  it('looks up repeat calls through the caller index, not a scan per call', () => {
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT 1 FROM calls r WHERE json_extract(r.data, '$.caller') = ? AND r.started_at > ? AND r.started_at <= ?")
      .all('+8613900000001', 0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH r USING (COVERING )?INDEX calls_caller_started_at/);
  });
});

describeWith({ postgres: true }, 'the report counted by PostgreSQL', () => {
  const pg = testSchema();
  let source: ReportSource;
  beforeAll(async () => {
    const pool = await pg.fresh();
    await fill({ calls: pgCallStore(pool), tickets: pgTicketStore(pool), surveys: pgSurveyStore(pool) }, records);
    source = pgReportSource(pool);
  });
  afterAll(() => pg.drop());
  sameFiguresAsInMemory(() => source);
});
