/**
 * /note's parts of the report and their sections (the cell's own Khuyết điểm … Phương hướng
 * per area), the buttons that open /note at a section from elsewhere, and the opening
 * figures of a cell that starts using the bot in the middle of a year.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openingOf } from '../../src/core/journal.ts';
import { noteButton } from '../../src/telegram/features/journal.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';

const J = t.journal;
const labels = (u: FakeUser) =>
  u
    .last()!
    .keyboard?.flat()
    .map((b) => b.text) ?? [];

/** Every keyboard the bot sent this user: callback data within Telegram's 64 bytes, and no wall of buttons. */
function phoneSized(u: FakeUser, max: number): void {
  for (const m of u.messages()) {
    const buttons = m.keyboard?.flat() ?? [];
    for (const b of buttons) assert.ok(Buffer.byteLength(b.callback_data ?? '') <= 64, b.callback_data);
    assert.ok(buttons.length <= max, `${buttons.length} buttons under “${m.text.slice(0, 60)}”`);
  }
}

async function world(now: string): Promise<{ h: Harness; sec: FakeUser; an: FakeUser; cellId: string }> {
  const h = await startHarness({ now });
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const an = h.api.user({ id: 201, first_name: 'An' });
  await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
  return { h, sec, an, cellId };
}

test('/note: the cell’s Khuyết điểm and a Phương hướng area through a part, then its section; listed, moved to another part, deleted', async () => {
  const { h, sec, cellId } = await world('2024-11-20T10:00:00+07:00');
  try {
    await sec.send('/note');
    await sec.press(J.newEntry);
    assert.equal(sec.last()!.text, 'Ghi vào phần nào của báo cáo?');
    assert.deepEqual(labels(sec), ['Đặc điểm tình hình', 'Kết quả đạt được', 'Khuyết điểm – Nguyên nhân – Bài học', 'Phương hướng năm sau']);
    await sec.press('Khuyết điểm – Nguyên nhân – Bài học');
    assert.equal(sec.last()!.text, 'Khuyết điểm – Nguyên nhân – Bài học — ghi vào mục nào?');
    assert.deepEqual(labels(sec), ['Khuyết điểm, tồn tại', 'Nguyên nhân', 'Bài học kinh nghiệm', t.buttons.back]);
    await sec.press('Khuyết điểm, tồn tại');
    await sec.press(J.today);
    await sec.send('Tinh thần tự phê bình và phê bình trong sinh hoạt chi bộ ở một số đồng chí chưa cao, còn nể nang.');
    assert.match(sec.last()!.text, /^Mục: Khuyết điểm, tồn tại\nNgày: 20\/11\/2024/);
    await sec.press('Gửi');
    assert.equal(sec.last()!.text, 'Đã ghi vào mục “Khuyết điểm, tồn tại” của sổ tay.');

    await sec.send('/note');
    await sec.press(J.newEntry);
    await sec.press('Phương hướng năm sau');
    assert.deepEqual(labels(sec), ['Phương hướng chung', 'Tư tưởng chính trị', 'Chuyên môn', 'Đoàn thể', 'Xây dựng Đảng', 'Biện pháp thực hiện', t.buttons.back]);
    await sec.press('Chuyên môn');
    await sec.send('15/11/2024');
    await sec.send('Thực hiện nghiêm túc quy chế chuyên môn, chú trọng bồi dưỡng học sinh giỏi các cấp.');
    assert.match(sec.last()!.text, /^Mục: Phương hướng: chuyên môn\nNgày: 15\/11\/2024/);
    await sec.press('Gửi');
    assert.equal(sec.last()!.text, 'Đã ghi vào mục “Phương hướng: chuyên môn” của sổ tay.');
    const sections = async () => (await h.app.services.journal.entries(cellId, 2024)).map((e) => e.section);
    assert.deepEqual(await sections(), ['phuong_huong_chuyen_mon', 'khuyet_diem']);

    // Browsing: the parts with their counts, then the sections of one.
    await sec.send('/note');
    await sec.press(J.browse);
    assert.deepEqual(labels(sec), ['Đặc điểm tình hình (0)', 'Kết quả đạt được (0)', 'Khuyết điểm – Nguyên nhân – Bài học (1)', 'Phương hướng năm sau (1)', J.opening]);
    await sec.press('Phương hướng năm sau (1)');
    assert.deepEqual(labels(sec), ['Phương hướng chung (0)', 'Tư tưởng chính trị (0)', 'Chuyên môn (1)', 'Đoàn thể (0)', 'Xây dựng Đảng (0)', 'Biện pháp thực hiện (0)', J.targets, J.backToGroups]);
    await sec.press('Chuyên môn (1)');
    assert.match(sec.last()!.text, /^Phương hướng: chuyên môn — năm 2024:\n\n1\. 15\/11\/2024 — Trần Thị Bình\nThực hiện nghiêm túc quy chế chuyên môn/);

    // Edited into another part: the part first, then its section is asked again, then back to the review.
    await sec.press('✏️ Sửa 1');
    await sec.press('Sửa');
    await sec.press('Phần');
    await sec.press('Khuyết điểm – Nguyên nhân – Bài học');
    assert.equal(sec.last()!.text, 'Khuyết điểm – Nguyên nhân – Bài học — ghi vào mục nào?');
    await sec.press('Bài học kinh nghiệm');
    assert.match(sec.last()!.text, /^Mục: Bài học kinh nghiệm\nNgày: 15\/11\/2024/);
    await sec.press('Gửi');
    assert.equal(sec.last()!.text, J.edited);
    assert.deepEqual(await sections(), ['bai_hoc', 'khuyet_diem']);

    // Back from a list goes to its part; deleting works as for the other sections.
    await sec.send('/note');
    await sec.press(J.browse);
    await sec.press('Khuyết điểm – Nguyên nhân – Bài học (2)');
    await sec.press('Khuyết điểm, tồn tại (1)');
    await sec.press(J.back);
    assert.ok(labels(sec).includes('Bài học kinh nghiệm (1)'));
    await sec.press('Khuyết điểm, tồn tại (1)');
    await sec.press('🗑 Xóa 1');
    await sec.press(J.yesDelete);
    assert.equal(sec.last()!.text, J.deleted);
    assert.deepEqual(await sections(), ['bai_hoc']);
    phoneSized(sec, 8);
  } finally {
    await h.stop();
  }
});

