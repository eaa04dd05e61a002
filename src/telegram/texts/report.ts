/** Wording of /report: the chat summaries of a year and of a month. */
import type { ReportModel } from '../../core/report.ts';
import type { RosterFigures } from '../../core/members.ts';
import type { MonthReport } from '../../services/reports.ts';
import type { ReviewFigures } from '../../core/review.ts';
import { formatMoney } from '../../core/money.ts';
import { formatDate, formatMonth, pad2 } from '../../core/time.ts';

const n = (x: number) => (x === 0 ? '0' : pad2(x));
const pct = (a: number, b: number) => (b ? ` (${Math.round((a / b) * 100)}%)` : '');
const months = (ms: readonly string[]) => ms.map((m) => Number(m.slice(5))).join(', ');

function rosterLine(r: RosterFigures): string {
  const theory = [
    r.theory.cao_cap && `cao cấp ${n(r.theory.cao_cap)}`,
    r.theory.cu_nhan && `cử nhân ${n(r.theory.cu_nhan)}`,
    r.theory.trung_cap && `trung cấp ${n(r.theory.trung_cap)}`,
    r.theory.so_cap && `sơ cấp ${n(r.theory.so_cap)}`,
  ].filter(Boolean);
  return `👥 Đảng viên: ${n(r.total)} (chính thức ${n(r.full)}, dự bị ${n(r.probationary)}); nam ${n(r.male)}, nữ ${n(r.female)}${theory.length ? `; lý luận chính trị: ${theory.join(', ')}` : ''}${r.exempt ? `; miễn, tạm miễn sinh hoạt ${n(r.exempt)}` : ''}.`;
}

function reviewLine(r: ReviewFigures | undefined, withRatings: boolean): string {
  if (!r) return '📝 Kiểm điểm: chưa mở đợt kiểm điểm năm này.';
  const progress = `đã gửi ${n(r.sent)}/${n(r.expected)}, đang viết ${n(r.drafts)}, chưa viết ${n(r.notStarted)}${r.state === 'open' ? ` (hạn ${formatDate(r.deadline)})` : ' (đã đóng)'}`;
  if (!withRatings) return `📝 Kiểm điểm năm ${r.year}: ${progress}.`;
  const d = r.decided;
  const rated = d.xuat_sac + d.tot + d.hoan_thanh + d.khong_hoan_thanh;
  const ratings = rated
    ? `xếp loại: xuất sắc ${n(d.xuat_sac)}, tốt ${n(d.tot)}, hoàn thành ${n(d.hoan_thanh)}, không hoàn thành ${n(d.khong_hoan_thanh)}${r.undecided ? `, chưa xếp loại ${n(r.undecided)}` : ''}${r.quotaDecided.exceeded ? ` ⚠️ số xuất sắc vượt 20% số tốt (tối đa ${r.quotaDecided.max})` : ''}`
    : 'chưa ghi nhận xếp loại';
  return `📝 Kiểm điểm: ${progress}; ${ratings}.`;
}

