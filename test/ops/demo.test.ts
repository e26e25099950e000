import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoSummary } from '../../src/demo/demo-week';
import { SimulatedClock } from '../../src/platform/clock';
import { makeReport } from '../../src/reports/load-report';
import { createLogger } from '../../src/server/logger';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { openRecordStores } from '../../src/stores/open-record-stores';
import { testConfig } from '../helpers/webhook-app';

/** Monday 2026-11-23 00:00 in Beijing. */
const MONDAY = Date.parse('2026-11-23T00:00:00+08:00');
const DAY = 86_400_000;

describe('ivr demo: a day of calls through the real engine into SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const demo = (file: string, seed: number): Promise<DemoSummary> =>
    runDemo(testConfig({ DATABASE_URL: `sqlite:${join(dir, file)}` }), loadProjectOrThrow('flows'), {
      start: MONDAY,
      days: 1,
      callsPerDay: 60,
      seed,
      logger: createLogger('silent'),
      print: () => undefined,
    });

  it('leaves calls, tickets and answered surveys the report and the admin API can show, with the call SIDs the seed names', async () => {
    const summary = await demo('a.db', 3);
    expect(summary.calls).toBe(60);
    const stores = await openRecordStores({ kind: 'sqlite', file: join(dir, 'a.db') }, new SimulatedClock(MONDAY + 2 * DAY));
    try {
      const report = await makeReport(stores.reports, { from: MONDAY, to: MONDAY + DAY, timezone: 'Asia/Shanghai' }, MONDAY + 2 * DAY);
      expect(report.calls.total).toBe(60);
      // Every call was answered by the engine over webhooks: a flow, turns, an outcome.
      const first = await stores.calls.get('CAdemo03d1c0001');
      expect(first?.turns.length).toBeGreaterThan(0);
      expect(first?.outcome).toBeDefined();
      // A realistic mix, not one path: people reached, callers served by the flow, some hanging up, some out of hours.
      const o = report.calls.outcomes;
      expect(o.transferred).toBeGreaterThan(5);
      expect(o['self-served'] + o.ticket + o.voicemail).toBeGreaterThan(0);
      expect(o['after-hours']).toBeGreaterThan(0);
      expect(report.tickets.total).toBeGreaterThan(0);
      expect(report.tickets.met + report.tickets.breached).toBeGreaterThan(0);
      expect(report.surveys.answered).toBeGreaterThan(0);
      expect(report.surveys.ratings.average).not.toBeNull();
      // Busier in the evening peak than before dawn.
      const byHour = Object.values(report.calls.byHotline).reduce((sum, h) => sum.map((n, i) => n + h.byHour[i]), Array.from({ length: 24 }, () => 0));
      expect(byHour.slice(19, 22).reduce((a, b) => a + b, 0)).toBeGreaterThan(byHour.slice(2, 5).reduce((a, b) => a + b, 0));
    } finally {
      await stores.close();
    }
  }, 60_000);

  it('places the same calls for the same seed', async () => {
    const [a, b] = [await demo('b.db', 5), await demo('c.db', 5)];
    expect(b.outcomes).toEqual(a.outcomes);
    expect(b.surveysAnswered).toBe(a.surveysAnswered);
    expect(b.firstCall).toBe(a.firstCall);
    expect(a.firstCall).toMatch(/^CAdemo05d1c\d{4}$/);
  }, 60_000);
});
