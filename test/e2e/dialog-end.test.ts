/**
 * A dialog ends in the same write as its result (the command its finish calls is told
 * which dialog it ends): no write ever holds the result with the dialog still asking for
 * it, so a crash between two writes cannot leave the answer saved and the question open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, startHarness } from '../support/harness.ts';
import type { CellFile } from '../../src/store/schema.ts';

/** Every committed version of one cell's file, in order. */
function commitsOf(h: Awaited<ReturnType<typeof startHarness>>, cellId: string): CellFile[] {
  const seen: CellFile[] = [];
  h.app.store.onCommit((shardId, d) => {
    if (shardId === cellId) seen.push(d as CellFile);
  });
  return seen;
}

const asking = (d: CellFile, tgId: number, dialogId: string) => d.dialogs[String(tgId)]?.states[dialogId] !== undefined;

test('the joining dialog ends in the write that records the application', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const commits = commitsOf(h, cellId);
    const lan = h.api.user({ id: 202, first_name: 'Lan' });
    await lan.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await lan.send('Trần Thị Lan');
    await lan.press('Nữ');
    await lan.press('Bỏ qua');
    await lan.press('Chính thức');
    await lan.press('Cử nhân');
    await lan.press('Viên chức');
    await lan.press(/^Giữ: /);
    await lan.send('45.000');
    assert.ok(
      commits.some((d) => asking(d, 202, 'join')),
      'the dialog was saved while it asked',
    );
    await lan.press('Gửi');
    await h.settle();
    const submitted = commits.filter((d) => d.members['202']?.state === 'pending');
    assert.ok(submitted.length > 0, 'the application is recorded');
    assert.deepEqual(submitted.filter((d) => asking(d, 202, 'join')).length, 0, 'no write holds the application and the open dialog');
    assert.equal(asking((await h.app.store.cell(cellId))!, 202, 'join'), false);
  } finally {
    await h.stop();
  }
});

test('the dues-day dialog of /settings ends in the write that sets the day; typing afterwards is not taken for a day', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const commits = commitsOf(h, cellId);
    await sec.send('/settings');
    await sec.press('Đảng phí');
    await sec.press('Đổi ngày nhắc');
    await sec.send('10');
    assert.match(sec.last()!.text, /Ngày nhắc đóng: ngày 10 hằng tháng/);
    const set = commits.filter((d) => (d.dues as { settings?: { day?: number | null } }).settings?.day === 10);
    assert.ok(set.length > 0);
    assert.equal(set.filter((d) => asking(d, 101, 'duesday')).length, 0, 'no write holds the new day and the open dialog');
    await sec.send('15');
    await sec.send('/settings');
    await sec.press('Đảng phí');
    assert.match(sec.last()!.text, /Ngày nhắc đóng: ngày 10 hằng tháng/, 'the dialog had ended: 15 changed nothing');
  } finally {
    await h.stop();
  }
});
