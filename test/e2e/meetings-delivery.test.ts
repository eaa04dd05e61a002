/**
 * Reminders that never get lost and never come twice: a member who blocked the bot, a
 * 429 storm, Telegram's limits, and restarts between planning and sending and in the
 * middle of sending. One cell of ten members; each case uses the 3-day reminder of a
 * different month's meeting (first Thursday, 14:00).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/harness.ts';
import { meetingCell, sentTo, setThursdayRule, type MeetingCell } from './meetings-fixture.ts';

let h: Harness;
let c: MeetingCell;

before(async () => {
  h = await startHarness({ now: '2024-11-28T09:00:00+07:00' });
  c = await meetingCell(h);
  await setThursdayRule(c.sec);
  await h.settle();
});

after(() => h.stop());

/** Every chat of the cell (the group and the ten members, but `except`) got the 3-day reminder of `date` exactly once. */
function exactlyOnce(date: string, except: number[] = []): void {
  for (const chat of [c.group.id, c.sec.id, ...c.members.map((u) => u.id)]) {
    const got = sentTo(h, chat, '🔔 Nhắc lịch sinh hoạt').filter((x) => x.includes(date));
    assert.equal(got.length, except.includes(chat) ? 0 : 1, `chat ${chat} got ${got.length} reminders for ${date}`);
  }
}

const pendingMeetings = async () => (await h.app.store.cell(c.cellId))!.outbox.pending.filter((p) => p.key.includes(':meeting:'));

test('a 429 storm: every reminder waits retry_after and goes out once — nothing lost, nothing twice', async () => {
  const rejected = h.api.rejected429;
  h.api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 6);
  const started = Date.now();
  await h.tickAt('2024-12-02T14:00:00+07:00');
  assert.equal(h.api.rejected429 - rejected, 6);
  assert.ok(Date.now() - started >= 1000, 'the sender waited retry_after');
  exactlyOnce('05/12/2024');
  assert.deepEqual(await pendingMeetings(), []);
});

test('Telegram limits enforced by the fake (1/s per chat, 8/s overall): nothing lost, nothing twice', async () => {
  const rejected = h.api.rejected429;
  // The harness's sender does not pace; the fake answers 429 (retry_after 1) beyond 8 messages a second.
  h.api.enforceLimits({ privateGapMs: 1000, globalPerSecond: 8, groupPerMinute: 20 });
  await h.tickAt('2024-12-30T14:00:00+07:00');
  h.api.enforceLimits(undefined);
  assert.ok(h.api.rejected429 > rejected);
  exactlyOnce('02/01/2025');
});

test('a restart between planning and sending: the planned reminders go out after the restart, once', async () => {
  await h.app.sender.stop(); // the process dies right after the planner's write
  h.clock.set('2025-02-03T14:00:00+07:00');
  await h.app.scheduler.tick();
  assert.equal((await pendingMeetings()).length, 11, 'persisted before sending');
  assert.equal(sentTo(h, c.members[0]!.id, '06/02/2025').length, 0, 'nothing sent yet');
  await h.restart({ at: '2025-02-03T14:03:00+07:00' });
  await h.settle();
  exactlyOnce('06/02/2025');
});

test('a restart in the middle of sending (a 429 pause): the rest goes out after the restart, none twice', async () => {
  const rejected = h.api.rejected429;
  h.api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 3);
  h.clock.set('2025-03-03T14:00:00+07:00');
  await h.app.scheduler.tick();
  await h.api.waitFor(() => h.api.rejected429 > rejected, 5000, 'a 429');
  await h.restart();
  await h.settle();
  exactlyOnce('06/03/2025');
  // Ticking again after the restart repeats nothing.
  await h.tickAt('2025-03-03T14:10:00+07:00');
  exactlyOnce('06/03/2025');
});

test('a member who blocked the bot is marked unreachable and the committee is told once', async () => {
  const blocked = c.members[2]!;
  h.api.block(blocked.id);
  await h.tickAt('2025-03-31T14:00:00+07:00');
  await h.api.waitFor(() => sentTo(h, c.sec.id, 'Đồng chí Phạm Văn Dũng đã chặn bot').length > 0, 5000, 'the committee told');
  assert.equal((await h.app.store.cell(c.cellId))!.members[String(blocked.id)]!.reachable, false);
  assert.deepEqual(sentTo(h, c.sec.id, 'Đồng chí Phạm Văn Dũng đã chặn bot'), [
    'Đồng chí Phạm Văn Dũng đã chặn bot (hoặc không mở được tin nhắn riêng), nên sẽ không nhận được nhắc nhở. Xin nhắc đồng chí ấy mở lại bot và bấm Start.',
  ]);
  exactlyOnce('03/04/2025', [blocked.id]);
  // The roster shows it.
  await c.sec.send('/members');
  assert.match(c.sec.last()!.text, /Phạm Văn Dũng.*⚠️ không nhận được tin nhắn của bot/);
  // The next reminders are not planned for the unreachable member; the committee is not told again.
  await h.tickAt('2025-04-02T14:00:00+07:00');
  await h.tickAt('2025-04-03T12:00:00+07:00');
  const sent = Object.keys((await h.app.store.cell(c.cellId))!.outbox.sent).filter((k) => k.includes(':meeting:r202504:') && k.endsWith(`:${blocked.id}`));
  assert.deepEqual(sent, [`${c.cellId}:meeting:r202504:d3@202504031400:${blocked.id}`], 'only the refused one');
  assert.equal(sentTo(h, c.sec.id, 'Đồng chí Phạm Văn Dũng đã chặn bot').length, 1);
  // Unblocked, the member writes to the bot again: reachable, and the next meeting reaches them.
  h.api.unblock(blocked.id);
  await blocked.send('/meeting');
  assert.equal((await h.app.store.cell(c.cellId))!.members[String(blocked.id)]!.reachable, true);
  await h.tickAt('2025-04-28T14:00:00+07:00'); // Thursday 01/05/2025
  assert.equal(sentTo(h, blocked.id, '🔔').filter((x) => x.includes('01/05/2025')).length, 1);
});

test('missed while the bot was down: the 3-day reminder still goes out at start 2 days before; the 2-hour one never after the start', async () => {
  // Down from before 02/06 14:00 until 03/06 14:00 (the meeting is Thursday 05/06/2025 14:00).
  await h.restart({ at: '2025-06-03T14:00:00+07:00' });
  await h.settle();
  exactlyOnce('05/06/2025');
  const groupBefore = sentTo(h, c.group.id, '05/06/2025').length;
  // Down again over the 2-hour reminder, back after the start.
  await h.restart({ at: '2025-06-05T14:30:00+07:00' });
  await h.settle();
  assert.equal(sentTo(h, c.group.id, '05/06/2025').length, groupBefore, 'no 2-hour reminder after the start');
  assert.equal(sentTo(h, c.sec.id, /05\/06\/2025.*đã bắt đầu\. Sau buổi họp, xin đồng chí điểm danh/).length, 1, 'the attendance nudge still goes');
});
