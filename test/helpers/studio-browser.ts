import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STUDIO_ASSETS } from '../../src/server/studio/studio-routes';

/** Debian's Chromium (`apt-get install chromium`), which .ci/run installs when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A headless Chromium for the studio's browser tests. Missing Chromium or a studio that was never
 * built fails the test with the command that fixes it: these tests never skip.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(`${STUDIO_ASSETS}/index.html`)) throw new Error(`the studio is not built (${STUDIO_ASSETS}): npm run build`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

/** Starts an express app on a free loopback port; its base URL and a stop function. */
export async function listen(app: (req: never, res: never) => void): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const server: Server = createServer(app as never);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Signs in on the studio's page with a token, as a user would type it. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/studio/`);
  await page.getByLabel(/访问令牌|Access token/).fill(token);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.getByTestId('who').waitFor();
}

/**
 * A screenshot of a studio page (1280×800 in the tests). With STUDIO_SCREENSHOTS=1 (`npm run
 * screenshots`) it replaces docs/studio/<name>.png, the picture the README shows; otherwise it
 * goes to the temp folder, so a test run leaves the working tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = process.env.STUDIO_SCREENSHOTS === '1' ? `docs/studio/${name}.png` : join(tmpdir(), `ivr-studio-${name}.png`);
  await page.screenshot({ path });
  return path;
}