test('a button made by noteButton opens /note right at its section, the opening figures or a report input; refused to a member and when forged', async () => {
  const { h, sec, an, cellId } = await world('2024-11-20T10:00:00+07:00');
  try {
    // (pressed on any message of the chat, as a button of another feature's screen would be)
    await sec.send('/whoami');
    const msg = sec.last();
    await sec.pressData(noteButton(cellId, 'nguyen_nhan', 'Bổ sung: Nguyên nhân').data, msg);
    assert.equal(sec.last()!.text, J.askDate, 'the date is asked: the part and the section are given');
    await sec.press(J.today);
    await sec.send('Một số đảng viên chưa thấy rõ vai trò của người đảng viên.');
    assert.match(sec.last()!.text, /^Mục: Nguyên nhân\n/);
    await sec.press('Gửi');
    assert.deepEqual(
      (await h.app.services.journal.entries(cellId, 2024, 'nguyen_nhan')).map((e) => e.text),
      ['Một số đảng viên chưa thấy rõ vai trò của người đảng viên.'],
    );

    // Kiểm tra, giám sát starts with its kind; the targets and the level as their own buttons do.
    await sec.pressData(noteButton(cellId, 'kiem_tra', 'x').data, msg);
    assert.equal(sec.last()!.text, J.askKind);
    await sec.send('/cancel');
    await sec.pressData(noteButton(cellId, 'phuong_huong_xay_dung_dang', 'x').data, msg);
    await sec.press(J.today);
    await sec.send('Đổi mới nội dung sinh hoạt chi bộ.');
    await sec.press('Gửi');
    assert.equal((await h.app.services.journal.entries(cellId, 2024, 'phuong_huong_xay_dung_dang')).length, 1);
    await sec.pressData(noteButton(cellId, 'targets', 'x').data, msg);
    assert.equal(sec.last()!.text, J.askTargets(2025));
    await sec.send('Chi bộ trong sạch vững mạnh');
    assert.equal((await h.app.services.journal.inputs(cellId, 2024)).targets, 'Chi bộ trong sạch vững mạnh');
    await sec.pressData(noteButton(cellId, 'level', 'x', 2024).data, msg);
    assert.equal(sec.last()!.text, J.askLevel(2024));
    await sec.pressData(noteButton(cellId, 'opening', 'x').data, msg);
    assert.match(sec.last()!.text, /^Số liệu đầu kỳ năm 2024: sổ sách cũ \(trước khi dùng bot\) ghi đến hết tháng nào\?/);
    await sec.send('/cancel');

    // A member; a section that does not exist; a year to come: refused, nothing opened.
    await an.pressData(noteButton(cellId, 'bai_hoc', 'x').data, an.last());
    assert.equal(an.lastAnswer()!.text, t.refusals['forbidden.committee']);
    assert.equal(await h.app.services.dialogs.active(an.id), undefined);
    for (const data of [`jn:${cellId}:add:khuyet:`, `jn:${cellId}:add:bai_hoc:2099`, `jn:${cellId}:add:opening:24`]) {
      await sec.pressData(data, msg);
      assert.equal(sec.lastAnswer()!.text, t.common.staleButton, data);
      assert.equal(await h.app.services.dialogs.active(sec.id), undefined, data);
    }
    assert.equal((await h.app.services.journal.entries(cellId, 2024)).length, 2);
  } finally {
    await h.stop();
  }
});

