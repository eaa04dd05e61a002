/**
 * bao-cao-tong-ket-<năm>.docx: the draft annual report, in the structure of the reference
 * report (PHẦN THỨ NHẤT: I. Đặc điểm tình hình; II. Những kết quả đạt được; III. Khuyết
 * điểm, tồn tại, nguyên nhân; Bài học kinh nghiệm; PHẦN THỨ HAI: Phương hướng nhiệm vụ
 * năm sau; Nơi nhận) and the party's document format. The official wording of the
 * document lives here with its template; every figure comes from the report model, and
 * where the model has nothing the draft says so in a visible `[Bổ sung: …]`.
 */
import { AlignmentType, Paragraph } from 'docx';
import type { ReportModel, Prose } from '../core/report.ts';
import { RATING_NAMES } from '../core/review.ts';
import { formatMoney } from '../core/money.ts';
import { formatDate, pad2 } from '../core/time.ts';
import { body, documentTitle, heading, partyDocument, partyHeader, placeOf, recipients, run, signatureBlock, spacer, toBuffer, type Block } from './format.ts';

/** Counts the way the reference writes them: two digits ("09", "04"), but a plain 0. */
export const count = (n: number): string => (n === 0 ? '0' : pad2(n));

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');

/** A visible gap for the secretary to fill: what belongs there. */
export const placeholder = (what: string) => `[Bổ sung: ${what}]`;

function centeredBold(text: string, before = 120): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, after: 60 }, keepNext: true, children: [run(text, { bold: true })] });
}

function placeholderPara(what: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 60 }, children: [run(placeholder(what), { italics: true, bold: true })] });
}

/** The committee's notes as written, then the members' points, most often raised first. */
function prose(p: Prose, missing: string, intro = 'Qua bản tự kiểm điểm của đảng viên, các ý được nêu (xếp theo số đồng chí nêu):'): Block[] {
  const out: Block[] = p.notes.flatMap((n) => body(n));
  if (p.points.length) {
    out.push(...body(intro));
    for (const point of p.points) out.push(...body(`– ${pointText(point.text, point.members, p.of)}`));
  }
  return out.length ? out : [placeholderPara(missing)];
}

export function pointText(text: string, members: number, of: number): string {
  return members > 1 ? `${text.replace(/\.$/, '')} (${count(members)}/${count(of)} đồng chí nêu).` : text;
}

const THEORY_ORDER = [
  ['cao_cap', 'cao cấp'],
  ['cu_nhan', 'cử nhân'],
  ['trung_cap', 'trung cấp'],
  ['so_cap', 'sơ cấp'],
] as const;

/** The member figures of "I. Đặc điểm tình hình", in the reference's wording. */
export function memberLines(m: ReportModel): string[] {
  const r = m.roster;
  const lines = [
    `– Tổng số đảng viên đến ngày ${formatDate(m.asOf)}: ${count(r.total)} đảng viên, trong đó:`,
    `+ Đảng viên chính thức: ${count(r.full)} đ/c; Đảng viên dự bị: ${count(r.probationary)}${r.probationary ? ' đ/c' : ''}`,
    `+ Đảng viên nam: ${count(r.male)} đ/c; Đảng viên nữ: ${count(r.female)} đ/c`,
  ];
  for (const [key, label] of THEORY_ORDER) if (r.theory[key]) lines.push(`– Trình độ lý luận ${label} chính trị: ${count(r.theory[key])} đ/c.`);
  if (r.exempt) lines.push(`– Đảng viên được miễn, tạm miễn công tác và sinh hoạt đảng: ${count(r.exempt)} đ/c.`);
  const c = m.changes;
  const changes = [
    c.admitted && `kết nạp ${count(c.admitted)} đảng viên`,
    c.madeFull && `công nhận ${count(c.madeFull)} đảng viên chính thức`,
    c.transferred && `chuyển sinh hoạt đi ${count(c.transferred)} đảng viên`,
    c.removed && `xóa tên ${count(c.removed)} đảng viên`,
    c.deceased && `${count(c.deceased)} đảng viên từ trần`,
  ].filter(Boolean);
  if (changes.length) lines.push(`– Trong năm ${m.year}: ${changes.join('; ')}.`);
  return lines;
}

/** "Trong năm, chi bộ tổ chức 11/12 buổi sinh hoạt định kỳ …" */
export function meetingLines(m: ReportModel): string[] {
  const f = m.meetings;
  if (!f || f.total.planned === 0) return [];
  const lines = [
    `Trong năm ${m.year}, Chi bộ tổ chức ${count(f.regular.held)}/${count(f.regular.planned)} buổi sinh hoạt định kỳ` +
      `${f.themed.held ? `, ${count(f.themed.held)} buổi sinh hoạt chuyên đề` : ''}` +
      `${f.extraordinary.held ? `, ${count(f.extraordinary.held)} buổi sinh hoạt bất thường` : ''}` +
      `${f.averageRate !== undefined ? `; tỷ lệ đảng viên dự sinh hoạt bình quân ${Math.round(f.averageRate * 100)}%` : ''}.`,
  ];
  const missing = m.flags.themedMissing;
  if (missing.length) lines.push(`Quý ${missing.map(roman).join(', ')} chưa tổ chức sinh hoạt chuyên đề.`);
  return lines;
}

