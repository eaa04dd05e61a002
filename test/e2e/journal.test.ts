import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectionFigures } from '../../src/core/journal.ts';
import { cbJournal } from '../../src/telegram/callback-data.ts';
import { createCellWithSecretary, joinAndApprove, startHarness } from '../support/harness.ts';

test('/note: the committee writes, lists, edits and deletes journal entries; inspections are counted', async () => {
  const h = await startHarness({ now: '2024-11-20T10:00:00+07:00' });
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const an = h.api.user({ id: 201, first_name: 'An' });
    await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });

    await sec.send('/note');
    assert.match(sec.last()!.text, /Sổ tay chi bộ năm 2024: chưa có mục nào/);
    await sec.press('➕ Ghi mục mới');
    await sec.press('Đặc điểm tình hình');
    await sec.press('Khó khăn');
    await sec.send('32/13/2024');
    assert.match(sec.messages().at(-2)!.text, /không có trên lịch/);
    await sec.send('01/12/2024');
    assert.match(sec.messages().at(-2)!.text, /chưa tới/);
    await sec.press('Hôm nay');
    await sec.send('Cơ sở vật chất chưa được đầu tư đồng bộ,   sân chơi bãi tập chưa đáp ứng.\nThiết bị dạy học hư hỏng.');
    assert.match(sec.last()!.text, /Mục: Khó khăn\nNgày: 20\/11\/2024/);
    await sec.press('Gửi');
    assert.match(sec.last()!.text, /Đã ghi vào mục “Khó khăn”/);

    // an inspection: a supervision of one member in May
    await sec.press(
      '➕ Ghi mục mới',
      sec.messages().findLast((m) => m.keyboard?.flat().some((b) => b.text === '➕ Ghi mục mới')),
    );
    await sec.press('Kết quả đạt được');
    await sec.press('Kiểm tra, giám sát');
    await sec.press('Giám sát');
    await sec.press('Đảng viên');
    await sec.send('0');
    assert.match(sec.messages().at(-2)!.text, /từ 1 đến 99/);
    await sec.send('1');
    await sec.send('15/05/2024');
    await sec.send('Giám sát về vai trò và trách nhiệm của đảng viên trong việc thực hiện chức trách, nhiệm vụ.');
    assert.match(sec.last()!.text, /Giám sát 01 đảng viên/);
    await sec.press('Gửi');
    const figures = inspectionFigures((await h.app.store.cell(cellId))!.journal, 2024);
    assert.equal(figures.supervisions, 1);
    assert.equal(figures.membersSupervised, 1);
    assert.deepEqual(
      figures.lines.map((l) => l.month),
      [5],
    );

    // list, edit, delete
    await sec.send('/note');
    await sec.press('📖 Xem sổ tay');
    assert.ok(
      sec
        .last()!
        .keyboard!.flat()
        .some((b) => b.text === 'Đặc điểm tình hình (1)'),
    );
    await sec.press('Đặc điểm tình hình (1)');
    assert.ok(
      sec
        .last()!
        .keyboard!.flat()
        .some((b) => b.text === 'Khó khăn (1)'),
    );
    await sec.press('Khó khăn (1)');
    assert.match(sec.last()!.text, /1\. 20\/11\/2024 — Trần Thị Bình\nCơ sở vật chất chưa được đầu tư đồng bộ, sân chơi bãi tập chưa đáp ứng\.\nThiết bị dạy học hư hỏng\./);
    await sec.press('✏️ Sửa 1');
    await sec.press('Sửa');
    await sec.press('Nội dung');
    await sec.send('Cơ sở vật chất chưa được đầu tư đồng bộ.');
    await sec.press('Gửi');
    assert.match(sec.last()!.text, /Đã sửa mục này/);
    const entry = (await h.app.store.cell(cellId))!.journal.entries.find((e) => e.section === 'kho_khan')!;
    assert.equal(entry.text, 'Cơ sở vật chất chưa được đầu tư đồng bộ.');
    await sec.send('/note');
    await sec.press('📖 Xem sổ tay');
    await sec.press('Đặc điểm tình hình (1)');
    await sec.press('Khó khăn (1)');
    await sec.press('🗑 Xóa 1');
    await sec.press('Xóa');
    assert.match(sec.last()!.text, /Đã xóa mục này/);
    assert.equal((await h.app.services.journal.entries(cellId, 2024, 'kho_khan')).length, 0);
    assert.ok((await h.app.store.cell(cellId))!.journal.entries.find((e) => e.id === entry.id)?.deletedAt, 'kept, marked deleted');

    // the report's inputs for the year
    await sec.send('/note');
    await sec.press('Căn cứ báo cáo');
    await sec.send('Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã Phong Hải.');
    await sec.send('/note');
    await sec.press('Chỉ tiêu năm sau');
    await sec.send('- Công đoàn vững mạnh\n- Chi đoàn vững mạnh\n• Cơ quan đạt chuẩn văn hóa');
    await sec.send('/note');
    await sec.press('Số báo cáo');
    await sec.send('số năm');
    assert.match(sec.messages().at(-2)!.text, /chỉ gồm chữ số/);
    await sec.send('05');
    await sec.send('/note');
    await sec.press('Chi bộ tự xếp loại');
    await sec.press('Hoàn thành tốt nhiệm vụ');
    assert.deepEqual(await h.app.services.journal.inputs(cellId, 2024), {
      basis: 'Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã Phong Hải.',
      targets: 'Công đoàn vững mạnh\nChi đoàn vững mạnh\nCơ quan đạt chuẩn văn hóa',
      number: '05',
      cellLevel: 'tot',
    });

    // a member cannot use the journal, not even with a forged button
    await an.send('/note');
    assert.match(an.last()!.text, /chỉ dành cho chi ủy/);
    const before = (await h.app.store.cell(cellId))!.journal.entries.length;
    await an.pressData(cbJournal.make({ cell: cellId, action: 'delok', id: (await h.app.store.cell(cellId))!.journal.entries[1]!.id, arg: '' }), sec.last());
    assert.match(an.lastAnswer()!.text!, /chỉ dành cho chi ủy/);
    assert.equal((await h.app.services.journal.entries(cellId, 2024)).length, 1);
    assert.equal((await h.app.store.cell(cellId))!.journal.entries.length, before);
  } finally {
    await h.stop();
  }
});
