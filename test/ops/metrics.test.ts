import request from 'supertest';
import { ADMIN_TOKEN } from '../helpers/webhook-app';
import { opsApp, parseSamples, sampleValue, type OpsApp } from './ops-app';

const ZHANG = '+8613800138000';
/** The enterprise account's registered phone. */
const BRAND = '+8613900139000';
const STRANGER = '+8615000000000';
const METRICS_TOKEN = 'metrics-token-0123456789';
const MIN = 60_000;

async function scrape(ops: OpsApp, token = METRICS_TOKEN) {
  const res = await request(ops.app).get('/metrics').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(res.text);
}

describe('GET /metrics after a morning of calls on the general line', () => {
  let ops: OpsApp;
  beforeEach(() => {
    // Reset links fail at the provider: the sender must count them as failed.
    ops = opsApp({ env: { METRICS_TOKEN }, failSms: (m) => m.kind === 'reset_link', processMetrics: true });
  });
  afterEach(() => ops.close());

  it('counts calls, turns, menu keys, wrong keys, silences, tickets, SLA breaches, SMS, ratings and queue transfers', async () => {
    // Zhang verifies, presses 9 (not offered), asks for a reset link (the SMS fails), then 1: goodbye. Rates the call 4.
    const zhang = ops.caller(ZHANG);
    await zhang.ring();
    await zhang.press('1');
    await zhang.press('1');
    await zhang.press(ops.codeSentTo(ZHANG));
    await zhang.press('9');
    await zhang.press('1');
    await zhang.press('1');
    await zhang.hangUp('completed', 120);

    // The brand owner verifies and reports a stolen account: an emergency ticket, then 2: wait for the call back.
    const brand = ops.caller(BRAND);
    await brand.ring();
    await brand.press('1');
    await brand.press('1');
    await brand.press(ops.codeSentTo(BRAND));
    await brand.press('2');
    await brand.press('2');

    // A stranger presses 7, then nothing, then 0 for a person.
    const stranger = ops.caller(STRANGER);
    await stranger.ring();
    await stranger.press('7');
    await stranger.silence();
    await stranger.press('0');
    expect(stranger.last!.verbs.at(-1)).toMatchObject({ verb: 'Enqueue', text: 'general' });

    // Someone rings; while they hear the greeting, three calls are in progress (Zhang has hung up).
    const quick = ops.caller('+8618600000000');
    await quick.ring();
    expect(sampleValue(await scrape(ops), 'ivr_calls_in_progress', { hotline: 'general' })).toBe(3);
    for (const c of [brand, stranger, quick]) await c.hangUp('completed', 30);
    expect((await ops.textBack(ZHANG, '4')).status).toBe(200);

    let m = await scrape(ops);
    expect(sampleValue(m, 'ivr_calls_started_total', { hotline: 'general', after_hours: 'false' })).toBe(4);
    expect(sampleValue(m, 'ivr_calls_in_progress', { hotline: 'general' })).toBe(0);
    for (const [outcome, n] of [['self-served', 1], ['ticket', 1], ['transferred', 1], ['abandoned', 1]] as const) {
      expect(sampleValue(m, 'ivr_calls_ended_total', { hotline: 'general', outcome })).toBe(n);
    }
    // 4 rings and 15 answers to our questions (keys and one silence), each timed.
    expect(sampleValue(m, 'ivr_turn_duration_seconds_count', { hotline: 'general', input: 'call' })).toBe(4);
    expect(sampleValue(m, 'ivr_turn_duration_seconds_count', { hotline: 'general', input: 'digits' })).toBe(13);
    expect(sampleValue(m, 'ivr_turn_duration_seconds_count', { hotline: 'general', input: 'noInput' })).toBe(1);
    expect(sampleValue(m, 'ivr_turn_duration_seconds_bucket', { hotline: 'general', input: 'call', le: '+Inf' })).toBe(4);

    const choice = (flow: string, node: string, key: string) => sampleValue(m, 'ivr_menu_choices_total', { flow, node, key });
    expect(choice('general', 'main_menu', '1')).toBe(2);
    expect(choice('general', 'main_menu', '0')).toBe(1);
    expect(choice('account_help', 'menu', '1')).toBe(1);
    expect(choice('account_help', 'menu', '2')).toBe(1);
    expect(choice('account_help', 'followup', '1')).toBe(1);
    expect(choice('account_help', 'emergency_menu', '2')).toBe(1);
    expect(sampleValue(m, 'ivr_invalid_inputs_total', { flow: 'account_help', node: 'menu' })).toBe(1);
    expect(sampleValue(m, 'ivr_invalid_inputs_total', { flow: 'general', node: 'main_menu' })).toBe(1);
    expect(sampleValue(m, 'ivr_no_inputs_total', { flow: 'general', node: 'main_menu' })).toBe(1);

    expect(sampleValue(m, 'ivr_tickets_created_total', { category: 'emergency' })).toBe(1);
    expect(sampleValue(m, 'ivr_tickets_sla_breached', { category: 'emergency' })).toBe(0);
    expect(sampleValue(m, 'ivr_queue_transfers_total', { queue: 'general' })).toBe(1);

    expect(sampleValue(m, 'ivr_sms_sent_total', { kind: 'otp' })).toBe(2);
    expect(sampleValue(m, 'ivr_sms_sent_total', { kind: 'ticket' })).toBe(1);
    // Zhang, the brand owner and the stranger answered or reached a person; the quick caller did not.
    expect(sampleValue(m, 'ivr_sms_sent_total', { kind: 'survey' })).toBe(3);
    expect(sampleValue(m, 'ivr_sms_failed_total', { kind: 'reset_link' })).toBe(1);

    expect(sampleValue(m, 'ivr_survey_rating_count')).toBe(1);
    expect(sampleValue(m, 'ivr_survey_rating_sum')).toBe(4);
    expect(sampleValue(m, 'ivr_survey_rating_bucket', { le: '3' })).toBe(0);
    expect(sampleValue(m, 'ivr_survey_rating_bucket', { le: '4' })).toBe(1);

    // Node's own metrics are there too.
    expect(sampleValue(m, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // 16 minutes later nobody has called the brand owner back: the emergency ticket is past its 15 minutes.
    ops.clock.advance(16 * MIN);
    m = await scrape(ops);
    expect(sampleValue(m, 'ivr_tickets_sla_breached', { category: 'emergency' })).toBe(1);
    expect(sampleValue(m, 'ivr_tickets_sla_breached', { category: 'appeal' })).toBe(0);
  });

  it('asks for the metrics token, and keeps each app’s counts apart', async () => {
    expect((await request(ops.app).get('/metrics')).status).toBe(401);
    const wrong = await request(ops.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'send Authorization: Bearer <METRICS_TOKEN>' });

    await ops.caller(ZHANG).ring();
    const other = opsApp();
    try {
      // Without METRICS_TOKEN the admin token reads the metrics.
      const res = await request(other.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.status).toBe(200);
      expect(sampleValue(parseSamples(res.text), 'ivr_calls_started_total', { hotline: 'general', after_hours: 'false' })).toBeUndefined();
      expect(sampleValue(await scrape(ops), 'ivr_calls_started_total', { hotline: 'general', after_hours: 'false' })).toBe(1);
    } finally {
      await other.close();
    }
  });
});
