import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCellWithSecretary, startHarness } from '../support/harness.ts';
import { seedCell } from '../support/seed.ts';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';
import { formatMoney } from '../../src/core/money.ts';
import { RuleError } from '../../src/core/result.ts';
import { monthRange } from '../../src/core/time.ts';
import type { Payment } from '../../src/core/dues/index.ts';
import type { CellFile } from '../../src/store/schema.ts';
import type { StoragePort } from '../../src/store/port.ts';
import { Store } from '../../src/store/store.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { createServices } from '../../src/services/index.ts';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';

after(stopPostgres);

const payments = (f: CellFile) => f.dues.entries.filter((e): e is Payment => e.kind === 'payment');
const collectedOf = (f: CellFile) => payments(f).reduce((n, p) => n + p.amount, 0);
/** Every member owes January–November 2024 at their one amount. */
const expectedOf = (f: CellFile) => Object.values(f.members).reduce((n, m) => n + f.dues.members[m.id]!.amounts[0]!.amount * 11, 0);

test('/overview: an admin sees every cell of the year in the chat and in the .xlsx; others are refused', async () => {
  const h = await startHarness({ now: '2024-11-28T15:00:00+07:00' });
  try {
    // Cell A: a year kept on the bot, everyone sent and was rated; its secretary drafts the report below.
    const a = seedCell({ cellId: 'ca', cellName: 'Chi bộ Trường THCS Phong Hải', year: 2024, asOf: '2024-11-28', members: 12, firstId: 100, seed: 7 });
    // Cell B: 6 members, 2 have not sent, 3 are not rated; one member never paid in October and November.
    const b = seedCell({ cellId: 'cb', cellName: 'Chi bộ Ấp Đông', year: 2024, asOf: '2024-11-28', members: 6, firstId: 300, seed: 3 });
    const rb = b.review.reviews['2024']!;
    for (const id of ['304', '305']) delete rb.submissions[id];
    for (const id of ['303', '304', '305']) delete rb.decisions[id];
    b.dues.entries = b.dues.entries.filter((e) => !(e.kind === 'payment' && e.memberId === '302' && e.month >= '2024-10'));
    await h.app.store.createCell(a);
    await h.app.store.createCell(b);
    // Cell C: made today through the bot, its secretary alone; no meetings, no dues owed yet, no review.
    const secC = h.api.user({ id: 150, first_name: 'Bình' });
    const idC = await createCellWithSecretary(h, secC, { name: 'Chi bộ Trường Tiểu học Phong Hải' });

    const secA = h.api.user({ id: 100, first_name: 'Bí thư' });
    await secA.send('/report');
    assert.ok(
      secA.documents().some((d) => d.fileName === 'bao-cao-tong-ket-2024.docx'),
      'the draft is made',
    );

    // not an admin: the refusal of every admin command, and no file
    await secA.send('/overview');
    assert.match(secA.last()!.text, /chỉ người quản trị bot/);
    assert.ok(!secA.documents().some((d) => d.fileName.startsWith('tong-quan')));

    const admin = h.api.user({ id: 900, first_name: 'Văn phòng' });
    const mark = admin.mark();
    await admin.send('/overview');
    const text = admin.since(mark);
    const lines = text.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `missing line "${line}" in:\n${text}`);
    const aCollected = collectedOf(a);
    const aExpected = expectedOf(a);
    const bCollected = collectedOf(b);
    const bExpected = expectedOf(b);
    const pct = (x: number, y: number) => Math.floor((x / y) * 100);
    const full = (f: CellFile) => Object.values(f.members).filter((m) => m.partyStatus === 'chinh_thuc').length;

    has('📋 Tổng quan các chi bộ năm 2024 (số liệu đến ngày 28/11/2024)');
    has(`🏛 Chi bộ: 03; đảng viên: 19 (chính thức ${full(a) + full(b) + 1}, dự bị ${String(19 - full(a) - full(b) - 1).padStart(2, '0')}).`);
    has('🗓 Sinh hoạt định kỳ: 22/22 buổi; chuyên đề 08; bất thường 0.');
    const tc = aCollected + bCollected;
    const te = aExpected + bExpected;
    has(`💰 Đảng phí: đã thu ${formatMoney(tc)}/${formatMoney(te)} phải thu (${pct(tc, te)}%); còn thiếu ${formatMoney(te - tc)}.`);
    has('📝 Kiểm điểm: 02/03 chi bộ đã mở; đã gửi 16/18; xếp loại: xuất sắc 04, tốt 10, hoàn thành 01, không hoàn thành 0, chưa xếp loại 03.');
    has('📄 Dự thảo báo cáo năm: 01/03 chi bộ.');
    // one line per cell, by the committee above and the name
    const cellLines = lines.filter((l) => /^(✅|⚠️) /.test(l));
    assert.deepEqual(
      cellLines.map((l) => l.split(':')[0]),
      ['⚠️ Chi bộ Ấp Đông', '⚠️ Chi bộ Trường THCS Phong Hải', '⚠️ Chi bộ Trường Tiểu học Phong Hải'],
    );
    assert.equal(
      cellLines[0],
      `⚠️ Chi bộ Ấp Đông: 06 đảng viên; sinh hoạt định kỳ 11/11; đảng phí ${formatMoney(bCollected)}/${formatMoney(bExpected)} (${pct(bCollected, bExpected)}%); kiểm điểm: gửi 04/06, xếp loại 03/06; số xuất sắc vượt 20% số tốt; chưa có dự thảo báo cáo.`,
    );
    assert.equal(
      cellLines[1],
      `⚠️ Chi bộ Trường THCS Phong Hải: 12 đảng viên; sinh hoạt định kỳ 11/11; đảng phí ${formatMoney(aCollected)}/${formatMoney(aExpected)} (${pct(aCollected, aExpected)}%); kiểm điểm: gửi 12/12, xếp loại 12/12; số xuất sắc vượt 20% số tốt; dự thảo báo cáo ngày 28/11/2024.`,
    );
    assert.equal(cellLines[2], '⚠️ Chi bộ Trường Tiểu học Phong Hải: 01 đảng viên; chưa có lịch sinh hoạt; chưa có đảng phí phải thu; chưa mở kiểm điểm; chưa có dự thảo báo cáo.');
    has('Xem đầy đủ trong tệp Excel gửi kèm.');

    // the .xlsx right after, with the same figures as numbers
    const doc = admin.documents().at(-1)!;
    assert.equal(doc.fileName, 'tong-quan-chi-bo-2024.xlsx');
    assert.equal(admin.last()!.document?.fileName, 'tong-quan-chi-bo-2024.xlsx', 'the file comes after the summary');
    const wb = new ExcelJS.Workbook();
    // (exceljs types its input as an ArrayBuffer; it reads a Node Buffer)
    await wb.xlsx.load(doc.bytes as unknown as ArrayBuffer);
    assert.equal(wb.worksheets.length, 1);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('A1').value, 'TỔNG QUAN CÁC CHI BỘ NĂM 2024');
    assert.equal(ws.getCell('A2').value, 'Số liệu đến ngày 28/11/2024; lập ngày 28/11/2024.');
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal(ws.views[0]?.ySplit, 4, 'the header stays in view');
    const header = (ws.getRow(4).values as unknown[]).slice(1) as string[];
    const col = (title: string) => {
      const i = header.indexOf(title);
      assert.ok(i >= 0, `no column "${title}" in ${header.join(' | ')}`);
      return i + 1;
    };
    const row = (name: string) => {
      for (let r = 5; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col('Chi bộ')).value === name) return ws.getRow(r);
      assert.fail(`no row for ${name}`);
    };
    const values = (r: ExcelJS.Row, titles: string[]) => titles.map((t) => r.getCell(col(t)).value);
    const FIGURES = [
      'Số đảng viên',
      'Sinh hoạt định kỳ đã tổ chức',
      'Sinh hoạt định kỳ theo kế hoạch',
      'Đảng phí phải thu (đồng)',
      'Đảng phí đã thu (đồng)',
      'Đảng phí còn thiếu (đồng)',
      'Phải kiểm điểm',
      'Đã gửi bản kiểm điểm',
      'Hoàn thành xuất sắc nhiệm vụ',
      'Hoàn thành tốt nhiệm vụ',
      'Hoàn thành nhiệm vụ',
      'Không hoàn thành nhiệm vụ',
      'Chưa xếp loại',
    ];
    assert.deepEqual(values(row('Chi bộ Trường THCS Phong Hải'), FIGURES), [12, 11, 11, aExpected, aCollected, aExpected - aCollected, 12, 12, 2, 9, 1, 0, 0]);
    assert.deepEqual(values(row('Chi bộ Ấp Đông'), FIGURES), [6, 11, 11, bExpected, bCollected, bExpected - bCollected, 6, 4, 2, 1, 0, 0, 3]);
    assert.deepEqual(values(row('Chi bộ Trường Tiểu học Phong Hải'), FIGURES), [1, 0, 0, 0, 0, 0, null, null, null, null, null, null, null]);
    const draft = row('Chi bộ Trường THCS Phong Hải').getCell(col('Dự thảo báo cáo năm')).value;
    assert.ok(draft instanceof Date && draft.toISOString().startsWith('2024-11-28'), `the draft's date: ${draft}`);
    assert.equal(row('Chi bộ Ấp Đông').getCell(col('Dự thảo báo cáo năm')).value, 'Chưa có');
    assert.equal(row('Chi bộ Ấp Đông').getCell(col('Tỷ lệ thu')).value, bCollected / bExpected);
    assert.match(String(row('Chi bộ Ấp Đông').getCell(col('Cần lưu ý')).value), /^Kiểm điểm chưa xong; số xuất sắc vượt 20% số tốt; đảng phí còn thiếu; chưa có dự thảo báo cáo$/);
    assert.equal(row('Chi bộ Trường Tiểu học Phong Hải').getCell(col('Đợt kiểm điểm')).value, 'Chưa mở');
    // the total row, last
    const total = ws.getRow(ws.rowCount);
    assert.equal(total.getCell(col('Chi bộ')).value, 'Tổng cộng (3 chi bộ)');
    assert.deepEqual(values(total, FIGURES), [19, 22, 22, te, tc, te - tc, 18, 16, 4, 10, 1, 0, 3]);
    assert.equal(ws.rowCount, 4 + 3 + 1, 'a header, three cells, the total');
    assert.ok(idC);

    // another year, a bad one, a future one
    await admin.send('/overview 2023');
    assert.match(admin.messages().findLast((m) => m.text.startsWith('📋'))!.text, /^📋 Tổng quan các chi bộ năm 2023 \(số liệu đến ngày 31\/12\/2023\)/);
    assert.equal(admin.last()!.document?.fileName, 'tong-quan-chi-bo-2023.xlsx');
    await admin.send('/overview 11/2024');
    assert.equal(admin.last()!.text, 'Xin ghi /overview (năm nay) hoặc /overview 2024 (một năm).');
    await admin.send('/overview 2030');
    assert.match(admin.last()!.text, /Năm 2030 chưa tới/);

    // the admin's command menu has it; a secretary's has not
    const menu = h.api.commands.findLast((c) => (c.scope as { chat_id?: number }).chat_id === 900)!;
    assert.ok(menu.commands.some((c) => c.command === 'overview'));
    const secMenu = h.api.commands.findLast((c) => (c.scope as { chat_id?: number }).chat_id === 150)!;
    assert.ok(!secMenu.commands.some((c) => c.command === 'overview'));
  } finally {
    await h.stop();
  }
});

