/** The committee's side of the review, reminders, and who may see what — end to end over the fake Bot API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { readDocx } from '../support/docx.ts';
import { cbDialog, cbReview, type ReviewAction } from '../../src/telegram/callback-data.ts';

/** Writes every section (marked with `tag`), picks the party level, no score, and sends. */
async function writeAndSend(u: FakeUser, tag: string, level = 'Hoàn thành tốt nhiệm vụ'): Promise<void> {
  await u.send('/evaluate');
  for (const section of ['I.1', 'I.2', 'I.3', 'II.1', 'II.2', 'III']) {
    assert.match(u.last()!.text, new RegExp(`^Phần ${section.replace('.', '\\.')} `));
    await u.send(`${tag}: nội dung phần ${section}.`);
    await u.press('Xong phần này');
  }
  await u.press('Không có');
  await u.press('Không có');
  await u.send(`${tag}: nội dung phần VI.`);
  await u.press('Xong phần này');
  await u.press(level);
  await u.press('Không tự chấm điểm');
  await u.press('Gửi');
  assert.match(u.messages().at(-2)!.text, /Đã gửi bản kiểm điểm năm 2024/);
}

async function setup(h: Harness) {
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const an = h.api.user({ id: 202, first_name: 'An' });
  const bao = h.api.user({ id: 203, first_name: 'Bảo' });
  await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
  await joinAndApprove(h, sec, bao, { name: 'Trần Văn Bảo', gender: 'Nam', status: 'Dự bị', admittedOn: '01/03/2024', theory: 'Sơ cấp' });
  return { sec, cellId, an, bao };
}

