/** Wording of the journal (/note). */
import type { InspectionKind, JournalEntry, JournalSection } from '../../core/journal.ts';
import { RATING_NAMES } from '../../core/review.ts';
import { formatDate } from '../../core/time.ts';

export const SECTION_LABELS: Record<JournalSection, string> = {
  thuan_loi: 'Thuận lợi',
  kho_khan: 'Khó khăn',
  tu_tuong: 'Tư tưởng chính trị',
  chuyen_mon: 'Chuyên môn',
  doan_the: 'Đoàn thể',
  xay_dung_dang: 'Xây dựng Đảng',
  kiem_tra: 'Kiểm tra, giám sát',
  phuong_huong: 'Phương hướng',
};

const KIND: Record<InspectionKind, string> = { kiem_tra: 'Kiểm tra', giam_sat: 'Giám sát' };

export const journal = {
  sections: SECTION_LABELS,
  levels: RATING_NAMES,
  home: (year: number, count: number) =>
    `Sổ tay chi bộ năm ${year}: ${count ? `đã ghi ${count} mục` : 'chưa có mục nào'}. Những gì ghi ở đây được đưa vào dự thảo báo cáo tổng kết, đúng mục của báo cáo.`,
  newEntry: '➕ Ghi mục mới',
  browse: '📖 Xem sổ tay',
  basis: 'Căn cứ báo cáo',
  targets: 'Chỉ tiêu năm sau',
  cellLevel: 'Chi bộ tự xếp loại',
  number: 'Số báo cáo',
  askSection: 'Ghi vào mục nào của báo cáo?',
  askKind: 'Đây là cuộc kiểm tra, giám sát hay một ghi chú khác?',
  kindLabels: { kiem_tra: 'Kiểm tra', giam_sat: 'Giám sát', none: 'Ghi chú khác' },
  askTarget: 'Đối tượng kiểm tra, giám sát?',
  targetMember: 'Đảng viên',
  targetCell: 'Chi bộ (tổ chức đảng)',
  askCount: 'Bao nhiêu đảng viên (ví dụ 1)?',
  askDate: 'Ngày của sự việc (dd/mm/yyyy)?',
  today: 'Hôm nay',
  askText: 'Nội dung cần ghi (ngắn gọn, như sẽ viết trong báo cáo)?',
  review: (a: { section: string; on: string; text: string; inspection?: string }) =>
    [`Mục: ${a.section}`, `Ngày: ${formatDate(a.on)}`, a.inspection, '', a.text, '', 'Bấm “Gửi” để lưu, hoặc “Sửa” để sửa.'].filter((x) => x !== undefined).join('\n'),
  inspectionLine: (kind: InspectionKind, members: number) => (members ? `${KIND[kind]} ${String(members).padStart(2, '0')} đảng viên` : `${KIND[kind]} tổ chức đảng`),
  saved: (section: string) => `Đã ghi vào mục “${section}” của sổ tay.`,
  edited: 'Đã sửa mục này.',
  deleted: 'Đã xóa mục này khỏi sổ tay; mục này không còn đưa vào báo cáo.',
  confirmDelete: 'Xóa mục này khỏi sổ tay?',
  yesDelete: 'Xóa',
  pickSection: (year: number) => `Sổ tay năm ${year} — chọn mục để xem:`,
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
  askBasis: 'Báo cáo được viết căn cứ văn bản nào? Ví dụ: Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã Phong Hải về việc kiểm điểm, đánh giá, xếp loại chất lượng năm 2024.',
  askTargets: (year: number) => `Các chỉ tiêu phấn đấu năm ${year}, mỗi dòng một chỉ tiêu (ví dụ: Công đoàn vững mạnh)?`,
  askLevel: (year: number) => `Chi bộ tự đánh giá, đề nghị xếp loại năm ${year}:`,
  askNumber: 'Số của báo cáo (ví dụ 05, để ghi “Số 05-BC/CB”)?',
  inputsSaved: 'Đã lưu; dự thảo báo cáo sẽ dùng thông tin này.',
  current: (label: string, value: string | undefined) => `${label} hiện tại: ${value ?? '(chưa có)'}`,
};

export const journalProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'journal.gone': () => 'Mục này không còn trong sổ tay (có thể đã bị xóa).',
  'journal.count': () => 'Số đảng viên cần là số nguyên từ 1 đến 99.',
  'journal.number': () => 'Số báo cáo chỉ gồm chữ số, tối đa 4 chữ số, ví dụ 05.',
};
