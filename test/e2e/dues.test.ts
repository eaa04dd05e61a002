import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cbDues, type DuesAction } from '../../src/telegram/callback-data.ts';
import { applyRule } from '../../src/core/meetings/index.ts';
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
    const code = (await h.app.store.cell(cellId))!.cell.inviteCode;
    await lan.send(`/start ${code}`);
    await lan.send('Trần Thị Lan');
    await lan.press('Nữ');
    await lan.press('Bỏ qua');
    await lan.press('Chính thức');
    await lan.press('Cử nhân');
    await lan.press('Viên chức');
    await lan.press(/^Giữ: /);
    await lan.press('Tính theo lương');
    await lan.send('8.500.000');
    assert.match(lan.last()!.text, /Đảng phí hằng tháng: 85\.000 đ/);
    await lan.press('Gửi');
    await h.settle();
    await sec.press(
      'Duyệt',
      sec.messages().findLast((m) => m.text.includes('Trần Thị Lan')),
    );
    await joinAndApprove(h, sec, hung, { name: 'Lê Văn Hùng', gender: 'Nam', status: 'Chính thức', theory: 'Trung cấp', dues: '45k' });
    await makeCollector(h, sec, 'Lê Văn Hùng');
    assert.ok(!JSON.stringify(await h.app.store.cell(cellId)).includes('8500000'), 'the salary is not stored');

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
    const notice = hung
      .messages()
      .slice(hungMark)
      .find((m) => m.text.includes('báo đã đóng'))!;
    assert.match(notice.text, /Đ\/c Trần Thị Lan báo đã đóng đảng phí:\n• 12\/2024: 85\.000 đ, Cổng Dịch vụ công quốc gia\n• 01\/2025: 85\.000 đ/);
    assert.doesNotMatch(since(sec, secMark), /báo đã đóng/, 'the designated collector gets it, not the whole committee');
    // both months now wait for the collector: they are no longer offered (months ahead still are)
    await lan.send('/dues');
    assert.match(lan.last()!.text, /• 12\/2024: 85\.000 đ — đã báo đóng, chờ xác nhận/);
    await lan.press('✋ Tôi đã đóng');
    const offered = lan
      .last()!
      .keyboard!.flat()
      .map((b) => b.text);
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
    const entries = (await h.app.store.cell(cellId))!.dues.entries.length;
    const claim = (await h.app.store.cell(cellId))!.dues.claims.find((c) => c.month === '2024-12')!;
    await hung.pressData(cbDues.make({ cell: cellId, action: 'cok', id: claim.id, arg: '' }), notice);
    assert.match(hung.lastAnswer()!.text!, /đã được xác nhận trước đó/);
    assert.equal((await h.app.store.cell(cellId))!.dues.entries.length, entries);

    await lan.send('/dues');
    assert.match(lan.last()!.text, /Đã đóng đến tháng 12\/2024\./);
    assert.match(lan.last()!.text, /Còn phải đóng:\n• 01\/2025: 85\.000 đ \(tháng này\)$/m);
    assert.ok(lan.findButton('✋ Tôi đã đóng'), 'January can be claimed again');
    // the payment of December is marked late (claimed in January), approved by the confirmation
    const p = (await h.app.store.cell(cellId))!.dues.entries.find((e) => e.kind === 'payment')!;
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
    const book = (await h.app.store.cell(cellId))!.dues;
    assert.deepEqual(
      book.entries.map((e) => e.kind),
      ['payment', 'payment', 'payment', 'payment', 'payment', 'reversal'],
    );
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

