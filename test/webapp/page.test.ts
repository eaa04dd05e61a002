/**
 * The page in a real browser (Debian's chromium through playwright-core) against a backend
 * kept in memory: labels and hints on every field, the live count, the autosave, a stale
 * save showing the current text, the theme. The whole flow on the real bot is e2e.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import type { DraftFields, DraftView, SaveResult } from '../../src/webapp/api-types.ts';
import { ApiError, type WebappBackend } from '../../src/webapp/backend.ts';
import { createWebapp } from '../../src/webapp/server.ts';
import { hasChromium, phone, type Phone } from './browser.ts';
import { builtPage, initData, serve } from './support.ts';

const TOKEN = '123456789:AAEhBOweik6ad6PsWkGQ8nbN8mtL-test01';
const NOW = new Date('2024-11-04T02:00:00Z');
const SECTIONS = [
  { id: 's11', number: 'I.1', title: 'Về tư tưởng chính trị', hint: 'Lập trường, tư tưởng chính trị.', optional: false, max: 4000 },
  { id: 's4', number: 'IV', title: 'Giải trình những vấn đề được gợi ý kiểm điểm', hint: 'Chỉ viết khi được gợi ý.', optional: true, max: 50 },
];

class MemoryBackend implements WebappBackend {
  fields: DraftFields = { sections: { s11: 'Luôn giữ vững lập trường.', s4: '' } };
  version = 1;
  saves: DraftFields[] = [];
  view(): DraftView {
    return {
      year: 2024,
      deadline: '19/11/2024',
      open: true,
      civilServant: true,
      sections: SECTIONS,
      ratings: [
        { value: 'xuat_sac', label: 'Hoàn thành xuất sắc nhiệm vụ' },
        { value: 'tot', label: 'Hoàn thành tốt nhiệm vụ' },
      ],
      scoreMax: { general: 30, tasks: 70 },
      version: String(this.version),
      fields: structuredClone(this.fields),
      sent: 0,
    };
  }
  async me() {
    return { name: 'An', cellName: 'Chi bộ', committee: false, review: { year: 2024, deadline: '19/11/2024', open: true } };
  }
  async draft() {
    return this.view();
  }
  async saveDraft(_tgId: number, base: string, fields: DraftFields): Promise<SaveResult> {
    if (base !== String(this.version)) return { ok: false, stale: true, message: 'Bản nháp vừa được sửa trong trò chuyện.', current: this.view() };
    this.saves.push(fields);
    this.fields = fields;
    this.version++;
    return { ok: true, version: String(this.version) };
  }
  async submit(): Promise<never> {
    throw new ApiError(422, 'x', 'x');
  }
  committee(): never {
    throw new ApiError(403, 'x', 'x');
  }
  submission(): never {
    throw new ApiError(403, 'x', 'x');
  }
  rate = this.submit;
  journal = this.submit;
  addNote = this.submit;
  charts = this.submit;
}

const skip = !hasChromium() && 'needs /usr/bin/chromium (installed by .ci/run)';
let backend: MemoryBackend;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Phone;

before(async () => {
  if (skip) return;
  backend = new MemoryBackend();
  server = await serve(
    createWebapp({ prefix: '/app', botToken: TOKEN, clock: new FakeClock(NOW), backend, log: createLogger({ level: 'error', secrets: [], sink: () => undefined }), staticDir: await builtPage() }),
  );
  browser = await phone();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the form: a labelled field with its hint per section, a live count, the levels; typing saves the draft', { skip }, async () => {
  const page = await browser.open(`${server.url}/app/`, initData(TOKEN, { id: 202 }, NOW));
  const s11 = page.getByLabel('I.1. Về tư tưởng chính trị');
  assert.equal(await s11.inputValue(), 'Luôn giữ vững lập trường.');
  assert.equal(await s11.getAttribute('aria-describedby'), 's11-hint s11-count');
  assert.equal(await page.locator('#s11-hint').textContent(), 'Lập trường, tư tưởng chính trị.');
  assert.equal(await page.locator('#s11-count').textContent(), '25/4.000 ký tự');
  assert.ok(await page.getByLabel('IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)').isVisible());
  assert.ok(await page.getByLabel('Xếp loại cán bộ, công chức, viên chức').isVisible(), 'a civil servant has VII.1');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  assert.equal(await page.evaluate(() => document.documentElement.style.getPropertyValue('--tg-button-color')), '#3390ec');

  const iv = page.getByLabel(/^IV\./);
  await iv.fill('x'.repeat(55));
  assert.equal(await page.locator('#s4-count').textContent(), '55/50 ký tự — quá 5 ký tự');
  assert.equal(await iv.getAttribute('aria-invalid'), 'true');
  await iv.fill('Không được gợi ý.');
  await page.getByLabel('Xếp loại đảng viên').selectOption('tot');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/draft') && r.request().method() === 'PUT');
  await s11.fill('Luôn giữ vững lập trường, tư tưởng chính trị.');
  assert.equal((await saved).status(), 200);
  await page.getByText('Đã lưu nháp.').waitFor();
  assert.deepEqual(backend.saves.at(-1), {
    sections: { s11: 'Luôn giữ vững lập trường, tư tưởng chính trị.', s4: 'Không được gợi ý.' },
    partyRating: 'tot',
    civilRating: null,
    scoreGeneral: null,
    scoreTasks: null,
  });
  assert.equal(await page.evaluate(() => (window as unknown as { __tgButtons: { main: { text: string; isVisible: boolean } } }).__tgButtons.main.text), 'Gửi bản kiểm điểm');
  await page.screenshot({ path: '/tmp/webapp-form-fake.png', fullPage: false });
  await page.close();
});

test('a stale save: the current text comes back with a message, and what was typed is shown unsaved', { skip }, async () => {
  const page = await browser.open(`${server.url}/app/`, initData(TOKEN, { id: 202 }, NOW));
  const s11 = page.getByLabel(/^I\.1\./);
  await s11.waitFor();
  // Meanwhile the chat changes the draft.
  backend.fields = { sections: { s11: 'Viết trong trò chuyện.', s4: '' } };
  backend.version++;
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/draft') && r.request().method() === 'PUT');
  await s11.fill('Viết trên biểu mẫu.');
  assert.equal((await answered).status(), 409);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /Bản nháp vừa được sửa trong trò chuyện\.I\.1: Viết trên biểu mẫu\./);
  assert.equal(await page.getByLabel(/^I\.1\./).inputValue(), 'Viết trong trò chuyện.');
  assert.equal(backend.fields.sections.s11, 'Viết trong trò chuyện.', 'nothing overwritten');
  await page.close();
});

test('outside Telegram (no init data) the page says to open it from the bot; forged data is signed out', { skip }, async () => {
  const page = await browser.open(`${server.url}/app/`, '');
  await page.getByText('Xin mở trang này bằng nút “✍️ Viết trên biểu mẫu” trong Telegram.').waitFor();
  await page.close();
  const forged = await browser.open(`${server.url}/app/`, initData('111:forged-token-forged-token-xx', { id: 202 }, NOW));
  await forged.getByText('Phiên đăng nhập đã hết hạn. Xin đóng trang và mở lại từ Telegram.').waitFor();
  await forged.close();
});
