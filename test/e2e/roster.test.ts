import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cbJoinDecision, cbMember } from '../../src/telegram/callback-data.ts';
import { createCellWithSecretary, fillJoin, joinAndApprove, startHarness } from '../support/harness.ts';

test('non-members and members are refused committee commands and buttons; nothing changes', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    const applicant = h.api.user({ id: 202, first_name: 'Bảo' });
    await applicant.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await fillJoin(applicant, { name: 'Hoàng Gia Bảo', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await applicant.press('Gửi');
    await h.settle();
    const stranger = h.api.user({ id: 999, first_name: 'Lạ' });
    // everything of the cell except the ring of handled update ids
    const snapshot = async () => JSON.stringify({ ...(await h.app.store.cell(cellId))!, processedUpdates: [] });
    const before = await snapshot();

    for (const u of [stranger, an]) {
      for (const cmd of ['/member', '/invite', '/invite new', '/settings']) {
        await u.send(cmd);
        assert.match(u.last()!.text, /chỉ bí thư chi bộ thực hiện được/, `${u.id} ${cmd}`);
      }
      await u.send('/newcell');
      assert.match(u.last()!.text, /chỉ người quản trị bot/);
      // forged buttons: approve the pending applicant, make oneself secretary
      await u.pressData(cbJoinDecision.make({ cell: cellId, member: '202', accept: 'y' }), sec.last());
      assert.match(u.lastAnswer()!.text!, /chỉ bí thư/);
      await u.pressData(cbMember.make({ cell: cellId, member: String(u.id), field: 'role', value: 'secretary' }), sec.last());
      assert.match(u.lastAnswer()!.text!, /chỉ bí thư/);
      await u.pressData('me:garbage', sec.last());
      await u.pressData('zz:unknown:data', sec.last());
    }
    await stranger.send('/members');
    assert.match(stranger.last()!.text, /chưa là thành viên/);
    assert.equal(await snapshot(), before, 'nothing of the cell changed');
    assert.equal((await h.app.store.cell(cellId))!.members['202']!.state, 'pending');
    assert.equal((await h.app.store.cell(cellId))!.members['201']!.role, 'member');

    // a secretary of another cell cannot act on this cell's buttons either
    const sec2 = h.api.user({ id: 102, first_name: 'Hà' });
    await createCellWithSecretary(h, sec2, { name: 'Chi bộ Trạm Y tế' });
    await sec2.pressData(cbJoinDecision.make({ cell: cellId, member: '202', accept: 'y' }), sec.last());
    assert.match(sec2.lastAnswer()!.text!, /chi bộ khác/);
    await sec2.pressData(cbMember.make({ cell: cellId, member: '201', field: 'state', value: 'removed' }), sec.last());
    assert.match(sec2.lastAnswer()!.text!, /chi bộ khác/);
    assert.equal((await h.app.store.cell(cellId))!.members['202']!.state, 'pending');
    assert.equal((await h.app.store.cell(cellId))!.members['201']!.state, 'active');
  } finally {
    await h.stop();
  }
});

