/**
 * The secretary's settings and the committee's changes to the schedule, each announced in
 * the group and privately: bad input on the rule, a rule change mid-month, moving,
 * cancelling, adding themed and extraordinary meetings, the reminder settings.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { meetingCell, sentTo, type MeetingCell } from './meetings-fixture.ts';

let h: Harness;
let c: MeetingCell;
let sec: FakeUser;
let m: FakeUser[];

before(async () => {
  h = await startHarness({ now: '2024-11-20T09:00:00+07:00' }); // a Wednesday
  c = await meetingCell(h, 3);
  sec = c.sec;
  m = c.members;
});

after(() => h.stop());

const groupTexts = () => h.api.botMessages(c.group.id).map((x) => x.text);

async function openRuleDialog(): Promise<void> {
  await sec.send('/settings');
  await sec.press('Lịch sinh hoạt và nhắc nhở');
  await sec.press(/Đặt lịch định kỳ|Sửa lịch định kỳ/);
}

test('a day 31 and a day that is not a number are refused with the reason; day 28 starts this month', async () => {
  await openRuleDialog();
  await sec.press('Một ngày cố định trong tháng');
  let mark = sec.mark();
  await sec.send('31');
  assert.match(sec.since(mark), /Ngày 31 không có ở mọi tháng \(tháng Hai chỉ có 28 hoặc 29 ngày\): xin chọn một ngày từ 1 đến 28/);
  assert.equal(sec.last()!.text, 'Ngày nào trong tháng (từ 1 đến 28)?');
  mark = sec.mark();
  await sec.send('mùng năm');
  assert.match(sec.since(mark), /Xin nhập ngày trong tháng bằng số, từ 1 đến 28/);
  await sec.send('28');
  await sec.send('14h');
  await sec.send('Hội trường');
  assert.match(sec.last()!.text, /ngày 28 hằng tháng, 14:00, tại Hội trường/);
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Đã lưu lịch sinh hoạt định kỳ, áp dụng từ tháng 11/2024; buổi đầu tiên theo lịch mới: Thứ Năm, 28/11/2024, 14:00, Hội trường.');
  assert.deepEqual(
    groupTexts().filter((x) => x.includes('📢')),
    [],
    'setting the first rule announces nothing',
  );
});

test('a rule change mid-month: this month moves while still ahead (announced); otherwise it applies next month, with the reason', async () => {
  await openRuleDialog();
  await sec.press('Sửa');
  await sec.press('Ngày trong tháng');
  await sec.send('25');
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Đã lưu. Lịch mới áp dụng ngay từ tháng 11/2024: Thứ Hai, 25/11/2024, 14:00, Hội trường. Bot đã báo thay đổi cho chi bộ.');
  await h.settle();
  assert.equal(
    groupTexts().at(-1),
    '📢 Thay đổi lịch sinh hoạt\nSinh hoạt chi bộ định kỳ tháng 11/2024\ntừ: Thứ Năm, 28/11/2024, 14:00, Hội trường\nsang: Thứ Hai, 25/11/2024, 14:00, Hội trường.\nCác đồng chí báo tham dự trong tin nhắn riêng với bot (gõ /meeting).',
  );
  const privately = m[0]!.last()!;
  assert.match(privately.text, /từ: Thứ Năm, 28\/11\/2024.*\nsang: Thứ Hai, 25\/11\/2024/);
  assert.deepEqual(
    privately.keyboard![0]!.map((b) => b.text),
    ['✅ Tham dự', '❌ Vắng'],
  );

  // Day 10 has passed this month: November keeps the 25th; December changes from the 25th to the 10th.
  await openRuleDialog();
  await sec.press('Sửa');
  await sec.press('Ngày trong tháng');
  await sec.send('10');
  await sec.press('Gửi');
  assert.equal(
    sec.last()!.text,
    '✓ Đã lưu. Theo lịch mới, buổi tháng 11/2024 rơi vào ngày 10/11/2024, đã qua, nên tháng này vẫn họp Thứ Hai, 25/11/2024, 14:00, Hội trường như đã báo; lịch mới áp dụng từ tháng 12/2024; buổi đầu tiên theo lịch mới: Thứ Ba, 10/12/2024, 14:00, Hội trường. Bot đã báo thay đổi cho chi bộ.',
  );
  await h.settle();
  assert.match(groupTexts().at(-1)!, /tháng 12\/2024\ntừ: Thứ Tư, 25\/12\/2024, 14:00, Hội trường\nsang: Thứ Ba, 10\/12\/2024/);
  assert.equal((await h.app.services.meetings.occurrence(c.cellId, 'r202411'))!.date, '2024-11-25');
});

test('moving one meeting: a bad time and a past date are refused with the reason; the move is announced', async () => {
  await sec.send('/meeting');
  assert.match(sec.last()!.text, /Thứ Hai, 25\/11\/2024, 14:00, Hội trường/);
  await sec.press('📅 Dời buổi này');
  assert.match(sec.last()!.text, /nếu chỉ gõ ngày, giờ họp giữ như cũ \(14:00\)/);
  let mark = sec.mark();
  await sec.send('26/11/2024 25:00');
  assert.match(sec.since(mark), /Giờ không hợp lệ: giờ từ 0 đến 23/);
  mark = sec.mark();
  await sec.send('19/11/2024 14:00');
  assert.match(sec.since(mark), /Thời điểm này đã qua/);
  mark = sec.mark();
  await sec.send('31/11/2024');
  assert.match(sec.since(mark), /Ngày này không có trên lịch/);
  await sec.send('27/11/2024');
  await sec.press('Giữ địa điểm cũ (Hội trường)');
  assert.match(sec.last()!.text, /từ: Thứ Hai, 25\/11\/2024, 14:00, Hội trường\nsang: Thứ Tư, 27\/11\/2024, 14:00, Hội trường/);
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Đã dời: Sinh hoạt chi bộ định kỳ tháng 11/2024 — Thứ Tư, 27/11/2024, 14:00, Hội trường. Bot đã báo cho chi bộ.');
  await h.settle();
  assert.match(groupTexts().at(-1)!, /từ: Thứ Hai, 25\/11\/2024, 14:00, Hội trường\nsang: Thứ Tư, 27\/11\/2024, 14:00, Hội trường/);
  for (const u of m) assert.match(u.last()!.text, /sang: Thứ Tư, 27\/11\/2024/);
  assert.deepEqual(sentTo(h, sec.id, '📢'), [], 'the one who made a change gets the answer, not the announcement');
  // The reminders follow the new date.
  await h.tickAt('2024-11-22T14:00:00+07:00');
  assert.equal(sentTo(h, m[0]!.id, '🔔').length, 0, 'nothing 3 days before the old date');
  await h.tickAt('2024-11-24T14:00:00+07:00');
  assert.deepEqual(sentTo(h, m[0]!.id, '🔔'), ['🔔 Nhắc lịch sinh hoạt\nSinh hoạt chi bộ định kỳ tháng 11/2024\nThứ Tư, 27/11/2024, 14:00, Hội trường.\nXin đồng chí báo tham dự:']);
});

test('cancelling one meeting: confirmed, announced, no more reminders for it', async () => {
  await sec.send('/meeting');
  await sec.press('🚫 Hủy buổi này');
  assert.match(sec.last()!.text, /Hủy buổi “Sinh hoạt chi bộ định kỳ tháng 11\/2024” \(Thứ Tư, 27\/11\/2024, 14:00, Hội trường\)\? Bot sẽ báo cho cả chi bộ\./);
  const confirm = sec.last()!;
  const yes = sec.findButton('Đồng ý hủy', confirm).button.callback_data!;
  await sec.press('Đồng ý hủy');
  assert.equal(confirm.text, '✓ Đã hủy buổi “Sinh hoạt chi bộ định kỳ tháng 11/2024” (27/11/2024). Bot đã báo cho chi bộ.');
  await h.settle();
  assert.equal(groupTexts().at(-1), '📢 Hủy lịch sinh hoạt\nSinh hoạt chi bộ định kỳ tháng 11/2024 (Thứ Tư, 27/11/2024, 14:00, Hội trường) không tổ chức nữa.');
  assert.match(m[1]!.last()!.text, /Hủy lịch sinh hoạt/);
  assert.equal(m[1]!.last()!.keyboard, undefined);
  const before = sentTo(h, m[1]!.id, '🔔').length;
  await h.tickAt('2024-11-26T14:00:00+07:00');
  await h.tickAt('2024-11-27T12:00:00+07:00');
  assert.equal(sentTo(h, m[1]!.id, '🔔').length, before);
  assert.equal(groupTexts().filter((x) => x.includes('🔔')).length, 1, 'only the 3-day reminder went to the group before the cancellation');
  // A second press on the old button is refused politely.
  await sec.pressData(yes, confirm);
  assert.match(sec.lastAnswer()!.text!, /đã được hủy trước đó/);
  await m[0]!.send('/meeting');
  assert.match(m[0]!.last()!.text, /Sinh hoạt chi bộ định kỳ tháng 12\/2024\nThứ Ba, 10\/12\/2024, 14:00, Hội trường/);
});

test('adding a themed meeting on its own date: an empty topic and a missing hour are refused; announced with RSVP buttons', async () => {
  await h.tickAt('2024-11-28T09:00:00+07:00');
  await sec.send('/meeting');
  await sec.press('➕ Thêm buổi chuyên đề');
  assert.equal(sec.last()!.text, 'Tổ chức buổi chuyên đề riêng, hay kết hợp với buổi sinh hoạt định kỳ?');
  assert.deepEqual(
    sec
      .last()!
      .keyboard!.map((r) => r[0]!.text)
      .slice(0, 2),
    ['Kết hợp với buổi định kỳ 10/12/2024', 'Tổ chức buổi riêng'],
  );
  await sec.press('Tổ chức buổi riêng');
  let mark = sec.mark();
  await sec.send(' ');
  assert.match(sec.since(mark), /Buổi sinh hoạt chuyên đề cần có tên chuyên đề/);
  await sec.send('Học tập Nghị quyết Trung ương 10');
  mark = sec.mark();
  await sec.send('15/12/2024');
  assert.match(sec.since(mark), /Xin ghi cả giờ họp sau ngày/);
  await sec.send('15/12/2024 08:00');
  await sec.press('Hội trường');
  assert.match(sec.last()!.text, /Buổi sinh hoạt chuyên đề: Học tập Nghị quyết Trung ương 10\nChủ nhật, 15\/12\/2024, 08:00, Hội trường/);
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Đã thêm: Sinh hoạt chuyên đề “Học tập Nghị quyết Trung ương 10” — Chủ nhật, 15/12/2024, 08:00, Hội trường. Bot đã báo cho chi bộ và sẽ nhắc theo lịch.');
  await h.settle();
  assert.match(groupTexts().at(-1)!, /^📢 Lịch sinh hoạt mới\nSinh hoạt chuyên đề “Học tập Nghị quyết Trung ương 10”\nChủ nhật, 15\/12\/2024, 08:00, Hội trường\./);
  const invite = m[2]!.last()!;
  assert.match(invite.text, /Lịch sinh hoạt mới/);
  await m[2]!.press('✅ Tham dự', invite);
  assert.match(m[2]!.last()!.text, /tham dự buổi sinh hoạt 15\/12\/2024, 08:00/);
});

test('a themed meeting combined with the monthly one, and an extraordinary meeting', async () => {
  await sec.send('/meeting');
  await sec.press('➕ Thêm buổi chuyên đề');
  await sec.press('Kết hợp với buổi định kỳ 10/12/2024');
  await sec.send('Tổng kết công tác xây dựng Đảng');
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Buổi định kỳ 10/12/2024 kết hợp chuyên đề “Tổng kết công tác xây dựng Đảng”. Bot đã báo cho chi bộ.');
  await h.settle();
  assert.match(groupTexts().at(-1)!, /^📢 Buổi sinh hoạt định kỳ tháng 12\/2024 kết hợp sinh hoạt chuyên đề “Tổng kết công tác xây dựng Đảng”\nThứ Ba, 10\/12\/2024, 14:00, Hội trường\./);

  await sec.send('/meeting');
  await sec.press('➕ Thêm buổi đột xuất');
  await sec.press('Bỏ qua');
  await sec.send('03/12/2024 16:00');
  await sec.send('Phòng 2');
  await sec.press('Gửi');
  assert.equal(sec.last()!.text, '✓ Đã thêm: Sinh hoạt chi bộ đột xuất — Thứ Ba, 03/12/2024, 16:00, Phòng 2. Bot đã báo cho chi bộ và sẽ nhắc theo lịch.');

  // The next meeting is the extraordinary one; the others are a tap away.
  await m[2]!.send('/meeting');
  const card = m[2]!.last()!;
  assert.match(card.text, /Sinh hoạt chi bộ đột xuất\nThứ Ba, 03\/12\/2024, 16:00, Phòng 2\./);
  assert.deepEqual(
    card.keyboard!.at(-1)!.map((b) => b.text),
    ['📅 10/12 — định kỳ', '📅 15/12 — chuyên đề'],
  );
  await m[2]!.press('📅 15/12 — chuyên đề', card);
  assert.match(m[2]!.last()!.text, /Sinh hoạt chuyên đề “Học tập Nghị quyết Trung ương 10”\nChủ nhật, 15\/12\/2024, 08:00, Hội trường\.\nĐồng chí đã báo: ✅ tham dự/);

  const f = (await h.app.services.meetings.yearFigures(c.cellId, 2024))!;
  assert.deepEqual(
    f.quarters.map((q) => q.themedHeld),
    [0, 0, 0, 0],
    'nothing held yet',
  );
});

test('reminder settings: a lead out of range or already used is refused; a new lead and audience, a reminder turned off', async () => {
  await sec.send('/settings');
  await sec.press('Lịch sinh hoạt và nhắc nhở');
  await sec.press('Sửa nhắc 2');
  let mark = sec.mark();
  await sec.send('5 phút');
  assert.match(sec.since(mark), /Thời gian nhắc cần từ 10 phút đến 14 ngày trước giờ họp/);
  mark = sec.mark();
  await sec.send('3 ngày');
  assert.match(sec.since(mark), /Đã có một nhắc nhở khác cùng thời gian này/);
  await sec.send('12 giờ');
  await sec.press('Riêng từng đồng chí');
  assert.match(sec.last()!.text, /2\. 12 giờ trước — riêng từng đồng chí/);
  await sec.press('Sửa nhắc 3');
  await sec.press('Tắt nhắc này');
  assert.match(sec.last()!.text, /1\. 3 ngày trước — trong nhóm và riêng từng đồng chí\n2\. 12 giờ trước — riêng từng đồng chí\n3\. tắt/);

  // 12 hours before the extraordinary meeting of 03/12 16:00: privately to everyone, not in the group.
  const groupBefore = groupTexts().length;
  await h.tickAt('2024-12-03T04:00:00+07:00');
  for (const u of [sec, ...m]) assert.match(u.last()!.text, /🔔 Nhắc lịch sinh hoạt\nSinh hoạt chi bộ đột xuất\nThứ Ba, 03\/12\/2024, 16:00, Phòng 2/);
  await h.tickAt('2024-12-03T14:00:00+07:00');
  assert.equal(groupTexts().length, groupBefore, 'the 2-hour group reminder is off');
});

test('members cannot change settings or use the committee actions', async () => {
  await m[0]!.send('/settings');
  assert.match(m[0]!.last()!.text, /chỉ bí thư chi bộ/);
  await sec.send('/settings');
  await sec.press('Lịch sinh hoạt và nhắc nhở');
  const setData = sec.findButton('Sửa nhắc 1').button.callback_data!;
  await m[0]!.pressData(setData);
  assert.match(m[0]!.lastAnswer()!.text!, /chỉ bí thư chi bộ/);
  await sec.send('/meeting');
  const moveData = sec.findButton('📅 Dời buổi này').button.callback_data!;
  await m[0]!.pressData(moveData);
  assert.match(m[0]!.lastAnswer()!.text!, /chỉ dành cho chi ủy/);
  await m[0]!.send('/meeting');
  assert.ok(!JSON.stringify(m[0]!.last()!.keyboard).includes('Dời'), 'no committee buttons for a member');
});