test('/report’s “Còn … mục cần bổ sung” buttons open /note at the missing section; once written, it is no longer missing', async () => {
  const { h, sec, cellId } = await world('2024-11-20T10:00:00+07:00');
  try {
    await sec.send('/report');
    const summary = sec.messages().findLast((m) => /Còn \d+ mục cần bổ sung/.test(m.text))!;
    assert.match(summary.text, /Khuyết điểm, tồn tại/);
    await sec.press('✍️ Khuyết điểm, tồn tại', summary);
    assert.equal(sec.last()!.text, J.askDate);
    await sec.press(J.today);
    await sec.send('Việc học tập, quán triệt nghị quyết đôi lúc chưa đầy đủ đảng viên.');
    await sec.press('Gửi');
    assert.deepEqual((await h.app.services.journal.entries(cellId, 2024, 'khuyet_diem')).length, 1);
    await sec.press('✍️ Căn cứ báo cáo', summary);
    assert.equal(sec.last()!.text, J.askBasis);
    await sec.send('/cancel');
    await sec.send('/report');
    const again = sec.messages().findLast((m) => /mục cần bổ sung|không còn mục nào/.test(m.text))!;
    assert.doesNotMatch(again.text, /Khuyết điểm, tồn tại/);
    assert.ok(!again.keyboard?.flat().some((b) => b.text === '✍️ Khuyết điểm, tồn tại'));
  } finally {
    await h.stop();
  }
});

test('in January, a note for last year’s report is dated at its end, not today, so the report of that year has it', async () => {
  const { h, sec, cellId } = await world('2025-01-10T09:00:00+07:00');
  try {
    await sec.pressData(noteButton(cellId, 'bai_hoc', 'x', 2024).data);
    assert.deepEqual(labels(sec), ['Cuối năm 2024 (31/12/2024)', t.buttons.back]);
    await sec.press('Cuối năm 2024 (31/12/2024)');
    await sec.send('Phải thường xuyên đổi mới nội dung sinh hoạt chi bộ.');
    assert.match(sec.last()!.text, /^Mục: Bài học kinh nghiệm\nNgày: 31\/12\/2024/);
    await sec.press('Gửi');
    assert.equal((await h.app.services.journal.entries(cellId, 2024, 'bai_hoc')).length, 1);
    // /note's own "Ghi mục mới" in January is for the report year too (the home says 2024)
    await sec.send('/note');
    assert.match(sec.last()!.text, /^Sổ tay chi bộ năm 2024: đã ghi 1 mục/);
    await sec.press(J.newEntry);
    await sec.press('Đặc điểm tình hình');
    await sec.press('Thuận lợi');
    assert.ok(labels(sec).includes('Cuối năm 2024 (31/12/2024)'));
    await sec.send('/cancel');
    // a button for this year's report offers today
    await sec.pressData(noteButton(cellId, 'thuan_loi', 'x', 2025).data);
    assert.deepEqual(labels(sec), [J.today, t.buttons.back]);
    await sec.send('/cancel');
  } finally {
    await h.stop();
  }
});

