/**
 * The member's profile (cán bộ, công chức, viên chức; đơn vị công tác), VII.1 of the bản
 * kiểm điểm, and the filled copy the member receives through the outbox once the committee
 * records (or changes) the cell's level — end to end over the fake Bot API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, fillJoin, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { readDocx } from '../support/docx.ts';

/** The secretary opens the 2024 review with the default deadline. */
async function openReview(h: Harness, sec: FakeUser): Promise<void> {
  await sec.send('/evaluate');
  await sec.press('Mở kiểm điểm năm 2024');
  await sec.press('19/11/2024 (sau 15 ngày)');
  await h.settle();
}

/** Writes every section, answers VII.1 (asked of civil servants only) and VII.2, no score, sends. */
async function writeAndSend(u: FakeUser, civil: boolean): Promise<void> {
  await u.send('/evaluate');
  for (const section of ['I.1', 'I.2', 'I.3', 'II.1', 'II.2', 'III']) {
    await u.send(`Nội dung phần ${section}.`);
    await u.press('Xong phần này');
  }
  await u.press('Không có');
  await u.press('Không có');
  await u.send('Nội dung phần VI.');
  await u.press('Xong phần này');
  if (civil) {
    assert.match(u.last()!.text, /cán bộ, công chức, viên chức/i, 'VII.1 is asked');
    await u.press('Hoàn thành xuất sắc nhiệm vụ');
  }
  await u.press('Hoàn thành tốt nhiệm vụ');
  await u.press('Không tự chấm điểm');
  await u.press('Gửi');
  assert.match(u.messages().at(-2)!.text, /Đã gửi bản kiểm điểm năm 2024/);
}

const docs = (u: FakeUser) => u.documents().map((d) => ({ name: d.fileName, doc: readDocx(d.bytes) }));

/** A cell with its secretary and one viên chức, An, who has sent his self-evaluation in an open review. */
async function sentByVienChuc(h: Harness): Promise<{ sec: FakeUser; cellId: string; an: FakeUser }> {
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const an = h.api.user({ id: 202, first_name: 'An' });
  await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp', civil: 'Viên chức' });
  await openReview(h, sec);
  await writeAndSend(an, true);
  return { sec, cellId, an };
}

