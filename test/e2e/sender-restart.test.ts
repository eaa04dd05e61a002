/**
 * A sender that starts (a restart, or another instance taking the role) does not know when
 * the last one wrote to each chat: its first message to a chat waits that chat's gap, so
 * Telegram's 1/s per private chat holds across the change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, joinAndApprove, startHarness } from '../support/harness.ts';

test('a sender started right after another wrote to a chat waits the chat’s gap before writing to it again', async () => {
  const h = await startHarness({ sender: { privateGapMs: 1000, groupGapMs: 3000, perSecond: 30 } });
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    await createCellWithSecretary(h, sec);
    const lan = h.api.user({ id: 202, first_name: 'Lan' });
    await joinAndApprove(h, sec, lan, { name: 'Trần Thị Lan', gender: 'Nữ', status: 'Chính thức', theory: 'Cử nhân', dues: '45k' });
    await h.settle();
    h.clock.set('2025-01-10T10:00:00+07:00');
    h.api.enforceLimits({ privateGapMs: 1000, globalPerSecond: 30, groupPerMinute: 20 });
    const calls = h.api.calls.length;
    const mark = sec.mark();
    // Lan's claim: the secretary (the cell's collector by default) is told through the outbox …
    await lan.send('/dues');
    await lan.press('✋ Tôi đã đóng');
    await lan.press('💵 Tiền mặt');
    await h.api.waitFor(() => /báo đã đóng/.test(sec.since(mark)), 5000, 'the first notice');
    // … the process stops at once and a new one starts, and her next claim is told to the same chat.
    await h.restart();
    await lan.press('✋ Tôi đã đóng');
    await lan.press('☐ 02/2025 · 45.000 đ');
    await lan.press('💵 Tiền mặt');
    await h.api.waitFor(() => (sec.since(mark).match(/báo đã đóng/g) ?? []).length === 2, 5000, 'the second notice');
    h.api.enforceLimits(undefined);
    // (Lan's own answers come as fast as the test presses, polling: the fake counts them too, so only the secretary's chat is looked at.)
    assert.deepEqual(
      h.api.calls.slice(calls).filter((c) => c.chatId === sec.id && c.status === 429),
      [],
      'no notice beyond 1/s to the secretary’s chat',
    );
  } finally {
    await h.stop();
  }
});
