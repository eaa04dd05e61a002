/**
 * A month of a 10-member cell, driven by the fake clock against the fake Bot API:
 * the rule set through /settings, reminders at the right times in the right chats,
 * RSVPs with a change of mind and a reason demanded for "Vắng", attendance and minutes.
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
  h = await startHarness({ now: '2024-11-28T09:00:00+07:00' });
  c = await meetingCell(h);
  sec = c.sec;
  m = c.members;
});

after(() => h.stop());

const reminders = (chatId: number) => sentTo(h, chatId, '🔔 Nhắc lịch sinh hoạt');
/** Keys of the meeting messages planned so far (other features plan on the same ticks). */
const meetingKeys = async () => {
  const box = (await h.app.store.cell(c.cellId))!.outbox;
  return [...Object.keys(box.sent), ...box.pending.map((p) => p.key)].filter((k) => k.includes(':meeting:'));
};
async function tick(at: string): Promise<string[]> {
  const before = new Set(await meetingKeys());
  await h.tickAt(at);
  return (await meetingKeys()).filter((k) => !before.has(k));
}

test('the secretary sets the rule; typed mistakes are answered with the reason; late in the month it starts next month', async () => {
  await sec.send('/settings');
  await sec.press('Lịch sinh hoạt và nhắc nhở');
  assert.match(sec.last()!.text, /chưa đặt lịch sinh hoạt định kỳ/);
  assert.match(sec.last()!.text, /1\. 3 ngày trước — trong nhóm và riêng từng đồng chí/);
  assert.match(sec.last()!.text, /2\. 1 ngày trước — riêng những đồng chí chưa trả lời/);
  assert.match(sec.last()!.text, /3\. 2 giờ trước — trong nhóm/);
  await sec.press('Đặt lịch định kỳ');
  await sec.press('Một thứ trong tuần');
  await sec.press('Thứ Năm');
  await sec.press('Tuần đầu tiên');
  let mark = sec.mark();
  await sec.send('25:00');
  assert.match(sec.since(mark), /Giờ không hợp lệ: giờ từ 0 đến 23/);
  assert.equal(sec.last()!.text, 'Giờ họp (ví dụ 14:00)?', 'the same question again');
  await sec.send('14:00');
  mark = sec.mark();
  await sec.send('   ');
  assert.match(sec.since(mark), /Địa điểm họp không được để trống/);
  assert.match(sec.last()!.text, /^Địa điểm họp/);
  await sec.send('Phòng họp');
  assert.match(sec.last()!.text, /thứ Năm tuần đầu tiên hằng tháng, 14:00, tại Phòng họp/);
  await sec.press('Gửi');
  assert.equal(
    sec.last()!.text,
    '✓ Đã lưu. Theo lịch này, buổi tháng 11/2024 rơi vào ngày 07/11/2024, đã qua, nên lịch áp dụng từ tháng 12/2024; buổi đầu tiên theo lịch mới: Thứ Năm, 05/12/2024, 14:00, Phòng họp.',
  );
});

test('/meeting and /hop show the next meeting in words with the RSVP buttons; the group sees no buttons', async () => {
  await m[0]!.send('/meeting');
  const card = m[0]!.last()!;
  assert.match(card.text, /Sinh hoạt chi bộ định kỳ tháng 12\/2024\nThứ Năm, 05\/12\/2024, 14:00, Phòng họp\./);
  assert.match(card.text, /Đồng chí chưa báo tham dự/);
  assert.deepEqual(
    card.keyboard![0]!.map((b) => b.text),
    ['✅ Tham dự', '❌ Vắng'],
  );
  assert.ok(!card.text.includes('Đã báo:'), 'members do not see the committee tally');
  await m[1]!.send('/hop');
  assert.match(m[1]!.last()!.text, /Thứ Năm, 05\/12\/2024, 14:00, Phòng họp/);
  await sec.sendIn(c.group, '/meeting');
  const inGroup = h.api.botMessages(c.group.id).at(-1)!;
  assert.match(inGroup.text, /Thứ Năm, 05\/12\/2024, 14:00, Phòng họp/);
  assert.match(inGroup.text, /tin nhắn riêng/);
  assert.equal(inGroup.keyboard, undefined);
});

test('3 days before: the group and every member privately, exactly at 14:00, once', async () => {
  assert.deepEqual(await tick('2024-12-02T13:59:00+07:00'), []);
  const queued = await tick('2024-12-02T14:00:00+07:00');
  assert.equal(queued.length, 11, 'the group and ten members');
  assert.ok(queued.every((k) => k.startsWith(`${c.cellId}:meeting:r202412:d3@202412051400:`)));
  const group = reminders(c.group.id);
  assert.equal(group.length, 1);
  assert.match(group[0]!, /Thứ Năm, 05\/12\/2024, 14:00, Phòng họp/);
  assert.ok(!/Tham dự|Vắng/.test(JSON.stringify(h.api.botMessages(c.group.id).at(-1)!.keyboard ?? [])), 'no buttons in the group');
  for (const u of [sec, ...m]) {
    assert.equal(reminders(u.id).length, 1, `one reminder for ${u.id}`);
    assert.deepEqual(
      u.last()!.keyboard![0]!.map((b) => b.text),
      ['✅ Tham dự', '❌ Vắng'],
    );
  }
  assert.deepEqual(await tick('2024-12-02T14:01:00+07:00'), [], 'the next tick plans nothing again');
});