test("a viên chức joins keeping the cell's unit; the bản kiểm điểm has VII.1 and the unit; each new level of the committee sends one filled copy, a re-press none", async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 202, first_name: 'An' });

    // joining: the two new questions after the theory level, the unit proposed from the cell's name
    await an.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await an.send('Nguyễn Văn An');
    await an.press('Nam');
    await an.send('1985');
    await an.press('Chính thức');
    await an.press('Trung cấp');
    assert.match(an.last()!.text, /Đồng chí là cán bộ, công chức hay viên chức\?/);
    assert.deepEqual(
      an
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Cán bộ', 'Công chức', 'Viên chức', 'Không', '← Quay lại'],
    );
    await an.press('Viên chức');
    assert.match(an.last()!.text, /^Đơn vị công tác của đồng chí\?/);
    await an.press('Giữ: Trường THCS Phong Hải');
    assert.match(an.last()!.text, /Mức đảng phí hằng tháng/);
    await an.press('Bỏ qua');
    const review = an.last()!.text;
    assert.match(review, /• Lý luận chính trị: Trung cấp\n• Cán bộ, công chức, viên chức: Viên chức\n• Đơn vị công tác: Trường THCS Phong Hải\n/);
    await an.press('Gửi');
    await h.settle();
    const request = sec.messages().findLast((m) => m.text.includes('Nguyễn Văn An xin tham gia'))!;
    assert.match(request.text, /Cán bộ, công chức, viên chức: Viên chức\n• Đơn vị công tác: Trường THCS Phong Hải/);
    await sec.press('Duyệt', request);
    await h.settle();
    const m = (await h.app.store.cell(cellId))!.members['202']!;
    assert.deepEqual([m.civilKind, m.workplace], ['vien_chuc', 'Trường THCS Phong Hải']);

    // the self-evaluation asks VII.1; the .docx has it and the unit
    await openReview(h, sec);
    await writeAndSend(an, true);
    assert.equal(an.documents().length, 1);
    const first = readDocx(an.documents()[0]!.bytes).paragraphs;
    assert.ok(first.includes('Đơn vị công tác: Trường THCS Phong Hải'), first.join('\n'));
    assert.ok(first.includes('1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành xuất sắc nhiệm vụ'));
    assert.ok(first.includes('2. Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ'));
    assert.ok(first.includes('Chi bộ đề nghị xếp loại: \t'), "the cell's box is still empty");

    // the committee records "Hoàn thành tốt nhiệm vụ": the member gets a new .docx with it in the box
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    await sec.press('✅ Nguyễn Văn An');
    const view = sec.last()!;
    await sec.press('Tốt', view);
    assert.match(sec.last()!.text, /^Đã ghi: chi bộ xếp loại đ\/c Nguyễn Văn An — Hoàn thành tốt nhiệm vụ\./);
    assert.match(sec.last()!.text, /Bot gửi tới đ\/c Nguyễn Văn An bản kiểm điểm có ghi mức xếp loại này\./);
    await h.settle();
    assert.equal(an.documents().length, 2);
    const copy = an.messages().at(-1)!;
    assert.equal(copy.document?.fileName, 'ban-kiem-diem-2024-Nguyen-Van-An-chi-bo-xep-loai.docx');
    assert.match(copy.text, /^Chi bộ đã xếp loại đồng chí năm 2024: Hoàn thành tốt nhiệm vụ\./);
    const filled = readDocx(copy.document!.bytes).paragraphs;
    assert.ok(filled.includes('Chi bộ đề nghị xếp loại: Hoàn thành tốt nhiệm vụ'), filled.join('\n'));
    assert.ok(filled.includes('(Chi bộ ghi nhận ngày 04/11/2024)'));
    assert.ok(filled.includes('1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành xuất sắc nhiệm vụ'));
    assert.ok(filled.includes('Đơn vị công tác: Trường THCS Phong Hải'));
    // it went through the outbox, under a key with the level's version
    assert.ok((await h.app.store.cell(cellId))!.outbox.sent[`${cellId}:rvcopy:2024:202:1`], 'sent through the outbox');

    // the same level again (another day): nothing sent, the committee is not told of a copy
    h.clock.set('2024-11-05T10:00:00+07:00');
    const anMark = an.mark();
    await sec.press('Tốt', view);
    assert.match(sec.last()!.text, /^Đã ghi: chi bộ xếp loại đ\/c Nguyễn Văn An — Hoàn thành tốt nhiệm vụ\./);
    assert.doesNotMatch(sec.last()!.text, /Bot gửi tới/);
    await h.settle();
    assert.equal(an.mark(), anMark, 'a re-press of the same level sends nothing');
    assert.equal((await h.app.store.cell(cellId))!.outbox.pending.length, 0);

    // a change sends one more, with the new level and its day
    await sec.press('Xuất sắc', view);
    await h.settle();
    assert.equal(an.documents().length, 3);
    assert.match(an.last()!.text, /Hoàn thành xuất sắc nhiệm vụ/);
    const changed = readDocx(an.documents()[2]!.bytes).paragraphs;
    assert.ok(changed.includes('Chi bộ đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ'));
    assert.ok(changed.includes('(Chi bộ ghi nhận ngày 05/11/2024)'));
    // and back: one more again (three changes, three copies)
    await sec.press('Tốt', view);
    await h.settle();
    assert.equal(an.documents().length, 4);
    assert.ok(readDocx(an.documents()[3]!.bytes).paragraphs.includes('Chi bộ đề nghị xếp loại: Hoàn thành tốt nhiệm vụ'));
    // an item for a level that has since changed renders nothing: the sender settles it unsent
    assert.equal(await h.app.services.review.copySource(cellId, { kind: 'evaluationCopy', memberId: '202', year: 2024, version: 2 }), undefined);
    assert.equal((await h.app.services.review.copySource(cellId, { kind: 'evaluationCopy', memberId: '202', year: 2024, version: 3 }))?.decision?.rating, 'tot');

    // a member rated without a sent self-evaluation gets nothing (there is nothing to fill)
    const secMark = sec.mark();
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    await sec.press('⏳ Trần Thị Bình');
    await sec.press('Tốt');
    await h.settle();
    assert.doesNotMatch(sec.since(secMark), /Bot gửi tới/);
    assert.equal(sec.documents().length, 0);
  } finally {
    await h.stop();
  }
});

