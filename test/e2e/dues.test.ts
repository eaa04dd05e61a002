import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cbDues } from '../../src/telegram/callback-data.ts';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';

/** Messages the bot sent to `u` after `mark`, as one text. */
const since = (u: FakeUser, mark: number) => u.since(mark);

async function makeCollector(h: Harness, sec: FakeUser, name: string): Promise<void> {
  await sec.send('/member');
  await sec.press(name);
  await sec.press('Thu đảng phí');
  await sec.press('Giao thu đảng phí');
  assert.match(sec.last()!.text, /thu đảng phí/);
  await h.settle();
}

test('joining keeps the amount; a member claims two months, the collector confirms one and rejects the other', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const lan = h.api.user({ id: 202, first_name: 'Lan' });
    const hung = h.api.user({ id: 203, first_name: 'Hùng' });
    // "Tính theo lương" in the joining dialog: 1% of 8.500.000, the salary itself not kept
    const code = h.app.store.cell(cellId)!.cell.inviteCode;
    await lan.send(`/start ${code}`);
    await lan.send('Trần Thị Lan');
    await lan.press('Nữ');
    await lan.press('Bỏ qua');
    await lan.press('Chính thức');
    await lan.press('Cử nhân');
    await lan.press('Tính theo lương');
    await lan.send('8.500.000');
    assert.match(lan.last()!.text, /Đảng phí hằng tháng: 85\.000 đ/);
    await lan.press('Gửi');
    await h.settle();
    await sec.press('Duyệt', sec.messages().findLast((m) => m.text.includes('Trần Thị Lan')));
    await joinAndApprove(h, sec, hung, { name: 'Lê Văn Hùng', gender: 'Nam', status: 'Chính thức', theory: 'Trung cấp', dues: '45k' });
    await makeCollector(h, sec, 'Lê Văn Hùng');
    assert.ok(!JSON.stringify(h.app.store.cell(cellId)).includes('8500000'), 'the salary is not stored');

    // approved on 04/11/2024: owes from December
    await lan.send('/dues');
    assert.match(lan.last()!.text, /Mức đóng: 85\.000 đ\/tháng/);
    assert.match(lan.last()!.text, /đóng đảng phí từ tháng 12\/2024/);
    h.clock.set('2025-01-10T10:00:00+07:00');
    await lan.send('/dangphi');
    const status = lan.last()!.text;
    assert.match(status, /Chưa có tháng nào được ghi nhận đã đóng/);
    assert.match(status, /• 12\/2024: 85\.000 đ\n• 01\/2025: 85\.000 đ \(tháng này\)\nCộng: 170\.000 đ/);

    // the claim: January is preselected, December added, then the method
    await lan.press('✋ Tôi đã đóng');
    assert.match(lan.last()!.text, /đã đóng những tháng nào/);
    await lan.press('☐ 12/2024 · 85.000 đ');
    assert.ok(lan.findButton('☑ 12/2024 · 85.000 đ') && lan.findButton('☑ 01/2025 · 85.000 đ'));
    const hungMark = hung.mark();
    const secMark = sec.mark();
    await lan.press('🌐 Cổng DVC quốc gia');
    assert.match(lan.last()!.text, /Đã gửi báo đóng đảng phí 12\/2024, 01\/2025 \(Cổng Dịch vụ công quốc gia\)/);
    await h.settle();
    const notice = hung.messages().slice(hungMark).find((m) => m.text.includes('báo đã đóng'))!;
    assert.match(notice.text, /Đ\/c Trần Thị Lan báo đã đóng đảng phí:\n• 12\/2024: 85\.000 đ, Cổng Dịch vụ công quốc gia\n• 01\/2025: 85\.000 đ/);
    assert.doesNotMatch(since(sec, secMark), /báo đã đóng/, 'the designated collector gets it, not the whole committee');
    // both months now wait for the collector: they are no longer offered (months ahead still are)
    await lan.send('/dues');
    assert.match(lan.last()!.text, /• 12\/2024: 85\.000 đ — đã báo đóng, chờ xác nhận/);
    await lan.press('✋ Tôi đã đóng');
    const offered = lan.last()!.keyboard!.flat().map((b) => b.text);
    assert.ok(!offered.some((b) => /12\/2024|01\/2025/.test(b)), offered.join());
    assert.ok(offered.includes('☐ 02/2025 · 85.000 đ'));

    // the collector confirms December from the notice, rejects January with a reason
    const lanMark = lan.mark();
    await hung.press('✅ 12/2024', notice);
    assert.match(hung.last()!.text, /✓ Đã xác nhận: đ\/c Trần Thị Lan đóng tháng 12\/2024 — 85\.000 đ/);
    await hung.press('❌ 01/2025', notice);
    assert.match(hung.last()!.text, /Lý do từ chối báo đóng tháng 01\/2025 của đ\/c Trần Thị Lan/);
    await hung.send('   ');
    assert.match(hung.messages().at(-2)!.text, /không được để trống/);
    await hung.send('Chưa thấy khoản này trên Cổng DVC');
    assert.match(hung.last()!.text, /Đã từ chối báo đóng tháng 01\/2025; đ\/c Trần Thị Lan đã được báo lý do/);
    await h.settle();
    const told = since(lan, lanMark);
    assert.match(told, /Khoản đảng phí tháng 12\/2024 \(85\.000 đ\) của đồng chí đã được xác nhận/);
    assert.match(told, /Báo đóng đảng phí tháng 01\/2025 chưa được xác nhận\. Lý do: Chưa thấy khoản này trên Cổng DVC/);

    // the old confirm button for December: already decided, nothing changes
    const entries = h.app.store.cell(cellId)!.dues.entries.length;
    const claim = h.app.store.cell(cellId)!.dues.claims.find((c) => c.month === '2024-12')!;
    await hung.pressData(cbDues.make({ cell: cellId, action: 'cok', id: claim.id, arg: '' }), notice);
    assert.match(hung.lastAnswer()!.text!, /đã được xác nhận trước đó/);
    assert.equal(h.app.store.cell(cellId)!.dues.entries.length, entries);

    await lan.send('/dues');
    assert.match(lan.last()!.text, /Đã đóng đến tháng 12\/2024\./);
    assert.match(lan.last()!.text, /Còn phải đóng:\n• 01\/2025: 85\.000 đ \(tháng này\)$/m);
    assert.ok(lan.findButton('✋ Tôi đã đóng'), 'January can be claimed again');
    // the payment of December is marked late (claimed in January), approved by the confirmation
    const p = h.app.store.cell(cellId)!.dues.entries.find((e) => e.kind === 'payment')!;
    assert.ok(p.kind === 'payment' && p.offTurn && p.method === 'portal' && p.amount === 85_000 && p.by === '203');
  } finally {
    await h.stop();
  }
});

