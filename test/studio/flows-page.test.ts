import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { DEV_STUDIO_TOKEN } from '../../src/config/studio-users';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { FlowListSchema, FlowViewSchema } from '../../src/server/studio/flow-view.schema';
import { webhookApp } from '../helpers/webhook-app';
import { launchBrowser, listen, screenshot, signIn } from '../helpers/studio-browser';

const VIEWER = 'victor-token-0123456789';
const USERS = `dev:designer:${DEV_STUDIO_TOKEN},victor:viewer:${VIEWER}`;
const published = loadProjectOrThrow('flows');
/** The line of a node's key in flows/general.yaml, as an editor counts it. */
const lineOf = (text: string, node: string) => text.split('\n').findIndex((l) => l === `  ${node}:`) + 1;

/** The flows directory with general.yaml's main menu sending key 3 to a node that does not exist. */
function brokenDraft(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-flows-'));
  cpSync('flows', dir, { recursive: true });
  const file = join(dir, 'general.yaml');
  const text = readFileSync(file, 'utf8');
  const menu = text.indexOf('\n  main_menu:');
  writeFileSync(file, text.slice(0, menu) + text.slice(menu).replace('to: commerce_open', 'to: commerce_opn'));
  return dir;
}

const boxOf = (page: Page, node: string) => page.locator(`[data-node="${node}"]`);

describe('the flows page of the studio', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(() => browser?.close());

  it('lets a viewer read the general line’s flow: its nodes, arrows, the words of its main menu and where it is written', async () => {
    const { app } = webhookApp({ env: { STUDIO_USERS: USERS, FLOWS_DIR: 'flows' }, project: published });
    const list = FlowListSchema.parse((await request(app).get('/studio/api/flows').set('Authorization', `Bearer ${VIEWER}`).expect(200)).body);
    expect(list.flows.find((f) => f.id === 'general')).toMatchObject({ hotlines: ['general'], errors: 0, change: 'same' });
    const view = FlowViewSchema.parse((await request(app).get('/studio/api/flows/general').set('Authorization', `Bearer ${VIEWER}`).expect(200)).body);
    const menu = view.nodes.find((n) => n.id === 'main_menu')!;
    expect(menu.line).toBe(lineOf(readFileSync('flows/general.yaml', 'utf8'), 'main_menu'));
    expect(menu.prompts[0]).toMatchObject({ field: 'prompt', keys: ['general.main_menu'] });
    expect(menu.prompts[0].words['zh-CN']).toContain('账号问题请按1');
    expect(menu.options[0]).toMatchObject({ key: '1', to: 'account_identity', label: { 'zh-CN': '账号问题' } });
    expect(menu.options[0].say['zh-CN']).toContain('密码');
    expect(menu.exits.map((e) => e.label)).toEqual(['1', '2', '3', 'key 0', '×3 failed']);
    expect(view.arrows.length).toBeGreaterThan(view.nodes.length);
    expect((await request(app).get('/studio/api/flows/nowhere').set('Authorization', `Bearer ${VIEWER}`)).status).toBe(404);
    expect((await request(app).get('/studio/api/flows/general')).status).toBe(401);
  });

  it('draws the general line’s flow; clicking the main menu shows what the caller hears and may say, and general.yaml:<line>', async () => {
    const { app } = webhookApp({ env: { FLOWS_DIR: 'flows' }, project: published });
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, server.baseUrl, DEV_STUDIO_TOKEN);
      // Page load: a full navigation to the diagram page until the first flow's nodes are drawn.
      const started = Date.now();
      await page.goto(`${server.baseUrl}/studio/?load#flows`);
      await boxOf(page, 'main_menu').waitFor();
      const loadMs = Date.now() - started;
      console.log(`flows page load: ${loadMs} ms (navigation to a drawn diagram)`);
      expect(loadMs).toBeLessThan(5_000);

      expect(await page.locator('#flow-pick').inputValue()).toBe('general');
      // Laid out: the boxes stand at different places, the start above the main menu.
      const welcome = await boxOf(page, 'welcome').boundingBox();
      const menu = await boxOf(page, 'main_menu').boundingBox();
      expect(welcome!.y).toBeLessThan(menu!.y);

      await boxOf(page, 'main_menu').getByRole('button', { name: /^main_menu/ }).click();
      const panel = page.getByTestId('node-panel');
      await panel.getByText('请说出您要办理的业务').waitFor();
      await panel.getByText(/账号、账户、登录、密码/).waitFor();
      const line = lineOf(readFileSync('flows/general.yaml', 'utf8'), 'main_menu');
      expect(await panel.getByTestId('node-location').textContent()).toBe(`flows/general.yaml:${line}`);
      // The diagram makes room for the panel: the whole flow stays in view beside it.
      await page.waitForFunction(
        `[...document.querySelectorAll('.flow-box')].every((b) => b.getBoundingClientRect().right <= document.querySelector('[data-testid="node-panel"]').getBoundingClientRect().left)`,
      );
      await screenshot(page, 'flows');

      // By keyboard: Enter on a focused node opens it.
      await boxOf(page, 'peak_menu').getByRole('button', { name: /^peak_menu/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'peak_menu' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('node-panel').waitFor({ state: 'detached' });

      // A subflow opens in place: the identity check's nodes inside the account_identity node.
      await page.getByRole('button', { name: /展开子流程 identity_check/ }).first().click();
      await boxOf(page, 'account_identity/verify').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 30_000);

  it('shows a broken draft’s error on the node it concerns, and marks that node changed since the flows the server started with', async () => {
    const dir = brokenDraft();
    const { app } = webhookApp({ env: { FLOWS_DIR: dir }, project: published });
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signIn(page, server.baseUrl, DEV_STUDIO_TOKEN);
      await page.goto(`${server.baseUrl}/studio/#flows`);
      await page.locator('#flow-pick').selectOption('general');
      const menu = boxOf(page, 'main_menu');
      await menu.locator('.flow-box-error').getByText(/commerce_opn/).waitFor();
      expect(await menu.getAttribute('class')).toMatch(/diff-changed/);
      expect(await boxOf(page, 'welcome').locator('.flow-box-error').count()).toBe(0);
      await menu.getByRole('button', { name: /^main_menu/ }).click();
      await page.getByTestId('node-panel').getByText(/does not exist/).waitFor();
    } finally {
      await page.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