/** A cell with nothing to look at: every month paid, everyone sent and rated "tốt", the report drafted. */
function tidyCell(cellId: string, name: string, firstId: number): CellFile {
  const f = seedCell({ cellId, cellName: name, year: 2024, asOf: '2024-11-28', members: 4, firstId, seed: firstId });
  const paid = new Set(payments(f).map((p) => `${p.memberId}:${p.month}`));
  for (const m of Object.values(f.members))
    for (const month of monthRange('2024-01', '2024-11'))
      if (!paid.has(`${m.id}:${month}`)) f.dues.entries.push({ ...payments(f)[0]!, id: `fill-${m.id}-${month}`, memberId: m.id, month, amount: f.dues.members[m.id]!.amounts[0]!.amount });
  for (const d of Object.values(f.review.reviews['2024']!.decisions)) d.rating = 'tot';
  f.reports = { '2024': { draftedAt: '2024-11-20T03:00:00.000Z' } };
  return f;
}

test('/overview of many cells: the totals, then only the cells needing attention (at most 30 lines), then the file', async () => {
  const h = await startHarness({ now: '2024-11-28T15:00:00+07:00' });
  try {
    // 10 tidy cells and 35 without a drafted report
    for (let i = 0; i < 10; i++) await h.app.store.createCell(tidyCell(`t${i}`, `Chi bộ Thôn ${String(i + 1).padStart(2, '0')}`, 1000 + i * 10));
    for (let i = 0; i < 35; i++) {
      const f = tidyCell(`n${i}`, `Chi bộ Khu phố ${String(i + 1).padStart(2, '0')}`, 2000 + i * 10);
      delete f.reports;
      await h.app.store.createCell(f);
    }
    const admin = h.api.user({ id: 900, first_name: 'Văn phòng' });
    const mark = admin.mark();
    await admin.send('/overview');
    const lines = admin.since(mark).split('\n');
    assert.equal(lines[0], '📋 Tổng quan các chi bộ năm 2024 (số liệu đến ngày 28/11/2024)');
    assert.ok(lines[1]!.startsWith('🏛 Chi bộ: 45; đảng viên: 180 ('), 'the totals first');
    assert.ok(lines.includes('📄 Dự thảo báo cáo năm: 10/45 chi bộ.'));
    assert.ok(lines.includes('⚠️ Cần lưu ý: 35/45 chi bộ.'));
    const cellLines = lines.filter((l) => /^(✅|⚠️) Chi bộ /.test(l));
    assert.equal(cellLines.length, 30, 'at most 30 cells in the chat');
    assert.ok(
      cellLines.every((l) => l.startsWith('⚠️ Chi bộ Khu phố ') && l.endsWith('; chưa có dự thảo báo cáo.')),
      'only the cells needing attention',
    );
    assert.equal(cellLines[0]!.split(':')[0], '⚠️ Chi bộ Khu phố 01');
    assert.ok(lines.includes('… và 05 chi bộ khác cần lưu ý.'));
    assert.ok(lines.indexOf('Xem đầy đủ trong tệp Excel gửi kèm.') > lines.indexOf('… và 05 chi bộ khác cần lưu ý.'), 'then the pointer to the file');
    // the file has them all
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(admin.documents().at(-1)!.bytes as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.rowCount, 4 + 45 + 1);
  } finally {
    await h.stop();
  }
});

