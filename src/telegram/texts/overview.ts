/** Wording of /overview: the admin's summary across cells (the .xlsx follows it). */
import type { CellOverview, OverviewTotals } from '../../core/overview.ts';
import type { Overview } from '../../services/overview.ts';
import { formatMoney } from '../../core/money.ts';
import { formatDate, localDate, pad2 } from '../../core/time.ts';

/** Up to this many cells, every cell has its line; above it, only those needing attention. */
export const ALL_CELLS_UP_TO = 15;
/** At most this many lines of cells needing attention in the chat (the file has them all). */
export const MAX_ATTENTION_LINES = 30;

const n = (x: number) => (x === 0 ? '0' : pad2(x));
/** A rate that never shows 100% while something is missing. */
const pct = (a: number, b: number) => (b ? ` (${Math.floor((a / b) * 100)}%)` : '');
const rated = (r: NonNullable<CellOverview['review']>) => r.decided.xuat_sac + r.decided.tot + r.decided.hoan_thanh + r.decided.khong_hoan_thanh;

function totalsLines(t: OverviewTotals): string[] {
  const d = t.decided;
  return [
    `🏛 Chi bộ: ${n(t.cells)}; đảng viên: ${n(t.members)} (chính thức ${n(t.full)}, dự bị ${n(t.probationary)}).`,
    `🗓 Sinh hoạt định kỳ: ${n(t.regularHeld)}/${n(t.regularPlanned)} buổi; chuyên đề ${n(t.themed)}; bất thường ${n(t.extraordinary)}.`,
    `💰 Đảng phí: đã thu ${formatMoney(t.duesCollected)}/${formatMoney(t.duesExpected)} phải thu${pct(t.duesCollected, t.duesExpected)}${t.duesOutstanding ? `; còn thiếu ${formatMoney(t.duesOutstanding)}` : ''}.`,
    t.reviewsOpened
      ? `📝 Kiểm điểm: ${n(t.reviewsOpened)}/${n(t.cells)} chi bộ đã mở; đã gửi ${n(t.reviewSent)}/${n(t.reviewExpected)}; xếp loại: xuất sắc ${n(d.xuat_sac)}, tốt ${n(d.tot)}, hoàn thành ${n(d.hoan_thanh)}, không hoàn thành ${n(d.khong_hoan_thanh)}, chưa xếp loại ${n(t.undecided)}.`
      : '📝 Kiểm điểm: chưa chi bộ nào mở đợt kiểm điểm năm này.',
    `📄 Dự thảo báo cáo năm: ${n(t.reportsDrafted)}/${n(t.cells)} chi bộ.`,
  ];
}

/** One cell on one line: ✅ nothing to look at, ⚠️ something is. */
export function cellLine(r: CellOverview): string {
  const review = r.review ? `kiểm điểm: gửi ${n(r.review.sent)}/${n(r.review.expected)}, xếp loại ${n(rated(r.review))}/${n(r.review.expected)}` : 'chưa mở kiểm điểm';
  const dues = r.dues.expected || r.dues.collected ? `đảng phí ${formatMoney(r.dues.collected)}/${formatMoney(r.dues.expected)}${pct(r.dues.collected, r.dues.expected)}` : 'chưa có đảng phí phải thu';
  const parts = [
    `${n(r.members.total)} đảng viên`,
    r.meetings.regularPlanned ? `sinh hoạt định kỳ ${n(r.meetings.regularHeld)}/${n(r.meetings.regularPlanned)}` : 'chưa có lịch sinh hoạt',
    dues,
    ...(r.dues.noAmount ? [`${n(r.dues.noAmount)} đ/c chưa có mức đảng phí`] : []),
    review,
    ...(r.review?.quotaExceeded ? ['số xuất sắc vượt 20% số tốt'] : []),
    r.reportDraftedAt ? `dự thảo báo cáo ngày ${formatDate(localDate(r.reportDraftedAt))}` : 'chưa có dự thảo báo cáo',
  ];
  return `${r.attention.length ? '⚠️' : '✅'} ${r.name}: ${parts.join('; ')}.`;
}

export const overview = {
  /** The chat summary: the totals, then every cell (a few) or those needing attention (many). */
  summary: (o: Overview): string => {
    const head = [`📋 Tổng quan các chi bộ năm ${o.year} (số liệu đến ngày ${formatDate(o.asOf)})`, ...totalsLines(o.totals)];
    const file = 'Xem đầy đủ trong tệp Excel gửi kèm.';
    if (o.rows.length <= ALL_CELLS_UP_TO) return [...head, '', ...o.rows.map(cellLine), '', file].join('\n');
    const flagged = o.rows.filter((r) => r.attention.length);
    const shown = flagged.slice(0, MAX_ATTENTION_LINES);
    const body = flagged.length
      ? [
          `⚠️ Cần lưu ý: ${n(flagged.length)}/${n(o.rows.length)} chi bộ.`,
          ...shown.map(cellLine),
          ...(flagged.length > shown.length ? [`… và ${n(flagged.length - shown.length)} chi bộ khác cần lưu ý.`] : []),
        ]
      : ['✅ Không chi bộ nào cần lưu ý.'];
    return [...head, '', ...body, '', file].join('\n');
  },
  none: 'Chưa có chi bộ nào trên bot. Gõ /newcell để tạo chi bộ.',
  badYear: 'Xin ghi /overview (năm nay) hoặc /overview 2024 (một năm).',
  fileName: (year: number) => `tong-quan-chi-bo-${year}.xlsx`,
  caption: (year: number) => `Tổng quan các chi bộ năm ${year} (Excel).`,
};
