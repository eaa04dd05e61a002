/**
 * A queued message whose moment passed before its turn came (a reminder due while the bot
 * was down, a fan-out longer than its window) is not sent: it is settled, and what is still
 * current is sent as usual.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, startHarness } from '../support/harness.ts';

test('an item past its expiry is settled without a send; one still current is sent', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    await h.settle();
    const mark = sec.mark();
    const expired = h.app.sender.stats.expired;
    const now = h.clock.now().getTime();
    const item = (key: string, cellName: string, expiresAt: number) => ({
      key,
      chatId: sec.id,
      notice: { kind: 'join.approved' as const, cellName },
      createdAt: new Date(now - 3_600_000).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      attempts: 0,
    });
    await h.app.store.updateCell(cellId, (d) => {
      d.outbox.pending.push(item('late', 'Chi bộ Hết Hạn', now - 60_000), item('current', 'Chi bộ Còn Hạn', now + 3_600_000));
    });
    await h.settle();
    assert.match(sec.since(mark), /Chi bộ Còn Hạn/);
    assert.doesNotMatch(sec.since(mark), /Chi bộ Hết Hạn/);
    assert.equal(h.app.sender.stats.expired, expired + 1);
    const pending = (await h.app.store.cell(cellId))!.outbox.pending.map((p) => p.key);
    assert.deepEqual(
      pending.filter((k) => k === 'late' || k === 'current'),
      [],
      'both settled',
    );
  } finally {
    await h.stop();
  }
});