/** "Thu đảng phí … đạt …%; trích giữ lại …, nộp cấp trên …" */
export function duesLines(m: ReportModel): string[] {
  const d = m.dues;
  if (!d || d.months.length === 0) return [];
  return [
    `Thu đảng phí năm ${m.year}${d.through && d.through < `${m.year}-12` ? ` (đến tháng ${Number(d.through.slice(5))})` : ''}: ${formatMoney(d.collected)}/${formatMoney(d.expected)} phải thu (đạt ${percent(d.collected, d.expected)}); ` +
      `${count(d.paidInFull)}/${count(d.members)} đảng viên đóng đủ; chi bộ trích giữ lại ${formatMoney(d.kept)}, nộp cấp trên ${formatMoney(d.sent)}.`,
  ];
}

/** "Kết quả đánh giá … 09/09 đảng viên hoàn thành tốt nhiệm vụ, trong đó có 02 đảng viên hoàn thành xuất sắc nhiệm vụ." */
export function ratingLine(m: ReportModel): string | undefined {
  const r = m.ratings;
  if (!r || r.rated === 0) return undefined;
  const d = r.decided;
  const rest = [
    d.hoan_thanh && `${count(d.hoan_thanh)} đảng viên hoàn thành nhiệm vụ`,
    d.khong_hoan_thanh && `${count(d.khong_hoan_thanh)} đảng viên không hoàn thành nhiệm vụ`,
  ].filter(Boolean);
  return (
    `Kết quả đánh giá, xếp loại chất lượng đảng viên năm ${m.year}: có ${count(r.goodOrBetter)}/${count(r.rated)} đảng viên hoàn thành tốt nhiệm vụ, trong đó có ${count(d.xuat_sac)} đảng viên hoàn thành xuất sắc nhiệm vụ` +
    `${rest.length ? `; ${rest.join('; ')}` : ''}.` +
    (r.rated < r.expected ? ` ${placeholder(`xếp loại của ${count(r.expected - r.rated)} đảng viên chưa được ghi nhận`)}` : '')
  );
}

function roman(n: number): string {
  return ['', 'I', 'II', 'III', 'IV'][n] ?? String(n);
}

function inspectionLines(m: ReportModel): string[] {
  return m.inspections.lines.map((l) => {
    const what = l.kind === 'giam_sat' ? 'giám sát' : 'kiểm tra';
    const whom = l.members ? `${count(l.members)} đảng viên` : 'tổ chức đảng';
    return `Tháng ${l.month}, Chi bộ ${what} ${whom}: ${l.text.replace(/\.$/, '')}.`;
  });
}

