/**
 * The Mini App end to end: the real bot (polling the fake Bot API) serving the page and its
 * API on its own HTTP server, the page in Debian's chromium at phone size, signed in with
 * init data signed by the test bot's token. A member starts in the form, goes on in the chat,
 * finishes in the form and finds the .docx in the chat; the committee rates and sees the quota.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { readDocx } from '../support/docx.ts';
import { hasChromium, phone, type Phone } from './browser.ts';
import { builtPage, initData } from './support.ts';

const skip = !hasChromium() && 'needs /usr/bin/chromium (installed by .ci/run)';
export const WEBAPP_URL = 'https://chibo.example.org/app/';

let browser: Phone;
before(async () => {
  if (!skip) browser = await phone();
});
after(async () => {
  await browser?.close();
});

/** The bot with the Mini App on (port 0: any free one), a cell with a secretary and An, the review open. */
export async function reviewWithWebapp(): Promise<{ h: Harness; sec: FakeUser; an: FakeUser; cellId: string; base: string }> {
  const h = await startHarness({ webapp: { url: new URL(WEBAPP_URL), port: 0, host: '127.0.0.1' }, webappDir: await builtPage() });
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const an = h.api.user({ id: 202, first_name: 'An' });
  await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', birthYear: '1985', status: 'Chính thức', theory: 'Trung cấp' });
  await sec.send('/evaluate');
  await sec.press('Mở kiểm điểm năm 2024');
  await sec.press('19/11/2024 (sau 15 ngày)');
  await h.settle();
  const port = h.app.http!.port;
  return { h, sec, an, cellId, base: `http://127.0.0.1:${port}/app/` };
}

const draftOf = async (h: Harness, cellId: string, userId: number) => (await h.app.store.cell(cellId))!.dialogs[String(userId)]?.states.evaluate;

