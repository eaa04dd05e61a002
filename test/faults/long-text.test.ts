/**
 * Texts longer than Telegram's 4,096 characters: one splitter at the send layer cuts every
 * text the bot sends (replies, edits, the outbox) on line boundaries and never inside a
 * grapheme (an emoji's surrogate pair, a family emoji joined by ZWJ, a flag, a letter with
 * its combining mark). Telegram refuses a longer message (the fake does too), and an answer
 * to a press longer than 200 characters.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { startHarness, type Harness } from '../support/harness.ts';
import { FakeBotApi, type FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { splitMessage } from '../../src/telegram/keyboards.ts';
import { t } from '../../src/telegram/texts/index.ts';

const MAX_TEXT = 4096;
const graphemes = (s: string) => [...new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

test('the splitter: every part within the limit, cut only between graphemes, nothing but the separators at the cuts lost', () => {
  const pieces = ['a', 'Đ', 'ữ', 'e\u0301', ' ', '\n', '👍', '👨‍👩‍👧‍👦', '🇻🇳', '👍🏽', 'Xây dựng Đảng', '\n\n'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 20, max: 300 }), (parts, limit) => {
      const text = parts.join('');
      const out = splitMessage(text, limit);
      const all = graphemes(text);
      let i = 0;
      for (const part of out) {
        assert.ok(part.length <= limit, `a part of ${part.length} > ${limit}`);
        assert.ok(part.length > 0);
        // Whitespace at a cut may go; everything else is the original's graphemes, in order.
        while (i < all.length && /^\s+$/.test(all[i]!) && !part.startsWith(all[i]!)) i++;
        for (const g of graphemes(part)) {
          assert.equal(g, all[i], `grapheme ${i}: "${g}" in a part where the text has "${all[i]}"`);
          i++;
        }
      }
      assert.ok(
        all.slice(i).every((g) => /^\s+$/.test(g)),
        'nothing left out',
      );
    }),
    { numRuns: 300 },
  );
  // Line boundaries first: 30 lines of about 300 characters are cut between lines.
  const lines = Array.from({ length: 30 }, (_, n) => `${n}. ${Array(13).fill('Đảng viên gương mẫu 👍').join(' ')}`);
  const parts = splitMessage(lines.join('\n'));
  assert.ok(parts.length > 1 && parts.every((p) => p.length <= MAX_TEXT));
  assert.deepEqual(
    parts.flatMap((p) => p.split('\n')),
    lines,
  );
});

let h: Harness;
let api: FakeBotApi;
let dataDir: string;
let users: Map<string, FakeUser>;
const minutes: string[] = [];

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-long-'));
  const cell = cellData({ cellId: 'l1', year: 2024, asOf: '2024-12-10', members: 12, firstId: 800, review: false });
  // A year of long minutes (each shown in full: the list cuts at 300 characters).
  for (const [n, rec] of Object.values(cell.meetings.records).entries()) {
    const text = `Tháng ${n + 1} 🇻🇳: ${'chi bộ đánh giá kết quả thực hiện nhiệm vụ chính trị, công tác xây dựng Đảng 👨‍👩‍👧‍👦; '.repeat(4)}`.slice(0, 290).trim();
    rec.minutes = { ...rec.minutes!, content: text };
    minutes.push(text);
  }
  // And the committee's own notes in that section (the list shows five, 400 characters each).
  for (let n = 1; n <= 3; n++) {
    cell.journal.entries.push({
      id: `jl-${n}`,
      on: `2024-0${n}-15`,
      section: 'xay_dung_dang',
      text: `Ghi chép ${n}: ${'kết nạp đảng viên mới, bồi dưỡng quần chúng ưu tú. '.repeat(8)}`.trim(),
      by: '800',
      at: `2024-0${n}-15T03:00:00.000Z`,
    });
  }
  await writeCells(dataDir, [cell]);
  api = await FakeBotApi.start();
  users = usersOf(api, cell);
  h = await startHarness({ now: '2024-12-20T09:00:00+07:00', dataDir, api });
});

after(async () => {
  await h.stop();
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('the journal page "Xây dựng Đảng" with a year of minutes: several messages, every line whole, the buttons on the last, no apology', async () => {
  const deputy = users.get('801')!;
  await deputy.send('/note');
  await deputy.press(t.journal.browse);
  await deputy.press(/^Kết quả đạt được/);
  const mark = deputy.mark();
  await deputy.press(/^Xây dựng Đảng/);
  const sent = deputy.messages().slice(mark);
  const all = sent.map((m) => m.text).join('\n');
  assert.ok(!all.includes(t.common.apology), all.slice(0, 300));
  assert.ok(all.length > 4096, `a page longer than one message (${all.length})`);
  assert.ok(sent.length >= 2, `split into ${sent.length} messages`);
  for (const m of sent) assert.ok(m.text.length <= 4096);
  for (const line of minutes) assert.ok(all.includes(line), `line whole in one message: ${line.slice(0, 40)}`);
  assert.ok(
    sent
      .at(-1)!
      .keyboard?.flat()
      .some((b) => b.text === t.journal.back),
    'the buttons come with the last part',
  );
  assert.ok(
    sent.slice(0, -1).every((m) => !m.keyboard),
    'and only there',
  );
});

test('the same layer under edits, answers to a press and the outbox (bot.telegram): too long an edit becomes its first part and the rest follows, buttons last; an answer is cut to 200', async () => {
  const deputy = users.get('801')!;
  const tg = h.app.bot.telegram; // what the outbox sender sends through
  const long = [...minutes, ...minutes].join('\n\n');
  const kb = { reply_markup: { inline_keyboard: [[{ text: 'Đồng ý', callback_data: 'x' }]] } };
  assert.ok(long.length > 4096);
  let mark = deputy.mark();
  const returned = await tg.sendMessage(801, long, kb);
  let sent = deputy.messages().slice(mark);
  assert.ok(sent.length >= 2 && sent.every((m) => m.text.length <= 4096), `${long.length}: ${sent.map((m) => m.text.length)}`);
  assert.deepEqual(
    sent.map((m) => Boolean(m.keyboard)),
    [...sent.slice(1).map(() => false), true],
  );
  assert.equal(returned.message_id, sent.at(-1)!.message_id, 'the message with the buttons is the one returned');
  for (const line of minutes) assert.ok(sent.some((m) => m.text.includes(line)));

  mark = deputy.mark();
  const edited = `Đã sửa:\n\n${long}\n\nĐã sửa.`;
  await tg.editMessageText(801, sent[0]!.message_id, undefined, edited, kb);
  const first = deputy.messages().find((m) => m.message_id === sent[0]!.message_id)!;
  assert.equal(first.edits, 1);
  assert.ok(first.text.length <= 4096 && !first.keyboard);
  sent = deputy.messages().slice(mark);
  assert.ok(first.text.startsWith('Đã sửa:'));
  assert.ok(sent.length >= 1 && sent.at(-1)!.keyboard && sent.at(-1)!.text.endsWith('Đã sửa.'));
  // The first part unchanged (Telegram: "message is not modified"): the rest still follows.
  mark = deputy.mark();
  await tg.editMessageText(801, first.message_id, undefined, edited, kb);
  assert.equal(first.edits, 1);
  assert.ok(deputy.messages().slice(mark).at(-1)?.text.endsWith('Đã sửa.'));

  await tg.answerCbQuery('long-answer', `Đồng chí ${'Nguyễn Thị Hồng Nhung 👍 '.repeat(20)}`, { show_alert: true });
  const answer = api.callbackAnswers.find((a) => a.callbackId === 'long-answer')!;
  assert.ok(answer.text!.length <= 200 && answer.text!.endsWith('…'), answer.text);
});
