/**
 * tong-quan-chi-bo-<năm>.xlsx: the admin's overview across cells. One sheet: a title line
 * with the year and the day it was made, a header row (frozen, with a filter), one row per
 * cell and a total row. Counts and money are numbers (money in whole đồng, shown with
 * thousands separators), the collection rate a percentage, the report's draft a date.
 */
import ExcelJS from 'exceljs';
import type { Attention, CellOverview, OverviewTotals } from '../core/overview.ts';
import { formatDate, localDate, type LocalDate } from '../core/time.ts';

export interface OverviewSheet {
  year: number;
  /** The day the figures run to: today for the current year, 31/12 for a past one. */
  asOf: LocalDate;
  /** The day it was made. */
  today: LocalDate;
  rows: readonly CellOverview[];
  totals: OverviewTotals;
}

/** Short words for the "Cần lưu ý" column. */
export const ATTENTION_WORDS: Record<Attention, string> = {
  'review.none': 'chưa mở đợt kiểm điểm',
  'review.unfinished': 'kiểm điểm chưa xong',
  'review.quota': 'số xuất sắc vượt 20% số tốt',
  'meetings.missed': 'thiếu buổi sinh hoạt định kỳ',
  'dues.short': 'đảng phí còn thiếu',
  'dues.noAmount': 'có đảng viên chưa có mức đảng phí',
  'report.none': 'chưa có dự thảo báo cáo',
};

const REVIEW_STATE = { open: 'Đang mở', closed: 'Đã đóng' } as const;

type Value = string | number | Date | null;
interface Column {
  title: string;
  width: number;
  /** Excel number format. */
  format?: string;
  value: (r: CellOverview, i: number) => Value;
  total?: (t: OverviewTotals) => Value;
}

const MONEY = '#,##0';
const rate = (collected: number, expected: number): number | null => (expected > 0 ? collected / expected : null);
/** A local date as Excel keeps dates: the day's midnight, UTC (no time zone shifts it). */
const excelDate = (d: LocalDate) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));
const ofReview = (r: CellOverview, f: (x: NonNullable<CellOverview['review']>) => number): number | null => (r.review ? f(r.review) : null);