test('RSVP: yes, no with a reason (typed or picked), a change of mind, an empty reason refused', async () => {
  for (const u of m.slice(0, 5)) {
    await u.press('✅ Tham dự');
    assert.equal(u.last()!.text, '✓ Đã ghi nhận: đồng chí tham dự buổi sinh hoạt 05/12/2024, 14:00.');
  }
  // Vắng asks for the reason.
  await m[5]!.press('❌ Vắng');
  assert.equal(m[5]!.last()!.text, 'Xin đồng chí cho biết lý do vắng buổi sinh hoạt ngày 05/12/2024 (gõ ngắn gọn, hoặc chọn bên dưới):');
  await m[5]!.send('Đi công tác');
  assert.equal(m[5]!.last()!.text, '✓ Đã ghi nhận: đồng chí vắng buổi sinh hoạt 05/12/2024, lý do: Đi công tác.');
  // Yes, then a change of mind: Vắng with a reason picked from the buttons.
  await m[6]!.press('✅ Tham dự');
  await m[6]!.press(
    '❌ Vắng',
    m[6]!.messages().find((x) => x.text.includes('🔔')),
  );
  await m[6]!.press('Ốm đau');
  assert.match(m[6]!.last()!.text, /vắng buổi sinh hoạt 05\/12\/2024, lý do: Ốm đau/);
  // Vắng without a reason is refused with the reason, then a change of mind to Tham dự.
  await m[7]!.press('❌ Vắng');
  const mark = m[7]!.mark();
  await m[7]!.send('  ');
  assert.match(m[7]!.since(mark), /Cần ghi lý do vắng/);
  assert.match(m[7]!.last()!.text, /cho biết lý do vắng/, 'asked again');
  await m[7]!.press(
    '✅ Tham dự',
    m[7]!.messages().find((x) => x.text.includes('🔔')),
  );
  assert.match(m[7]!.last()!.text, /đồng chí tham dự/);
  await m[7]!.send('Hôm nay bận');
  assert.match(m[7]!.last()!.text, /chưa hiểu/, 'the reason question was dropped with the change of mind');

  // The member's own answer on /meeting; the committee's tally and list.
  await m[6]!.send('/meeting');
  assert.match(m[6]!.last()!.text, /Đồng chí đã báo: ❌ vắng \(lý do: Ốm đau\)/);
  await sec.send('/meeting');
  assert.match(sec.last()!.text, /Đã báo: 6 tham dự, 2 vắng, 2 chưa trả lời\./);
  await sec.press('👥 Ai đã báo');
  const list = sec.last()!.text;
  assert.match(list, /✅ Tham dự \(6\): .*Nguyễn Văn An/);
  assert.match(list, /❌ Vắng \(2\): .*Đặng Thị Lan \(Đi công tác\)/);
  assert.match(list, /Bùi Văn Minh \(Ốm đau\)/);
  assert.match(list, /Chưa trả lời \(2\): Trần Thị Bình, Ngô Văn Phúc/);
});

