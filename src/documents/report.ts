/**
 * bao-cao-tong-ket-<năm>.docx: the draft annual report, in the structure of the reference
 * report (PHẦN THỨ NHẤT: I. Đặc điểm tình hình; II. Những kết quả đạt được; III. Khuyết
 * điểm, tồn tại, nguyên nhân; Bài học kinh nghiệm; PHẦN THỨ HAI: Phương hướng nhiệm vụ
 * năm sau; Nơi nhận) and the party's document format. The official wording of the
 * document lives here with its template; every figure comes from the report model, and
 * where the model has nothing the draft says so in a visible `[Bổ sung: …]`.
 *
 * Also the committee's annex, tong-hop-y-kien-<năm>.docx: every member's point with how
 * many raised it — the tallies the collective report words as "Đa số / Nhiều / Một số đồng
 * chí"; it is for the committee and does not go up with the report.
 */
import { AlignmentType, Paragraph } from 'docx';
import { meetingsUncovered, type ProseKey, type Prose, type ReportModel } from '../core/report.ts';
import { RATING_NAMES } from '../core/review/index.ts';
import { formatMoney } from '../core/money.ts';
import { collectiveSentence } from '../core/textgroup.ts';
import { formatDate, formatMonth, pad2, type Month } from '../core/time.ts';
import { body, documentTitle, heading, partyDocument, partyHeader, placeOf, recipients, run, signatureBlock, spacer, toBuffer, type Block } from './format.ts';

/** Counts the way the reference writes them: two digits ("09", "04"), but a plain 0. */
export const count = (n: number): string => (n === 0 ? '0' : pad2(n));

/** A visible gap for the secretary to fill: what belongs there. */
export const placeholder = (what: string) => `[Bổ sung: ${what}]`;

/** "tháng 01 đến tháng 05/2024", or "tháng 03/2024" for one month. */
function monthSpan(months: readonly Month[]): string {
  const first = months[0]!;
  const last = months.at(-1)!;
  return first === last ? `tháng ${formatMonth(first)}` : `tháng ${first.slice(5, 7)} đến tháng ${formatMonth(last)}`;
}
const BEFORE_BOT = 'theo sổ sách Chi bộ ghi trước khi dùng bot';

/** A line of figures, or what the secretary still has to supply there. */
export type Line = string | { ask: string };
const lineBlocks = (l: Line): Block[] => (typeof l === 'string' ? body(l) : [placeholderPara(l.ask)]);

function centeredBold(text: string, before = 120): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, after: 60 }, keepNext: true, children: [run(text, { bold: true })] });
}

function placeholderPara(what: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 60 }, children: [run(placeholder(what), { italics: true, bold: true })] });
}

/** What each part's placeholder asks for, and where the secretary writes it. */
const SECTION_ASK: Record<ProseKey, string> = {
  thuanLoi: 'những thuận lợi của Chi bộ trong năm (ghi bằng /note, mục Thuận lợi)',
  khoKhan: 'những khó khăn của Chi bộ trong năm (ghi bằng /note, mục Khó khăn)',
  tuTuong: 'đánh giá của Chi bộ về công tác giáo dục chính trị tư tưởng (ghi bằng /note, mục Tư tưởng chính trị)',
  chuyenMon: 'đánh giá của Chi bộ về việc lãnh đạo thực hiện nhiệm vụ chuyên môn (ghi bằng /note, mục Chuyên môn)',
  doanThe: 'kết quả lãnh đạo các đoàn thể (ghi bằng /note, mục Đoàn thể)',
  xayDungDang: 'công tác xây dựng Đảng (ghi bằng /note, mục Xây dựng Đảng)',
  kiemTra: 'các cuộc kiểm tra, giám sát trong năm (ghi bằng /note, mục Kiểm tra, giám sát)',
  khuyetDiem: 'khuyết điểm, tồn tại của Chi bộ (ghi bằng /note, mục Khuyết điểm)',
  nguyenNhan: 'nguyên nhân của khuyết điểm, tồn tại (ghi bằng /note, mục Nguyên nhân)',
  baiHoc: 'bài học kinh nghiệm Chi bộ rút ra trong năm (ghi bằng /note, mục Bài học kinh nghiệm)',
  phuongHuong: 'phương hướng chung của Chi bộ năm sau (ghi bằng /note, mục Phương hướng)',
  phTuTuong: 'phương hướng công tác tư tưởng chính trị năm sau (ghi bằng /note, Phương hướng — Tư tưởng chính trị)',
  phChuyenMon: 'phương hướng công tác chuyên môn năm sau (ghi bằng /note, Phương hướng — Chuyên môn)',
  phDoanThe: 'phương hướng công tác đoàn thể năm sau (ghi bằng /note, Phương hướng — Đoàn thể)',
  phXayDungDang: 'phương hướng công tác xây dựng Đảng năm sau (ghi bằng /note, Phương hướng — Xây dựng Đảng)',
  bienPhap: 'các biện pháp thực hiện của Chi bộ (ghi bằng /note, mục Biện pháp)',
};

