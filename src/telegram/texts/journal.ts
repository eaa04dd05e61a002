/** Wording of the journal (/note). */
import { openingMonths, quarterOf, type InspectionKind, type JournalEntry, type JournalSection, type OpeningInput, type SectionGroup } from '../../core/journal.ts';
import { formatMoney } from '../../core/money.ts';
import { RATING_NAMES } from '../../core/review/index.ts';
import { formatDate, formatMonth, pad2, type Month } from '../../core/time.ts';

export const SECTION_LABELS: Record<JournalSection, string> = {
  thuan_loi: 'Thuận lợi',
  kho_khan: 'Khó khăn',
  tu_tuong: 'Tư tưởng chính trị',
  chuyen_mon: 'Chuyên môn',
  doan_the: 'Đoàn thể',
  xay_dung_dang: 'Xây dựng Đảng',
  kiem_tra: 'Kiểm tra, giám sát',
  phuong_huong: 'Phương hướng chung',
  khuyet_diem: 'Khuyết điểm, tồn tại',
  nguyen_nhan: 'Nguyên nhân',
  bai_hoc: 'Bài học kinh nghiệm',
  bien_phap: 'Biện pháp thực hiện',
  phuong_huong_tu_tuong: 'Phương hướng: tư tưởng chính trị',
  phuong_huong_chuyen_mon: 'Phương hướng: chuyên môn',
  phuong_huong_doan_the: 'Phương hướng: đoàn thể',
  phuong_huong_xay_dung_dang: 'Phương hướng: xây dựng Đảng',
};

/** On a button inside its part of the report the area alone is enough. */
const SECTION_SHORT: Partial<Record<JournalSection, string>> = {
  phuong_huong_tu_tuong: 'Tư tưởng chính trị',
  phuong_huong_chuyen_mon: 'Chuyên môn',
  phuong_huong_doan_the: 'Đoàn thể',
  phuong_huong_xay_dung_dang: 'Xây dựng Đảng',
};

export const GROUP_LABELS: Record<SectionGroup, string> = {
  dac_diem: 'Đặc điểm tình hình',
  ket_qua: 'Kết quả đạt được',
  ton_tai: 'Khuyết điểm – Nguyên nhân – Bài học',
  phuong_huong: 'Phương hướng năm sau',
};

const QUARTERS = ['I', 'II', 'III', 'IV'];

const KIND: Record<InspectionKind, string> = { kiem_tra: 'Kiểm tra', giam_sat: 'Giám sát' };