test('a member writes two sections in the form, reloads, answers one in the chat, comes back, sends, and gets the .docx in the chat', { skip }, async () => {
  const { h, sec, an, cellId, base } = await reviewWithWebapp();
  try {
    // The invitation has the form's button beside the chat's.
    const invite = an.messages().findLast((m) => /Chi bộ đã mở kiểm điểm năm 2024/.test(m.text))!;
    const buttons = invite.keyboard!.flat();
    assert.deepEqual(
      buttons.map((b) => b.text),
      ['Bắt đầu kiểm điểm', '✍️ Viết trên biểu mẫu'],
    );
    assert.equal((buttons[1] as { web_app?: { url: string } }).web_app?.url, `${WEBAPP_URL}?page=form`);
    assert.deepEqual(h.api.menuButtons.get(202), { type: 'web_app', text: 'Kiểm điểm', web_app: { url: `${WEBAPP_URL}?page=form` } }, 'the menu button of a member of a cell with an open review');

    const page = await browser.open(`${base}?page=form`, initData(h.api.token, { id: 202, first_name: 'An' }, h.clock.now()));
    const s11 = page.getByLabel(/^I\.1\. Về tư tưởng chính trị/);
    await s11.fill('Luôn giữ vững lập trường tư tưởng chính trị.');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/draft') && r.request().method() === 'PUT' && r.status() === 200);
    await page.getByLabel(/^I\.2\. Việc thực hiện chức trách/).fill('Giảng dạy môn Toán lớp 8A, 8B; tỉ lệ đạt yêu cầu 92%.');
    await saved;
    await page.getByText('Đã lưu nháp.').waitFor();
    assert.deepEqual((await draftOf(h, cellId, 202))!.answers.s11, ['Luôn giữ vững lập trường tư tưởng chính trị.'], 'the same record as the chat dialog');
    assert.deepEqual((await draftOf(h, cellId, 202))!.answers.s12, ['Giảng dạy môn Toán lớp 8A, 8B; tỉ lệ đạt yêu cầu 92%.']);

    await page.reload();
    assert.equal(await page.getByLabel(/^I\.2\./).inputValue(), 'Giảng dạy môn Toán lớp 8A, 8B; tỉ lệ đạt yêu cầu 92%.', 'the draft is there after a reload');

    // The chat goes on where the form stopped: I.3.
    await an.send('/evaluate');
    assert.match(an.last()!.text, /^Phần I\.3 \(3\/9\)/);
    await an.send('Hoàn thành cam kết tu dưỡng, rèn luyện đầu năm.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần II\.1 \(4\/9\)/);

    await page.reload();
    assert.equal(await page.getByLabel(/^I\.3\./).inputValue(), 'Hoàn thành cam kết tu dưỡng, rèn luyện đầu năm.', "the chat's answer is in the form");
    for (const [label, text] of [
      [/^II\.1\./, 'Chưa mạnh dạn phê bình đồng nghiệp.'],
      [/^II\.2\./, 'Còn nể nang, ngại va chạm.'],
      [/^III\./, 'Đã khắc phục việc chậm nộp hồ sơ.'],
      [/^VI\./, 'Tích cực tự phê bình và phê bình.'],
    ] as const) {
      await page.getByLabel(label).fill(text);
    }
    await page.getByLabel('Xếp loại đảng viên').selectOption('tot');
    await page.screenshot({ path: '/tmp/webapp-form-bottom.png' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/webapp-form.png' });
    const before = an.mark();
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/submit'));
    await page.evaluate(() => (window as unknown as { __tgButtons: { main: { click(): void } } }).__tgButtons.main.click());
    assert.equal((await sent).status(), 200);
    await page.getByText(/Đã gửi bản kiểm điểm năm 2024 \(lần 1\)/).waitFor();

    const doc = an
      .messages()
      .slice(before)
      .find((m) => m.document)?.document;
    assert.ok(doc, 'the .docx arrives in the chat');
    assert.match(doc.fileName, /\.docx$/);
    const text = readDocx(doc.bytes).text;
    for (const part of ['Luôn giữ vững lập trường tư tưởng chính trị.', 'Hoàn thành cam kết tu dưỡng, rèn luyện đầu năm.', 'Tích cực tự phê bình và phê bình.']) assert.ok(text.includes(part), part);
    assert.equal(await draftOf(h, cellId, 202), undefined, 'the draft went with the send');
    assert.equal((await h.app.services.review.mine(202))!.latest!.partyRating, 'tot');
    await page.close();

    // Without the Mini App, /report's summary has the same two charts as a PNG beside it.
    const mark = sec.mark();
    await sec.send('/report');
    const report = sec.messages().slice(mark);
    const chart = report.findIndex((m) => m.document?.fileName === 'bieu-do-2024.png');
    assert.ok(chart > 0, 'the PNG is sent');
    assert.equal(report[chart - 1]!.document, undefined);
    assert.match(report[chart - 1]!.text, /2024/, 'right after the summary');
    const png = report[chart]!.document!.bytes;
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(report[chart]!.text, 'Năm 2024 nhìn nhanh: dự họp từng cuộc và đảng phí từng tháng.');
  } finally {
    await h.stop();
  }
});

test('the committee rates a member in the table and sees the quota warning; the year’s charts are drawn', { skip }, async () => {
  const { h, an, base } = await reviewWithWebapp();
  try {
    // An sends through the chat.
    await an.send('/evaluate');
    for (const text of ['Giữ vững lập trường.', 'Dạy tốt.', 'Hoàn thành cam kết.', 'Chưa mạnh dạn.', 'Nể nang.', 'Đã khắc phục.']) {
      await an.send(text);
      await an.press('Xong phần này');
    }
    await an.press('Không có');
    await an.press('Không có');
    await an.send('Tự phê bình.');
    await an.press('Xong phần này');
    await an.press('Hoàn thành xuất sắc nhiệm vụ');
    await an.press('Không tự chấm điểm');
    await an.press('Gửi');

    const page = await browser.open(`${base}?page=committee`, initData(h.api.token, { id: 101, first_name: 'Bình' }, h.clock.now()));
    await page.getByRole('heading', { name: 'Kiểm điểm năm 2024 — chi ủy' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Đọc bản kiểm điểm của Nguyễn Văn An' }).count(), 1);
    await page.getByLabel('Chi bộ xếp loại đồng chí Trần Thị Bình').selectOption('tot');
    await page.getByText('Đã ghi: đồng chí Trần Thị Bình — Hoàn thành tốt nhiệm vụ.').waitFor();
    assert.ok(await page.locator('#quota').isHidden());
    await page.getByLabel('Chi bộ xếp loại đồng chí Nguyễn Văn An').selectOption('xuat_sac');
    const alert = page.locator('#quota');
    await alert.waitFor({ state: 'visible' });
    assert.match((await alert.textContent()) ?? '', /vượt 20% số “Hoàn thành tốt nhiệm vụ” \(1; tối đa 0\)/);
    assert.equal((await h.app.services.review.progress(101, 2024)).figures.decided.xuat_sac, 1);
    await page.locator('svg[aria-label^="Số đảng viên dự họp"]').waitFor();
    await page.screenshot({ path: '/tmp/webapp-committee.png', fullPage: true });

    await page.getByRole('button', { name: 'Đọc bản kiểm điểm của Nguyễn Văn An' }).click();
    await page.getByText('Giữ vững lập trường.').waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __tgButtons: { back: { isVisible: boolean } } }).__tgButtons.back.isVisible), true, 'BackButton shown off the home page');
    await page.close();
  } finally {
    await h.stop();
  }
});