const MEMBERS = [
  { id: 201, name: 'Nguyễn Văn An' },
  { id: 202, name: 'Phạm Thị Cúc' },
  { id: 203, name: 'Đỗ Văn Dũng' },
  { id: 204, name: 'Hoàng Thị Em' },
  { id: 205, name: 'Vũ Văn Giang' },
  { id: 206, name: 'Lý Thị Hoa' },
] as const;

async function cellWithMembers(h: Harness): Promise<{ sec: FakeUser; cellId: string; users: FakeUser[] }> {
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const users: FakeUser[] = [];
  for (const m of MEMBERS) {
    const u = h.api.user({ id: m.id, first_name: m.name.split(' ').at(-1)! });
    await joinAndApprove(h, sec, u, { name: m.name, gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp', dues: '45.000' });
    users.push(u);
  }
  return { sec, cellId, users };
}

test('the collector records cash for five members and reverses one; the dues-day reminder reaches exactly the unpaid, once', async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, users } = await cellWithMembers(h);
    // the dues day: by default the regular meeting's day; set to the 10th here
    await sec.send('/settings');
    await sec.press('Đảng phí');
    assert.match(sec.last()!.text, /Ngày nhắc đóng: ngày họp chi bộ định kỳ/);
    assert.match(sec.last()!.text, /Chi bộ giữ lại 30% số thu; nộp cấp trên 70%/);
    await sec.press('Đổi ngày nhắc');
    await sec.send('31');
    assert.match(sec.messages().at(-2)!.text, /từ 1 đến 28/);
    await sec.send('10');
    assert.match(sec.last()!.text, /Ngày nhắc đóng: ngày 10 hằng tháng/);

    h.clock.set('2024-12-02T09:00:00+07:00');
    await sec.send('/dues');
    let table = sec.last()!.text;
    assert.match(table, /Đảng phí tháng 12\/2024/);
    assert.match(table, /Đã thu 0 đ \/ dự kiến 270\.000 đ; còn thiếu 270\.000 đ\./);
    assert.match(table, /Đã đóng: 0\/7 đ\/c\./);
    assert.match(table, /⚠️ 1 đ\/c chưa có mức đóng\./, 'the secretary gave no amount');

    const marks = users.map((u) => u.mark());
    for (const m of MEMBERS.slice(0, 5)) {
      await sec.press(`❌ ${m.name}`);
      assert.match(sec.last()!.text, new RegExp(`Đảng phí của đ/c ${m.name}`));
      assert.match(sec.last()!.text, /Còn phải đóng: 12\/2024 \(tháng này\) — 45\.000 đ\./);
      await sec.press('💵 Ghi đóng');
      assert.ok(sec.findButton('☑ 12/2024 · 45.000 đ'), 'the current month is preselected');
      await sec.press('💵 Tiền mặt');
      assert.equal(sec.last()!.text, `✓ Đã ghi: đ/c ${m.name} đóng 12/2024 — 45.000 đ (tiền mặt).`);
      await sec.press('← Bảng tháng');
    }
    table = sec.last()!.text;
    assert.match(table, /Đã thu 225\.000 đ \/ dự kiến 270\.000 đ; còn thiếu 45\.000 đ\./);
    assert.match(table, /Đã đóng: 5\/7 đ\/c\./);
    assert.match(table, /Chi bộ giữ lại 30%: 67\.500 đ; nộp cấp trên: 157\.500 đ\./);
    assert.match(table, /✅ Vũ Văn Giang — 45\.000 đ, tiền mặt/);
    assert.match(table, /❌ Lý Thị Hoa — 45\.000 đ/);
    await h.settle();
    for (const [i, u] of users.entries()) {
      const got = since(u, marks[i]!);
      if (i < 5) assert.match(got, /Chi bộ đã ghi nhận đồng chí đóng đảng phí 12\/2024: 45\.000 đ \(tiền mặt nộp chi bộ\)/);
      else assert.doesNotMatch(got, /ghi nhận/);
    }

    // a reversal, with a reason; the payment stays in the book
    await sec.press('✅ Vũ Văn Giang');
    await sec.press('↩ Hoàn khoản đã ghi');
    await sec.press('↩ 12/2024 · 45.000 đ');
    assert.match(sec.last()!.text, /Lý do hoàn khoản đảng phí tháng 12\/2024 của đ\/c Vũ Văn Giang/);
    await sec.send('Ghi nhầm người');
    assert.match(sec.last()!.text, /✓ Đã hoàn khoản tháng 12\/2024 của đ\/c Vũ Văn Giang \(45\.000 đ\)\. Tháng này trở lại chưa đóng\./);
    await h.settle();
    assert.match(users[4]!.last()!.text, /Khoản đảng phí tháng 12\/2024 \(45\.000 đ\) đã được hoàn trong sổ\. Lý do: Ghi nhầm người/);
    const book = h.app.store.cell(cellId)!.dues;
    assert.deepEqual(book.entries.map((e) => e.kind), ['payment', 'payment', 'payment', 'payment', 'payment', 'reversal']);
    await sec.send('/dues');
    assert.match(sec.last()!.text, /Đã thu 180\.000 đ \/ dự kiến 270\.000 đ/);
    assert.match(sec.last()!.text, /Đã đóng: 4\/7 đ\/c\./);

    // the dues day: 10/12 from 07:00, privately to exactly the unpaid (Giang, Hoa and the secretary), once
    const before = [sec, ...users].map((u) => u.mark());
    const reminded = () => [sec, ...users].filter((u, i) => /là ngày đóng đảng phí tháng 12\/2024/.test(since(u, before[i]!))).map((u) => u.id);
    await h.tickAt('2024-12-10T06:59:00+07:00');
    assert.deepEqual(reminded(), []);
    await h.tickAt('2024-12-10T07:00:00+07:00');
    assert.deepEqual(reminded(), [101, 205, 206]);
    assert.match(users[5]!.last()!.text, /Ngày 10\/12\/2024 là ngày đóng đảng phí tháng 12\/2024\. Mức của đồng chí: 45\.000 đ\./);
    assert.match(sec.last()!.text, /Mức của đồng chí: chưa có mức/);
    await h.tickAt('2024-12-10T09:00:00+07:00');
    await h.restart({ at: '2024-12-15T09:00:00+07:00' });
    await h.tickAt('2024-12-20T09:00:00+07:00');
    const counts = [sec, ...users].map((u, i) => since(u, before[i]!).split('là ngày đóng đảng phí').length - 1);
    assert.deepEqual(counts, [1, 0, 0, 0, 0, 1, 1], 'once each, also across a restart');
    // from the reminder: "Tôi đã đóng" opens the claim with December chosen
    await users[5]!.press('✋ Tôi đã đóng');
    assert.ok(users[5]!.findButton('☑ 12/2024 · 45.000 đ'));
  } finally {
    await h.stop();
  }
});
