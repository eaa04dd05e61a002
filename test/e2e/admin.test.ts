import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, joinAndApprove, startHarness } from '../support/harness.ts';

test('no ADMIN_IDS: the setup code printed in the log makes its sender the first admin, once', async () => {
  const h = await startHarness({ adminIds: [] });
  try {
    const line = h.logs.find((l) => l.includes('Mã thiết lập'));
    assert.ok(line, 'the setup code is logged at start');
    const code = /\/newcell (\S+)"/.exec(line!)![1]!;
    const first = h.api.user({ id: 500, first_name: 'Tâm' });
    const other = h.api.user({ id: 501, first_name: 'Khác' });
    await other.send('/newcell WRONGCODE');
    // A wrong code reveals nothing: the same answer as for anyone who is not an admin.
    assert.match(other.last()!.text, /chỉ người quản trị bot/);
    await first.send(`/newcell ${code}`);
    assert.match(first.messages().at(-2)!.text, /trở thành người quản trị bot/);
    assert.match(first.last()!.text, /Tên chi bộ/);
    await other.send(`/newcell ${code}`);
    assert.match(other.last()!.text, /chỉ người quản trị bot/, 'the code works once');
    await first.send('Chi bộ Trường Tiểu học Phong Hải');
    await first.send('Đảng ủy xã Phong Hải');
    await first.press('Tôi là bí thư');
    await first.press('Gửi');
    assert.match(first.last()!.text, /Họ và tên/);
    // the admin survives a restart (kept in the index file)
    const logged = h.logs.length;
    await h.restart();
    await first.send('/whoami');
    assert.match(first.last()!.text, /người quản trị bot/);
    assert.ok(!h.logs.slice(logged).some((l) => l.includes('Mã thiết lập')), 'no new setup code once an admin exists');
  } finally {
    await h.stop();
  }
});

test('a secretary invited by link; /linkgroup in the group; /whoami and /help by role; command menus', async () => {
  const h = await startHarness();
  try {
    const admin = h.api.user({ id: 900, first_name: 'Văn phòng' });
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    assert.match(admin.messages().find((m) => /liên kết sau cho đồng chí bí thư/.test(m.text))!.text, /https:\/\/t\.me\/chibo_test_bot\?start=/);
    assert.match(admin.last()!.text, /Trần Thị Bình đã nhận làm bí thư Chi bộ Trường THCS Phong Hải/);
    assert.match(sec.last()!.text, /đã là bí thư/);
    assert.equal((await h.app.store.cell(cellId))!.cell.secretaryInvite, undefined, 'the secretary link is used up');

    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });

    const group = h.api.group({ id: -1001234, title: 'Chi bộ THCS Phong Hải' });
    await an.sendIn(group, '/linkgroup');
    assert.match(h.api.botMessages(group.id).at(-1)!.text, /chỉ bí thư/);
    await sec.send('/linkgroup');
    assert.match(sec.last()!.text, /gõ \/linkgroup trong nhóm/);
    await sec.sendIn(group, '/linkgroup');
    assert.match(h.api.botMessages(group.id).at(-1)!.text, /Nhóm này đã được gắn với Chi bộ Trường THCS Phong Hải/);
    assert.equal((await h.app.store.cell(cellId))!.cell.groupChatId, group.id);

    await an.send('/whoami');
    assert.equal(an.last()!.text, 'Mã Telegram: 201\nTên: Nguyễn Văn An\nChi bộ: Chi bộ Trường THCS Phong Hải\nVai trò: Đảng viên — Đang sinh hoạt');
    const stranger = h.api.user({ id: 777, first_name: 'Minh', last_name: 'Lê' });
    await stranger.send('/whoami');
    assert.equal(stranger.last()!.text, 'Mã Telegram: 777\nTên: Minh Lê\nChi bộ: chưa tham gia');

    await an.send('/help');
    assert.match(an.last()!.text, /\/meeting/);
    assert.doesNotMatch(an.last()!.text, /\/report|\/invite|\/newcell/);
    await sec.send('/help');
    assert.match(sec.last()!.text, /\/report/);
    assert.match(sec.last()!.text, /\/invite/);
    await stranger.send('/help');
    assert.doesNotMatch(stranger.last()!.text, /\/meeting/);
    assert.match(stranger.last()!.text, /liên kết mời/);

    const defaultMenu = h.api.commands.find((c) => (c.scope as { type: string }).type === 'all_private_chats')!;
    assert.ok(defaultMenu.commands.some((c) => c.command === 'meeting' && /Lịch sinh hoạt/.test(c.description)));
    assert.ok(!defaultMenu.commands.some((c) => c.command === 'report'));
    const secMenu = h.api.commands.findLast((c) => (c.scope as { type: string; chat_id?: number }).chat_id === 101)!;
    assert.ok(secMenu.commands.some((c) => c.command === 'report'));
    assert.ok(secMenu.commands.some((c) => c.command === 'settings'));

    // The menus follow the members' roles, not every write: the cell's own record and its outbox change no menu.
    await h.app.menus.idle();
    const given = h.api.commands.length;
    await h.app.store.updateCell(cellId, (d) => void (d.cell.placeName = 'Phong Hải'));
    await h.app.store.updateCell(
      cellId,
      (d) => void d.outbox.pending.push({ key: 'x', chatId: 201, notice: { kind: 'join.approved', cellName: 'Chi bộ' }, createdAt: h.clock.now().toISOString(), attempts: 0 }),
    );
    await h.settle();
    await h.app.menus.idle();
    assert.equal(h.api.commands.length, given, 'no menu set again');
    await h.app.store.updateCell(cellId, (d) => void (d.members['201']!.role = 'committee'));
    await h.app.menus.idle();
    assert.ok(
      h.api.commands.slice(given).some((c) => (c.scope as { chat_id?: number }).chat_id === 201 && c.commands.some((x) => x.command === 'report')),
      'a new committee member gets the longer menu',
    );
  } finally {
    await h.stop();
  }
});

test('the bot token appears in no log line', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    await createCellWithSecretary(h, sec);
    h.api.failNext('sendMessage', { kind: '500' }, 2);
    await sec.send('/whoami');
    await h.restart();
  } finally {
    await h.stop();
  }
  const secret = h.api.token.split(':')[1]!;
  assert.ok(h.logs.length > 0);
  assert.ok(!h.logs.some((l) => l.includes(secret)));
});