export const report = {
  usage: 'Gõ /report (báo cáo năm), /report 2024 (năm khác) hoặc /report 11/2024 (tóm tắt một tháng).',
  building: 'Đang soạn dự thảo báo cáo…',
  yearSummary: (m: ReportModel) => {
    const lines = [`📊 Báo cáo năm ${m.year} — ${m.cell.name} (số liệu đến ${formatDate(m.asOf)})`, '', rosterLine(m.roster)];
    const f = m.meetings;
    lines.push(
      f && f.total.planned
        ? `🗓 Sinh hoạt: định kỳ ${n(f.regular.held)}/${n(f.regular.planned)} buổi, chuyên đề ${n(f.themed.held)}, bất thường ${n(f.extraordinary.held)}${f.averageRate !== undefined ? `; dự họp bình quân ${Math.round(f.averageRate * 100)}%` : ''}${m.flags.themedMissing.length ? `; quý chưa có chuyên đề: ${m.flags.themedMissing.join(', ')}` : ''}.`
        : '🗓 Sinh hoạt: chưa có lịch sinh hoạt trên bot.',
    );
    const d = m.dues;
    lines.push(
      d && d.months.length
        ? `💰 Đảng phí: đã thu ${formatMoney(d.collected)}/${formatMoney(d.expected)} phải thu${pct(d.collected, d.expected)}; ${n(d.paidInFull)}/${n(d.members)} đảng viên đóng đủ; giữ lại ${formatMoney(d.kept)}, nộp cấp trên ${formatMoney(d.sent)}.`
        : '💰 Đảng phí: chưa có số liệu.',
    );
    lines.push(reviewLine(m.review, true));
    const i = m.inspections;
    lines.push(`🔎 Kiểm tra, giám sát: kiểm tra ${n(i.inspections)}, giám sát ${n(i.supervisions)}.`);
    const flags = [
      ...m.flags.arrears.map((a) => `• Nợ đảng phí ${a.months.length} tháng (${months(a.months)}): ${a.name}${a.flag === 3 ? ' — đủ căn cứ để chi bộ xem xét' : ''}`),
      ...m.flags.absences.map((a) => `• Vắng sinh hoạt không lý do ${a.months.length} tháng (${months(a.months)}): ${a.name}`),
      ...m.flags.probationDue.map((p) => `• Đủ 12 tháng dự bị từ ${formatDate(p.due)}: ${p.name} — xét chuyển chính thức`),
      ...m.flags.unreachable.map((u) => `• Không nhận được tin nhắn của bot: ${u}`),
    ];
    if (flags.length) lines.push('', '⚠️ Cần lưu ý:', ...flags);
    lines.push('', 'Dự thảo báo cáo (.docx) gửi kèm dưới đây; những chỗ [Bổ sung: …] là phần bot chưa có dữ liệu, xin đồng chí viết thêm.');
    return lines.join('\n');
  },
  monthSummary: (r: MonthReport) => {
    const m = r.meetings;
    const reg = m.regular;
    const regLine =
      reg.status === 'held' && reg.attendance
        ? `đã họp ngày ${formatDate(reg.date!)}, có mặt ${n(reg.attendance.present)}/${n(reg.attendance.expected)}${reg.attendance.excused + reg.attendance.unexcused ? ` (vắng có lý do ${n(reg.attendance.excused)}, không lý do ${n(reg.attendance.unexcused)})` : ''}`
        : reg.status === 'notHeld'
          ? `chưa ghi nhận buổi họp ngày ${formatDate(reg.date!)} (chưa điểm danh)`
          : reg.status === 'cancelled'
            ? `đã hủy (${formatDate(reg.date!)})`
            : reg.status === 'upcoming'
              ? `sắp họp ngày ${formatDate(reg.date!)}`
              : 'chưa đặt lịch sinh hoạt định kỳ';
    const others = m.others.map((o) => `${o.kind === 'extraordinary' ? 'bất thường' : `chuyên đề${o.topic ? ` “${o.topic}”` : ''}`} ${formatDate(o.date)}${o.held && o.attendance ? `: có mặt ${n(o.attendance.present)}/${n(o.attendance.expected)}` : o.held ? '' : ' (chưa điểm danh)'}`);
    const d = r.dues;
    const lines = [
      `📊 Tháng ${formatMonth(r.month)} — ${r.cell.name}`,
      '',
      rosterLine(r.roster),
      `🗓 Sinh hoạt định kỳ: ${regLine}.`,
      ...(others.length ? [`🗓 Buổi khác: ${others.join('; ')}.`] : []),
      `💰 Đảng phí: đã thu ${formatMoney(d.collected)}/${formatMoney(d.expected)}${pct(d.collected, d.expected)}; ${n(d.paidInFull)}/${n(d.owing)} đảng viên đã đóng${d.exempt ? `, miễn ${n(d.exempt)}` : ''}; báo đã đóng chờ xác nhận: ${n(d.openClaims.length)}.`,
    ];
    if (r.review) lines.push(reviewLine(r.review, false));
    return lines.join('\n');
  },
};

export const reportProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'report.period': () => 'Xin ghi /report (báo cáo năm nay), /report 2024 (một năm) hoặc /report 11/2024 (một tháng).',
  'report.future': (p) => `Năm ${p.year} chưa tới nên chưa có báo cáo; xin chọn năm nay hoặc một năm đã qua.`,
  'report.futureMonth': () => 'Tháng này chưa tới; xin chọn tháng này hoặc một tháng đã qua.',
};