test('reminders every 3 days and the day before the deadline to those who have not sent, a summary on the deadline, nothing after the close', async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, an, bao } = await setup(h);
    const cuc = h.api.user({ id: 204, first_name: 'Cúc' });
    await joinAndApprove(h, sec, cuc, { name: 'Lê Thị Cúc', gender: 'Nữ', status: 'Chính thức', theory: 'Sơ cấp' });
    await h.app.services.members.setState(101, '204', 'temp_exempt');

    // the default deadline is a setting
    await sec.send('/settings');
    await sec.press('Kiểm điểm cuối năm');
    assert.match(sec.last()!.text, /hạn gửi mặc định là 15 ngày/);
    await sec.press('20 ngày');
    assert.match(sec.last()!.text, /Đã lưu: hạn gửi mặc định 20 ngày/);

    await sec.send('/evaluate');
    await sec.press('Mở kiểm điểm năm 2024');
    assert.deepEqual(
      sec
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['24/11/2024 (sau 20 ngày)'],
    );
    const mark = sec.mark();
    await sec.send('01/11/2024');
    assert.match(sec.since(mark), /Hạn gửi cần là một ngày sau hôm nay/);
    assert.match(sec.last()!.text, /Hạn gửi bản kiểm điểm năm 2024\?/);
    await sec.send('10/11/2024');
    await h.settle();
    assert.ok(sec.messages().some((m) => /^Đã mở kiểm điểm năm 2024, hạn gửi 10\/11\/2024\. Bot đã gửi lời mời tới 3 đảng viên/.test(m.text)));
    assert.equal(cuc.messages().filter((m) => /kiểm điểm/.test(m.text)).length, 0, 'a member exempted from activity is not asked');
    await cuc.send('/evaluate');
    assert.match(cuc.last()!.text, /miễn sinh hoạt đảng nên không thuộc diện kiểm điểm/);

    await writeAndSend(an, 'An');
    const count = (u: FakeUser) => u.messages().filter((m) => /^Nhắc: /.test(m.text)).length;

    assert.equal(await h.tickAt('2024-11-07T07:59:00+07:00'), 0);
    await h.tickAt('2024-11-07T08:00:00+07:00');
    assert.equal(count(bao), 1);
    assert.match(bao.last()!.text, /Nhắc: đồng chí chưa viết bản kiểm điểm năm 2024\. Hạn gửi 10\/11\/2024 \(còn 3 ngày\)\./);
    assert.deepEqual(
      bao
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Bắt đầu kiểm điểm'],
    );
    assert.equal(count(sec), 1, 'the secretary has not sent either');
    assert.equal(count(an), 0, 'who sent is not reminded');
    assert.equal(count(cuc), 0);

    // once a day only, not on other days; across a restart nothing is repeated
    await h.tickAt('2024-11-07T15:00:00+07:00');
    await h.restart({ at: '2024-11-08T09:00:00+07:00' });
    await h.tickAt('2024-11-08T10:00:00+07:00');
    assert.equal(count(bao), 1);

    // Bảo starts, then stops: the day-before reminder says the draft is unfinished
    await bao.press('Bắt đầu kiểm điểm');
    await bao.send('Viết dở.');
    await bao.send('/cancel');
    await h.tickAt('2024-11-09T08:30:00+07:00');
    assert.equal(count(bao), 2);
    assert.match(bao.last()!.text, /Nhắc: bản kiểm điểm năm 2024 của đồng chí đang viết dở, chưa gửi\. Hạn gửi 10\/11\/2024 \(còn 1 ngày\)\./);
    assert.deepEqual(
      bao
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Tiếp tục viết'],
    );

    // the deadline: a summary to the committee at 17:00
    await h.tickAt('2024-11-10T08:00:00+07:00');
    assert.ok(!sec.messages().some((m) => /là hạn gửi bản kiểm điểm/.test(m.text)));
    await h.tickAt('2024-11-10T17:00:00+07:00');
    const summary = sec.last()!;
    assert.match(summary.text, /Hôm nay \(10\/11\/2024\) là hạn gửi bản kiểm điểm năm 2024\.\nĐã gửi: 1\/3\.\n✏️ Đang viết \(1\): Trần Văn Bảo\n⏳ Chưa bắt đầu \(1\): Trần Thị Bình/);
    assert.deepEqual(
      summary.keyboard?.flat().map((b) => b.text),
      ['Xem tiến độ'],
    );
    assert.equal(count(bao), 2);
    assert.ok(!an.messages().some((m) => /là hạn gửi/.test(m.text)), 'the summary goes to the committee only');

    // the secretary moves the deadline to 16/11 (reminders would go on 13/11 and 15/11, a summary on 16/11) …
    await sec.press('Xem tiến độ');
    await sec.press('Đổi hạn');
    assert.deepEqual(
      sec
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['17/11/2024 (sau 7 ngày)'],
    );
    await sec.send('16/11/2024');
    assert.ok(sec.messages().some((m) => m.text === 'Đã đổi hạn kiểm điểm năm 2024 thành 16/11/2024.'));
    assert.match(sec.last()!.text, /hạn 16\/11\/2024 \(còn 6 ngày\)/);
    // … and closes the review the next day
    h.clock.set('2024-11-11T09:00:00+07:00');
    await sec.press('Kết thúc kiểm điểm');
    assert.match(sec.last()!.text, /Kết thúc kiểm điểm năm 2024\? .*Còn 2 đồng chí chưa gửi\./s);
    await sec.press('Đồng ý, kết thúc');
    assert.match(sec.last()!.text, /Đã kết thúc kiểm điểm năm 2024\.\nĐã gửi: 1\/3/);
    assert.equal((await h.app.store.cell(cellId))!.review.reviews['2024']!.state, 'closed');

    const before = { bao: bao.mark(), sec: sec.mark(), an: an.mark() };
    for (const at of ['2024-11-12T09:00:00+07:00', '2024-11-13T08:00:00+07:00', '2024-11-15T08:00:00+07:00', '2024-11-16T17:00:00+07:00']) await h.tickAt(at);
    assert.deepEqual({ bao: bao.mark(), sec: sec.mark(), an: an.mark() }, before, 'nothing after the close');

    // an old button on a closed review says so; /evaluate too
    await bao.press('Tiếp tục viết');
    assert.equal(bao.lastAnswer()!.text, 'Kiểm điểm năm 2024 đã kết thúc; nút này không còn dùng được.');
    assert.equal(bao.lastAnswer()!.showAlert, true);
    await bao.send('/evaluate');
    assert.match(bao.last()!.text, /Kiểm điểm năm 2024 đã kết thúc/);
    // who sent can still download their own
    await an.send('/evaluate');
    assert.match(an.last()!.text, /Kiểm điểm năm 2024 đã kết thúc/);
    await an.press('Tải bản kiểm điểm (.docx)');
    assert.equal(an.documents().length, 2);
    assert.ok(readDocx(an.documents()[1]!.bytes).paragraphs.includes('An: nội dung phần II.1.'));
  } finally {
    await h.stop();
  }
});

