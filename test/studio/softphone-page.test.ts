import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { DEV_STUDIO_TOKEN } from '../../src/config/studio-users';
import { CallScriptFileSchema } from '../../src/coverage/call-script.schema';
import { runScenario } from '../../src/coverage/run-scenario';
import { ScenarioSchema } from '../../src/coverage/scenario';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { webhookApp } from '../helpers/webhook-app';
import { launchBrowser, listen, screenshot, signIn } from '../helpers/studio-browser';

const keypad = (page: Page) => page.getByRole('group', { name: '拨号键盘' });
const key = (page: Page, k: string) => keypad(page).getByRole('button', { name: k, exact: true });
const transcript = (page: Page) => page.getByTestId('sp-transcript');

async function placeCall(page: Page) {
  await page.getByLabel('来电号码').fill('+8613800138000');
  await page.getByLabel('国家/地区').fill('CN');
  // Monday 23 November 2026, 10:00 Beijing time: the general line is open.
  await page.getByLabel('日期和时间（北京时间）').fill('2026-11-23T10:00');
  await page.getByRole('button', { name: '拨打' }).click();
  await transcript(page).getByText('欢迎致电客服中心', { exact: false }).waitFor();
}

describe('the softphone page: a simulated call on the draft, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(() => browser?.close());

  it('a stolen-account caller keys 1, types back the code from the SMS, keys 2 and gets the emergency ticket; the call saved as a script passes on the engine; words reach the identity check', async () => {
    const project = loadProjectOrThrow('flows');
    const { app } = webhookApp({ project });
    const server = await listen(app as never);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, server.baseUrl, DEV_STUDIO_TOKEN);
      await page.getByRole('link', { name: '模拟来电' }).click();
      await page.getByLabel('热线').locator('option[value="general"]').waitFor({ state: 'attached' });
      await page.getByLabel('热线').selectOption('general');
      await placeCall(page);

      // The call's place on the flow's diagram: the main menu, highlighted.
      await page.getByTestId('sp-diagram').locator('.flow-box.highlighted', { hasText: 'main_menu' }).waitFor();
      await key(page, '1').click();
      await transcript(page).getByText('使用该号码接收验证码', { exact: false }).waitFor();
      await key(page, '1').click();
      const code = (await page.getByTestId('sp-code').textContent()) ?? '';
      expect(code).toMatch(/^\d{6}$/);
      // Half the code on the keypad, half on the keyboard's digits.
      for (const digit of code.slice(0, 3)) await key(page, digit).click();
      await page.getByTestId('sp-path').click();
      for (const digit of code.slice(3)) await page.keyboard.press(digit);
      await transcript(page).getByText('身份验证成功', { exact: false }).waitFor();
      // The SMS shows the code; what the caller keyed at the code entry shows as stars.
      expect(await transcript(page).textContent()).toContain('you pressed ******');
      expect(await transcript(page).textContent()).not.toContain(`you pressed ${code}`);
      await key(page, '2').click();
      await page.getByTestId('sp-path').getByText('emergency_ticket', { exact: true }).waitFor();
      await transcript(page).getByText(/已为您登记紧急工单，工单号是[\d ]+/).waitFor();
      expect(await page.getByTestId('sp-node').textContent()).toBe('emergency_menu');
      // Inside the account subflow: its node on the general line's diagram is the one highlighted.
      await page.getByTestId('sp-diagram').locator('.flow-box.highlighted', { hasText: 'account_help' }).waitFor();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '保存为通话脚本' }).click();
      const saved = await download;
      expect(saved.suggestedFilename()).toBe('general.studio.calls.yaml');
      const file = CallScriptFileSchema.parse(parse(readFileSync(await saved.path(), 'utf8')));
      expect(file.calls[0].steps).toContainEqual({ do: 'enterCode', sentTo: '+8613800138000', wrong: false });
      expect(file.calls[0].steps).toContainEqual({ do: 'reach', node: 'emergency_menu' });
      expect((await runScenario(project, ScenarioSchema.parse(file.calls[0]))).failures).toEqual([]);
      await page.getByRole('button', { name: '用引擎检查脚本' }).click();
      await page.getByTestId('sp-check').getByText('脚本通过', { exact: false }).waitFor();
      mkdirSync('docs/studio', { recursive: true });
      await screenshot(page, 'softphone');

      await page.getByRole('button', { name: '挂断' }).click();
      await page.getByTestId('sp-status').getByText('通话已结束', { exact: false }).waitFor();
      await placeCall(page);
      await page.getByLabel('来电者说').fill('我的账号被盗了');
      await page.getByRole('button', { name: '说话', exact: true }).click();
      await transcript(page).getByText('使用该号码接收验证码', { exact: false }).waitFor();
      await page.getByTestId('sp-path').getByText('emergency_identity', { exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);
});