const missingSection = (m: ReportModel, key: ProseKey) => m.gaps.some((g) => g.kind === 'section' && g.key === key);

/**
 * A part of the prose: the cell's own text first (or its placeholder, which stays even when
 * members' points follow), then the members' points in the collective voice.
 */
function prose(m: ReportModel, key: ProseKey, intro = 'Qua bản tự kiểm điểm của đảng viên:'): Block[] {
  const p: Prose = m.prose[key];
  const out: Block[] = p.notes.flatMap((n) => body(n));
  if (missingSection(m, key)) out.push(placeholderPara(SECTION_ASK[key]));
  if (p.shown.length) {
    out.push(...body(intro));
    for (const point of p.shown) out.push(...body(`– ${collectiveSentence(point, p.of)}`));
  }
  return out;
}

const THEORY_ORDER = [
  ['cao_cap', 'Trình độ lý luận cao cấp chính trị'],
  ['cu_nhan', 'Trình độ cử nhân chính trị'],
  ['trung_cap', 'Trình độ lý luận trung cấp chính trị'],
  ['so_cap', 'Trình độ lý luận sơ cấp chính trị'],
  ['chua_dao_tao', 'Chưa qua đào tạo lý luận chính trị'],
] as const;

/** The member figures of "I. Đặc điểm tình hình", in the reference's wording; the theory lines add up to the total. */
export function memberLines(m: ReportModel): string[] {
  const r = m.roster;
  const lines = [
    `– Tổng số đảng viên đến ngày ${formatDate(m.asOf)}: ${count(r.total)} đảng viên, trong đó:`,
    `+ Đảng viên chính thức: ${count(r.full)} đ/c; Đảng viên dự bị: ${count(r.probationary)}${r.probationary ? ' đ/c' : ''}`,
    `+ Đảng viên nam: ${count(r.male)} đ/c; Đảng viên nữ: ${count(r.female)} đ/c`,
  ];
  for (const [key, label] of THEORY_ORDER) if (r.theory[key]) lines.push(`– ${label}: ${count(r.theory[key])} đ/c.`);
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

function roman(n: number): string {
  return ['', 'I', 'II', 'III', 'IV'][n] ?? String(n);
}

/** The meetings of II.4, condensed: held of planned, resolutions, themed meetings and their topics, absences. */
export function meetingLines(m: ReportModel): Line[] {
  const f = m.meetingFacts;
  if (!f || f.regularPlanned + f.themedSeparate + f.extraordinary === 0) return [];
  const lines: Line[] = [];
  const uncovered = meetingsUncovered(m);
  const since = f.botFrom && f.botFrom > `${m.year}-01` && !f.openingMonths.length ? `Từ tháng ${formatMonth(f.botFrom)} (khi Chi bộ bắt đầu ghi sổ trên bot), Chi bộ` : `Trong năm ${m.year}, Chi bộ`;
  const opening = f.openingMonths.length ? ` (trong đó từ ${monthSpan(f.openingMonths)} ${BEFORE_BOT})` : '';
  const parts = [
    f.regularPlanned ? `tổ chức ${count(f.regularHeld)}/${count(f.regularPlanned)} buổi sinh hoạt định kỳ theo kế hoạch${opening}` : undefined,
    f.resolutions ? `ban hành ${count(f.resolutions)} nghị quyết lãnh đạo` : undefined,
    f.averageRate !== undefined ? `tỷ lệ đảng viên dự sinh hoạt bình quân đạt ${Math.round(f.averageRate * 100)}%` : undefined,
  ].filter(Boolean);
  if (parts.length) lines.push(`${since} ${parts.join('; ')}.`);
  const themed = f.themedSeparate + f.themedCombined + f.themedFromOpening;
  if (themed) {
    const how = [
      f.themedCombined && `${count(f.themedCombined)} buổi lồng ghép trong buổi sinh hoạt định kỳ`,
      f.themedSeparate && `${count(f.themedSeparate)} buổi tổ chức riêng`,
      f.themedFromOpening && `${count(f.themedFromOpening)} buổi ${BEFORE_BOT}`,
    ].filter(Boolean);
    const topics = f.topics.length ? `, với các chủ đề: ${f.topics.map((t) => `“${t}”`).join('; ')}` : '';
    lines.push(`Chi bộ tổ chức ${count(themed)} buổi sinh hoạt chuyên đề (${how.join(', ')})${topics}.`);
  }
  if (f.quartersWithoutThemed.length) lines.push(`Quý ${f.quartersWithoutThemed.map(roman).join(', ')} chưa tổ chức sinh hoạt chuyên đề.`);
  if (f.extraordinary) lines.push(`Chi bộ tổ chức ${count(f.extraordinary)} buổi sinh hoạt bất thường.`);
  if (f.unexcused) lines.push(`Trong năm có ${count(f.unexcused)} lượt đảng viên vắng sinh hoạt không có lý do (${count(f.unexcusedMembers)} đồng chí).`);
  if (uncovered.length) lines.push({ ask: `số buổi sinh hoạt ${monthSpan(uncovered)}, trước khi Chi bộ ghi sổ trên bot (nhập bằng /note, Số liệu đầu kỳ)` });
  return lines;
}

/** The dues of II.4: collected of expected only for the months the books cover; the opening months apart. */
export function duesLines(m: ReportModel): Line[] {
  const d = m.duesFacts;
  if (!d) return [];
  const lines: Line[] = [];
  const b = d.bot;
  if (b) {
    const period =
      b.from === `${m.year}-01`
        ? `Thu đảng phí năm ${m.year}${b.through < `${m.year}-12` ? ` (đến tháng ${Number(b.through.slice(5))})` : ''}`
        : `Thu đảng phí từ tháng ${formatMonth(b.from)} (khi Chi bộ bắt đầu ghi sổ trên bot)${b.through !== b.from ? ` đến tháng ${formatMonth(b.through)}` : ''}`;
    const ratio =
      b.expected > 0 && !b.noAmount ? `${formatMoney(b.collected)}/${formatMoney(b.expected)} phải thu (đạt ${Math.round((b.collected / b.expected) * 100)}%)` : `đã thu ${formatMoney(b.collected)}`;
    const full = b.members > 0 ? `; ${count(b.paidInFull)}/${count(b.members)} đảng viên đóng đủ` : '';
    const split = b.collected > 0 ? `; Chi bộ trích giữ lại ${formatMoney(b.kept)}, nộp cấp trên ${formatMoney(b.sent)}` : '';
    lines.push(`${period}: ${ratio}${full}${split}.`);
    if (b.noAmount) lines.push({ ask: 'mức đảng phí của các đồng chí chưa có mức (người thu ghi bằng /dues), để tính số phải thu' });
  }
  if (d.opening) lines.push(`Từ ${monthSpan(d.opening.months)} (${BEFORE_BOT}), Chi bộ thu đảng phí ${formatMoney(d.opening.collected)}.`);
  if (b && d.opening) lines.push(`Cộng cả năm, Chi bộ đã thu ${formatMoney(b.collected + d.opening.collected)}.`);
  if (d.uncovered.length) lines.push({ ask: `số thu đảng phí ${monthSpan(d.uncovered)}, trước khi Chi bộ ghi sổ trên bot (nhập bằng /note, Số liệu đầu kỳ)` });
  if (d.arrears.length) lines.push(`${d.arrears.map((a) => `${count(a.members)} đồng chí chậm đóng đảng phí ${count(a.months)} tháng`).join('; ')}.`.replace(/^./, (c) => c.toLocaleUpperCase('vi')));
  return lines;
}

/** "Kết quả đánh giá … 09/09 đảng viên hoàn thành tốt nhiệm vụ, trong đó có 02 đảng viên hoàn thành xuất sắc nhiệm vụ." */
export function ratingLine(m: ReportModel): string | undefined {
  const r = m.ratings;
  if (!r || r.rated === 0) return undefined;
  const d = r.decided;
  const rest = [d.hoan_thanh && `${count(d.hoan_thanh)} đảng viên hoàn thành nhiệm vụ`, d.khong_hoan_thanh && `${count(d.khong_hoan_thanh)} đảng viên không hoàn thành nhiệm vụ`].filter(Boolean);
  return (
    `Kết quả đánh giá, xếp loại chất lượng đảng viên năm ${m.year}: có ${count(r.goodOrBetter)}/${count(r.rated)} đảng viên hoàn thành tốt nhiệm vụ, trong đó có ${count(d.xuat_sac)} đảng viên hoàn thành xuất sắc nhiệm vụ` +
    `${rest.length ? `; ${rest.join('; ')}` : ''}.` +
    (r.rated < r.expected ? ` ${placeholder(`xếp loại của ${count(r.expected - r.rated)} đảng viên chưa được ghi nhận (ghi bằng /evaluate)`)}` : '')
  );
}

function inspectionLines(m: ReportModel): string[] {
  const lines = m.inspections.lines.map((l) => {
    const what = l.kind === 'giam_sat' ? 'giám sát' : 'kiểm tra';
    const whom = l.members ? `${count(l.members)} đảng viên` : 'tổ chức đảng';
    return `Tháng ${l.month}, Chi bộ ${what} ${whom}: ${l.text.replace(/\.$/, '')}.`;
  });
  const o = m.opening;
  const months = m.meetingFacts?.openingMonths.length ? m.meetingFacts.openingMonths : undefined;
  if (o && months && o.inspections + o.supervisions > 0) {
    const what = [o.inspections && `kiểm tra ${count(o.inspections)} cuộc`, o.supervisions && `giám sát ${count(o.supervisions)} cuộc`].filter(Boolean).join(', ');
    lines.unshift(`Từ ${monthSpan(months)} (${BEFORE_BOT}), Chi bộ ${what}.`);
  }
  return lines;
}

function xayDungDang(m: ReportModel): Block[] {
  const out: Block[] = m.prose.xayDungDang.notes.flatMap((n) => body(n));
  const meetings = meetingLines(m);
  const dues = duesLines(m);
  for (const l of [...meetings, ...dues]) out.push(...lineBlocks(l));
  if (!meetings.length) out.push(placeholderPara('số buổi sinh hoạt chi bộ trong năm (chưa có lịch sinh hoạt trên bot; số liệu trước đó nhập bằng /note, Số liệu đầu kỳ)'));
  if (!dues.length) out.push(placeholderPara(`kết quả thu, nộp đảng phí năm ${m.year} (chưa có tháng nào đảng viên phải đóng trên bot; số liệu trước đó nhập bằng /note, Số liệu đầu kỳ)`));
  if (m.probationAwaiting) out.push(...body(`Có ${count(m.probationAwaiting)} đảng viên dự bị đã đủ 12 tháng, đang chờ quyết định công nhận đảng viên chính thức.`));
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
  return lines.length ? lines.flatMap((l) => body(l)) : [placeholderPara(SECTION_ASK.kiemTra)];
}

export async function reportDocx(m: ReportModel): Promise<Buffer> {
  const next = m.year + 1;
  const cellName = m.cell.name;
  const subject = `tổng kết công tác xây dựng Đảng năm ${m.year} và phương hướng nhiệm vụ năm ${next}`;
  const n = m.inputs.number;
  const blocks: Block[] = [
    partyHeader({ parentName: m.cell.parentName, cellName, number: `Số ${n ?? '      '}-BC/CB`, place: placeOf(m.cell), date: m.asOf }),
    ...documentTitle('BÁO CÁO', [`tổng kết công tác xây dựng Đảng năm ${m.year}`, `và phương hướng nhiệm vụ năm ${next}`]),
    m.inputs.basis
      ? body(m.inputs.basis)[0]!
      : placeholderPara('Căn cứ văn bản của cấp ủy cấp trên về việc kiểm điểm, đánh giá, xếp loại chất lượng (số, ngày, cơ quan ban hành; ghi bằng /note, Căn cứ)'),
    ...body(`Căn cứ tình hình hoạt động, vai trò lãnh đạo, chỉ đạo của Chi bộ trong năm ${m.year}, ${cellName} báo cáo ${subject} với các nội dung như sau:`),

    centeredBold('PHẦN THỨ NHẤT', 240),
    centeredBold(`Đánh giá kết quả lãnh đạo, chỉ đạo của Chi bộ trong năm ${m.year}`, 0),
    heading('I. Đặc điểm tình hình'),
    ...memberLines(m).flatMap((l) => body(l)),
    heading('1. Thuận lợi'),
    ...prose(m, 'thuanLoi'),
    heading('2. Khó khăn'),
    ...prose(m, 'khoKhan'),

    heading('II. Những kết quả đạt được'),
    heading('1. Công tác tư tưởng chính trị'),
    ...prose(m, 'tuTuong'),
    heading('2. Công tác chuyên môn'),
    ...prose(m, 'chuyenMon'),
    heading('3. Công tác lãnh đạo đoàn thể'),
    ...prose(m, 'doanThe'),
    heading('4. Công tác xây dựng Đảng'),
    ...xayDungDang(m),
    heading('5. Công tác kiểm tra, giám sát'),
    ...kiemTra(m),

    heading('III. Khuyết điểm, tồn tại, nguyên nhân'),
    heading('1. Khuyết điểm, tồn tại'),
    ...prose(m, 'khuyetDiem', 'Qua bản tự kiểm điểm, những hạn chế đảng viên tự nhận:'),
    heading('2. Nguyên nhân'),
    ...prose(m, 'nguyenNhan', 'Qua bản tự kiểm điểm, nguyên nhân đảng viên nêu:'),
    heading('Bài học kinh nghiệm'),
    ...prose(m, 'baiHoc'),

    centeredBold('PHẦN THỨ HAI', 240),
    centeredBold(`Phương hướng nhiệm vụ năm ${next}`, 0),
    ...prose(m, 'phuongHuong'),
    heading('1. Công tác tư tưởng chính trị'),
    ...prose(m, 'phTuTuong'),
    heading('2. Công tác chuyên môn'),
    ...prose(m, 'phChuyenMon'),
    heading('3. Công tác đoàn thể'),
    ...prose(m, 'phDoanThe'),
    heading('4. Công tác xây dựng Đảng'),
    ...prose(m, 'phXayDungDang'),
    heading('5. Chỉ tiêu phấn đấu'),
    ...(m.targets.length ? m.targets.flatMap((t) => body(`– ${t}`)) : [placeholderPara(`các chỉ tiêu phấn đấu năm ${next} (ghi bằng /note, Chỉ tiêu năm sau)`)]),
    heading('6. Các biện pháp thực hiện'),
    ...prose(m, 'bienPhap', 'Biện pháp khắc phục hạn chế đảng viên đề ra qua bản tự kiểm điểm:'),
    ...body(`Trên đây là báo cáo ${subject} của ${cellName}./.`),
    spacer(240),
    signatureBlock({
      place: placeOf(m.cell),
      roles: m.signer?.deputy ? ['T/M CHI BỘ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ'] : ['T/M CHI BỘ', 'BÍ THƯ'],
      name: m.signer?.name,
      left: recipients([`- ${m.cell.parentName} (b/c);`, ...(m.hasCommittee ? ['- Chi ủy chi bộ;'] : []), '- Lưu chi bộ.']),
    }),
  ];
  return toBuffer(partyDocument(blocks, { title: `Báo cáo tổng kết năm ${m.year} — ${cellName}` }));
}

/** The parts whose members' points the annex lists, with their headings. */
const ANNEX_PARTS: [ProseKey, string][] = [
  ['tuTuong', 'I.1. Tư tưởng chính trị, đạo đức, lối sống'],
  ['chuyenMon', 'I.2. Thực hiện chức trách, nhiệm vụ được giao'],
  ['khuyetDiem', 'II.1. Hạn chế, khuyết điểm'],
  ['nguyenNhan', 'II.2. Nguyên nhân của hạn chế, khuyết điểm'],
  ['bienPhap', 'VI. Phương hướng, biện pháp khắc phục'],
];

/** tong-hop-y-kien-<năm>.docx: the committee's annex — every point with how many members raised it. */
export async function annexDocx(m: ReportModel): Promise<Buffer> {
  const of = m.prose.tuTuong.of;
  const blocks: Block[] = [
    ...documentTitle('TỔNG HỢP Ý KIẾN', [`qua bản tự kiểm điểm của đảng viên năm ${m.year}`], `${m.cell.name} — tài liệu của chi ủy, không gửi kèm báo cáo`),
    ...body(
      `Số bản tự kiểm điểm đã gửi: ${count(of)}. Các ý cùng nội dung được gộp lại; mỗi ý ghi nguyên văn lời một đồng chí và số đồng chí nêu. Các câu có nêu tên người không đưa vào báo cáo chung.`,
    ),
  ];
  for (const [key, title] of ANNEX_PARTS) {
    const p = m.prose[key];
    blocks.push(heading(title));
    if (!p.points.length) blocks.push(...body('(Chưa có ý nào.)'));
    for (const point of p.points) {
      blocks.push(...body(`– ${point.text.replace(/\.$/, '')} (${count(point.members)}/${count(of)} đồng chí nêu).`));
      const others = point.variants.filter((v) => v.replace(/\.$/, '') !== point.text.replace(/\.$/, '')).slice(0, 3);
      if (others.length)
        blocks.push(new Paragraph({ indent: { left: 1134 }, spacing: { after: 40 }, children: [run(`Cách viết khác: ${others.map((v) => `“${v}”`).join('; ')}`, { italics: true, size: 12 })] }));
    }
    if (p.leftOut) blocks.push(...body(`Có ${count(p.leftOut)} câu nêu tên người, không đưa vào báo cáo chung (vẫn giữ trong bản kiểm điểm của đồng chí đó).`));
  }
  return toBuffer(partyDocument(blocks, { title: `Tổng hợp ý kiến năm ${m.year} — ${m.cell.name}` }));
}
