/** Wording of /report: the chat summaries of a year and of a month. */
import type { Gap, ReportModel } from '../../core/report.ts';
import { SECTION_LABELS } from './journal.ts';
import type { RosterFigures } from '../../core/members.ts';
import type { MonthReport } from '../../services/reports.ts';
import type { ReviewFigures } from '../../core/review/index.ts';
import { formatMoney } from '../../core/money.ts';
import { formatDate, formatMonth, pad2, type Month } from '../../core/time.ts';

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

const span = (ms: readonly Month[]) => (ms.length > 1 ? `tháng ${formatMonth(ms[0]!)}–${formatMonth(ms.at(-1)!)}` : `tháng ${formatMonth(ms[0]!)}`);

function meetingsLine(m: ReportModel): string {
  const f = m.meetingFacts;
  if (!f || f.regularPlanned + f.themedSeparate + f.extraordinary === 0) return '🗓 Sinh hoạt: chưa có lịch sinh hoạt trên bot.';
  const themed = f.themedSeparate + f.themedCombined + f.themedFromOpening;
  return (
    `🗓 Sinh hoạt: định kỳ ${n(f.regularHeld)}/${n(f.regularPlanned)} buổi${f.openingMonths.length ? ` (gồm số liệu đầu kỳ ${span(f.openingMonths)})` : f.botFrom && f.botFrom > `${m.year}-01` ? ` (từ tháng ${formatMonth(f.botFrom)})` : ''}` +
    `, chuyên đề ${n(themed)}${f.themedCombined ? ` (${n(f.themedCombined)} lồng ghép)` : ''}, bất thường ${n(f.extraordinary)}` +
    `${f.averageRate !== undefined ? `; dự họp bình quân ${Math.round(f.averageRate * 100)}%` : ''}${f.resolutions ? `; ${n(f.resolutions)} nghị quyết` : ''}` +
    `${f.quartersWithoutThemed.length ? `; quý chưa có chuyên đề: ${f.quartersWithoutThemed.join(', ')}` : ''}.`
  );
}

function duesLine(m: ReportModel): string {
  const d = m.duesFacts;
  if (!d) return '💰 Đảng phí: chưa có tháng nào đảng viên phải đóng trên bot.';
  const b = d.bot;
  const parts = [
    b &&
      `${b.from > `${m.year}-01` ? `từ tháng ${formatMonth(b.from)}: ` : ''}đã thu ${formatMoney(b.collected)}` +
        `${b.expected > 0 && !b.noAmount ? `/${formatMoney(b.expected)} phải thu${pct(b.collected, b.expected)}` : ' (chưa đủ mức đảng phí để tính số phải thu)'}` +
        `${b.members ? `; ${n(b.paidInFull)}/${n(b.members)} đảng viên đóng đủ` : ''}${b.collected ? `; giữ lại ${formatMoney(b.kept)}, nộp cấp trên ${formatMoney(b.sent)}` : ''}`,
    d.opening && `số liệu đầu kỳ ${span(d.opening.months)}: ${formatMoney(d.opening.collected)}`,
  ].filter(Boolean);
  return `💰 Đảng phí: ${parts.join('; ')}.`;
}

/** What a gap is called in the list of what the draft still lacks. */
export function gapLabel(g: Gap): string {
  switch (g.kind) {
    case 'section':
      return SECTION_LABELS[g.section];
    case 'input':
      return { basis: 'Căn cứ báo cáo', targets: 'Chỉ tiêu năm sau', cellLevel: 'Chi bộ tự xếp loại' }[g.input];
    case 'opening':
      return `Số liệu đầu kỳ (${g.what.map((w) => (w === 'dues' ? 'đảng phí' : 'sinh hoạt')).join(', ')} ${span(g.months)})`;
    case 'ratings':
      return `Xếp loại của ${n(g.missing)} đảng viên (/evaluate)`;
  }
}

/** The members' points raised most often, with their tallies (the chat and the annex only, never the document). */
function pointsLines(m: ReportModel): string[] {
  const of = m.prose.tuTuong.of;
  if (!of) return [];
  const top = (['khuyetDiem', 'tuTuong', 'chuyenMon'] as const).flatMap((k) => m.prose[k].points.filter((p) => p.members >= 2).slice(0, 2));
  return [
    '',
    `🗣 Ý kiến qua ${n(of)} bản tự kiểm điểm (số đồng chí nêu chỉ có ở đây và trong tệp tổng hợp ý kiến dành cho chi ủy, không có trong báo cáo):`,
    ...top.map((p) => `• ${p.text.replace(/\.$/, '')} (${n(p.members)}/${n(of)})`),
  ];
}

export const report = {
  usage: 'Gõ /report (báo cáo năm), /report 2024 (năm khác) hoặc /report 11/2024 (tóm tắt một tháng).',
  building: 'Đang soạn dự thảo báo cáo…',
  yearSummary: (m: ReportModel) => {
    const lines = [`📊 Báo cáo năm ${m.year} — ${m.cell.name} (số liệu đến ${formatDate(m.asOf)})`, '', rosterLine(m.roster), meetingsLine(m), duesLine(m)];
    lines.push(reviewLine(m.review, true));
    const i = m.inspections;
    lines.push(
      `🔎 Kiểm tra, giám sát: kiểm tra ${n(i.inspections)}, giám sát ${n(i.supervisions)}${m.opening && m.opening.inspections + m.opening.supervisions ? ` (thêm số liệu đầu kỳ: kiểm tra ${n(m.opening.inspections)}, giám sát ${n(m.opening.supervisions)})` : ''}.`,
    );
    const flags = [
      ...m.flags.arrears.map((a) => `• Nợ đảng phí ${a.months.length} tháng (${months(a.months)}): ${a.name}${a.flag === 3 ? ' — đủ căn cứ để chi bộ xem xét' : ''}`),
      ...m.flags.absences.map((a) => `• Vắng sinh hoạt không lý do ${a.months.length} tháng (${months(a.months)}): ${a.name}`),
      ...m.flags.probationDue.map((p) => `• Đủ 12 tháng dự bị từ ${formatDate(p.due)}: ${p.name} — xét chuyển chính thức`),
      ...m.flags.unreachable.map((u) => `• Không nhận được tin nhắn của bot: ${u}`),
    ];
    if (flags.length) lines.push('', '⚠️ Cần lưu ý:', ...flags);
    lines.push(...pointsLines(m));
    lines.push(
      '',
      m.gaps.length
        ? `✍️ Còn ${n(m.gaps.length)} mục cần bổ sung: ${m.gaps.map(gapLabel).join('; ')}. Trong dự thảo, các chỗ này ghi [Bổ sung: …]; đồng chí bấm nút dưới đây để ghi từng mục rồi gõ /report để soạn lại.`
        : '✅ Dự thảo không còn mục nào cần bổ sung; xin đồng chí đọc lại trước khi ký.',
    );
    return lines.join('\n');
  },
  annexCaption: (year: number) => `Tổng hợp ý kiến qua bản tự kiểm điểm năm ${year}, kèm số đồng chí nêu — tài liệu của chi ủy, không gửi kèm báo cáo.`,
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
    const others = m.others.map(
      (o) =>
        `${o.kind === 'extraordinary' ? 'bất thường' : `chuyên đề${o.topic ? ` “${o.topic}”` : ''}`} ${formatDate(o.date)}${o.held && o.attendance ? `: có mặt ${n(o.attendance.present)}/${n(o.attendance.expected)}` : o.held ? '' : ' (chưa điểm danh)'}`,
    );
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