test('1 day before: privately, only to those who have not answered; 2 hours before: the group only', async () => {
  const before = new Map([sec, ...m].map((u) => [u.id, reminders(u.id).length]));
  assert.equal((await tick('2024-12-04T14:00:00+07:00')).length, 2);
  for (const u of [sec, ...m]) {
    const expected = u === sec || u === m[8] ? 1 : 0;
    assert.equal(reminders(u.id).length - before.get(u.id)!, expected, `1-day reminder for ${u.id}`);
  }
  assert.equal(reminders(c.group.id).length, 1, 'not in the group');

  assert.deepEqual(await tick('2024-12-05T11:59:00+07:00'), []);
  assert.deepEqual(await tick('2024-12-05T12:00:00+07:00'), [`${c.cellId}:meeting:r202412:h2@202412051400:group`]);
  assert.equal(reminders(c.group.id).length, 2);
  assert.match(reminders(c.group.id)[1]!, /Thứ Năm, 05\/12\/2024, 14:00/);
  assert.deepEqual(await tick('2024-12-05T13:00:00+07:00'), []);
  assert.deepEqual(
    [sec, ...m].map((u) => reminders(u.id).length),
    [2, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    'over the month: each member exactly once, the two who never answered twice',
  );
});

test('after the start: no more RSVP; the secretary is asked to take attendance', async () => {
  await h.tickAt('2024-12-05T14:00:00+07:00');
  assert.match(sec.last()!.text, /đã bắt đầu\. Sau buổi họp, xin đồng chí điểm danh và ghi biên bản/);
  await m[8]!.press(
    '✅ Tham dự',
    m[8]!.messages().find((x) => x.text.includes('🔔')),
  );
  assert.match(m[8]!.lastAnswer()!.text!, /đã bắt đầu; không đổi báo tham dự được nữa/);
  assert.equal(m[8]!.lastAnswer()!.showAlert, true);
});

test('attendance: prefilled from the RSVPs, tap to toggle, reasons kept, then the figures', async () => {
  await sec.press('📋 Điểm danh');
  const list = sec.last()!;
  const labels = list.keyboard!.map((r) => r[0]!.text);
  assert.equal(labels.length, 11, 'ten members and "Xong"');
  assert.ok(labels.includes('✅ Nguyễn Văn An'));
  assert.ok(labels.includes('🟡 Đặng Thị Lan — vắng có lý do: Đi công tác'));
  assert.ok(labels.includes('🟡 Bùi Văn Minh — vắng có lý do: Ốm đau'));
  assert.ok(labels.includes('✅ Ngô Văn Phúc'), 'no answer: prefilled present');
  assert.match(list.text, /có mặt 8\/10 \(80%\); vắng có lý do 2; vắng không lý do 0/);
  // Ngô Văn Phúc did not come and gave no reason: two taps.
  await sec.press('✅ Ngô Văn Phúc', list);
  await sec.press('🟡 Ngô Văn Phúc — vắng có lý do', list);
  assert.equal(list.edits, 2, 'the checklist is edited in place');
  assert.ok(list.keyboard!.some((r) => r[0]!.text === '⛔ Ngô Văn Phúc — vắng không lý do'));
  assert.match(list.text, /có mặt 7\/10 \(70%\); vắng có lý do 2; vắng không lý do 1/);
  await sec.press('✔️ Xong điểm danh', list);
  assert.match(sec.last()!.text, /✓ Đã lưu điểm danh buổi 05\/12\/2024: có mặt 7\/10 \(70%\); vắng có lý do 2; vắng không lý do 1\./);

  const month = (await h.app.services.meetings.monthSummary(c.cellId, '2024-12'))!;
  assert.equal(month.regular.status, 'held');
  assert.deepEqual([month.regular.attendance!.present, month.regular.attendance!.expected], [7, 10]);
  const year = (await h.app.services.meetings.yearFigures(c.cellId, 2024))!;
  assert.deepEqual(year.regular, { planned: 1, held: 1, cancelled: 0 });
  assert.deepEqual(
    year.absences.map((a) => [a.name, a.excused, a.unexcused]),
    [
      ['Đặng Thị Lan', 1, 0],
      ['Bùi Văn Minh', 1, 0],
      ['Ngô Văn Phúc', 0, 1],
    ],
  );
});

test('minutes: a few lines of content and resolution, kept for the journal under "Xây dựng Đảng"', async () => {
  await sec.press('🖊 Ghi biên bản');
  assert.match(sec.last()!.text, /Biên bản — nội dung chính/);
  await sec.send('Quán triệt nhiệm vụ tháng 12.');
  await sec.send('Đánh giá kết quả tháng 11.');
  await sec.press('Xong phần này');
  assert.match(sec.last()!.text, /Nghị quyết/);
  await sec.send('Hoàn thành kiểm điểm cuối năm trước 20/12.');
  await sec.press('Xong phần này');
  assert.match(sec.last()!.text, /Nội dung:\nQuán triệt nhiệm vụ tháng 12\.\nĐánh giá kết quả tháng 11\.\n\nNghị quyết:\nHoàn thành kiểm điểm/);
  await sec.press('Gửi');
  assert.match(sec.last()!.text, /✓ Đã lưu biên bản buổi 05\/12\/2024\. Biên bản được đưa vào sổ tay chi bộ, mục “Xây dựng Đảng”/);
  const minutes = await h.app.services.meetings.minutes(c.cellId, 2024);
  assert.equal(minutes.length, 1);
  assert.equal(minutes[0]!.section, 'xay_dung_dang');
  assert.equal(minutes[0]!.date, '2024-12-05');
  assert.equal(minutes[0]!.content, 'Quán triệt nhiệm vụ tháng 12.\nĐánh giá kết quả tháng 11.');
  assert.equal(minutes[0]!.resolution, 'Hoàn thành kiểm điểm cuối năm trước 20/12.');
  assert.equal(minutes[0]!.by, String(sec.id));
});

test('a member cannot use the committee buttons; a button of another cell is refused', async () => {
  const data = sec.findButton('🖊 Ghi biên bản').button.callback_data!;
  await m[0]!.pressData(data);
  assert.match(m[0]!.lastAnswer()!.text!, /chỉ dành cho chi ủy/);
  await sec.pressData(data.replace(c.cellId, 'cOTHERCELL000'));
  assert.match(sec.lastAnswer()!.text!, /thuộc một chi bộ khác/);
});

test('after the meeting, /meeting shows January: Thứ Năm, 02/01/2025', async () => {
  await m[0]!.send('/meeting');
  assert.match(m[0]!.last()!.text, /Sinh hoạt chi bộ định kỳ tháng 01\/2025\nThứ Năm, 02\/01\/2025, 14:00, Phòng họp\./);
});