test('a copy still in the outbox when the level changes again is not sent; the newer one is', async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, an } = await sentByVienChuc(h);
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    await sec.press('✅ Nguyễn Văn An');
    const view = sec.last()!;
    // Telegram holds the next document to An back for a second (429): the level changes meanwhile
    h.api.failNext('sendDocument', { kind: '429', retryAfter: 1 }, 1, 202);
    await sec.press('Tốt', view);
    await sec.press('Xuất sắc', view);
    await h.settle();
    const copies = an.messages().filter((x) => x.document?.fileName.endsWith('-chi-bo-xep-loai.docx'));
    assert.equal(copies.length, 1, 'only the current level is sent');
    assert.ok(readDocx(copies[0]!.document!.bytes).paragraphs.includes('Chi bộ đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ'));
    assert.match(copies[0]!.text, /Hoàn thành xuất sắc nhiệm vụ/);
    const box = (await h.app.store.cell(cellId))!.outbox;
    assert.ok(box.sent[`${cellId}:rvcopy:2024:202:1`] && box.sent[`${cellId}:rvcopy:2024:202:2`], 'both items settled');
    assert.equal(box.pending.length, 0);
    assert.ok(
      h.logs.some((l) => l.includes('no longer current')),
      'the stale one is named in the log',
    );
  } finally {
    await h.stop();
  }
});

test('/member: the secretary changes the kind and the unit; the bản kiểm điểm follows (no VII.1 for "Không")', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 202, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp', civil: 'Viên chức', workplace: 'Trường Tiểu học Phong Hải' });

    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    assert.match(sec.last()!.text, /• Đơn vị công tác: Trường Tiểu học Phong Hải;/);
    assert.match(sec.last()!.text, /• Cán bộ, công chức, viên chức: Viên chức;/);
    await sec.press('CB, CC, VC');
    assert.equal(sec.last()!.text, 'Nguyễn Văn An\nCán bộ, công chức hay viên chức? (Giáo viên trường công lập là viên chức; chọn “Không” nếu không thuộc diện nào.)');
    assert.deepEqual(
      sec
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Cán bộ', 'Công chức', 'Viên chức', 'Không', '← Quay lại'],
    );
    await sec.press('Công chức');
    assert.match(sec.last()!.text, /• Cán bộ, công chức, viên chức: Công chức;/);
    assert.match(sec.last()!.text, /✓ Đã cập nhật thông tin đồng chí Nguyễn Văn An\./);
    assert.equal((await h.app.services.members.whois(202))!.member.civilKind, 'cong_chuc');

    // the unit, validated like the joining step
    await sec.press('Đơn vị công tác');
    const mark = sec.mark();
    await sec.send('🏫');
    assert.match(sec.since(mark), /Tên đơn vị chỉ gồm chữ, số/);
    await sec.send('Trường THCS Phong Hải');
    assert.equal((await h.app.services.members.whois(202))!.member.workplace, 'Trường THCS Phong Hải');

    await sec.press('CB, CC, VC', sec.last());
    await sec.press('Không');
    assert.match(sec.last()!.text, /• Cán bộ, công chức, viên chức: Không phải cán bộ, công chức, viên chức;/);

    // not a civil servant: VII.1 is not asked and not printed
    await openReview(h, sec);
    await writeAndSend(an, false);
    const p = docs(an).at(-1)!.doc.paragraphs;
    assert.ok(p.includes('Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ'));
    assert.ok(!p.some((x) => x.includes('Xếp loại cán bộ, công chức, viên chức')));
    assert.ok(p.includes('Đơn vị công tác: Trường THCS Phong Hải'));
  } finally {
    await h.stop();
  }
});

