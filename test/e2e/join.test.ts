import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cbJoinDecision } from '../../src/telegram/callback-data.ts';
import { createCellWithSecretary, fillJoin, joinAndApprove, startHarness } from '../support/harness.ts';

test('joining: invalid answers at every step are re-asked with the reason, nothing typed is lost', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const code = (await h.app.store.cell(cellId))!.cell.inviteCode;
    const u = h.api.user({ id: 202, first_name: 'Cường' });
    await u.send(`/start ${code}`);
    assert.match(u.messages().at(-2)!.text, /được mời tham gia Chi bộ Trường THCS Phong Hải/);
    assert.match(u.last()!.text, /Họ và tên/);

    /** Sends `text`, expects the reason and the same question again. */
    const refused = async (text: string, reason: RegExp, question: RegExp) => {
      const mark = u.mark();
      await u.send(text);
      const [why, again] = u.messages().slice(mark);
      assert.match(why!.text, reason, `reason for "${text}"`);
      assert.match(again!.text, question, `question asked again after "${text}"`);
      assert.equal(u.messages().length, mark + 2);
    };

    await refused('A', /quá ngắn/, /Họ và tên/);
    await refused('Nguyễn Văn 3', /chỉ gồm chữ cái/, /Họ và tên/);
    await refused('x'.repeat(81), /quá dài \(81 ký tự\)/, /Họ và tên/);
    await u.send('Lê Văn Cường');
    await refused('đàn ông', /chọn một trong các nút/, /Giới tính/);
    await u.press('Nam');
    await refused('1985a', /4 chữ số/, /Năm sinh/);
    await refused('2015', /từ 1900 đến 2008/, /Năm sinh/);
    await u.send('1980');
    await refused('chính thức lâu rồi', /chọn một trong các nút/, /chính thức hay dự bị/);
    await u.press('Dự bị');
    await refused('31/02/2024', /không có trên lịch/, /Ngày kết nạp/);
    await refused('2024-06-01', /dạng ngày\/tháng\/năm/, /Ngày kết nạp/);
    await refused('01/01/2025', /chưa tới/, /Ngày kết nạp/);
    await u.send('15/06/2024');
    await refused('tiến sĩ', /chọn một trong các nút/, /lý luận chính trị/);
    await u.press('Cử nhân');
    await refused('giáo viên', /chọn một trong các nút/, /cán bộ, công chức hay viên chức/);
    await u.press('Viên chức');
    assert.match(u.last()!.text, /Đơn vị công tác của đồng chí\? Nếu là Trường THCS Phong Hải, bấm nút bên dưới/);
    assert.deepEqual(
      u
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Giữ: Trường THCS Phong Hải', '← Quay lại'],
    );
    await refused('🏫🏫', /chỉ gồm chữ, số/, /Đơn vị công tác/);
    await refused('x', /quá ngắn/, /Đơn vị công tác/);
    await refused(`Trường ${'a'.repeat(120)}`, /quá dài \(127 ký tự\): tối đa 120/, /Đơn vị công tác/);
    await u.send('Trường Tiểu học Phong Hải');
    await refused('0', /lớn hơn 0/, /đảng phí/);
    await refused('-45000', /không thể âm/, /đảng phí/);
    await refused('45000,5', /tròn đồng|không đọc được/i, /đảng phí/);
    await refused('20 triệu', /quá lớn/, /đảng phí/);
    // typing the label of a choice button works like pressing it
    await u.send('Tính theo lương');
    await refused('lương cao', /không đọc được số tiền/, /lương đóng bảo hiểm/);
    await u.send('6.200.000');
    const review = u.last()!.text;
    assert.match(review, /Họ và tên: Lê Văn Cường/);
    assert.match(review, /Năm sinh: 1980/);
    assert.match(review, /Đảng viên dự bị, kết nạp ngày 15\/06\/2024/);
    assert.match(review, /Lý luận chính trị: Cử nhân/);
    assert.match(review, /Cán bộ, công chức, viên chức: Viên chức\n• Đơn vị công tác: Trường Tiểu học Phong Hải/);
    assert.match(review, /Đảng phí hằng tháng: 62\.000 đ/);
    assert.doesNotMatch(JSON.stringify(await h.app.store.cell(cellId)), /6200000|6\.200\.000/, 'the salary is never stored');

    // edit one item from the review screen: back to the review afterwards, the rest intact
    await u.press('Sửa');
    await u.press('Năm sinh');
    await u.send('1981');
    assert.match(u.last()!.text, /Năm sinh: 1981/);
    assert.match(u.last()!.text, /Lê Văn Cường/);
    await u.press('Gửi');
    assert.match(u.last()!.text, /Đã gửi hồ sơ tới Chi bộ Trường THCS Phong Hải/);
    await h.settle();
    const m = (await h.app.store.cell(cellId))!.members['202']!;
    assert.equal(m.state, 'pending');
    assert.equal(m.birthYear, 1981);
    assert.equal(m.admittedOn, '2024-06-15');
    assert.equal(m.theory, 'cu_nhan');
    assert.equal(m.civilKind, 'vien_chuc');
    assert.equal(m.workplace, 'Trường Tiểu học Phong Hải');
    const request = sec.last()!;
    assert.match(request.text, /Lê Văn Cường xin tham gia/);
    assert.match(request.text, /Cán bộ, công chức, viên chức: Viên chức\n• Đơn vị công tác: Trường Tiểu học Phong Hải/);
    assert.deepEqual(
      request.keyboard?.flat().map((b) => b.text),
      ['Duyệt', 'Từ chối'],
    );
  } finally {
    await h.stop();
  }
});

