import request from 'supertest';
import type { Browser } from 'playwright-core';
import { DEV_STUDIO_TOKEN } from '../../src/config/studio-users';
import { testConfig, webhookApp } from '../helpers/webhook-app';
import { launchBrowser, listen, signIn } from '../helpers/studio-browser';

const DESIGNER = 'alice-token-0123456789';
const VIEWER = 'victor-token-0123456789';
const USERS = `alice:designer:${DESIGNER},victor:viewer:${VIEWER}`;

describe('the studio at /studio', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(() => browser?.close());

  it('serves its page under a strict Content-Security-Policy, and its API only to a signed-in user', async () => {
    const { app } = webhookApp({ env: { STUDIO_USERS: USERS } });
    const page = await request(app).get('/studio/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.text).toContain('<div id="root">');
    expect((await request(app).get('/studio/api/me')).status).toBe(401);
    expect((await request(app).get('/studio/api/me').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
    const me = await request(app).get('/studio/api/me').set('Authorization', `Bearer ${VIEWER}`);
    expect(me.body).toEqual({ name: 'victor', role: 'viewer' });
    // A deep link is the same single page.
    expect((await request(app).get('/studio/flows/general')).text).toContain('<div id="root">');
  });

  it('production without STUDIO_USERS lets nobody in; the development token is refused there', async () => {
    const production = { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://ivr.example.com', TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, OTP_SECRET: 'x'.repeat(32) };
    expect(testConfig(production).studioUsers).toEqual([]);
    expect(() => testConfig({ ...production, STUDIO_USERS: `dev:designer:${DEV_STUDIO_TOKEN}` })).toThrow(/STUDIO_USERS: holds a public development token/);
  });

  it('signs in in a real browser with the development token printed at start, switches language, and signs out', async () => {
    const { app } = webhookApp();
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.baseUrl}/studio/`);
      await page.getByLabel('访问令牌').fill('not-the-token-0123456');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').getByText('令牌无效').waitFor();
      await signIn(page, server.baseUrl, DEV_STUDIO_TOKEN);
      expect(await page.getByTestId('who').textContent()).toContain('dev (designer)');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: 'Hotlines' }).waitFor();
      // The token travels in a header, never a cookie.
      expect(await page.context().cookies()).toEqual([]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Access token').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);
});