test('flags at 2 months in /dues; the 3-month alert reaches the secretary once; late months need approval', async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, users } = await cellWithMembers(h);
    const [an, cuc] = users;
    // the secretary's own amount, 0.5% of a pension, from his card
    await sec.send('/dues');
    await sec.press('👥 Đảng viên');
    await sec.press('Trần Thị Bình');
    await sec.press('✏️ Mức đóng');
    await sec.press('Tính theo lương hưu');
    await sec.send('6.000.000');
    await sec.press('Tháng này (11/2024)');
    assert.match(sec.last()!.text, /✓ Đã đặt mức đảng phí của đ\/c Trần Thị Bình: 30\.000 đ\/tháng, tính theo lương hưu \(0,5%\), từ tháng 11\/2024\./);

    h.clock.set('2025-03-05T09:00:00+07:00');
    // everyone but Cúc pays January–March at once: late months, recorded only as approved
    for (const name of [...MEMBERS.filter((m) => m.id !== 202).map((m) => m.name), 'Trần Thị Bình']) {
      await sec.send('/dues');
      await sec.press(new RegExp(`^❌ ${name}$`));
      await sec.press('💵 Ghi đóng');
      await sec.press(`☐ 01/2025 · ${name === 'Trần Thị Bình' ? '30.000 đ' : '45.000 đ'}`);
      await sec.press(/^☐ 02\/2025/);
      await sec.press('💵 Tiền mặt');
      assert.match(sec.last()!.text, /Tháng 01\/2025, 02\/2025 là đóng muộn hoặc đóng trước\. Quy định chỉ cho phép trong trường hợp được chấp thuận/);
      await sec.press('✅ Đã được chấp thuận — ghi');
      assert.match(sec.last()!.text, new RegExp(`✓ Đã ghi: đ/c ${name} đóng 01/2025, 02/2025, 03/2025 — .*, có đánh dấu đóng muộn/trước\\.`));
    }
    const late = (await h.app.store.cell(cellId))!.dues.entries.filter((e) => e.kind === 'payment' && e.offTurn).length;
    assert.equal(late, 12, 'January and February of six members are marked; March is on time');

    // on 05/03/2025 Cúc has January and February unpaid: flagged at 2, in her /dues and the table
    await cuc!.send('/dues');
    assert.match(cuc!.last()!.text, /⚠️ Năm 2025 đồng chí có 2 tháng chưa đóng đảng phí/);
    await an!.send('/dues');
    assert.doesNotMatch(an!.last()!.text, /⚠️/);
    await sec.send('/dues');
    assert.match(sec.last()!.text, /❌ Phạm Thị Cúc — 45\.000 đ · ⚠️ 2 tháng chưa đóng/);

    // April 1st, 08:00: January, February and March have ended unpaid → the secretary is alerted, once
    const mark = sec.mark();
    const alerts = () => (since(sec, mark).match(/đã 3 tháng trong năm 2025 chưa đóng đảng phí/g) ?? []).length;
    await h.tickAt('2025-04-01T07:59:00+07:00');
    assert.equal(alerts(), 0);
    await h.tickAt('2025-04-01T08:00:00+07:00');
    assert.equal(alerts(), 1);
    assert.match(since(sec, mark), /🔴 Đ\/c Phạm Thị Cúc đã 3 tháng trong năm 2025 chưa đóng đảng phí \(01\/2025, 02\/2025, 03\/2025\)/);
    for (const u of users) assert.doesNotMatch(since(u, 0), /chưa đóng đảng phí \(01\/2025/, 'never to the member or others');
    await h.tickAt('2025-04-02T08:00:00+07:00');
    await h.restart({ at: '2025-04-20T09:00:00+07:00' });
    await h.tickAt('2025-05-01T08:00:00+07:00');
    await h.tickAt('2025-06-01T08:00:00+07:00');
    assert.equal(alerts(), 1, 'once per member and year, also across a restart and as months add up');
    // the alert's button opens her card
    await sec.press(
      'Xem đảng phí của đ/c',
      sec
        .messages()
        .slice(mark)
        .find((m) => m.text.includes('Phạm Thị Cúc'))!,
    );
    assert.match(sec.last()!.text, /Đảng phí của đ\/c Phạm Thị Cúc/);
    assert.match(sec.last()!.text, /🔴 Năm 2025: 5 tháng đã qua chưa đóng\./);
  } finally {
    await h.stop();
  }
});

