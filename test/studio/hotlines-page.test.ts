import express from 'express';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { parseInstant, SimulatedClock } from '../../src/platform/clock';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { studioHotlinesApi } from '../../src/server/studio/hotlines-api';
import { studioRoutes } from '../../src/server/studio/studio-routes';
import type { StreamTimers } from '../../src/server/studio/event-stream';
import type { HotlinesBoard } from '../../src/server/studio/studio-board.schema';
import { AUTH_TOKEN, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller } from '../helpers/twilio-caller';
import { launchBrowser, listen, screenshot, signIn } from '../helpers/studio-browser';
import { GENERAL, STUDIO_USERS, VIEWER } from './studio-fixtures';

const project = loadProjectOrThrow('flows');
/** 03:00 Beijing time on a Tuesday: the general line (24 h) is open, the e-commerce line (08:00–24:00) is not. */
const NIGHT = '2026-11-24T03:00:00+08:00';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

function night() {
  return webhookApp({ project, env: { STUDIO_USERS }, clock: new SimulatedClock(parseInstant(NIGHT)) });
}
const ring = (app: Parameters<typeof request>[0], from = '+8613800138000') => new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl: 'http://localhost:3000', to: GENERAL, from }).ring();

/** Timers the test fires by hand: the stream looks again when told, never after a real wait. */
function handTimers() {
  const runs = new Set<() => void>();
  let allCleared: () => void = () => {};
  const cleared = new Promise<void>((resolve) => (allCleared = resolve));
  const timers: StreamTimers = {
    setInterval: (run) => (runs.add(run), run),
    clearInterval: (h) => {
      runs.delete(h as () => void);
      if (runs.size === 0) allCleared();
    },
  };
  return { timers, fire: () => runs.forEach((r) => r()), active: () => runs.size, cleared };
}

/** Reads server-sent events off a fetch() response, one `event: board` at a time. */
function boards(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async (): Promise<HotlinesBoard> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: board\ndata: (.*)$/s.exec(block)?.[1];
        if (data) return JSON.parse(data) as HotlinesBoard;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
    }
  };
}

describe('the studio hotlines API', () => {
  it('shows a viewer each line open or closed at 03:00 Beijing time and when that changes, with no caller number', async () => {
    const { app } = night();
    await ring(app, '+8613912345678');
    const res = await request(app).get('/studio/api/hotlines').set(as(VIEWER));
    expect(res.status).toBe(200);
    const byId = Object.fromEntries((res.body as HotlinesBoard).hotlines.map((h) => [h.id, h]));
    expect(byId.general).toMatchObject({ open: true, nextChange: null, numbers: ['400-0066-888'], languages: ['zh-CN'] });
    expect(byId.commerce).toMatchObject({ open: false, nextChange: { at: parseInstant('2026-11-24T08:00:00+08:00'), opens: true } });
    expect(byId.commerce.overrides.map((o) => o.date)).toEqual(['2026-12-31', '2027-02-16']);
    expect(byId.enterprise.hoursText['en-US']).toBe('daily from 8:00 to 22:00');
    expect(byId.general.live.inProgress).toBe(1);
    expect(byId.general.today.calls).toBe(1);
    expect(res.text).not.toContain('13912345678');
    expect((await request(app).get('/studio/api/hotlines')).status).toBe(401);
  });

  it('closes the year-end sale at 02:00 the next morning, as its override says', async () => {
    const { app, clock } = night();
    clock.set(parseInstant('2026-12-31T23:30:00+08:00'));
    const board = (await request(app).get('/studio/api/hotlines').set(as(VIEWER))).body as HotlinesBoard;
    expect(board.hotlines.find((h) => h.id === 'commerce')).toMatchObject({ open: true, nextChange: { at: parseInstant('2027-01-01T02:00:00+08:00'), opens: false } });
  });

  it('streams the board as server-sent events, again when a call changes it, and stops when the browser goes away', async () => {
    const world = night();
    const hand = handTimers();
    const studio = express();
    const users = world.config.studioUsers;
    studio.use(studioRoutes({ users, api: [studioHotlinesApi({ hotlines: () => project.hotlines, calls: world.calls, reports: world.services.reports, clock: world.clock, streamEveryMs: 60_000, shareMs: 0, timers: hand.timers })] }));
    const server = await listen(studio as never);
    const stop = new AbortController();
    try {
      const res = await fetch(`${server.baseUrl}/studio/api/hotlines/stream`, { headers: as(VIEWER), signal: stop.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const next = boards(res);
      const general = (b: HotlinesBoard) => b.hotlines.find((h) => h.id === 'general')!;
      expect(general(await next()).today.calls).toBe(0);
      await ring(world.app);
      hand.fire();
      const after = general(await next());
      expect([after.today.calls, after.live.inProgress]).toEqual([1, 1]);
      // Without the token there is no stream at all.
      expect((await fetch(`${server.baseUrl}/studio/api/hotlines/stream`)).status).toBe(401);
      expect(hand.active()).toBe(1);
      stop.abort();
      await hand.cleared; // the stream let go of its timer when the browser went away
      expect(hand.active()).toBe(0);
    } finally {
      stop.abort();
      await server.close();
    }
  });
});

describe('the hotlines page in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(() => browser?.close());

  it('shows a viewer the lines open and closed at a virtual 03:00, and a call placed through the webhook without reloading', async () => {
    const { app } = night();
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' });
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, server.baseUrl, VIEWER);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByTestId('open-general').filter({ hasText: 'Open' }).waitFor();
      await page.getByTestId('open-commerce').filter({ hasText: 'Closed' }).waitFor();
      // When it opens, in Beijing time and in the browser's (Berlin, 7 hours behind in winter).
      const commerce = page.getByTestId('line-commerce');
      await commerce.filter({ hasText: /Opens: .*08:00 \(Beijing time\) · .*01:00 \(Your time\)/ }).waitFor();
      await page.getByTestId('calls-general').filter({ hasText: /^0$/ }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

      const loaded = await page.evaluate(() => performance.timeOrigin);
      await ring(app);
      await page.getByTestId('calls-general').filter({ hasText: /^1$/ }).waitFor();
      await page.getByTestId('in-progress-general').filter({ hasText: /^1$/ }).waitFor();
      expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded); // the same page: not reloaded
      await screenshot(page, 'hotlines');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 30_000);
});