test('/member: the secretary edits fields, role and state; a member who leaves is marked, not deleted', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Dự bị', admittedOn: '01/03/2024', theory: 'Sơ cấp' });
    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    assert.match(sec.last()!.text, /Đảng viên dự bị, kết nạp 01\/03\/2024/);
    await sec.press('Chính thức/Dự bị');
    await sec.press('Chính thức');
    assert.match(sec.last()!.text, /Đảng viên chính thức, kết nạp 01\/03\/2024, chính thức từ 04\/11\/2024/);
    await sec.press('Thu đảng phí');
    await sec.press('Giao thu đảng phí');
    assert.match(sec.last()!.text, /Vai trò: Đảng viên, thu đảng phí/);
    await sec.press('Họ tên');
    await sec.send('An 2');
    assert.match(sec.messages().at(-2)!.text, /chỉ gồm chữ cái/);
    await sec.send('Nguyễn Văn Ân');
    assert.match(sec.last()!.text, /Đã cập nhật thông tin đồng chí Nguyễn Văn Ân/);
    await sec.press('Trạng thái');
    await sec.press('Đã chuyển sinh hoạt');
    // the change takes effect now: a day still to come is refused with the reason
    await sec.send('30/11/2024');
    assert.match(sec.messages().at(-2)!.text, /Ngày này chưa tới/);
    assert.equal((await h.app.store.cell(cellId))!.members['201']!.state, 'active');
    await sec.send('04/11/2024');
    assert.match(sec.last()!.text, /Trạng thái: Đã chuyển sinh hoạt/);
    const m = (await h.app.store.cell(cellId))!.members['201']!;
    assert.equal(m.state, 'transferred');
    assert.deepEqual(m.history.at(-1), { on: '2024-11-04', state: 'transferred', by: '101' });
    assert.equal(m.collector, false, 'a member who left no longer collects dues');
    await sec.send('/members');
    assert.match(sec.last()!.text, /Tổng số đảng viên: 01/);
    // the one who left no longer acts as a member
    await an.send('/members');
    assert.match(an.last()!.text, /chưa là thành viên/);

    // the secretary cannot drop the cell's only secretary
    await sec.send('/member');
    await sec.press('Trần Thị Bình');
    await sec.press('Vai trò');
    await sec.press('Đảng viên');
    assert.match(sec.last()!.text, /Chi bộ cần một bí thư/);
    assert.equal((await h.app.store.cell(cellId))!.members['101']!.role, 'secretary');
  } finally {
    await h.stop();
  }
});

test('a member who blocked the bot is marked unreachable on the next send; the committee is told once; /members shows it', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await an.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await fillJoin(an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await an.press('Gửi');
    await h.settle();
    h.api.block(201);
    await sec.press('Duyệt');
    await h.settle();
    assert.equal((await h.app.store.cell(cellId))!.members['201']!.reachable, false);
    const told = sec.messages().filter((m) => /Nguyễn Văn An đã chặn bot/.test(m.text));
    assert.equal(told.length, 1);
    await sec.send('/members');
    assert.match(sec.last()!.text, /Nguyễn Văn An — Đảng viên; chính thức ⚠️ không nhận được tin nhắn của bot/);
    assert.match(sec.last()!.text, /01 đồng chí đã chặn bot/);
    // writing to the bot again shows they are back
    h.api.unblock(201);
    await an.send('/whoami');
    assert.equal((await h.app.store.cell(cellId))!.members['201']!.reachable, true);
  } finally {
    await h.stop();
  }
});

test('a button of an earlier /member dialog is stale: it never acts on the member being edited now', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    const cuong = h.api.user({ id: 202, first_name: 'Cường' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await joinAndApprove(h, sec, cuong, { name: 'Lê Văn Cường', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    await sec.press('Trạng thái');
    await sec.press('Từ trần');
    const asked = sec.last()!;
    assert.match(asked.text, /Ngày có hiệu lực/);
    // the secretary turns to another member before answering
    await sec.send('/member');
    await sec.press('Lê Văn Cường');
    await sec.press('Trạng thái');
    await sec.press('Đã chuyển sinh hoạt');
    await sec.press('Hôm nay', asked);
    assert.equal(sec.lastAnswer()!.text, 'Nút này đã cũ, không còn dùng được.');
    const stateOf = async (id: string) => (await h.app.store.cell(cellId))!.members[id]!.state;
    assert.deepEqual([await stateOf('201'), await stateOf('202')], ['active', 'active'], 'nobody was changed by the old button');
    // the question asked now still works, for the member it asks about
    await sec.press('Hôm nay');
    assert.match(sec.last()!.text, /Đã cập nhật thông tin đồng chí Lê Văn Cường/);
    assert.deepEqual([await stateOf('201'), await stateOf('202')], ['active', 'transferred']);
    // /cancel leaves a dialog that keeps no draft, and nothing is changed
    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    await sec.press('Trạng thái');
    await sec.press('Từ trần');
    await sec.send('/cancel');
    assert.equal(sec.last()!.text, 'Đã dừng.');
    await sec.send('04/11/2024');
    assert.equal(await stateOf('201'), 'active', 'the date typed after /cancel is not taken');
  } finally {
    await h.stop();
  }
});