test("a member pressing the collector's buttons is refused and nothing changes; other cells and strangers too", async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, users } = await cellWithMembers(h);
    const [an, cuc] = users;
    h.clock.set('2024-12-03T09:00:00+07:00');
    await cuc!.send('/dues');
    await cuc!.press('✋ Tôi đã đóng');
    await cuc!.press('💵 Tiền mặt');
    await sec.send('/dues');
    await sec.press('❌ Vũ Văn Giang');
    await sec.press('💵 Ghi đóng');
    await sec.press('💵 Tiền mặt');
    await h.settle();
    const dues = async () => (await h.app.store.cell(cellId))!.dues;
    const claim = (await dues()).claims[0]!;
    const payment = (await dues()).entries[0]!;
    const snapshot = async () => JSON.stringify({ ...(await h.app.store.cell(cellId))!, processedUpdates: [], dialogs: {} });
    const before = await snapshot();

    const make = (action: DuesAction, id = '', arg = '') => cbDues.make({ cell: cellId, action, id, arg });
    const collectorOnly = [
      make('tbl', '202412', '0'),
      make('yr', '2024'),
      make('member', '202'),
      make('mlist'),
      make('rec', '202', '202412.1'),
      make('recm', '202', '202412.1.c'),
      make('reca', '201', '202411.3.c'),
      make('cok', claim.id),
      make('cno', claim.id),
      make('claims'),
      make('rev', '205'),
      make('revp', payment.id),
      make('amt', '202'),
      make('rel', '202'),
      make('relk', '202', 'exempt'),
    ];
    for (const data of collectorOnly) {
      await an!.pressData(data, an!.last());
      assert.match(an!.lastAnswer()!.text!, /chỉ dành cho đồng chí thu đảng phí và chi ủy/, data);
    }
    for (const data of [make('set'), make('setday'), make('setkept')]) {
      await an!.pressData(data, an!.last());
      assert.match(an!.lastAnswer()!.text!, /chỉ bí thư/, data);
    }
    // his own buttons cannot act for someone else: a claim is always his own
    await an!.pressData(make('clm', '202', '202412.1.c'), an!.last());
    assert.equal((await dues()).claims.filter((c) => c.memberId === '202').length, 1);
    assert.equal((await dues()).claims.filter((c) => c.memberId === '201').length, 1, 'the claim made is his own');
    assert.equal(await h.app.services.dialogs.active(an!.id), undefined, 'no dialog was opened');
    // undo his own (legitimate) claim from the comparison: nothing else changed
    const after = JSON.parse(await snapshot());
    after.dues.claims = after.dues.claims.filter((c: { memberId: string }) => c.memberId !== '201');
    after.outbox = JSON.parse(before).outbox;
    assert.equal(JSON.stringify(after), before);

    // the secretary of another cell, and a stranger
    const other = h.api.user({ id: 102, first_name: 'Hà' });
    await createCellWithSecretary(h, other, { name: 'Chi bộ Trạm Y tế' });
    await other.pressData(make('cok', claim.id), other.last());
    assert.match(other.lastAnswer()!.text!, /chi bộ khác/);
    const stranger = h.api.user({ id: 999, first_name: 'Lạ' });
    await stranger.pressData(make('my'), sec.last());
    assert.match(stranger.lastAnswer()!.text!, /chỉ dành cho đảng viên/);
    await stranger.send('/dues');
    assert.match(stranger.last()!.text, /chưa là thành viên/);
    assert.equal((await dues()).claims.find((c) => c.id === claim.id)!.decision, undefined);

    // in the group: nothing personal
    const g = h.api.group({ id: -5001, title: 'Chi bộ' });
    await an!.sendIn(g, '/dues');
    assert.match(h.api.botMessages(g.id).at(-1)!.text, /chỉ làm trong tin nhắn riêng/);
    // a bad period
    await sec.send('/dues tháng trước');
    assert.match(sec.last()!.text, /\/dues 11\/2024 \(một tháng\) hoặc \/dues 2024/);
  } finally {
    await h.stop();
  }
});

