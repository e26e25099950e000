import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { formatReport } from '../../src/reports/format-report';
import type { Report } from '../../src/reports/report';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import type { CallRecord } from '../../src/stores/calls/call-record';
import { opsApp, parseSamples, sampleValue, type OpsApp } from '../ops/ops-app';

/** The experiment line of test/fixtures/flows/split: its greeting is a 30/70 split, short vs current. */
const LINE = '+864000000002';
const SMS_NUMBER = '+8610690000009';
const METRICS_TOKEN = 'metrics-token-0123456789';
const SPLIT = 'ab/greeting_test';
const caller = (i: number) => `+86139${String(i).padStart(8, '0')}`;

describe('the report and the metrics break outcomes down per A/B variant (signed webhooks, SQLite)', () => {
  let dir: string;
  let ops: OpsApp;
  /** What the test did per variant, to compare the report with. */
  const did = { short: { served: 0, ticket: 0, transferred: 0, abandoned: 0, ratings: [] as number[] }, current: { served: 0, ticket: 0, transferred: 0, abandoned: 0, ratings: [] as number[] } };
  const sticky: Array<[string, string]> = [];
  const firstVariant: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-split-'));
    ops = opsApp({ project: loadProjectOrThrow('test/fixtures/flows/split'), at: '2026-11-23T10:00:00+08:00', env: { DATABASE_URL: `sqlite:${join(dir, 'ivr.db')}`, METRICS_TOKEN } });
    // 24 callers; each does one of four things by turn: checks a request, complains (a ticket), asks for a person, hangs up at the menu.
    for (let i = 0; i < 24; i++) {
      ops.clock.advance(5 * 60_000);
      const c = ops.caller(caller(i), LINE);
      await c.ring();
      const variant = (await ops.admin(`/api/calls/${c.sid}`)).body.call.variants[SPLIT] as 'short' | 'current';
      firstVariant.push(variant);
      const tally = did[variant];
      const act = i % 4;
      if (act === 0) await c.press('1');
      if (act === 1) await c.press('2');
      if (act === 2) await c.press('0');
      await c.hangUp('completed', 60);
      if (act === 0) tally.served++;
      if (act === 1) tally.ticket++;
      if (act === 2) tally.transferred++;
      if (act === 3) tally.abandoned++;
      // Half of those who got through rate the call: 5 after a short greeting, 3 after the current one.
      if (act !== 3 && i % 2 === 0) {
        const rating = variant === 'short' ? 5 : 3;
        await ops.textBack(caller(i), String(rating), SMS_NUMBER);
        tally.ratings.push(rating);
      }
    }
    // Two of them call again: the same variant as the first time.
    for (const i of [0, 1]) {
      const again = ops.caller(caller(i), LINE);
      await again.ring();
      await again.press('1');
      await again.hangUp('completed', 30);
      const second = (await ops.admin(`/api/calls/${again.sid}`)).body.call as CallRecord;
      sticky.push([firstVariant[i], second.variants![SPLIT]]);
      did[second.variants![SPLIT] as 'short' | 'current'].served++;
    }
  });
  afterAll(() => {
    ops.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the variant on the call record, the same on a second call from the same number', () => {
    for (const [first, second] of sticky) expect(second).toBe(first);
    expect(did.short.served + did.short.ticket + did.short.transferred + did.short.abandoned).toBeGreaterThan(0);
    expect(did.current.served + did.current.ticket + did.current.transferred + did.current.abandoned).toBeGreaterThan(0);
  });

  it('GET /api/reports shows calls, outcomes, rates and ratings per variant', async () => {
    ops.clock.advance(60_000);
    const res = await ops.admin('/api/reports?hotline=ab');
    expect(res.status).toBe(200);
    const report = res.body as Report;
    for (const name of ['short', 'current'] as const) {
      const d = did[name];
      const ended = d.served + d.ticket + d.transferred + d.abandoned;
      const avg = d.ratings.length ? d.ratings.reduce((a, b) => a + b, 0) / d.ratings.length : null;
      expect(report.variants[SPLIT][name]).toEqual({
        calls: ended,
        inProgress: 0,
        ended,
        outcomes: { 'self-served': d.served, transferred: d.transferred, ticket: d.ticket, voicemail: 0, abandoned: d.abandoned, 'after-hours': 0 },
        selfServiceRate: (d.served + d.ticket) / ended,
        transferRate: d.transferred / ended,
        ticketRate: d.ticket / ended,
        abandonmentRate: d.abandoned / ended,
        surveys: { sent: expect.any(Number), answered: d.ratings.length, ratings: { count: d.ratings.length, average: avg } },
      });
    }
    const text = formatReport(report);
    expect(text).toContain('A/B splits: outcomes per variant');
    expect(text).toMatch(/ab\/greeting_test\n\s+variant\s+calls\s+ended\s+self-service\s+transferred\s+ticket\s+abandoned\s+ratings\s+avg rating\n\s+current/);
  });

  it('counts closed calls per variant and outcome, and ratings per variant, in Prometheus (labels flow, node, variant)', async () => {
    const res = await request(ops.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    const m = parseSamples(res.text);
    const at = (variant: string) => ({ flow: 'ab', node: 'greeting_test', variant });
    for (const name of ['short', 'current'] as const) {
      expect(sampleValue(m, 'ivr_split_calls_ended_total', { ...at(name), outcome: 'transferred' }) ?? 0).toBe(did[name].transferred);
      expect(sampleValue(m, 'ivr_split_calls_ended_total', { ...at(name), outcome: 'abandoned' }) ?? 0).toBe(did[name].abandoned);
      expect(sampleValue(m, 'ivr_split_survey_rating_count', at(name)) ?? 0).toBe(did[name].ratings.length);
      expect(sampleValue(m, 'ivr_split_survey_rating_sum', at(name)) ?? 0).toBe(did[name].ratings.reduce((a, b) => a + b, 0));
    }
  });
});