test('joining: /cancel keeps the draft; the invite link again resumes at the same step', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const code = (await h.app.store.cell(cellId))!.cell.inviteCode;
    const u = h.api.user({ id: 203, first_name: 'Dung' });
    await u.send(`/start ${code}`);
    await u.send('Phạm Thị Dung');
    await u.press('Nữ');
    await u.send('/cancel');
    assert.match(u.last()!.text, /giữ lại làm bản nháp/);
    await u.send('một câu nói giữa chừng');
    assert.match(u.last()!.text, /chưa hiểu/, 'after /cancel, typed text no longer goes to the dialog');
    await u.send(`/start ${code}`);
    assert.match(u.messages().at(-2)!.text, /tiếp tục từ câu hỏi đang dừng/);
    assert.match(u.last()!.text, /Năm sinh/);
    await u.press('Bỏ qua');
    await u.press('Chính thức');
    await u.press('Trung cấp');
    await u.press('Công chức');
    await u.press('Giữ: Trường THCS Phong Hải');
    await u.send('45k');
    assert.match(u.last()!.text, /Họ và tên: Phạm Thị Dung/);
    assert.match(u.last()!.text, /Giới tính: Nữ/);
    assert.match(u.last()!.text, /45\.000 đ/);
    assert.match(u.last()!.text, /Cán bộ, công chức, viên chức: Công chức\n• Đơn vị công tác: Trường THCS Phong Hải/);
  } finally {
    await h.stop();
  }
});

test('approval and refusal: the applicant is told, the roster counts only approved members', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    const bao = h.api.user({ id: 202, first_name: 'Bảo' });
    const chi = h.api.user({ id: 203, first_name: 'Chi' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', birthYear: '1979', status: 'Chính thức', theory: 'Trung cấp' });
    await joinAndApprove(h, sec, bao, { name: 'Hoàng Gia Bảo', gender: 'Nam', status: 'Dự bị', admittedOn: '03/03/2024', theory: 'Sơ cấp' });
    assert.match(an.last()!.text, /đã được duyệt/);

    // Chi applies and is refused
    await chi.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await fillJoin(chi, { name: 'Đỗ Thị Chi', gender: 'Nữ', status: 'Chính thức', theory: 'Cao cấp' });
    await chi.press('Gửi');
    await h.settle();
    // pending: sees nothing of the cell
    await chi.send('/members');
    assert.match(chi.last()!.text, /chưa là thành viên/);
    await sec.press('Từ chối');
    await h.settle();
    assert.match(sec.last()!.text, /Đã từ chối hồ sơ của Đỗ Thị Chi/);
    assert.match(chi.last()!.text, /chưa được duyệt/);
    // pressing the old button again says it was already handled, and changes nothing
    await sec.pressData(
      cbJoinDecision.make({ cell: cellId, member: '203', accept: 'y' }),
      sec.messages().findLast((m) => m.text.includes('Đỗ Thị Chi')),
    );
    assert.match(sec.lastAnswer()!.text!, /đã được xử lý trước đó/);
    assert.equal((await h.app.store.cell(cellId))!.members['203']!.state, 'refused');

    await sec.send('/members');
    const roster = sec.last()!.text;
    assert.match(roster, /Tổng số đảng viên: 03, trong đó chính thức 02, dự bị 01\./);
    assert.match(roster, /Nam 02; nữ 01\./);
    assert.match(roster, /trung cấp 02; sơ cấp 01/);
    assert.match(roster, /1\. Trần Thị Bình — Bí thư; chính thức/);
    assert.match(roster, /Hoàng Gia Bảo — Đảng viên; dự bị/);
    assert.doesNotMatch(roster, /Đỗ Thị Chi/);

    // a member sees the short version: figures and the committee, no list
    await an.send('/members');
    assert.match(an.last()!.text, /Tổng số đảng viên: 03/);
    assert.match(an.last()!.text, /Bí thư: Trần Thị Bình/);
    assert.doesNotMatch(an.last()!.text, /Hoàng Gia Bảo/);

    // the refused applicant may apply again later
    await chi.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    assert.match(chi.last()!.text, /Họ và tên/);
  } finally {
    await h.stop();
  }
});

test('a member of one cell cannot join another; an old invite link stops working after /invite new', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    const sec2 = h.api.user({ id: 102, first_name: 'Hà' });
    const cell2 = await createCellWithSecretary(h, sec2, { name: 'Chi bộ Trạm Y tế' });
    await an.send(`/start ${(await h.app.store.cell(cell2))!.cell.inviteCode}`);
    assert.match(an.last()!.text, /đã là thành viên của Chi bộ Trường THCS Phong Hải/);

    const old = (await h.app.store.cell(cellId))!.cell.inviteCode;
    await sec.send('/invite new');
    assert.match(sec.last()!.text, /Liên kết cũ đã bị hủy/);
    const fresh = (await h.app.store.cell(cellId))!.cell.inviteCode;
    assert.notEqual(fresh, old);
    assert.ok(sec.last()!.text.includes(`https://t.me/chibo_test_bot?start=${fresh}`));
    const late = h.api.user({ id: 209, first_name: 'Muộn' });
    await late.send(`/start ${old}`);
    assert.match(late.last()!.text, /không còn hiệu lực/);
  } finally {
    await h.stop();
  }
});