test('a cell started in June enters its opening figures once: a bad value is asked again with the reason; /note shows them; edited later; kept across a restart', async () => {
  const { h, sec, an, cellId } = await world('2024-06-05T09:00:00+07:00');
  try {
    h.clock.set('2024-06-20T09:00:00+07:00');
    await sec.send('/note');
    assert.doesNotMatch(sec.last()!.text, /Số liệu đầu kỳ: đã nhập/);
    await sec.press(J.opening);
    assert.equal(sec.messages().at(-2)!.text, J.openingNone(2024));
    assert.equal(sec.last()!.text, 'Số liệu đầu kỳ năm 2024: sổ sách cũ (trước khi dùng bot) ghi đến hết tháng nào? Dấu ✓ là tháng trước khi chi bộ bắt đầu dùng bot (05/2024).');
    assert.deepEqual(labels(sec), ['01/2024', '02/2024', '03/2024', '04/2024', '✓ 05/2024']);
    await sec.press('✓ 05/2024');

    const reAsked = (reason: string | RegExp, question: string | RegExp) => {
      const [said, asked] = sec
        .messages()
        .slice(-2)
        .map((m) => m.text);
      if (typeof reason === 'string') assert.equal(said, reason);
      else assert.match(said!, reason);
      if (typeof question === 'string') assert.equal(asked, question);
      else assert.match(asked!, question);
    };
    assert.equal(sec.last()!.text, 'Từ tháng 01 đến hết tháng 05/2024, chi bộ đã sinh hoạt thường kỳ bao nhiêu buổi (ví dụ 5)?');
    await sec.send('7');
    reAsked('Từ tháng 01 đến hết tháng 05/2024 có 5 tháng; chi bộ sinh hoạt thường kỳ mỗi tháng một buổi, nên số buổi không quá 5.', /thường kỳ bao nhiêu buổi/);
    await sec.send('năm buổi');
    reAsked('Xin nhập một số nguyên từ 0 đến 31, ví dụ 2 (0 nếu không có).', /thường kỳ bao nhiêu buổi/);
    await sec.send('5');
    assert.equal(sec.last()!.text, 'Quý I: chi bộ đã sinh hoạt chuyên đề bao nhiêu buổi (0 nếu không có)?');
    await sec.send('1');
    assert.equal(sec.last()!.text, 'Quý II (đến hết tháng 05/2024): chi bộ đã sinh hoạt chuyên đề bao nhiêu buổi (0 nếu không có)?');
    await sec.send('32');
    reAsked('Xin nhập một số nguyên từ 0 đến 31, ví dụ 2 (0 nếu không có).', /^Quý II/);
    await sec.send('1');
    assert.equal(sec.last()!.text, J.askExtraordinary);
    await sec.send('0');
    assert.equal(sec.last()!.text, J.askDues('2024-01'));
    assert.deepEqual(labels(sec), [J.noFigure, t.buttons.back]);
    await sec.send('450.000');
    assert.deepEqual(labels(sec), ['Như tháng trước (450.000 đ)', J.noFigure, t.buttons.back]);
    await sec.press('Như tháng trước (450.000 đ)');
    assert.equal(sec.last()!.text, J.askDues('2024-03'));
    await sec.send('450k');
    await sec.send('bốn trăm');
    reAsked('Bot không đọc được số tiền này; xin ghi như 45000, 45.000, 45,000, 45k hoặc 45 nghìn.', J.askDues('2024-04'));
    await sec.press(J.noFigure);
    await sec.send('-50.000');
    reAsked('Số tiền không thể âm; xin nhập một số dương, ví dụ 45.000.', J.askDues('2024-05'));
    await sec.send('0');
    assert.equal(sec.last()!.text, 'Từ tháng 01 đến hết tháng 05/2024, chi bộ đã tiến hành bao nhiêu cuộc kiểm tra (0 nếu không có)?');
    await sec.send('0');
    await sec.send('1');
    const review = sec.last()!.text;
    assert.equal(
      review,
      [
        'Số liệu đầu kỳ năm 2024, từ tháng 01 đến hết tháng 05/2024 (theo sổ sách trước khi dùng bot):',
        '• Sinh hoạt thường kỳ: 05 buổi',
        '• Sinh hoạt chuyên đề: quý I: 01; quý II: 01',
        '• Sinh hoạt bất thường: 00 buổi',
        '• Đảng phí đã thu: 1.350.000 đ (04 tháng có số liệu)',
        '  01/2024: 450.000 đ',
        '  02/2024: 450.000 đ',
        '  03/2024: 450.000 đ',
        '  04/2024: không có số liệu',
        '  05/2024: 0 đ',
        '• Kiểm tra: 00 cuộc; giám sát: 01 cuộc',
        '',
        J.openingReviewTail,
      ].join('\n'),
    );
    await sec.press('Gửi');
    assert.equal(sec.last()!.text, J.openingSaved(2024));
    const secId = (await h.app.services.members.whois(sec.id))!.member.id;
    const stored = openingOf((await h.app.store.cell(cellId))!.journal, 2024)!;
    assert.deepEqual(
      { ...stored, at: undefined },
      {
        through: '2024-05',
        regularHeld: 5,
        themedByQuarter: [1, 1, 0, 0],
        extraordinaryHeld: 0,
        duesByMonth: { '2024-01': 450_000, '2024-02': 450_000, '2024-03': 450_000, '2024-05': 0 },
        inspections: 0,
        supervisions: 1,
        by: secId,
        at: undefined,
      },
    );
    assert.equal(stored.at, new Date('2024-06-20T09:00:00+07:00').toISOString());

    // /note shows them back, with who entered them.
    await sec.send('/note');
    assert.match(sec.last()!.text, /\nSố liệu đầu kỳ: đã nhập, từ tháng 01 đến tháng 05\/2024\.$/);
    await sec.press(J.opening);
    assert.equal(sec.last()!.text, `${review.replace(`\n\n${J.openingReviewTail}`, '')}\n\nNhập bởi đ/c Trần Thị Bình, ngày 20/06/2024.`);
    assert.deepEqual(labels(sec), [J.openingEdit]);

    // A member sees nothing of it and cannot change it.
    await an.pressData(noteButton(cellId, 'opening', 'x').data, an.last());
    assert.equal(an.lastAnswer()!.text, t.refusals['forbidden.committee']);
    await assert.rejects(h.app.services.journal.setOpening(an.id, 2024, { ...stored, regularHeld: 0 }), /forbidden\.committee/);

    // Edited later: the review screen first; fewer months → the regular count is asked again, quý II drops out.
    await sec.press(J.openingEdit);
    assert.equal(sec.last()!.text, review);
    await sec.press('Sửa');
    await sec.press('Đến tháng');
    await sec.press('03/2024');
    assert.match(sec.last()!.text, /^Từ tháng 01 đến hết tháng 03\/2024, chi bộ đã sinh hoạt thường kỳ/);
    await sec.send('3');
    assert.match(sec.last()!.text, /^Số liệu đầu kỳ năm 2024, từ tháng 01 đến hết tháng 03\/2024/);
    assert.match(sec.last()!.text, /• Sinh hoạt chuyên đề: quý I: 01\n/);
    await sec.press('Gửi');
    await h.restart();
    assert.deepEqual(openingOf((await h.app.store.cell(cellId))!.journal, 2024)!.duesByMonth, { '2024-01': 450_000, '2024-02': 450_000, '2024-03': 450_000 });
    assert.deepEqual(openingOf((await h.app.store.cell(cellId))!.journal, 2024)!.themedByQuarter, [1, 0, 0, 0]);
    assert.equal(openingOf((await h.app.store.cell(cellId))!.journal, 2024)!.regularHeld, 3);
    phoneSized(sec, 8);
  } finally {
    await h.stop();
  }
});