test('/member → Đảng phí: amount from the salary (1%), a reduction with an end month of at most 12 months, an exemption; the member sees them', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await an.send('/dues');
    assert.match(an.last()!.text, /Mức đóng: chưa có\. Xin báo đồng chí thu đảng phí/);

    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    await sec.press('Đảng phí: mức đóng, miễn, giảm');
    assert.match(sec.last()!.text, /👤 Đảng phí của đ\/c Nguyễn Văn An\nMức đóng: chưa có/);
    await sec.press('✏️ Mức đóng');
    await sec.press('Tính theo lương');
    assert.match(sec.last()!.text, /Bot chỉ lưu mức 1%, không lưu tiền lương/);
    await sec.send('tám triệu');
    assert.match(sec.messages().at(-2)!.text, /không đọc được số tiền này/);
    assert.match(sec.last()!.text, /Tiền lương tháng trước làm căn cứ đóng bảo hiểm xã hội/, 'the same question again');
    await sec.send('8.500.000');
    await sec.send('13/2024');
    assert.match(sec.messages().at(-2)!.text, /Tháng không hợp lệ/);
    await sec.press('Tháng này (11/2024)');
    assert.match(sec.last()!.text, /✓ Đã đặt mức đảng phí của đ\/c Nguyễn Văn An: 85\.000 đ\/tháng, tính theo lương \(1%\), từ tháng 11\/2024\./);
    assert.ok(!JSON.stringify(await h.app.store.cell(cellId)).includes('8500000'), 'the salary is not stored');

    // a reduction of 50%: 13 months refused with the reason, 12 accepted
    await sec.press('Xem đảng phí của đ/c');
    await sec.press('🎗 Miễn, giảm');
    await sec.press('Giảm 50%');
    await sec.press('Tháng sau (12/2024)');
    assert.ok(sec.findButton('Đến 11/2025 (12 tháng)'));
    await sec.send('12/2025');
    assert.match(sec.messages().at(-2)!.text, /tối đa 12 tháng; khoảng này là 13 tháng/);
    await sec.send('11/2024');
    assert.match(sec.messages().at(-2)!.text, /không được trước tháng bắt đầu/);
    await sec.send('4');
    await sec.send('Ốm đau dài ngày');
    assert.match(sec.last()!.text, /✓ Đã ghi cho đ\/c Nguyễn Văn An: được giảm 50% đảng phí từ 12\/2024 đến 03\/2025\./);

    h.clock.set('2024-12-02T09:00:00+07:00');
    await an.send('/dues');
    const mine = an.last()!.text;
    assert.match(mine, /Mức đóng: 85\.000 đ\/tháng, tính theo lương \(1%\)\./);
    assert.match(mine, /Được giảm 50% đảng phí từ 12\/2024 đến 03\/2025\./);
    assert.match(mine, /• 12\/2024: 42\.500 đ \(tháng này\)/);

    // an exemption replaces the reduction for January; lifted again from February
    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    await sec.press('Đảng phí: mức đóng, miễn, giảm');
    await sec.press('🎗 Miễn, giảm');
    await sec.press('Miễn đóng');
    await sec.send('01/2025');
    await sec.press('Đến 03/2025 (3 tháng)');
    await sec.press('Bỏ qua');
    assert.match(sec.last()!.text, /được miễn đảng phí từ 01\/2025 đến 03\/2025/);
    await sec.press('Xem đảng phí của đ/c');
    await sec.press('🎗 Miễn, giảm');
    await sec.press('Bỏ miễn, giảm');
    await sec.send('02/2025');
    await sec.press('Bỏ qua');
    h.clock.set('2025-02-10T09:00:00+07:00');
    await an.send('/dues 2025');
    assert.equal(an.last()!.text, '💰 Đảng phí năm 2025 của đồng chí Nguyễn Văn An\n01/2025: ➖ miễn\n02/2025: ❌ chưa đóng (85.000 đ)');
  } finally {
    await h.stop();
  }
});

test("by default the dues day is the regular meeting's day; without a meeting that month, the 5th", async () => {
  const h = await startHarness({ now: '2024-11-20T09:00:00+07:00' });
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp', dues: '45000' });
    await sec.send('/settings');
    await sec.press('Đảng phí');
    assert.match(sec.last()!.text, /ngày họp chi bộ định kỳ — tháng này chưa có lịch họp nên nhắc vào ngày 05\/11\/2024/);
    // the meetings feature's rule: the 12th of every month (set here through its core)
    await h.app.store.updateCell(cellId, (d) =>
      applyRule(d.meetings, { from: '2024-11', rule: { on: { kind: 'day', day: 12 }, time: '14:00', place: 'Phòng họp' }, setAt: '2024-11-20T02:00:00Z', by: '101' }),
    );
    await sec.press('Đảng phí');
    assert.match(sec.last()!.text, /Ngày nhắc đóng: ngày họp chi bộ định kỳ \(tháng này: 12\/11\/2024\)\./);
    const mark = an.mark();
    await h.tickAt('2024-12-11T09:00:00+07:00');
    assert.doesNotMatch(an.since(mark), /ngày đóng đảng phí/);
    await h.tickAt('2024-12-12T07:00:00+07:00');
    assert.match(an.since(mark), /Ngày 12\/12\/2024 là ngày đóng đảng phí tháng 12\/2024\. Mức của đồng chí: 45\.000 đ\./);
  } finally {
    await h.stop();
  }
});