test("another member cannot read or press anything of this member's", async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, an, bao } = await setup(h);
    const group = h.api.group({ id: -1001, title: 'Chi bộ THCS Phong Hải' });
    await sec.sendIn(group, '/linkgroup');
    await sec.send('/evaluate');
    await sec.press('Mở kiểm điểm năm 2024');
    await sec.press('19/11/2024 (sau 15 ngày)');
    await h.settle();
    await writeAndSend(an, 'Bí mật của An');
    const secret = /Bí mật của An/;
    const anBefore = JSON.stringify((await h.app.store.cell(cellId))!.review.reviews['2024']!.submissions['202']);

    // Bảo's own /evaluate shows only his own form
    await bao.send('/evaluate');
    assert.match(bao.last()!.text, /^Phần I\.1 \(1\/9\)/);

    // forged committee buttons for An's submission
    const forge = (action: ReviewAction, arg = '') => cbReview.make({ cell: cellId, action, id: 2024, arg });
    for (const [action, arg] of [
      ['view', '202'],
      ['doc', '202'],
      ['rate', '202.0'],
      ['comment', '202'],
      ['all', ''],
      ['list', '0'],
      ['panel', ''],
    ] as [ReviewAction, string][]) {
      await bao.pressData(forge(action!, arg), bao.last());
      assert.match(bao.lastAnswer()!.text!, /chỉ dành cho chi ủy/, action);
    }
    for (const action of ['close', 'open', 'deadline'] as const) {
      await bao.pressData(forge(action, 'y'), bao.last());
      assert.match(bao.lastAnswer()!.text!, /chỉ bí thư/, action);
    }
    // "my document" is always the presser's own: Bảo has none
    await bao.pressData(forge('mydoc', '202'), bao.last());
    assert.match(bao.last()!.text, /Chưa có bản kiểm điểm nào được gửi/);
    // An's dialog buttons act on Bảo's own dialog only (stale for him)
    await bao.pressData(cbDialog.make({ dialog: 'evaluate', step: '_review', action: 'submit' }), bao.last());
    assert.equal(bao.lastAnswer()!.text, 'Nút này đã cũ, không còn dùng được.');

    // a secretary of another cell cannot either
    const sec2 = h.api.user({ id: 102, first_name: 'Hà' });
    await createCellWithSecretary(h, sec2, { name: 'Chi bộ Trạm Y tế' });
    await sec2.pressData(forge('view', '202'), sec2.last());
    assert.match(sec2.lastAnswer()!.text!, /chi bộ khác/);
    await sec2.pressData(forge('rate', '202.0'), sec2.last());
    assert.match(sec2.lastAnswer()!.text!, /chi bộ khác/);

    // nothing personal in the group
    await sec.sendIn(group, '/evaluate');
    await an.sendIn(group, '/kiemdiem');
    assert.ok(
      h.api
        .botMessages(group.id)
        .slice(-2)
        .every((m) => /chỉ làm trong tin nhắn riêng/.test(m.text)),
    );

    assert.ok(![...bao.messages(), ...sec2.messages(), ...h.api.botMessages(group.id)].some((m) => secret.test(m.text) || m.document), 'no text or file of An reached anyone else');
    assert.equal(JSON.stringify((await h.app.store.cell(cellId))!.review.reviews['2024']!.submissions['202']), anBefore);
    assert.deepEqual((await h.app.store.cell(cellId))!.review.reviews['2024']!.decisions, {});

    // the committee can read it
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    await sec.press('✅ Nguyễn Văn An');
    assert.match(sec.since(sec.mark() - 1), /Bí mật của An: nội dung phần I\.1\./);
  } finally {
    await h.stop();
  }
});