export const journal = {
  sections: SECTION_LABELS,
  groups: GROUP_LABELS,
  sectionShort: (s: JournalSection) => SECTION_SHORT[s] ?? SECTION_LABELS[s],
  levels: RATING_NAMES,
  home: (year: number, count: number) =>
    `Sổ tay chi bộ năm ${year}: ${count ? `đã ghi ${count} mục` : 'chưa có mục nào'}. Những gì ghi ở đây được đưa vào dự thảo báo cáo tổng kết, đúng mục của báo cáo.`,
  newEntry: '➕ Ghi mục mới',
  browse: '📖 Xem sổ tay',
  basis: 'Căn cứ báo cáo',
  targets: 'Chỉ tiêu năm sau',
  cellLevel: 'Chi bộ tự xếp loại',
  number: 'Số báo cáo',
  askGroup: 'Ghi vào phần nào của báo cáo?',
  askSection: 'Ghi vào mục nào của báo cáo?',
  askSectionOf: (group: string) => `${group} — ghi vào mục nào?`,
  askKind: 'Đây là cuộc kiểm tra, giám sát hay một ghi chú khác?',
  kindLabels: { kiem_tra: 'Kiểm tra', giam_sat: 'Giám sát', none: 'Ghi chú khác' },
  askTarget: 'Đối tượng kiểm tra, giám sát?',
  targetMember: 'Đảng viên',
  targetCell: 'Chi bộ (tổ chức đảng)',
  askCount: 'Bao nhiêu đảng viên (ví dụ 1)?',
  askDate: 'Ngày của sự việc (dd/mm/yyyy)?',
  today: 'Hôm nay',
  yearEnd: (year: number) => `Cuối năm ${year} (31/12/${year})`,
  askText: 'Nội dung cần ghi (ngắn gọn, như sẽ viết trong báo cáo)?',
  review: (a: { section: string; on: string; text: string; inspection?: string }) =>
    [`Mục: ${a.section}`, `Ngày: ${formatDate(a.on)}`, a.inspection, '', a.text, '', 'Bấm “Gửi” để lưu, hoặc “Sửa” để sửa.'].filter((x) => x !== undefined).join('\n'),
  inspectionLine: (kind: InspectionKind, members: number) => (members ? `${KIND[kind]} ${String(members).padStart(2, '0')} đảng viên` : `${KIND[kind]} tổ chức đảng`),
  saved: (section: string) => `Đã ghi vào mục “${section}” của sổ tay.`,
  edited: 'Đã sửa mục này.',
  deleted: 'Đã xóa mục này khỏi sổ tay; mục này không còn đưa vào báo cáo.',
  confirmDelete: 'Xóa mục này khỏi sổ tay?',
  yesDelete: 'Xóa',
  pickGroup: (year: number) => `Sổ tay năm ${year} — chọn phần của báo cáo để xem:`,
  pickSectionOf: (group: string, year: number) => `${group} — năm ${year}, chọn mục để xem:`,
  sectionButton: (label: string, n: number) => `${label} (${n})`,
  listTitle: (section: string, year: number, page: number, pages: number) => `${section} — năm ${year}${pages > 1 ? ` (trang ${page + 1}/${pages})` : ''}:`,
  entryLine: (i: number, e: JournalEntry, author: string) =>
    `${i}. ${formatDate(e.on)} — ${author}${e.inspection ? ` [${KIND[e.inspection.kind].toLowerCase()}${e.inspection.members ? ` ${e.inspection.members} đảng viên` : ''}]` : ''}\n${e.text.length > 400 ? `${e.text.slice(0, 400)}…` : e.text}`,
  minutesLine: (on: string, text: string) => `• ${formatDate(on)} — biên bản sinh hoạt: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`,
  minutesTitle: 'Biên bản các buổi sinh hoạt (tự động đưa vào mục Xây dựng Đảng):',
  empty: 'Mục này chưa có gì.',
  editButton: (i: number) => `✏️ Sửa ${i}`,
  deleteButton: (i: number) => `🗑 Xóa ${i}`,
  back: '← Các mục',
  backToGroups: '← Các phần',
  askBasis: 'Báo cáo được viết căn cứ văn bản nào? Ví dụ: Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã Phong Hải về việc kiểm điểm, đánh giá, xếp loại chất lượng năm 2024.',
  askTargets: (year: number) => `Các chỉ tiêu phấn đấu năm ${year}, mỗi dòng một chỉ tiêu (ví dụ: Công đoàn vững mạnh)?`,
  askLevel: (year: number) => `Chi bộ tự đánh giá, đề nghị xếp loại năm ${year}:`,
  askNumber: 'Số của báo cáo (ví dụ 05, để ghi “Số 05-BC/CB”)?',
  inputsSaved: 'Đã lưu; dự thảo báo cáo sẽ dùng thông tin này.',
  current: (label: string, value: string | undefined) => `${label} hiện tại: ${value ?? '(chưa có)'}`,

  // opening figures: what the books kept before the bot say
  opening: '📊 Số liệu đầu kỳ',
  openingHome: (through: Month) => `Số liệu đầu kỳ: đã nhập, từ tháng 01 đến tháng ${formatMonth(through)}.`,
  openingNone: (year: number) =>
    `Chi bộ chưa nhập số liệu đầu kỳ năm ${year}. Nếu chi bộ bắt đầu dùng bot giữa năm, xin nhập một lần những gì sổ sách ghi từ tháng 01 đến tháng trước khi dùng bot (sinh hoạt, đảng phí, kiểm tra, giám sát); báo cáo cộng các số liệu này và ghi rõ tháng nào lấy từ sổ sách cũ.`,
  openingNoMonths: (year: number) => `Năm ${year} chưa có tháng nào trước tháng này để nhập số liệu đầu kỳ.`,
  openingEdit: '✏️ Sửa số liệu đầu kỳ',
  askThrough: (year: number, suggested?: Month) =>
    `Số liệu đầu kỳ năm ${year}: sổ sách cũ (trước khi dùng bot) ghi đến hết tháng nào?${suggested ? ` Dấu ✓ là tháng trước khi chi bộ bắt đầu dùng bot (${formatMonth(suggested)}).` : ''}`,
  throughLabel: (m: Month, suggested: boolean) => `${suggested ? '✓ ' : ''}${formatMonth(m)}`,
  askRegular: (through: Month) => `Từ tháng 01 đến hết tháng ${formatMonth(through)}, chi bộ đã sinh hoạt thường kỳ bao nhiêu buổi (ví dụ 5)?`,
  askThemed: (q: number, through: Month) =>
    `Quý ${QUARTERS[q]}${q === quarterOf(through) && Number(through.slice(5, 7)) % 3 ? ` (đến hết tháng ${formatMonth(through)})` : ''}: chi bộ đã sinh hoạt chuyên đề bao nhiêu buổi (0 nếu không có)?`,
  askExtraordinary: 'Sinh hoạt bất thường (ngoài các buổi trên): bao nhiêu buổi (0 nếu không có)?',
  askDues: (m: Month) => `Đảng phí chi bộ đã thu trong tháng ${formatMonth(m)} (tổng số tiền, ví dụ 450.000)? Nếu sổ sách không ghi, bấm “Không có số liệu”.`,
  sameAsBefore: (amount: number) => `Như tháng trước (${formatMoney(amount)})`,
  noFigure: 'Không có số liệu',
  askInspections: (through: Month) => `Từ tháng 01 đến hết tháng ${formatMonth(through)}, chi bộ đã tiến hành bao nhiêu cuộc kiểm tra (0 nếu không có)?`,
  askSupervisions: 'Và bao nhiêu cuộc giám sát (0 nếu không có)?',
  openingStep: {
    through: 'Đến tháng',
    regular: 'Thường kỳ',
    themed: (q: number) => `Chuyên đề quý ${QUARTERS[q]}`,
    extra: 'Bất thường',
    dues: (mm: string) => `Đảng phí tháng ${mm}`,
    inspections: 'Kiểm tra',
    supervisions: 'Giám sát',
  },
  openingText: (year: number, f: OpeningInput) => {
    const months = openingMonths(f.through);
    const themed = f.themedByQuarter
      .slice(0, quarterOf(f.through) + 1)
      .map((n, q) => `quý ${QUARTERS[q]}: ${pad2(n)}`)
      .join('; ');
    const dues = months.map((m) => `  ${formatMonth(m)}: ${f.duesByMonth[m] === undefined ? 'không có số liệu' : formatMoney(f.duesByMonth[m]!)}`);
    const entered = months.filter((m) => f.duesByMonth[m] !== undefined);
    const total = entered.reduce((s, m) => s + f.duesByMonth[m]!, 0);
    return [
      `Số liệu đầu kỳ năm ${year}, từ tháng 01 đến hết tháng ${formatMonth(f.through)} (theo sổ sách trước khi dùng bot):`,
      `• Sinh hoạt thường kỳ: ${pad2(f.regularHeld)} buổi`,
      `• Sinh hoạt chuyên đề: ${themed}`,
      `• Sinh hoạt bất thường: ${pad2(f.extraordinaryHeld)} buổi`,
      `• Đảng phí đã thu${entered.length ? `: ${formatMoney(total)} (${pad2(entered.length)} tháng có số liệu)` : ': không có số liệu'}`,
      ...dues,
      `• Kiểm tra: ${pad2(f.inspections)} cuộc; giám sát: ${pad2(f.supervisions)} cuộc`,
    ].join('\n');
  },
  openingBy: (name: string, at: string) => `Nhập bởi đ/c ${name}, ngày ${formatDate(at.slice(0, 10))}.`,
  openingReviewTail: 'Bấm “Gửi” để lưu, hoặc “Sửa” để sửa một số liệu.',
  openingSaved: (year: number) => `Đã lưu số liệu đầu kỳ năm ${year}; dự thảo báo cáo sẽ cộng các số liệu này và ghi rõ các tháng lấy từ sổ sách trước khi dùng bot.`,
};

