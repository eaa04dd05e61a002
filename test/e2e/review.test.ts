/** The member's side of the year-end review, end to end over the fake Bot API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { readDocx } from '../support/docx.ts';

/** The secretary opens the 2024 review from /evaluate with the default deadline (15 days: 19/11/2024). */
async function openReview(h: Harness, sec: FakeUser): Promise<void> {
  await sec.send('/evaluate');
  assert.match(sec.last()!.text, /Chi bộ chưa mở kiểm điểm/);
  await sec.press('Mở kiểm điểm năm 2024');
  assert.match(sec.last()!.text, /Hạn gửi bản kiểm điểm năm 2024\?/);
  await sec.press('19/11/2024 (sau 15 ngày)');
  await h.settle();
}

const draftOf = async (h: Harness, cellId: string, userId: number) => (await h.app.store.cell(cellId))!.dialogs[String(userId)]?.states.evaluate;

test('a member writes over three sessions with restarts, goes back, edits, sends, gets the .docx, edits again and resends', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 202, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', birthYear: '1985', status: 'Chính thức', theory: 'Trung cấp' });
    await h.app.services.members.edit(101, '202', { civilKind: 'vien_chuc', workplace: 'Trường THCS Phong Hải', govPosition: 'Giáo viên' });

    await openReview(h, sec);
    assert.ok(sec.messages().some((m) => /^Đã mở kiểm điểm năm 2024, hạn gửi 19\/11\/2024\. Bot đã gửi lời mời tới 2 đảng viên/.test(m.text)));
    assert.match(sec.last()!.text, /Chi bộ đã mở kiểm điểm năm 2024/, 'the secretary is invited to write too');
    const invite = an.last()!;
    assert.match(invite.text, /Chi bộ đã mở kiểm điểm năm 2024.*hạn gửi 19\/11\/2024/s);
    assert.deepEqual(
      invite.keyboard?.flat().map((b) => b.text),
      ['Bắt đầu kiểm điểm'],
    );

    // ---- session 1: I.1 in two messages, part of I.2, then /cancel
    await an.press('Bắt đầu kiểm điểm');
    assert.match(an.messages().at(-2)!.text, /Kiểm điểm năm 2024, hạn gửi 19\/11\/2024 \(còn 15 ngày\)/);
    const q11 = an.last()!;
    assert.match(q11.text, /^Phần I\.1 \(1\/9\) — Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc\./);
    assert.match(q11.text, /Gợi ý: /);
    assert.deepEqual(
      q11.keyboard?.flat().map((b) => b.text),
      ['Xong phần này'],
    );
    await an.send('Luôn giữ vững lập trường tư tưởng chính trị.');
    assert.match(an.last()!.text, /Đã thêm\. Phần này hiện có 44\/4000 ký tự/);
    await an.send('Lối sống giản dị, trung thực, đoàn kết.');
    assert.match(an.last()!.text, /Phần này hiện có 83\/4000 ký tự/);
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần I\.2 \(2\/9\) — Việc thực hiện chức trách, nhiệm vụ được giao/);
    const longDuties = `Giảng dạy môn Toán lớp 8A, 8B, 9A. ${'Tỉ lệ học sinh đạt yêu cầu 92%, có 3 giải học sinh giỏi cấp huyện. '.repeat(55)}`.trim();
    assert.ok(longDuties.length > 3500 && longDuties.length < 4000);
    await an.send(longDuties);
    await an.send('/cancel');
    assert.match(an.last()!.text, /giữ lại làm bản nháp/);
    assert.deepEqual((await draftOf(h, cellId, 202))!.answers.s12, [longDuties]);

    await h.restart();

    // ---- session 2: resume where it stopped, go back to I.1 (its text shown), continue to II.2, then the bot restarts
    await an.send('/evaluate');
    assert.match(an.messages().at(-2)!.text, /Tiếp tục bản kiểm điểm từ chỗ đang dừng/);
    assert.match(an.last()!.text, /^Phần I\.2 .*\n.*\nPhần này đã có 3\.\d{3}\/4\.000 ký tự/s);
    await an.press('← Quay lại');
    assert.match(an.last()!.text, /^Phần I\.1 .*Phần này đã có 83\/4\.000 ký tự: “Luôn giữ vững lập trường tư tưởng chính trị\. Lối sống giản dị/s);
    assert.deepEqual(
      an
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Xong phần này', 'Xóa phần này, viết lại'],
    );
    await an.press('Xong phần này');
    await an.press('Xong phần này'); // I.2 unchanged
    assert.match(an.last()!.text, /^Phần I\.3 \(3\/9\)/);
    await an.send('Hoàn thành cam kết tu dưỡng, rèn luyện đầu năm.');
    await an.press('Xong phần này');
    await an.send('Chưa mạnh dạn phê bình đồng nghiệp.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần II\.2 \(5\/9\) — Nguyên nhân/);
    await an.send('Còn nể nang, ngại va chạm.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần III \(6\/9\)/);

    await h.restart();

    // ---- session 3 (through the Vietnamese alias): III … VI, the levels, the score, the review screen
    await an.send('/kiemdiem');
    assert.match(an.last()!.text, /^Phần III \(6\/9\)/);
    await an.send('Đã khắc phục việc chậm nộp hồ sơ chuyên môn.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần IV \(7\/9\) — Giải trình những vấn đề được gợi ý kiểm điểm \(nếu có\)/);
    await an.press('Không có');
    assert.match(an.last()!.text, /^Phần V \(8\/9\)/);
    await an.press('Không có');
    await an.send('Tích cực tự phê bình và phê bình, mạnh dạn góp ý.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /Phần VII\.1 — Đồng chí tự nhận mức xếp loại cán bộ, công chức, viên chức/);
    assert.deepEqual(
      an
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ', '← Quay lại'],
    );
    await an.press('Hoàn thành tốt nhiệm vụ');
    assert.match(an.last()!.text, /Phần VII\.2 — Đồng chí tự nhận mức xếp loại đảng viên/);
    await an.press('Hoàn thành xuất sắc nhiệm vụ');
    assert.match(an.last()!.text, /Tự chấm điểm \(không bắt buộc\)/);
    await an.send('31');
    assert.match(an.messages().at(-2)!.text, /vượt mức tối đa 30/);
    assert.match(an.last()!.text, /Điểm tiêu chí chung, từ 0 đến 30/);
    await an.send('25');
    const beforeScreen = an.mark();
    await an.send('60');

    // the review screen: the whole text over several messages (each within Telegram's limit), the mismatch pointed out
    const screen = an.messages().slice(beforeScreen);
    const whole = screen.map((m) => m.text).join('\n');
    assert.ok(screen.length >= 2 && screen.every((m) => m.text.length <= 4096));
    assert.match(screen[0]!.text, /BẢN KIỂM ĐIỂM CÁ NHÂN NĂM 2024/);
    for (const part of [
      'Luôn giữ vững lập trường tư tưởng chính trị.\nLối sống giản dị, trung thực, đoàn kết.',
      longDuties,
      'Chưa mạnh dạn phê bình đồng nghiệp.',
      'Còn nể nang, ngại va chạm.',
      'Tích cực tự phê bình',
    ]) {
      // a paragraph longer than one message is cut at a space: compare with spaces and line breaks alike
      assert.ok(whole.replace(/\s+/g, ' ').includes(part.replace(/\s+/g, ' ')), `review screen shows: ${part.slice(0, 40)}`);
    }
    assert.match(whole, /IV\. Giải trình .*\n\(Không có\)/);
    assert.match(whole, /Xếp loại cán bộ, công chức, viên chức: Hoàn thành tốt nhiệm vụ/);
    assert.match(whole, /Xếp loại đảng viên: Hoàn thành xuất sắc nhiệm vụ/);
    assert.match(whole, /Tự chấm điểm: 25\/30 \+ 60\/70 = 85\/100/);
    assert.match(whole, /Tổng điểm tự chấm thuộc mức “Hoàn thành tốt nhiệm vụ”, khác mức tự nhận/);
    assert.deepEqual(
      an
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Gửi', 'Sửa phần …', 'Lưu nháp'],
    );

    // edit II.1: clear and rewrite; the party level down to "tốt"
    await an.press('Sửa phần …');
    assert.ok(
      an
        .last()!
        .keyboard!.flat()
        .some((b) => b.text === 'II.1 Hạn chế'),
    );
    await an.press('II.1 Hạn chế');
    assert.match(an.last()!.text, /Phần này đã có 35\/4\.000 ký tự/);
    await an.press('Xóa phần này, viết lại');
    assert.doesNotMatch(an.last()!.text, /Phần này đã có/);
    await an.send('Có lúc chưa mạnh dạn phê bình; ứng dụng công nghệ còn chậm.');
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /Bấm “Gửi”/);
    await an.press('Sửa phần …');
    await an.press('Xếp loại đảng viên');
    const beforeScreen2 = an.mark();
    await an.press('Hoàn thành tốt nhiệm vụ');
    const screen2 = an.since(beforeScreen2);
    assert.match(screen2, /Có lúc chưa mạnh dạn phê bình; ứng dụng công nghệ còn chậm\./);
    assert.doesNotMatch(screen2, /Chưa mạnh dạn phê bình đồng nghiệp/);
    assert.doesNotMatch(screen2, /khác mức tự nhận/);

    // "Lưu nháp", then back through /evaluate to the same screen
    await an.press('Lưu nháp');
    assert.match(an.last()!.text, /Đã lưu nháp/);
    await an.send('/evaluate');
    assert.match(an.last()!.text, /Bấm “Gửi”/);

    // ---- send: the .docx comes back
    await an.press('Gửi');
    const docs = an.documents();
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.fileName, 'ban-kiem-diem-2024-Nguyen-Van-An.docx');
    assert.match(an.messages().at(-2)!.text, /Đã gửi bản kiểm điểm năm 2024 tới chi bộ/);
    const doc = readDocx(docs[0]!.bytes);
    for (const line of [
      'ĐẢNG BỘ XÃ PHONG HẢI',
      'CHI BỘ TRƯỜNG THCS PHONG HẢI',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Phong Hải, ngày 04 tháng 11 năm 2024',
      'BẢN KIỂM ĐIỂM CÁ NHÂN',
      'Năm 2024',
      'Họ và tên: Nguyễn Văn An',
      'Ngày sinh: ……/……/1985',
      'Chức vụ chính quyền: Giáo viên',
      'Đơn vị công tác: Trường THCS Phong Hải',
      'Luôn giữ vững lập trường tư tưởng chính trị.',
      'Lối sống giản dị, trung thực, đoàn kết.',
      longDuties,
      'Hoàn thành cam kết tu dưỡng, rèn luyện đầu năm.',
      'Có lúc chưa mạnh dạn phê bình; ứng dụng công nghệ còn chậm.',
      'Còn nể nang, ngại va chạm.',
      'Đã khắc phục việc chậm nộp hồ sơ chuyên môn.',
      'Tích cực tự phê bình và phê bình, mạnh dạn góp ý.',
      '1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành tốt nhiệm vụ',
      '2. Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ',
      'Tự chấm điểm: tiêu chí chung 25/30 điểm; kết quả thực hiện nhiệm vụ 60/70 điểm; tổng 85/100 điểm',
      'Nguyễn Văn An',
    ]) {
      assert.ok(doc.paragraphs.includes(line), `docx has: ${line.slice(0, 50)}`);
    }
    assert.equal(doc.paragraphs.filter((p) => p === 'Không có.').length, 2); // IV and V
    assert.equal(await draftOf(h, cellId, 202), undefined, 'the draft is gone once sent');
    assert.equal((await h.app.store.cell(cellId))!.review.reviews['2024']!.submissions['202']!.length, 1);

    // ---- edit again and resend: a new version, the old one kept
    h.clock.set('2024-11-08T20:00:00+07:00');
    await an.send('/evaluate');
    assert.match(an.last()!.text, /Đồng chí đã gửi bản kiểm điểm năm 2024 \(lúc 09:00 04\/11\/2024\)\.\nTự nhận: Hoàn thành tốt nhiệm vụ\./);
    await an.press('Sửa và gửi lại');
    assert.match(an.last()!.text, /Đồng chí đã gửi 1 lần; gửi lại sẽ thành bản lần 2/);
    await an.press('Sửa phần …');
    await an.press('VI Phương hướng');
    await an.send('Tham gia bồi dưỡng chuyển đổi số.');
    await an.press('Xong phần này');
    await an.press('Gửi');
    assert.match(an.messages().at(-2)!.text, /Đã gửi bản kiểm điểm năm 2024 \(lần 2\)/);
    assert.equal(an.documents().length, 2);
    const doc2 = readDocx(an.documents()[1]!.bytes);
    assert.ok(doc2.paragraphs.includes('Tích cực tự phê bình và phê bình, mạnh dạn góp ý.'));
    assert.ok(doc2.paragraphs.includes('Tham gia bồi dưỡng chuyển đổi số.'));
    assert.ok(doc2.paragraphs.includes('Phong Hải, ngày 08 tháng 11 năm 2024'));
    const versions = (await h.app.store.cell(cellId))!.review.reviews['2024']!.submissions['202']!;
    assert.deepEqual(
      versions.map((v) => v.n),
      [1, 2],
    );
    assert.ok(!versions[0]!.sections.s6.includes('chuyển đổi số'));
    assert.ok(versions[1]!.sections.s6.includes('chuyển đổi số'));

    // the secretary sees it as sent, by name
    await sec.send('/evaluate');
    assert.match(sec.last()!.text, /Đã gửi: 1\/2/);
    assert.match(sec.last()!.text, /• Nguyễn Văn An — tự nhận: tốt; chi bộ: chưa xếp loại/);
    assert.match(sec.last()!.text, /Chưa bắt đầu \(1\): Trần Thị Bình/);
  } finally {
    await h.stop();
  }
});

