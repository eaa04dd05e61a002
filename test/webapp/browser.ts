/**
 * Debian's chromium driven by playwright-core, for the Mini App's tests and the bench: headless,
 * no sandbox, nothing fetched in the background, a fresh profile each time. Telegram's script is
 * answered with the test-only stand-in (telegram-stub.js) carrying the given init data.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Telegram's light theme, as themeParams. */
export const THEME = { bg_color: '#ffffff', text_color: '#000000', hint_color: '#707579', link_color: '#3390ec', button_color: '#3390ec', button_text_color: '#ffffff', secondary_bg_color: '#f4f4f5' };

export interface Phone {
  context: BrowserContext;
  /** A new tab at phone size whose Telegram.WebApp carries `initData`. */
  open(url: string, initData: string): Promise<Page>;
  close(): Promise<void>;
}

export async function phone(size = { width: 390, height: 844 }): Promise<Phone> {
  const profile = await mkdtemp(path.join(tmpdir(), 'chibo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: size,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const stub = await readFile(path.join(import.meta.dirname, 'telegram-stub.js'), 'utf8');
  await context.route('https://telegram.org/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: stub }));
  return {
    context,
    async open(url, initData) {
      const page = await context.newPage();
      await page.addInitScript((init) => Object.assign(window, { __tgInit: init }), { initData, themeParams: THEME });
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