export const journalProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'journal.gone': () => 'Mục này không còn trong sổ tay (có thể đã bị xóa).',
  'journal.count': () => 'Số đảng viên cần là số nguyên từ 1 đến 99.',
  'journal.number': () => 'Số báo cáo chỉ gồm chữ số, tối đa 4 chữ số, ví dụ 05.',
  'opening.count': (p) => `Xin nhập một số nguyên từ 0 đến ${p.max}, ví dụ 2 (0 nếu không có).`,
  'opening.regular': (p) => `Từ tháng 01 đến hết tháng ${formatMonth(String(p.through))} có ${p.months} tháng; chi bộ sinh hoạt thường kỳ mỗi tháng một buổi, nên số buổi không quá ${p.months}.`,
  'opening.through': (p) => `Số liệu đầu kỳ chỉ nhập cho các tháng của năm ${p.year} trước tháng hiện tại.`,
  'opening.quarter': (p) => `Số liệu chỉ tính đến hết tháng ${formatMonth(String(p.through))}; các quý sau đó không có buổi chuyên đề nào trong số liệu đầu kỳ.`,
  'opening.duesMonth': (p) => `Tháng ${formatMonth(String(p.month))} nằm ngoài khoảng từ tháng 01 đến hết tháng ${formatMonth(String(p.through))}.`,
  'opening.none': () => 'Năm này chưa có tháng nào trước tháng hiện tại để nhập số liệu đầu kỳ.',
};