test('a 5,000-character answer is refused with the count and the draft is intact', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 202, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await openReview(h, sec);
    await an.send('/evaluate');
    const first = 'Đầu năm đăng ký phấn đấu hoàn thành tốt nhiệm vụ. '.repeat(24).trim();
    assert.equal(first.length, 1199);
    await an.send(first);
    const mark = an.mark();
    await an.send('x'.repeat(5000));
    assert.equal(an.mark(), mark + 1, 'one sentence, nothing else');
    assert.match(an.last()!.text, /Phần này đã có 1199 ký tự, thêm tin nhắn 5000 ký tự sẽ vượt giới hạn 4000 ký tự; tin nhắn này chưa được thêm, nội dung cũ vẫn giữ nguyên/);
    assert.deepEqual((await draftOf(h, cellId, 202))!.answers.s11, [first]);
    // what still fits is accepted, up to exactly 4,000
    await an.send('y'.repeat(2802));
    assert.match(an.last()!.text, /Phần này hiện có 4001\/4000|vượt giới hạn/);
    await an.send('y'.repeat(2801));
    assert.match(an.last()!.text, /Đã thêm\. Phần này hiện có 4000\/4000 ký tự/);
    await an.send('z');
    assert.match(an.last()!.text, /đã có 4000 ký tự, thêm tin nhắn 1 ký tự sẽ vượt giới hạn/);
    assert.deepEqual((await draftOf(h, cellId, 202))!.answers.s11, [first, 'y'.repeat(2801)]);
    await an.press('Xong phần này');
    assert.match(an.last()!.text, /^Phần I\.2/);
  } finally {
    await h.stop();
  }
});