export async function reportDocx(m: ReportModel): Promise<Buffer> {
  const next = m.year + 1;
  const cellName = m.cell.name;
  const subject = `tổng kết công tác xây dựng Đảng năm ${m.year} và phương hướng nhiệm vụ năm ${next}`;
  const n = m.inputs.number;
  const p = m.prose;
  const blocks: Block[] = [
    partyHeader({ parentName: m.cell.parentName, cellName, number: `Số ${n ?? '      '}-BC/CB`, place: placeOf(m.cell), date: m.asOf }),
    ...documentTitle('BÁO CÁO', [`tổng kết công tác xây dựng Đảng năm ${m.year}`, `và phương hướng nhiệm vụ năm ${next}`]),
    m.inputs.basis ? body(m.inputs.basis)[0]! : placeholderPara('Căn cứ văn bản của cấp ủy cấp trên về việc kiểm điểm, đánh giá, xếp loại chất lượng (số, ngày, cơ quan ban hành)'),
    ...body(`Căn cứ tình hình hoạt động, vai trò lãnh đạo, chỉ đạo của Chi bộ trong năm ${m.year}, ${cellName} báo cáo ${subject} với các nội dung như sau:`),

    centeredBold('PHẦN THỨ NHẤT', 240),
    centeredBold(`Đánh giá kết quả lãnh đạo, chỉ đạo của Chi bộ trong năm ${m.year}`, 0),
    heading('I. Đặc điểm tình hình'),
    ...memberLines(m).flatMap((l) => body(l)),
    heading('1. Thuận lợi'),
    ...prose(p.thuanLoi, 'những thuận lợi của Chi bộ trong năm (ghi bằng /note, mục Thuận lợi)'),
    heading('2. Khó khăn'),
    ...prose(p.khoKhan, 'những khó khăn của Chi bộ trong năm (ghi bằng /note, mục Khó khăn)'),

    heading('II. Những kết quả đạt được'),
    heading('1. Công tác tư tưởng chính trị'),
    ...prose(p.tuTuong, 'kết quả công tác giáo dục chính trị tư tưởng (ghi bằng /note, mục Tư tưởng chính trị)'),
    heading('2. Công tác chuyên môn'),
    ...prose(p.chuyenMon, 'kết quả thực hiện nhiệm vụ chuyên môn (ghi bằng /note, mục Chuyên môn)'),
    heading('3. Công tác lãnh đạo đoàn thể'),
    ...prose(p.doanThe, 'kết quả lãnh đạo các đoàn thể (ghi bằng /note, mục Đoàn thể)'),
    heading('4. Công tác xây dựng Đảng'),
    ...xayDungDang(m),
    heading('5. Công tác kiểm tra, giám sát'),
    ...kiemTra(m),

    heading('III. Khuyết điểm, tồn tại, nguyên nhân'),
    heading('1. Khuyết điểm, tồn tại'),
    ...prose(p.khuyetDiem, 'khuyết điểm, tồn tại của Chi bộ (chưa có bản kiểm điểm nào nêu hạn chế)', 'Qua bản tự kiểm điểm của đảng viên, những hạn chế được nêu (xếp theo số đồng chí nêu):'),
    heading('2. Nguyên nhân'),
    ...prose(p.nguyenNhan, 'nguyên nhân của khuyết điểm, tồn tại', 'Nguyên nhân được đảng viên nêu (xếp theo số đồng chí nêu):'),
    heading('Bài học kinh nghiệm'),
    placeholderPara('bài học kinh nghiệm Chi bộ rút ra trong năm'),

    centeredBold('PHẦN THỨ HAI', 240),
    centeredBold(`Phương hướng nhiệm vụ năm ${next}`, 0),
    heading('1. Phương hướng'),
    ...prose(p.phuongHuong, `phương hướng lãnh đạo của Chi bộ năm ${next} (ghi bằng /note, mục Phương hướng)`),
    heading('2. Chỉ tiêu phấn đấu'),
    ...(m.targets.length ? m.targets.flatMap((t) => body(`– ${t}`)) : [placeholderPara(`các chỉ tiêu phấn đấu năm ${next} (ghi bằng /note, Chỉ tiêu năm sau)`)]),
    heading('3. Các biện pháp thực hiện'),
    ...prose(p.bienPhap, 'các biện pháp thực hiện', 'Biện pháp khắc phục hạn chế do đảng viên đề ra (xếp theo số đồng chí nêu):'),
    ...body(`Trên đây là báo cáo ${subject} của ${cellName}./.`),
    spacer(240),
    signatureBlock({
      place: placeOf(m.cell),
      roles: m.signer?.deputy ? ['T/M CHI BỘ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ'] : ['T/M CHI BỘ', 'BÍ THƯ'],
      name: m.signer?.name,
      left: recipients([`- ${m.cell.parentName} (b/c);`, '- Chi ủy chi bộ;', '- Lưu chi bộ.']),
    }),
  ];
  return toBuffer(partyDocument(blocks, { title: `Báo cáo tổng kết năm ${m.year} — ${cellName}` }));
}

function xayDungDang(m: ReportModel): Block[] {
  const out: Block[] = [];
  for (const l of [...meetingLines(m), ...duesLines(m)]) out.push(...body(l));
  if (!m.meetings || m.meetings.total.planned === 0) out.push(placeholderPara('số buổi sinh hoạt chi bộ trong năm (chưa có lịch sinh hoạt trên bot)'));
  if (!m.dues || m.dues.months.length === 0) out.push(placeholderPara('kết quả thu, nộp đảng phí'));
  const resolutions = m.minutes.filter((x) => x.resolution.trim());
  if (resolutions.length) {
    out.push(...body('Nghị quyết các kỳ sinh hoạt:'));
    for (const x of resolutions) out.push(...body(`– ${formatDate(x.date)}${x.topic ? ` (chuyên đề: ${x.topic})` : ''}: ${x.resolution.replace(/\s*\n\s*/g, '; ')}`));
  }
  for (const note of m.prose.xayDungDang.notes) out.push(...body(note));
  const rating = ratingLine(m);
  out.push(...(rating ? body(rating) : [placeholderPara('kết quả đánh giá, xếp loại chất lượng đảng viên (ghi nhận bằng /evaluate)')]));
  out.push(
    ...(m.inputs.cellLevel
      ? body(`Chi bộ tự đánh giá, đề nghị Đảng ủy xếp loại Chi bộ ${RATING_NAMES[m.inputs.cellLevel].toLowerCase()} năm ${m.year}.`)
      : [placeholderPara('mức Chi bộ tự đánh giá, đề nghị xếp loại (ghi bằng /note, Chi bộ tự xếp loại)')]),
  );
  return out;
}

function kiemTra(m: ReportModel): Block[] {
  const lines = [...inspectionLines(m), ...m.prose.kiemTra.notes];
  return lines.length ? lines.flatMap((l) => body(l)) : [placeholderPara('các cuộc kiểm tra, giám sát trong năm (ghi bằng /note, mục Kiểm tra, giám sát)')];
}
