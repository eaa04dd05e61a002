/**
 * The draft annual report as a secretary receives it: /report over the fake Bot API on
 * cells built as data, the .docx opened and its text read. Each test is a cell a new user
 * could bring: the reference's 9-member school cell, members writing their own numbers and
 * classes, a cell formed in December, a cell that started in June with opening figures,
 * and a member who names a colleague.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedCell } from '../support/seed.ts';
import { startHarness } from '../support/harness.ts';
import { readDocx, type DocxContent } from '../support/docx.ts';
import { formatMoney } from '../../src/core/money.ts';
import type { CellFile } from '../../src/store/schema.ts';
import type { Payment } from '../../src/core/dues/index.ts';
import type { SectionId } from '../../src/core/review/index.ts';
import { regularId } from '../../src/core/meetings/index.ts';

interface Drafted {
  summary: string;
  doc: DocxContent;
  annex: DocxContent;
  fileNames: string[];
  /** The buttons under the summary. */
  buttons: string[];
}

/** Writes the cell to a fresh data folder, starts the bot at `now` and asks /report as the secretary. */
async function draft(file: CellFile, now: string, arg = ''): Promise<Drafted> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-draft-'));
  await mkdir(path.join(dataDir, 'cells'), { recursive: true });
  await writeFile(path.join(dataDir, 'cells', `${file.cell.id}.json`), JSON.stringify(file));
  const h = await startHarness({ now, dataDir });
  try {
    const secretaryId = Object.values(file.members).find((m) => m.role === 'secretary')!.tgId;
    const sec = h.api.user({ id: secretaryId, first_name: 'Bí thư' });
    await sec.send(`/report${arg ? ` ${arg}` : ''}`);
    const summaryMsg = sec.messages().find((m) => m.text.startsWith('📊 Báo cáo năm'));
    assert.ok(summaryMsg, 'the summary is sent');
    const docs = sec.documents();
    const report = docs.find((d) => d.fileName.startsWith('bao-cao-tong-ket-'));
    const annex = docs.find((d) => d.fileName.startsWith('tong-hop-y-kien-'));
    assert.ok(report && annex, `both files are sent: ${docs.map((d) => d.fileName).join(', ')}`);
    const buttons = sec.messages().flatMap((m) => (m.keyboard ?? []).flat().map((b) => b.text));
    return {
      summary: sec
        .messages()
        .map((m) => m.text)
        .join('\n'),
      doc: readDocx(report.bytes),
      annex: readDocx(annex.bytes),
      fileNames: docs.map((d) => d.fileName),
      buttons,
    };
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const two = (n: number) => (n === 0 ? '0' : String(n).padStart(2, '0'));
const has = (d: DocxContent, s: string) => assert.ok(d.text.includes(s), `missing in the .docx: ${s}\n---\n${d.text}`);
const hasNot = (d: DocxContent, s: string | RegExp) => assert.ok(typeof s === 'string' ? !d.text.includes(s) : !s.test(d.text), `must not be in the .docx: ${s}`);
/** Empty ratios and figures without a period: never in a party document. */
const EMPTY_FIGURES = /0 đ\/0 đ|\b0\/0\b|\(đạt —\)|NaN|undefined|Infinity/;
/** The bullets the collective report prints for members' points ("– Đa số đồng chí …"). */
const collective = (d: DocxContent) => d.paragraphs.filter((p) => /^– (Đa số|Nhiều|Một số|Có) đồng chí /.test(p));

function setSection(file: CellFile, year: number, memberId: string, section: SectionId, text: string): void {
  const list = file.review.reviews[String(year)]!.submissions[memberId]!;
  list.at(-1)!.sections[section] = text;
}

test('the reference 9-member school cell: its figures in its wording, tallies only in the annex, page numbers, Nơi nhận', async () => {
  const file = seedCell({ cellId: 'ref', cellName: 'Chi bộ Trường THCS Phong Hải', year: 2024, asOf: '2024-11-25', members: 9, firstId: 300, seed: 11 });
  // the reference's members: 4 nam, 5 nữ, all chính thức, 2 trung cấp; rated 2 xuất sắc and 7 tốt
  Object.values(file.members).forEach((m, i) => {
    m.gender = i < 4 ? 'nam' : 'nu';
    m.partyStatus = 'chinh_thuc';
    delete m.admittedOn;
    m.theory = i < 2 ? 'trung_cap' : i < 6 ? 'so_cap' : 'chua_dao_tao';
  });
  const decisions = file.review.reviews['2024']!.decisions;
  for (const [i, d] of Object.values(decisions).entries()) d.rating = i < 2 ? 'xuat_sac' : 'tot';
  const { doc, annex, summary } = await draft(file, '2024-11-25T15:00:00+07:00');

  has(doc, 'ĐẢNG BỘ XÃ PHONG HẢI');
  has(doc, 'CHI BỘ TRƯỜNG THCS PHONG HẢI');
  has(doc, 'Số 05-BC/CB');
  has(doc, 'Phong Hải, ngày 25 tháng 11 năm 2024');
  has(doc, '– Tổng số đảng viên đến ngày 25/11/2024: 09 đảng viên, trong đó:');
  has(doc, '+ Đảng viên chính thức: 09 đ/c; Đảng viên dự bị: 0');
  has(doc, '+ Đảng viên nam: 04 đ/c; Đảng viên nữ: 05 đ/c');
  // every political-theory level present, so that they add up to the total
  has(doc, '– Trình độ lý luận trung cấp chính trị: 02 đ/c.');
  has(doc, '– Trình độ lý luận sơ cấp chính trị: 04 đ/c.');
  has(doc, '– Chưa qua đào tạo lý luận chính trị: 03 đ/c.');
  has(doc, 'có 09/09 đảng viên hoàn thành tốt nhiệm vụ, trong đó có 02 đảng viên hoàn thành xuất sắc nhiệm vụ.');
  has(doc, 'Chi bộ tự đánh giá, đề nghị Đảng ủy xếp loại Chi bộ hoàn thành tốt nhiệm vụ năm 2024.');
  has(doc, 'Tháng 5, Chi bộ giám sát 01 đảng viên');
  // II.4 condensed: held of planned, resolutions as a count, themed meetings said to be within the regular ones
  has(doc, 'Trong năm 2024, Chi bộ tổ chức 11/11 buổi sinh hoạt định kỳ theo kế hoạch; ban hành 11 nghị quyết lãnh đạo');
  assert.match(doc.text, /Chi bộ tổ chức 04 buổi sinh hoạt chuyên đề \(04 buổi lồng ghép trong buổi sinh hoạt định kỳ\), với các chủ đề: “/);
  hasNot(doc, 'Nghị quyết các kỳ sinh hoạt');
  // no tallies in the document; the words of the share instead
  hasNot(doc, /\d+\/\d+ đồng chí nêu/);
  assert.ok(collective(doc).length > 0, 'the members’ points are in the collective voice');
  assert.match(annex.text, /\(\d\d\/09 đồng chí nêu\)/);
  assert.match(summary, /\(\d\d\/09\)/, 'the tallies stay in the chat summary');
  // Nơi nhận: the committee above, the cell's committee (it has one), the archive
  has(doc, 'Nơi nhận:');
  has(doc, '- Đảng ủy xã Phong Hải (b/c);');
  has(doc, '- Chi ủy chi bộ;');
  has(doc, '- Lưu chi bộ.');
  // page numbers from the second page: a PAGE field in the default header, none on the first page
  assert.match(doc.xml, /<w:titlePg\/>/);
  assert.ok(
    doc.headers.some((h) => /PAGE/.test(h)),
    'a PAGE field in a header',
  );
  assert.ok(
    doc.headers.some((h) => !/PAGE/.test(h)),
    'an empty first-page header',
  );
  assert.doesNotMatch(doc.text, EMPTY_FIGURES);
  assert.doesNotMatch(summary, EMPTY_FIGURES);
});

test('members who each write their own class and numbers: no point presented as several members’ view, no glued sentence', async () => {
  const file = seedCell({ cellId: 'own', year: 2026, asOf: '2026-12-10', members: 11, firstId: 400, seed: 3 });
  const ids = Object.keys(file.members);
  const written: string[] = [];
  ids.forEach((id, i) => {
    const s12 = `Hoàn thành nhiệm vụ chủ nhiệm lớp ${1 + (i % 5)}${'ABC'[i % 3]}, ${i} học sinh đạt giải cấp phường.`;
    const s11 = i % 2 ? `Đồng chí ${i} tích cực tham gia các phong trào thi đua của nhà trường.` : 'Tích cực tham gia các phong trào thi đua do nhà trường phát động.';
    setSection(file, 2026, id, 's12', s12);
    setSection(file, 2026, id, 's11', s11);
    written.push(s12, s11);
  });
  const { doc } = await draft(file, '2026-12-10T15:00:00+07:00');
  const norm = (s: string) =>
    s
      .toLocaleLowerCase('vi')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  // every line any member wrote, in any section
  for (const list of Object.values(file.review.reviews['2026']!.submissions)) written.push(...Object.values(list.at(-1)!.sections).flatMap((t) => t.split('\n')));
  const sentences = written.map(norm);
  for (const p of collective(doc)) {
    const [, quantifier, rest] = /^– (Đa số|Nhiều|Một số|Có) đồng chí (?:nêu: )?(.*)$/.exec(p)!;
    assert.ok(
      sentences.some((s) => s.endsWith(norm(rest!))),
      `“${p}” is one member's own sentence, not a splice`,
    );
    if (quantifier !== 'Có') assert.doesNotMatch(rest!, /lớp \d|\d+ học sinh|đồng chí \d/, `a detail of one member presented as the view of several: ${p}`);
  }
  hasNot(doc, /Đồng chí \d+ tích cực|đ\/c \d/);
  // the shared point (said by the six who wrote it without naming anyone) is there, in its share's words
  assert.ok(
    collective(doc).some((p) => /^– Nhiều đồng chí tích cực tham gia các phong trào thi đua/.test(p)),
    collective(doc).join('\n'),
  );
});

test('a cell formed in December: no dues figure for months nobody owed, no empty ratio anywhere', async () => {
  const file = seedCell({ cellId: 'dec', year: 2026, asOf: '2026-12-04', members: 6, firstId: 500, seed: 5, review: false });
  file.cell.createdAt = '2026-12-01T02:00:00.000Z';
  for (const m of Object.values(file.members)) {
    m.history = [{ on: '2026-12-02', state: 'active' }];
    m.approvedOn = '2026-12-02';
  }
  // the meeting rule starts in December; its first meeting is ahead
  file.meetings.rules = file.meetings.rules.map((r) => ({ ...r, from: '2026-12' }));
  file.meetings.records = {};
  file.meetings.rules[0]!.rule.on = { kind: 'day', day: 15 };
  file.dues.entries = [];
  file.journal.entries = [];
  const { doc, summary } = await draft(file, '2026-12-04T15:00:00+07:00');
  has(doc, '– Tổng số đảng viên đến ngày 04/12/2026: 06 đảng viên, trong đó:');
  hasNot(doc, 'Thu đảng phí');
  has(doc, '[Bổ sung: kết quả thu, nộp đảng phí năm 2026');
  has(doc, '[Bổ sung: số buổi sinh hoạt chi bộ trong năm');
  has(doc, '[Bổ sung: kết quả đánh giá, xếp loại chất lượng đảng viên');
  assert.doesNotMatch(doc.text, EMPTY_FIGURES);
  assert.doesNotMatch(summary, EMPTY_FIGURES);
  assert.match(summary, /Đảng phí: chưa có tháng nào đảng viên phải đóng trên bot/);
  assert.match(summary, /Còn \d\d mục cần bổ sung: Căn cứ báo cáo|Còn \d\d mục cần bổ sung: .*Thuận lợi/);
});

/** A cell whose books on the bot begin in June: members approved in May, the rule from June. */
function juneCell(): CellFile {
  const file = seedCell({ cellId: 'jun', year: 2024, asOf: '2024-11-28', members: 8, firstId: 600, seed: 9 });
  for (const m of Object.values(file.members)) {
    m.history = [{ on: '2024-05-20', state: 'active' }];
    m.approvedOn = '2024-05-20';
  }
  file.cell.createdAt = '2024-05-15T02:00:00.000Z';
  file.meetings.rules = file.meetings.rules.map((r) => ({ ...r, from: '2024-06' }));
  for (const month of ['01', '02', '03', '04', '05']) delete file.meetings.records[regularId(`2024-${month}`)];
  file.dues.entries = file.dues.entries.filter((e) => e.kind !== 'payment' || e.month >= '2024-06');
  file.journal.entries = file.journal.entries.filter((e) => e.on >= '2024-06-01');
  return file;
}

test('a cell started in June with its opening figures: the year’s totals include them and the draft says which months they cover', async () => {
  const file = juneCell();
  const botPaid = file.dues.entries.filter((e): e is Payment => e.kind === 'payment').reduce((n, p) => n + p.amount, 0);
  const regularOnBot = Object.values(file.meetings.records).filter((r) => r.kind === 'regular' && r.attendance).length;
  const themedOnBot = Object.values(file.meetings.records).filter((r) => r.kind === 'regular' && r.topic && r.attendance).length;
  file.journal.opening = {
    '2024': {
      through: '2024-05',
      regularHeld: 5,
      themedByQuarter: [1, 1, 0, 0],
      extraordinaryHeld: 0,
      duesByMonth: { '2024-01': 450_000, '2024-02': 450_000, '2024-03': 450_000, '2024-04': 450_000, '2024-05': 450_000 },
      inspections: 1,
      supervisions: 0,
      by: '600',
      at: '2024-06-02T02:00:00.000Z',
    },
  };
  const { doc, summary } = await draft(file, '2024-11-28T15:00:00+07:00');
  has(
    doc,
    `Trong năm 2024, Chi bộ tổ chức ${two(5 + regularOnBot)}/${two(5 + regularOnBot)} buổi sinh hoạt định kỳ theo kế hoạch (trong đó từ tháng 01 đến tháng 05/2024 theo sổ sách Chi bộ ghi trước khi dùng bot)`,
  );
  has(doc, `Chi bộ tổ chức ${two(2 + themedOnBot)} buổi sinh hoạt chuyên đề (`);
  has(doc, '02 buổi theo sổ sách Chi bộ ghi trước khi dùng bot');
  hasNot(doc, /Quý I[ ,]|Quý II[ ,]/);
  has(doc, 'Thu đảng phí từ tháng 06/2024 (khi Chi bộ bắt đầu ghi sổ trên bot) đến tháng 11/2024: ');
  has(doc, `Từ tháng 01 đến tháng 05/2024 (theo sổ sách Chi bộ ghi trước khi dùng bot), Chi bộ thu đảng phí ${formatMoney(2_250_000)}.`);
  has(doc, `Cộng cả năm, Chi bộ đã thu ${formatMoney(2_250_000 + botPaid)}.`);
  has(doc, 'Từ tháng 01 đến tháng 05/2024 (theo sổ sách Chi bộ ghi trước khi dùng bot), Chi bộ kiểm tra 01 cuộc.');
  hasNot(doc, '[Bổ sung: số thu đảng phí');
  hasNot(doc, '[Bổ sung: số buổi sinh hoạt');
  assert.doesNotMatch(doc.text, EMPTY_FIGURES);
  assert.match(summary, /gồm số liệu đầu kỳ tháng 01\/2024–05\/2024/);
  assert.doesNotMatch(summary, /Số liệu đầu kỳ \(/, 'nothing left to enter for the months before');
});

test('the same cell without opening figures: the months before the bot are asked for, not counted as zero', async () => {
  const { doc, summary, buttons } = await draft(juneCell(), '2024-11-28T15:00:00+07:00');
  has(doc, 'Từ tháng 06/2024 (khi Chi bộ bắt đầu ghi sổ trên bot), Chi bộ tổ chức 06/06 buổi sinh hoạt định kỳ theo kế hoạch');
  has(doc, '[Bổ sung: số buổi sinh hoạt tháng 01 đến tháng 05/2024, trước khi Chi bộ ghi sổ trên bot');
  has(doc, '[Bổ sung: số thu đảng phí tháng 01 đến tháng 05/2024, trước khi Chi bộ ghi sổ trên bot');
  hasNot(doc, /Quý I[ ,]|Quý II[ ,]/);
  assert.match(summary, /Số liệu đầu kỳ \(sinh hoạt, đảng phí tháng 01\/2024–05\/2024\)/);
  assert.ok(
    buttons.some((b) => /Số liệu đầu kỳ/.test(b)),
    `a button opens the opening figures: ${buttons.join(' | ')}`,
  );
});

test('a sentence naming a colleague stays out of the collective report; the cell’s own text comes first, its placeholder stays when missing', async () => {
  const file = seedCell({ cellId: 'nam', year: 2024, asOf: '2024-11-28', members: 9, firstId: 700, seed: 13 });
  const ids = Object.keys(file.members);
  const colleague = file.members[ids[4]!]!.name;
  setSection(file, 2024, ids[2]!, 's21', 'Cô Lan trong tổ Toán còn phải nhắc nhở nhiều về hồ sơ.\nViệc tự học ngoại ngữ chưa đều đặn.');
  setSection(file, 2024, ids[3]!, 's21', `Còn nể nang đồng chí ${colleague} khi góp ý.`);
  setSection(file, 2024, ids[5]!, 's21', 'Bản thân chưa thật sự chủ động trong công việc được giao.');
  setSection(file, 2024, ids[6]!, 's21', 'Tôi chưa thật sự chủ động trong công việc được giao.');
  file.journal.entries.push({
    id: 'kd1',
    on: '2024-11-20',
    section: 'khuyet_diem',
    text: 'Chất lượng sinh hoạt chi bộ có lúc chưa cao, nội dung chưa phong phú.',
    by: ids[0]!,
    at: '2024-11-20T02:00:00.000Z',
  });
  const { doc, annex, buttons } = await draft(file, '2024-11-28T15:00:00+07:00');
  hasNot(doc, 'Cô Lan');
  hasNot(doc, colleague);
  hasNot(doc, /Bản thân chưa|Tôi chưa/);
  assert.ok(
    collective(doc).some((p) => p === '– Một số đồng chí chưa thật sự chủ động trong công việc được giao.'),
    collective(doc).join('\n'),
  );
  // the cell's own text first, then the members' points
  const own = doc.paragraphs.indexOf('Chất lượng sinh hoạt chi bộ có lúc chưa cao, nội dung chưa phong phú.');
  const members = doc.paragraphs.indexOf('Qua bản tự kiểm điểm, những hạn chế đảng viên tự nhận:');
  assert.ok(own > 0 && members > own, 'the cell’s own words before the members’ points');
  // Nguyên nhân has members' points but no text of the cell: its placeholder stays
  has(doc, '[Bổ sung: nguyên nhân của khuyết điểm, tồn tại');
  assert.match(annex.text, /Có 02 câu nêu tên người, không đưa vào báo cáo chung/);
  assert.ok(
    buttons.some((b) => /Nguyên nhân/.test(b)),
    `a button opens /note at Nguyên nhân: ${buttons.join(' | ')}`,
  );
});