test("the committee reads submissions, records the cell's levels, sees the quota warning (never blocked), comments and downloads all", async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, an, bao } = await setup(h);
    const cuc = h.api.user({ id: 204, first_name: 'Cúc' });
    const dung = h.api.user({ id: 205, first_name: 'Dũng' });
    await joinAndApprove(h, sec, cuc, { name: 'Lê Thị Cúc', gender: 'Nữ', status: 'Chính thức', theory: 'Sơ cấp' });
    await joinAndApprove(h, sec, dung, { name: 'Phạm Văn Dũng', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await h.app.services.members.edit(101, '205', { role: 'committee' }); // Dũng: chi ủy viên

    await sec.send('/evaluate');
    await sec.press('Mở kiểm điểm năm 2024');
    await sec.press('19/11/2024 (sau 15 ngày)');
    await h.settle();
    await writeAndSend(an, 'An', 'Hoàn thành xuất sắc nhiệm vụ');
    await writeAndSend(cuc, 'Cúc');
    await bao.send('/evaluate');
    await bao.send('Đang viết.');
    const writing = bao.last()!;

    // a chi ủy viên sees progress by name and rates; no open/close buttons
    await dung.send('/evaluate');
    const panel = dung.last()!;
    assert.match(panel.text, /Kiểm điểm năm 2024 — đang mở, hạn 19\/11\/2024 \(còn 15 ngày\)/);
    assert.match(panel.text, /Đã gửi: 2\/5 · Đang viết: 1 · Chưa bắt đầu: 2/);
    assert.match(panel.text, /• Nguyễn Văn An — tự nhận: xuất sắc; chi bộ: chưa xếp loại/);
    assert.match(panel.text, /• Lê Thị Cúc — tự nhận: tốt; chi bộ: chưa xếp loại/);
    assert.match(panel.text, /✏️ Đang viết \(1\): Trần Văn Bảo/);
    assert.match(panel.text, /⏳ Chưa bắt đầu \(2\): Trần Thị Bình, Phạm Văn Dũng/);
    assert.deepEqual(
      panel.keyboard?.flat().map((b) => b.text),
      ['Bản kiểm điểm của tôi', 'Xem, xếp loại từng đồng chí', 'Tải tất cả (.docx)', 'Cập nhật'],
    );

    await dung.press('Xem, xếp loại từng đồng chí');
    assert.deepEqual(
      dung
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['⏳ Trần Thị Bình', '⏳ Phạm Văn Dũng', '✅ Nguyễn Văn An', '✏️ Trần Văn Bảo', '✅ Lê Thị Cúc', '← Tổng hợp'],
    );
    await dung.press('✅ Nguyễn Văn An');
    const view = dung.last()!;
    assert.match(dung.since(dung.mark() - 1), /Bản kiểm điểm của đ\/c Nguyễn Văn An — lần 1, gửi lúc 09:00 04\/11\/2024/);
    assert.match(view.text, /An: nội dung phần VI\./);
    assert.match(view.text, /Xếp loại đảng viên: Hoàn thành xuất sắc nhiệm vụ/);
    assert.match(view.text, /Chi bộ xếp loại: \(chưa ghi\)\nBấm một mức để ghi xếp loại của chi bộ:/);
    assert.deepEqual(
      view.keyboard?.flat().map((b) => b.text),
      ['Xuất sắc', 'Tốt', 'Hoàn thành', 'Không hoàn thành', 'Tải .docx', '← Danh sách'],
    );
    await dung.press('Xuất sắc');
    assert.match(dung.last()!.text, /Đã ghi: chi bộ xếp loại đ\/c Nguyễn Văn An — Hoàn thành xuất sắc nhiệm vụ\.\nĐã xếp loại 1\/5: xuất sắc 1, tốt 0/);
    assert.match(dung.last()!.text, /⚠️ Số được xếp loại “Hoàn thành xuất sắc nhiệm vụ” \(1\) vượt 20% số “Hoàn thành tốt nhiệm vụ” \(0; tối đa 0\)/);

    // the others as "tốt" — also those who have not sent
    for (const name of ['✅ Lê Thị Cúc', '✏️ Trần Văn Bảo', '⏳ Trần Thị Bình', '⏳ Phạm Văn Dũng']) {
      await dung.press('← Danh sách');
      await dung.press(new RegExp(`^${name}`));
      if (name.startsWith('✏️')) assert.match(dung.last()!.text, /Đ\/c Trần Văn Bảo chưa gửi bản kiểm điểm \(đang viết\)\./);
      await dung.press('Tốt');
    }
    // 1 xuất sắc of 4 tốt: over 20%, warned and recorded all the same
    assert.match(dung.last()!.text, /Đã xếp loại 5\/5: xuất sắc 1, tốt 4, hoàn thành 0, không hoàn thành 0\./);
    assert.match(dung.last()!.text, /\(1\) vượt 20% số “Hoàn thành tốt nhiệm vụ” \(4; tối đa 0\)/);
    assert.equal(Object.keys((await h.app.store.cell(cellId))!.review.reviews['2024']!.decisions).length, 5);
    const decidedAn = (await h.app.store.cell(cellId))!.review.reviews['2024']!.decisions['202']!;
    assert.equal(decidedAn.rating, 'xuat_sac');
    assert.equal(decidedAn.by, '205');
    await sec.send('/evaluate');
    assert.match(sec.last()!.text, /⚠️ Số được xếp loại “Hoàn thành xuất sắc nhiệm vụ” \(1\) vượt 20%/);
    assert.match(sec.last()!.text, /• Nguyễn Văn An — tự nhận: xuất sắc; chi bộ: xuất sắc/);

    // changed to "tốt": the warning goes; a comment for the box
    await dung.press('← Danh sách');
    await dung.press('✅ Nguyễn Văn An ★');
    assert.match(dung.last()!.text, /Chi bộ xếp loại: Hoàn thành xuất sắc nhiệm vụ/);
    await dung.press('Tốt');
    assert.doesNotMatch(dung.last()!.text, /vượt 20%/);
    await dung.press('Nhận xét của chi bộ');
    await dung.send('Gương mẫu, nhiệt tình trong công tác.');
    assert.match(dung.last()!.text, /Đã lưu nhận xét của chi bộ đối với đ\/c Nguyễn Văn An/);

    // a chi ủy viên may not close the review
    await dung.pressData(cbReview.make({ cell: cellId, action: 'close', id: 2024, arg: 'y' }), dung.last());
    assert.match(dung.lastAnswer()!.text!, /chỉ bí thư/);
    assert.equal((await h.app.store.cell(cellId))!.review.reviews['2024']!.state, 'open');

    // download all: one .docx per sent submission, the cell's box filled
    await sec.send('/evaluate');
    await sec.press('Tải tất cả (.docx)');
    await h.api.waitFor(() => sec.documents().length === 2, 5000, 'two documents');
    assert.deepEqual(
      sec.documents().map((d) => d.fileName),
      ['ban-kiem-diem-2024-Nguyen-Van-An.docx', 'ban-kiem-diem-2024-Le-Thi-Cuc.docx'],
    );
    const anDoc = readDocx(sec.documents()[0]!.bytes);
    assert.ok(anDoc.paragraphs.includes('Gương mẫu, nhiệt tình trong công tác.'));
    assert.ok(anDoc.paragraphs.includes('Chi bộ đề nghị xếp loại: Hoàn thành tốt nhiệm vụ'));
    assert.ok(anDoc.paragraphs.includes('Xếp loại đảng viên: Hoàn thành xuất sắc nhiệm vụ'));
    // and the member's own download carries the cell's level too
    await an.send('/evaluate');
    await an.press('Tải bản kiểm điểm (.docx)');
    assert.ok(readDocx(an.documents().at(-1)!.bytes).paragraphs.includes('Chi bộ đề nghị xếp loại: Hoàn thành tốt nhiệm vụ'));

    // closed: rating buttons are stale and say so
    await sec.press('Kết thúc kiểm điểm');
    await sec.press('Đồng ý, kết thúc');
    await dung.press('Tốt', view);
    assert.equal(dung.lastAnswer()!.text, 'Kiểm điểm năm 2024 đã kết thúc; nút này không còn dùng được.');
    // Bảo was writing: his draft is kept but no longer catches what he types
    await bao.send('Thêm một dòng.');
    assert.match(bao.last()!.text, /Bot chưa hiểu tin nhắn này/);
    // … nor do his dialog's buttons from before the close: the draft is not opened again
    await bao.press('Xong phần này', writing);
    assert.equal(bao.lastAnswer()!.text, 'Nút này đã cũ, không còn dùng được.');
    assert.match(bao.last()!.text, /Bot chưa hiểu tin nhắn này/, 'no next section was asked');
    assert.equal((await h.app.store.cell(cellId))!.dialogs['203']!.active, undefined);
    assert.deepEqual((await h.app.store.cell(cellId))!.dialogs['203']!.states.evaluate!.answers.s11, ['Đang viết.']);
    assert.equal((await h.app.store.cell(cellId))!.review.reviews['2024']!.decisions['202']!.rating, 'tot');
  } finally {
    await h.stop();
  }
});
