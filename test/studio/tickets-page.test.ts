import request from 'supertest';
import type { Browser } from 'playwright-core';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller } from '../helpers/twilio-caller';
import { launchBrowser, listen, screenshot, signIn } from '../helpers/studio-browser';
import { CALLER, GENERAL, openTicket, STUDIO_USERS, SUPERVISOR, VIEWER, DESIGNER } from './studio-fixtures';

const project = loadProjectOrThrow('flows');
const AT = '2026-11-24T10:00:00+08:00';

/** The shipped flows at 10:00 Beijing time, with an emergency 5 minutes old, an account ticket, and a rated call with a comment. */
async function ticketsWorld() {
  const world = webhookApp({ project, env: { STUDIO_USERS }, clock: new SimulatedClock(parseInstant(AT)) });
  // A call that ends gets the survey SMS; the caller answers 4 and then a comment with their number.
  const caller = new TwilioCaller(world.app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: GENERAL, from: CALLER });
  await caller.ring();
  await caller.press('9');
  await caller.hangUp();
  world.clock.advance(60_000);
  await world.services.surveys.reply('SM0001', CALLER, '4');
  await world.services.surveys.reply('SM0002', CALLER, `请回电 ${CALLER}，谢谢`);
  const now = world.clock.now();
  await openTicket(world.services.tickets, now, { id: '20480001', category: 'emergency', slaMinutes: 15, minutesAgo: 5, summary: `被盗号，回电 ${CALLER}` });
  await openTicket(world.services.tickets, now, { id: '20480002', category: 'account', slaMinutes: 2880, minutesAgo: 60 });
  await openTicket(world.services.tickets, now, { id: '20480003', category: 'appeal', slaMinutes: 30, minutesAgo: 45 });
  return world;
}

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('the studio tickets and satisfaction API', () => {
  it('shows a viewer the board and satisfaction with no caller number or comment, and refuses them a change (403)', async () => {
    const { app, services } = await ticketsWorld();
    const board = await request(app).get('/studio/api/tickets').set(as(VIEWER));
    const sat = await request(app).get('/studio/api/satisfaction').set(as(VIEWER));
    expect([board.status, sat.status]).toEqual([200, 200]);
    // On the raw JSON: not in a field, a summary, a note or a comment, in any spelling.
    for (const raw of [board.text, sat.text]) {
      expect(raw).not.toMatch(/13912345678|139 1234 5678|请回电/);
    }
    expect(board.body.canChange).toBe(false);
    expect(sat.body.comments).toEqual([expect.objectContaining({ rating: 4, phone: '139****5678' })]);
    expect(sat.body).toMatchObject({ sent: 1, answered: 1, responseRate: 1, average: 4, distribution: { '4': 1 } });

    const change = await request(app).patch('/studio/api/tickets/20480001').set(as(VIEWER)).send({ status: 'resolved', note: '已回电处理' });
    expect(change.status).toBe(403);
    expect((await services.tickets.get('20480001'))?.status).toBe('open');
  });

  it('shows a supervisor the caller and the comment, and moves a ticket on only forwards and with its result', async () => {
    const { app, services } = await ticketsWorld();
    const board = await request(app).get('/studio/api/tickets').set(as(SUPERVISOR));
    expect(board.text).toContain(CALLER);
    expect(board.body.canChange).toBe(true);
    const emergency = board.body.categories.find((c: { id: string }) => c.id === 'emergency');
    expect(emergency.tickets.map((t: { id: string; overdue: boolean }) => [t.id, t.overdue])).toEqual([['20480001', false]]);
    expect(JSON.stringify((await request(app).get('/studio/api/satisfaction?days=7').set(as(SUPERVISOR))).body.comments)).toContain('请回电');

    const noResult = await request(app).patch('/studio/api/tickets/20480001').set(as(SUPERVISOR)).send({ status: 'resolved' });
    expect(noResult.status).toBe(400);
    expect(noResult.body.error).toMatch(/needs a note/);
    const resolved = await request(app).patch('/studio/api/tickets/20480001').set(as(SUPERVISOR)).send({ status: 'resolved', note: '已冻结账号并回电' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.ticket).toMatchObject({ status: 'resolved', notes: [expect.objectContaining({ text: '已冻结账号并回电', status: 'resolved' })] });
    const back = await request(app).patch('/studio/api/tickets/20480001').set(as(DESIGNER)).send({ status: 'open' });
    expect(back.status).toBe(409);
    // Resolving texted the caller the result, as the admin API does.
    expect(services.sms.sent.some((m) => m.to === CALLER && m.body.includes('已冻结账号并回电'))).toBe(true);
    expect((await request(app).get('/studio/api/satisfaction?days=99').set(as(SUPERVISOR))).status).toBe(400);
  });
});

describe('the tickets page in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(() => browser?.close());

  it('counts an emergency down, marks the overdue one, and lets a supervisor resolve a ticket with a note', async () => {
    const { app } = await ticketsWorld();
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(8000);
    try {
      await signIn(page, server.baseUrl, SUPERVISOR);
      await page.getByRole('link', { name: '工单' }).click();
      // Created 5 minutes ago with a 15-minute promise: 10:00 left at the server's (virtual) time, then counting.
      const left = page.getByTestId('left-20480001');
      await left.filter({ hasText: /剩余 (10:00|9:5\d)/ }).waitFor();
      await left.filter({ hasText: /剩余 9:5\d/ }).waitFor();
      await page.getByTestId('left-20480003').filter({ hasText: /已超时 15:\d\d/ }).waitFor();
      await page.getByTestId('average-rating').filter({ hasText: '4.00' }).waitFor();
      await screenshot(page, 'tickets');

      await page.getByLabel('新状态 #20480002').selectOption('resolved');
      await page.getByLabel('备注 #20480002').fill('已重置密码，短信告知');
      await page.getByTestId('ticket-20480002').getByRole('button', { name: '保存' }).click();
      await page.getByTestId('ticket-20480002').waitFor({ state: 'detached' });
      expect(await page.getByTestId('category-account').textContent()).toContain('暂无工单');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 30_000);

  it('shows a viewer masked numbers and no way to change a ticket', async () => {
    const { app } = await ticketsWorld();
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signIn(page, server.baseUrl, VIEWER);
      await page.goto(`${server.baseUrl}/studio/#tickets`);
      await page.getByTestId('ticket-20480001').getByText('139****5678').waitFor();
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
      expect(await page.content()).not.toContain('13912345678');
    } finally {
      await page.close();
      await server.close();
    }
  }, 30_000);
});