test('the same rows on both storage engines, and the drafted report kept on PostgreSQL', async () => {
  const clock = new FakeClock('2024-11-28T15:00:00+07:00');
  const log = createLogger({ level: 'error', secrets: [], sink: () => undefined });
  const a = seedCell({ cellId: 'ca', cellName: 'Chi bộ Trường THCS Phong Hải', year: 2024, asOf: '2024-11-28', members: 12, firstId: 100, seed: 7 });
  const b = seedCell({ cellId: 'cb', cellName: 'Chi bộ Ấp Đông', year: 2024, asOf: '2024-11-28', members: 6, firstId: 300, seed: 3, review: false });
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-overview-'));
  const url = await freshDatabase();
  const overviewOn = async (open: () => Promise<StoragePort>) => {
    let store = await open();
    try {
      await store.createCell(structuredClone(a));
      await store.createCell(structuredClone(b));
      const services = createServices({ store, clock, log, adminIds: [900] });
      await services.reports.draft(100, 2024);
      await assert.rejects(services.overview.year(100, 2024), (e: unknown) => e instanceof RuleError && e.problem.code === 'forbidden.admin');
      // read back by a new instance: what is stored, not what one process remembers
      await store.close();
      store = await open();
      return await createServices({ store, clock, log, adminIds: [900] }).overview.year(900, 2024);
    } finally {
      await store.close();
    }
  };
  try {
    const files = await overviewOn(() => Store.open({ dir, today: '2024-11-28' }));
    const pg = await overviewOn(() => PgStore.open({ url }));
    assert.deepEqual(pg, files);
    assert.deepEqual(
      pg.rows.map((r) => [r.name, r.members.total, r.dues.collected, r.review?.sent, r.reportDraftedAt]),
      [
        ['Chi bộ Ấp Đông', 6, collectedOf(b), undefined, undefined],
        ['Chi bộ Trường THCS Phong Hải', 12, collectedOf(a), 12, clock.now().toISOString()],
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
