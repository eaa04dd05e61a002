/**
 * Telegram failing under the bot, on the fake Bot API: bursts of 429 with retry_after,
 * 5xx, dropped connections, and members who blocked the bot (403) — during a fan-out of
 * every kind of notice at once (the 2-hour group reminder, the dues-day reminders, the
 * review invitations, the secretary's alerts) and on direct replies. Nothing is lost,
 * nothing comes twice, and each unreachable member is reported to the committee once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness.ts';
import { FakeBotApi, type FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { normalizeReview, openYear } from '../../src/core/review/index.ts';
import { PLANNERS } from '../../src/scheduler/scheduler.ts';
import { renderNotice } from '../../src/telegram/notices/index.ts';
import { t } from '../../src/telegram/texts/index.ts';
import type { CellFile } from '../../src/store/schema.ts';
import type { PlannedMessage } from '../../src/core/notices.ts';

/** The meeting of 05/11/2024 at 14:00: the 2-hour reminder and the dues day (the 5th) are due. */
const NOW = '2024-11-05T12:30:00+07:00';
const GROUP = -3001;

let h: Harness;
let api: FakeBotApi;
let dataDir: string;
let cell: CellFile;
let users: Map<string, FakeUser>;
let planned: PlannedMessage[];
const blocked = ['702', '715', '728']; // a committee member and two members

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-tg-'));
  cell = cellData({ cellId: 't1', year: 2024, asOf: '2024-11-01', members: 30, firstId: 700, review: false, groupChatId: GROUP });
  cell.review = normalizeReview(cell.review);
  assert.ok(openYear(cell.review, 2024, '700', new Date('2024-11-04T09:00:00+07:00'), '2024-11-19').ok);
  await writeCells(dataDir, [cell]);
  planned = PLANNERS.flatMap((p) => p.plan(cell, new Date(NOW)));
  api = await FakeBotApi.start();
  users = usersOf(api, cell);
  api.group({ id: GROUP, title: cell.cell.name });
  // Telegram misbehaves from the first send of the start, when everything due goes out at once.
  for (const id of blocked) api.block(Number(id));
  api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 4);
  api.failNext('sendMessage', { kind: '500' }, 2, 705);
  api.failNext('sendMessage', { kind: 'drop' }, 2, 706);
  api.failNext('sendMessage', { kind: '500' }, 1, GROUP);
  api.failNext('sendMessage', { kind: 'drop' }, 1, 700);
  api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 1, 720);
  api.failNext('sendMessage', { kind: '500' }, 3);
  api.failNext('sendMessage', { kind: 'drop' }, 3);
  h = await startHarness({ now: NOW, dataDir, api });
});

after(async () => {
  await h.stop();
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a fan-out of every notice kind under 429 bursts, 5xx, dropped connections and blocked members: each once, nothing lost', async () => {
  await h.settle();
  const kinds = new Set(planned.map((p) => p.notice.kind));
  for (const k of ['meeting.reminder', 'dues.reminder', 'review.invite']) assert.ok(kinds.has(k as never), `${k} is in the fan-out`);
  assert.ok(planned.length >= 60, `a real fan-out (${planned.length})`);
  const s = h.app.sender.stats;
  assert.ok(s.retried429 >= 5, `429s waited and retried (${s.retried429})`);
  assert.ok(s.retriedErrors >= 12, `5xx and drops retried (${s.retriedErrors})`);
  assert.equal(s.failed, 0, 'nothing given up');

  for (const p of planned) {
    const { text } = renderNotice(p.notice);
    const got = api.botMessages(p.chatId).filter((m) => m.text === text).length;
    assert.equal(got, blocked.includes(String(p.chatId)) ? 0 : 1, `${p.key}: received ${got} times`);
  }
  assert.deepEqual((await h.app.store.cell('t1'))!.outbox.pending, [], 'nothing left behind');

  // Each blocked member: unreachable, and every reachable committee member told once.
  const members = (await h.app.store.cell('t1'))!.members;
  for (const id of blocked) assert.equal(members[id]!.reachable, false);
  for (const committee of [700, 701]) {
    for (const id of blocked) {
      const told = api.botMessages(committee).filter((m) => m.text === t.roster.unreachable(members[id]!.name)).length;
      assert.equal(told, 1, `${committee} told ${told} times that ${members[id]!.name} blocked the bot`);
    }
  }
  for (const id of blocked) assert.equal(api.botMessages(Number(id)).length, 0);
  assert.ok(
    !h.logs.some((l) => l.includes('update failed') || l.includes('outbox: message given up')),
    h.logs
      .filter((l) => /update failed|given up|WARN|ERROR/.test(l))
      .join('\n')
      .slice(0, 3000),
  );

  // The next reminders are not planned for them, and the committee hears nothing new.
  await h.tickAt('2024-11-05T12:45:00+07:00');
  await h.restart({ at: '2024-11-05T13:00:00+07:00' });
  await h.settle();
  assert.equal(api.botMessages(700).filter((m) => m.text.includes('đã chặn bot')).length, 3);
  for (const id of blocked) api.unblock(Number(id));
});

test('replies under the same faults: a 429 waits and the answer comes once, a dropped connection and a 5xx are retried, a press whose answer fails is still carried out', async () => {
  const u = users.get('712')!;
  const yes = '✓ Đã ghi nhận: đồng chí tham dự';
  await u.send('/meeting');
  const card = u.last()!;
  assert.ok(
    card.keyboard?.flat().some((b) => b.text === t.meetings.yes),
    card.text,
  );

  // 429 on the reply: waits retry_after, then one reply.
  h.api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 1, u.id);
  const started = Date.now();
  await u.press(t.meetings.yes, card);
  assert.ok(Date.now() - started >= 1000, 'waited retry_after');
  assert.equal(u.messages().filter((m) => m.text.startsWith(yes)).length, 1);
  assert.equal((await h.app.store.cell('t1'))!.meetings.records.r202411!.rsvp['712']!.answer, 'yes');

  // A dropped connection on the reply and on the button's answer: both retried, once each.
  h.api.failNext('sendMessage', { kind: 'drop' }, 1, u.id);
  h.api.failNext('answerCallbackQuery', { kind: 'drop' }, 1);
  const answers = h.api.callbackAnswers.length;
  await u.press(t.meetings.yes, card);
  assert.equal(u.messages().filter((m) => m.text.startsWith(yes)).length, 2, 'the second press answered once');
  assert.equal(h.api.callbackAnswers.length, answers + 1);

  // The press's own answer refused (a press that waited while the bot was down is too old to answer): still carried out.
  h.api.failNext('answerCallbackQuery', { kind: '500' }, 2);
  await u.press(t.meetings.no, card);
  assert.match(u.last()!.text, /cho biết lý do vắng/);
  assert.equal((await h.app.services.dialogs.active(712))?.id, 'mtabsent');
  await u.send('Đi công tác');
  assert.equal((await h.app.store.cell('t1'))!.meetings.records.r202411!.rsvp['712']!.reason, 'Đi công tác');

  // A 5xx on a reply: Telegram's transient failure, retried; the user gets the answer, not an apology.
  const mark = u.mark();
  h.api.failNext('sendMessage', { kind: '500' }, 1, u.id);
  await u.send('/meeting');
  assert.equal(u.messages().length, mark + 1);
  assert.match(u.last()!.text, /Buổi sinh hoạt/);
  assert.ok(!h.logs.some((l) => l.includes('update failed')), 'no update failed');
});