test("/settings: the cell's unit, derived from its name until the secretary sets it, is what joining proposes", async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    await sec.send('/settings');
    await sec.press('Thông tin chi bộ');
    assert.match(sec.last()!.text, /• Đơn vị \(đơn vị công tác mặc định của đảng viên\): Trường THCS Phong Hải/);
    await sec.press('Sửa');
    assert.match(sec.last()!.text, /• Đơn vị: Trường THCS Phong Hải/);
    await sec.press('Sửa');
    await sec.press('Đơn vị');
    assert.deepEqual(
      sec
        .last()!
        .keyboard?.flat()
        .map((b) => b.text),
      ['Theo tên chi bộ: Trường THCS Phong Hải', '← Quay lại'],
    );
    const mark = sec.mark();
    await sec.send('x');
    assert.match(sec.since(mark), /Tên đơn vị quá ngắn/);
    await sec.send('Trường Trung học cơ sở Phong Hải');
    assert.match(sec.last()!.text, /• Đơn vị: Trường Trung học cơ sở Phong Hải/);
    await sec.press('Gửi');
    assert.equal((await h.app.store.cell(cellId))!.cell.unitName, 'Trường Trung học cơ sở Phong Hải');

    const an = h.api.user({ id: 202, first_name: 'An' });
    await an.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await fillJoin(an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp', civil: 'Viên chức' });
    assert.match(an.last()!.text, /• Đơn vị công tác: Trường Trung học cơ sở Phong Hải/);

    // back to the name's unit
    await sec.send('/settings');
    await sec.press('Thông tin chi bộ');
    await sec.press('Sửa');
    await sec.press('Sửa');
    await sec.press('Đơn vị');
    await sec.press('Theo tên chi bộ: Trường THCS Phong Hải');
    assert.match(sec.last()!.text, /• Đơn vị: Trường THCS Phong Hải/);
    await sec.press('Gửi');
    assert.equal((await h.app.store.cell(cellId))!.cell.unitName, undefined);
  } finally {
    await h.stop();
  }
});

test("a member recorded before these questions (no unit, the old boolean): the card and the bản kiểm điểm show the cell's unit and read the boolean as viên chức", async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 202, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    // As a file written before the kind and the unit were asked holds it.
    await h.app.store.updateCell(cellId, (d) => {
      const m = d.members['202']! as unknown as Record<string, unknown>;
      delete m.workplace;
      delete m.civilKind;
      m.civilServant = true;
    });
    await sec.send('/member');
    await sec.press('Nguyễn Văn An');
    assert.match(sec.last()!.text, /• Đơn vị công tác: Trường THCS Phong Hải \(theo chi bộ\);/);
    assert.match(sec.last()!.text, /• Cán bộ, công chức, viên chức: Viên chức;/);

    await openReview(h, sec);
    await writeAndSend(an, true);
    const p = docs(an).at(-1)!.doc.paragraphs;
    assert.ok(p.includes('Đơn vị công tác: Trường THCS Phong Hải'));
    assert.ok(p.includes('1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành xuất sắc nhiệm vụ'));

    // the secretary sets the kind: the old flag goes
    await sec.press('CB, CC, VC');
    await sec.press('Cán bộ');
    const stored = (await h.app.store.cell(cellId))!.members['202']! as unknown as Record<string, unknown>;
    assert.equal(stored.civilKind, 'can_bo');
    assert.equal('civilServant' in stored, false);
  } finally {
    await h.stop();
  }
});

test('a member who blocked the bot: the copy is given up like any message, the member marked unreachable and the committee told once', async () => {
  const h = await startHarness();
  try {
    const { sec, cellId, an } = await sentByVienChuc(h);
    h.api.block(202);
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    await sec.press('✅ Nguyễn Văn An');
    const mark = an.mark();
    await sec.press('Tốt');
    await h.settle();
    assert.equal(an.mark(), mark, 'nothing reached the member');
    assert.equal((await h.app.store.cell(cellId))!.members['202']!.reachable, false);
    assert.ok((await h.app.store.cell(cellId))!.outbox.sent[`${cellId}:rvcopy:2024:202:1`], 'settled, not retried');
    assert.equal(sec.messages().filter((m) => /Nguyễn Văn An đã chặn bot/.test(m.text)).length, 1);
  } finally {
    await h.stop();
  }
});