const COLUMNS: readonly Column[] = [
  { title: 'STT', width: 6, value: (_, i) => i + 1 },
  { title: 'Chi bộ', width: 38, value: (r) => r.name, total: (t) => `Tổng cộng (${t.cells} chi bộ)` },
  { title: 'Đảng ủy cấp trên', width: 30, value: (r) => r.parentName },
  { title: 'Số đảng viên', width: 10, value: (r) => r.members.total, total: (t) => t.members },
  { title: 'Chính thức', width: 10, value: (r) => r.members.full, total: (t) => t.full },
  { title: 'Dự bị', width: 8, value: (r) => r.members.probationary, total: (t) => t.probationary },
  { title: 'Sinh hoạt định kỳ đã tổ chức', width: 12, value: (r) => r.meetings.regularHeld, total: (t) => t.regularHeld },
  { title: 'Sinh hoạt định kỳ theo kế hoạch', width: 12, value: (r) => r.meetings.regularPlanned, total: (t) => t.regularPlanned },
  { title: 'Sinh hoạt chuyên đề', width: 11, value: (r) => r.meetings.themed, total: (t) => t.themed },
  { title: 'Sinh hoạt bất thường', width: 11, value: (r) => r.meetings.extraordinary, total: (t) => t.extraordinary },
  { title: 'Đảng phí phải thu (đồng)', width: 16, format: MONEY, value: (r) => r.dues.expected, total: (t) => t.duesExpected },
  { title: 'Đảng phí đã thu (đồng)', width: 16, format: MONEY, value: (r) => r.dues.collected, total: (t) => t.duesCollected },
  { title: 'Đảng phí còn thiếu (đồng)', width: 16, format: MONEY, value: (r) => r.dues.outstanding, total: (t) => t.duesOutstanding },
  { title: 'Tỷ lệ thu', width: 9, format: '0%', value: (r) => rate(r.dues.collected, r.dues.expected), total: (t) => rate(t.duesCollected, t.duesExpected) },
  { title: 'Đợt kiểm điểm', width: 11, value: (r) => (r.review ? REVIEW_STATE[r.review.state] : 'Chưa mở'), total: (t) => `${t.reviewsOpened} đã mở` },
  { title: 'Phải kiểm điểm', width: 11, value: (r) => ofReview(r, (x) => x.expected), total: (t) => t.reviewExpected },
  { title: 'Đã gửi bản kiểm điểm', width: 11, value: (r) => ofReview(r, (x) => x.sent), total: (t) => t.reviewSent },
  { title: 'Đang viết', width: 9, value: (r) => ofReview(r, (x) => x.drafts), total: (t) => t.reviewDrafts },
  { title: 'Chưa viết', width: 9, value: (r) => ofReview(r, (x) => x.notStarted), total: (t) => t.reviewNotStarted },
  { title: 'Hoàn thành xuất sắc nhiệm vụ', width: 12, value: (r) => ofReview(r, (x) => x.decided.xuat_sac), total: (t) => t.decided.xuat_sac },
  { title: 'Hoàn thành tốt nhiệm vụ', width: 12, value: (r) => ofReview(r, (x) => x.decided.tot), total: (t) => t.decided.tot },
  { title: 'Hoàn thành nhiệm vụ', width: 12, value: (r) => ofReview(r, (x) => x.decided.hoan_thanh), total: (t) => t.decided.hoan_thanh },
  { title: 'Không hoàn thành nhiệm vụ', width: 12, value: (r) => ofReview(r, (x) => x.decided.khong_hoan_thanh), total: (t) => t.decided.khong_hoan_thanh },
  { title: 'Chưa xếp loại', width: 10, value: (r) => ofReview(r, (x) => x.undecided), total: (t) => t.undecided },
  {
    title: 'Dự thảo báo cáo năm',
    width: 13,
    format: 'dd/mm/yyyy',
    value: (r) => (r.reportDraftedAt ? excelDate(localDate(r.reportDraftedAt)) : 'Chưa có'),
    total: (t) => `${t.reportsDrafted}/${t.cells} chi bộ`,
  },
  { title: 'Cần lưu ý', width: 48, value: (r) => attentionText(r.attention), total: (t) => `${t.needAttention} chi bộ` },
];

/** The "Cần lưu ý" cell: the reasons, the first one capitalised. */
export function attentionText(list: readonly Attention[]): string {
  const s = list.map((a) => ATTENTION_WORDS[a]).join('; ');
  return s ? s[0]!.toUpperCase() + s.slice(1) : '';
}

/** The header row's number (after the two title lines and a blank one). */
export const HEADER_ROW = 4;

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function overviewXlsx(s: OverviewSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo-bot';
  wb.created = excelDate(s.today);
  const ws = wb.addWorksheet(`Tổng quan ${s.year}`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width, ...(c.format ? { style: { numFmt: c.format } } : {}) }));
  const last = COLUMNS.length;

  ws.getCell(1, 1).value = `TỔNG QUAN CÁC CHI BỘ NĂM ${s.year}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = `Số liệu đến ngày ${formatDate(s.asOf)}; lập ngày ${formatDate(s.today)}.`;
  ws.getCell(2, 1).font = { italic: true };
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);

  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.title;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  header.height = 48;

  s.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = c.value(r, i);
      cell.border = BORDER;
      if (j === 1 || j === 2 || j === last - 1) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });

  const totalRow = ws.getRow(HEADER_ROW + 1 + s.rows.length);
  COLUMNS.forEach((c, j) => {
    const cell = totalRow.getCell(j + 1);
    cell.value = c.total?.(s.totals) ?? null;
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });

  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + s.rows.length, column: last } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
