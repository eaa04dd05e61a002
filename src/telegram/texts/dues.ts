/** Wording of the dues feature (/dues, /dangphi, the dues part of /member and /settings). */
import type { AmountChange, DuesMonthFigures, DuesYearFigures, MemberMonth, Payment, PayMethod, Relief } from '../../core/dues/index.ts';
import { formatMoney } from '../../core/money.ts';
import { formatDate, formatMonth, localDate, type LocalDate, type Month } from '../../core/time.ts';

const M = (m: string) => formatMonth(String(m));
const months = (list: readonly Month[]) => list.map(formatMonth).join(', ');
const money = (n: number | undefined | null) => (n === undefined || n === null ? 'chưa có mức' : formatMoney(n));

const METHOD: Record<PayMethod, string> = { cash: 'tiền mặt nộp chi bộ', portal: 'Cổng Dịch vụ công quốc gia' };
const METHOD_SHORT: Record<PayMethod, string> = { cash: 'tiền mặt', portal: 'Cổng DVC' };
const BASIS: Record<AmountChange['basis'], string> = { fixed: '', salary: ', tính theo lương (1%)', pension: ', tính theo lương hưu (0,5%)' };

function reliefText(r: Relief): string {
  const span = `từ ${M(r.from)} đến ${M(r.to)}`;
  return r.kind === 'exempt' ? `Được miễn đảng phí ${span}` : r.kind === 'reduce' ? `Được giảm ${r.percent}% đảng phí ${span}` : `Bỏ miễn, giảm ${span}`;
}

function rowLine(r: MemberMonth & { name: string }, flagged: number): string {
  const flag = flagged >= 2 ? ` · ⚠️ ${flagged} tháng chưa đóng` : '';
  if (r.payment) return `✅ ${r.name} — ${formatMoney(r.payment.amount)}, ${METHOD_SHORT[r.payment.method]}${r.payment.offTurn ? ' (đóng muộn/trước)' : ''}`;
  if (r.state === 'exempt') return `➖ ${r.name} — miễn`;
  return `${r.claim ? '⏳' : '❌'} ${r.name} — ${money(r.expected)}${r.claim ? ' (báo đã đóng, chờ xác nhận)' : ''}${flag}`;
}

export const dues = {
  methods: METHOD,
  /** The word a relief's length in months may carry when typed ('3 tháng'). */
  monthsWord: 'tháng',
  byCash: '💵 Tiền mặt',
  byPortal: '🌐 Cổng DVC quốc gia',
  periodHelp: 'Xem kỳ khác: /dues 11/2024 (một tháng) hoặc /dues 2024 (cả năm).',

  // ------------------------------------------------------------ a member's own dues
  myTitle: (name: string) => `💰 Đảng phí của đồng chí ${name}`,
  amountLine: (a: AmountChange | undefined) => (a ? `Mức đóng: ${formatMoney(a.amount)}/tháng${BASIS[a.basis]}.` : 'Mức đóng: chưa có. Xin báo đồng chí thu đảng phí để nhập mức đóng.'),
  reliefLine: (r: Relief) => `${reliefText(r)}.`,
  /** "đã đóng đến": every owed month up to it is paid; with a gap before, the latest month paid is named instead. */
  paidThrough: (m: Month | undefined, lastPaid: Month | undefined, firstOwed: Month | undefined, today: LocalDate) =>
    m
      ? `Đã đóng đến tháng ${M(m)}.`
      : lastPaid
        ? `Tháng đã đóng gần nhất: ${M(lastPaid)} (còn tháng trước đó chưa đóng).`
        : firstOwed && firstOwed > today.slice(0, 7)
          ? `Đồng chí đóng đảng phí từ tháng ${M(firstOwed)}.`
          : 'Chưa có tháng nào được ghi nhận đã đóng.',
  owedTitle: 'Còn phải đóng:',
  owedLine: (s: MemberMonth, current: Month) => `• ${M(s.month)}: ${money(s.expected)}${s.month === current ? ' (tháng này)' : ''}${s.claim ? ' — đã báo đóng, chờ xác nhận' : ''}`,
  owedTotal: (total: number) => `Cộng: ${formatMoney(total)}`,
  nothingOwed: '✅ Đồng chí không còn nợ tháng nào.',
  pending: (list: readonly Month[]) => `⏳ Đang chờ xác nhận: ${months(list)}.`,
  flag: (count: number, year: number) =>
    count >= 3
      ? `⚠️ Năm ${year} đồng chí đã ${count} tháng chưa đóng đảng phí. Không đóng 3 tháng trong năm mà không có lý do chính đáng là căn cứ để chi bộ xem xét xóa tên; xin đồng chí liên hệ đồng chí thu đảng phí.`
      : `⚠️ Năm ${year} đồng chí có ${count} tháng chưa đóng đảng phí. Không đóng 3 tháng trong năm mà không có lý do chính đáng là căn cứ để chi bộ xem xét xóa tên.`,
  iPaid: '✋ Tôi đã đóng',
  myYearButton: (year: number) => `📅 Năm ${year}`,
  myYear: (name: string, year: number, rows: readonly MemberMonth[]) =>
    [
      `💰 Đảng phí năm ${year} của đồng chí ${name}`,
      ...(rows.length
        ? rows.map(
            (r) =>
              `${M(r.month)}: ${r.payment ? `✅ ${formatMoney(r.payment.amount)}` : r.state === 'exempt' ? '➖ miễn' : r.state === 'unpaid' ? `❌ chưa đóng (${money(r.expected)})` : '— không phải đóng'}`,
          )
        : ['Năm này chưa tới.']),
    ].join('\n'),

  // ------------------------------------------------------------ claims by a member
  pickClaim: 'Đồng chí đã đóng những tháng nào? Bấm vào tháng để chọn hoặc bỏ chọn, rồi chọn cách đã đóng.',
  nothingToClaim: 'Không còn tháng nào cần báo đã đóng (các tháng còn nợ đều đã báo, đang chờ xác nhận).',
  pickAtLeastOne: 'Xin chọn ít nhất một tháng.',
  monthToggle: (s: MemberMonth, chosen: boolean) => `${chosen ? '☑' : '☐'} ${M(s.month)} · ${money(s.expected)}`,
  claimSent: (list: readonly Month[], method: PayMethod) => `Đã gửi báo đóng đảng phí ${months(list)} (${METHOD[method]}). Đồng chí thu đảng phí sẽ xác nhận; bot sẽ báo lại cho đồng chí.`,

  // ------------------------------------------------------------ collectors: the month and the year
  monthTable: (f: DuesMonthFigures, cellName: string, page: { rows: readonly (MemberMonth & { name: string })[]; index: number; pages: number }, flags: Record<string, number>) =>
    [
      `💰 Đảng phí tháng ${M(f.month)} — ${cellName}`,
      `Đã thu ${formatMoney(f.collected)} / dự kiến ${formatMoney(f.expected)}${f.outstanding ? `; còn thiếu ${formatMoney(f.outstanding)}` : ''}.`,
      `Đã đóng: ${f.paidInFull}/${f.owing} đ/c${f.exempt ? `; miễn: ${f.exempt} đ/c` : ''}.`,
      `Chi bộ giữ lại ${f.keptPercent}%: ${formatMoney(f.kept)}; nộp cấp trên: ${formatMoney(f.sent)}.`,
      ...(f.openClaims.length ? [`⏳ ${f.openClaims.length} báo đóng chờ xác nhận.`] : []),
      ...(f.noAmount.length ? [`⚠️ ${f.noAmount.length} đ/c chưa có mức đóng.`] : []),
      '',
      ...(page.rows.length ? page.rows.map((r) => rowLine(r, flags[r.memberId] ?? 0)) : ['Tháng này chưa có đảng viên nào phải đóng.']),
      ...(page.pages > 1 ? [`(trang ${page.index + 1}/${page.pages})`] : []),
    ].join('\n'),
  yearSummary: (y: DuesYearFigures, cellName: string, names: Record<string, string>) => {
    if (!y.through) return `💰 Đảng phí năm ${y.year} — ${cellName}\nNăm này chưa tới.`;
    const lines = [
      `💰 Đảng phí năm ${y.year} — ${cellName}${y.through < `${y.year}-12` ? ` (đến tháng ${M(y.through)})` : ''}`,
      `Dự kiến: ${formatMoney(y.expected)}`,
      `Đã thu: ${formatMoney(y.collected)}`,
      `Còn thiếu: ${formatMoney(y.outstanding)}`,
      `Chi bộ giữ lại ${y.keptPercent}%: ${formatMoney(y.kept)}; nộp cấp trên: ${formatMoney(y.sent)}.`,
      `Đóng đủ các tháng: ${y.members ? `${y.paidInFull}/${y.members} đ/c` : 'chưa có đảng viên phải đóng'}.`,
      '',
      'Theo tháng (đã thu / dự kiến · số đ/c đã đóng):',
      ...y.months.map((f) => `${M(f.month)}: ${formatMoney(f.collected)} / ${formatMoney(f.expected)} · ${f.paidInFull}/${f.owing}`),
    ];
    if (y.arrears.length) {
      lines.push('', 'Chưa đóng:');
      for (const a of y.arrears) {
        const icon = a.flag === 3 ? '🔴' : a.flag === 2 ? '⚠️' : '•';
        lines.push(`${icon} ${names[a.memberId] ?? a.name}: ${a.unpaid.length} tháng (${a.unpaid.map((m) => m.slice(5)).join(', ')})`);
      }
      lines.push('', '⚠️ 2 tháng đã qua chưa đóng; 🔴 từ 3 tháng: căn cứ để chi bộ xem xét xóa tên.');
    } else if (y.members) {
      lines.push('', 'Không đảng viên nào còn nợ.');
    }
    return lines.join('\n');
  },
  claimsButton: (n: number) => `⏳ Báo đóng (${n})`,
  yearButton: (year: number) => `📅 Cả năm ${year}`,
  monthButton: (m: Month) => `🗓 Tháng ${M(m)}`,
  membersButton: '👥 Đảng viên',
  mineButton: '👤 Của tôi',
  pickMember: 'Chọn đảng viên:',

  // ------------------------------------------------------------ collectors: one member
  memberCard: (name: string, lines: readonly string[]) => [`👤 Đảng phí của đ/c ${name}`, ...lines].join('\n'),
  owedShort: (list: readonly MemberMonth[], current: Month) => {
    const total = list.reduce((n, s) => n + (s.expected ?? 0), 0);
    return list.length ? `Còn phải đóng: ${list.map((s) => M(s.month) + (s.month === current ? ' (tháng này)' : '')).join(', ')} — ${formatMoney(total)}.` : 'Không còn nợ tháng nào.';
  },
  flagShort: (count: number, year: number) => `${count >= 3 ? '🔴' : '⚠️'} Năm ${year}: ${count} tháng đã qua chưa đóng.`,
  recentPayments: (list: readonly Payment[]) =>
    list.length
      ? `Gần đây: ${list
          .slice(0, 3)
          .map((p) => `${M(p.month)} ${formatMoney(p.amount)} (${METHOD_SHORT[p.method]}, ${formatDate(localDate(p.at))})`)
          .join('; ')}.`
      : 'Chưa có khoản nào được ghi.',
  recordButton: '💵 Ghi đóng',
  reverseButton: '↩ Hoàn khoản đã ghi',
  amountButton: '✏️ Mức đóng',
  reliefButton: '🎗 Miễn, giảm',
  backToTable: '← Bảng tháng',
  notInCell: 'Đồng chí này không còn sinh hoạt ở chi bộ.',

  // recording
  pickRecord: (name: string) => `Ghi đảng phí của đ/c ${name}: bấm vào tháng để chọn hoặc bỏ chọn, rồi chọn cách đóng.`,
  nothingToRecord: (name: string) => `Đ/c ${name} không còn tháng nào phải đóng trong khoảng từ 12 tháng trước đến 2 tháng tới.`,
  confirmOffTurn: (list: readonly Month[]) =>
    `Tháng ${months(list)} là đóng muộn hoặc đóng trước. Quy định chỉ cho phép trong trường hợp được chấp thuận; bot sẽ đánh dấu các khoản này. Xác nhận đã được chấp thuận?`,
  approveButton: '✅ Đã được chấp thuận — ghi',
  recorded: (name: string, ps: readonly Payment[]) =>
    `✓ Đã ghi: đ/c ${name} đóng ${months(ps.map((p) => p.month))} — ${formatMoney(ps.reduce((n, p) => n + p.amount, 0))} (${METHOD_SHORT[ps[0]!.method]})${ps.some((p) => p.offTurn) ? ', có đánh dấu đóng muộn/trước' : ''}.`,

  // reversing
  pickReverse: (name: string) => `Chọn khoản của đ/c ${name} cần hoàn (ghi bút toán đảo; khoản đã ghi không bị xóa):`,
  nothingToReverse: 'Đồng chí này chưa có khoản nào để hoàn.',
  reverseItem: (p: Payment) => `↩ ${M(p.month)} · ${formatMoney(p.amount)}`,
  askReverseReason: (name: string, p: Payment) =>
    `Lý do hoàn khoản đảng phí tháng ${M(p.month)} của đ/c ${name} (${formatMoney(p.amount)})? Khoản đã ghi được giữ nguyên trong sổ; bot ghi thêm một bút toán đảo kèm lý do.`,
  reversed: (name: string, p: Payment) => `✓ Đã hoàn khoản tháng ${M(p.month)} của đ/c ${name} (${formatMoney(p.amount)}). Tháng này trở lại chưa đóng.`,

  // claims (collector side)
  claimsTitle: (n: number) => (n ? `⏳ Báo đóng chờ xác nhận (${n}):` : 'Không có báo đóng nào chờ xác nhận.'),
  claimItem: (name: string, month: Month) => `${name} · ${M(month)}`,
  claimCard: (name: string, month: Month, amount: number | undefined, method: PayMethod, at: string) =>
    `Đ/c ${name} báo đã đóng đảng phí tháng ${M(month)} (${money(amount)}) qua ${METHOD[method]}, ngày ${formatDate(localDate(at))}.`,
  confirmButton: '✅ Xác nhận',
  rejectButton: '❌ Từ chối',
  confirmed: (name: string, p: Payment) => `✓ Đã xác nhận: đ/c ${name} đóng tháng ${M(p.month)} — ${formatMoney(p.amount)}.`,
  askRejectReason: (name: string, month: Month) => `Lý do từ chối báo đóng tháng ${M(month)} của đ/c ${name}? Đồng chí ấy sẽ nhận được lý do này.`,
  rejected: (name: string, month: Month) => `Đã từ chối báo đóng tháng ${M(month)}; đ/c ${name} đã được báo lý do.`,

  // amounts
  askAmount: (name: string, current: number | undefined) =>
    `Mức đảng phí hằng tháng của đ/c ${name}${current ? ` (hiện: ${formatMoney(current)})` : ''}? Ví dụ 45.000; hoặc bấm “Tính theo lương” (1% tiền lương đóng bảo hiểm xã hội) hay “Tính theo lương hưu” (0,5%).`,
  fromSalary: 'Tính theo lương',
  fromPension: 'Tính theo lương hưu',
  askSalary: (name: string) => `Tiền lương tháng trước làm căn cứ đóng bảo hiểm xã hội của đ/c ${name} (ví dụ 8.500.000)? Bot chỉ lưu mức 1%, không lưu tiền lương.`,
  askPension: (name: string) => `Tiền lương hưu hằng tháng của đ/c ${name} (ví dụ 6.000.000)? Bot chỉ lưu mức 0,5%, không lưu lương hưu.`,
  askFrom: 'Áp dụng từ tháng nào? Bấm nút hoặc gõ tháng/năm, ví dụ 01/2025.',
  thisMonth: (m: Month) => `Tháng này (${M(m)})`,
  nextMonth: (m: Month) => `Tháng sau (${M(m)})`,
  amountSet: (name: string, a: AmountChange) => `✓ Đã đặt mức đảng phí của đ/c ${name}: ${formatMoney(a.amount)}/tháng${BASIS[a.basis]}, từ tháng ${M(a.from)}.`,

  // reliefs
  pickRelief: (name: string) => `Miễn, giảm đảng phí cho đ/c ${name} (mỗi quyết định tối đa 12 tháng):`,
  reliefKinds: { exempt: 'Miễn đóng', r30: 'Giảm 30%', r50: 'Giảm 50%', r70: 'Giảm 70%', end: 'Bỏ miễn, giảm' } as Record<string, string>,
  askReliefFrom: (kind: string) => `${kind}: từ tháng nào? Bấm nút hoặc gõ tháng/năm, ví dụ 01/2025.`,
  askReliefTo: (from: Month) => `Đến hết tháng nào? Tối đa 12 tháng kể từ ${M(from)}: bấm nút, gõ tháng/năm (ví dụ ${M(from)}) hoặc số tháng (1–12).`,
  reliefSpan: (to: Month, n: number) => `Đến ${M(to)} (${n} tháng)`,
  askReliefReason: 'Lý do hoặc số quyết định (ví dụ: ốm đau dài ngày)? Có thể bỏ qua.',
  reliefSet: (name: string, r: Relief) => `✓ Đã ghi cho đ/c ${name}: ${reliefText(r).charAt(0).toLowerCase()}${reliefText(r).slice(1)}.`,

  // settings
  settingsLabel: 'Đảng phí',
  settingsText: (day: number | null, resolved: { date: LocalDate; source: string }, kept: number) =>
    [
      'Cài đặt đảng phí:',
      day
        ? `• Ngày nhắc đóng: ngày ${day} hằng tháng.`
        : `• Ngày nhắc đóng: ngày họp chi bộ định kỳ${resolved.source === 'meeting' ? ` (tháng này: ${formatDate(resolved.date)})` : ` — tháng này chưa có lịch họp nên nhắc vào ngày ${formatDate(resolved.date)}`}.`,
      `• Chi bộ giữ lại ${kept}% số thu; nộp cấp trên ${100 - kept}%.`,
      'Nhắc đóng gửi riêng cho từng đảng viên chưa đóng tháng này, từ 7 giờ sáng ngày nhắc.',
    ].join('\n'),
  changeDay: 'Đổi ngày nhắc',
  changeKept: 'Đổi tỷ lệ giữ lại',
  askDay: 'Ngày nhắc đóng đảng phí hằng tháng (1–28)? Hoặc bấm “Theo ngày họp chi bộ”.',
  byMeeting: 'Theo ngày họp chi bộ',
  askKept: 'Chi bộ giữ lại bao nhiêu phần trăm số đảng phí thu được (0–100)? Phần còn lại nộp cấp trên.',

  // ------------------------------------------------------------ notices
  reminder: (month: Month, day: LocalDate, amount: number | null, owedBefore: number) =>
    [
      `💰 Ngày ${formatDate(day)} là ngày đóng đảng phí tháng ${M(month)}. Mức của đồng chí: ${money(amount)}.`,
      ...(owedBefore ? [`Đồng chí còn ${owedBefore} tháng trước chưa đóng.`] : []),
      'Nếu đã đóng (tiền mặt hoặc qua Cổng Dịch vụ công quốc gia), xin bấm “Tôi đã đóng”.',
    ].join('\n'),
  viewMine: '💰 Xem đảng phí',
  claimNotice: (name: string, items: readonly { month: Month; amount: number | undefined; method: PayMethod }[], waitingDays?: number) =>
    [
      waitingDays ? `⏳ Báo đóng của đ/c ${name} đã chờ ${waitingDays} ngày:` : `⏳ Đ/c ${name} báo đã đóng đảng phí:`,
      ...items.map((c) => `• ${M(c.month)}: ${money(c.amount)}, ${METHOD[c.method]}`),
      'Xin đồng chí xác nhận hoặc từ chối (kèm lý do).',
    ].join('\n'),
  confirmMonth: (m: Month) => `✅ ${M(m)}`,
  rejectMonth: (m: Month) => `❌ ${M(m)}`,
  claimConfirmedNotice: (month: Month, amount: number | undefined) => `✅ Khoản đảng phí tháng ${M(month)}${amount ? ` (${formatMoney(amount)})` : ''} của đồng chí đã được xác nhận. Cảm ơn đồng chí.`,
  claimRejectedNotice: (month: Month, reason: string) => `❌ Báo đóng đảng phí tháng ${M(month)} chưa được xác nhận. Lý do: ${reason}\nXin đồng chí liên hệ đồng chí thu đảng phí.`,
  receipt: (list: readonly Month[], total: number, method: PayMethod) => `🧾 Chi bộ đã ghi nhận đồng chí đóng đảng phí ${months(list)}: ${formatMoney(total)} (${METHOD[method]}).`,
  reversedNotice: (month: Month, amount: number, reason: string) =>
    `↩ Khoản đảng phí tháng ${M(month)} (${formatMoney(amount)}) đã được hoàn trong sổ. Lý do: ${reason}\nTháng này được tính là chưa đóng.`,
  arrearsNotice: (name: string, year: number, list: readonly Month[]) =>
    `🔴 Đ/c ${name} đã ${list.length} tháng trong năm ${year} chưa đóng đảng phí (${months(list)}) và không được miễn, giảm. Theo quy định, đây là căn cứ để chi bộ xem xét đề nghị xóa tên; bot không tự làm gì thêm.`,
  viewMember: 'Xem đảng phí của đ/c',

  // stale or refused
  claimGone: 'Báo đóng này đã được xử lý hoặc không còn.',
  paymentGone: 'Khoản này không còn để hoàn.',
};

/** Sentences for the problem codes this feature's services raise. */
export const duesProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'month.format': () => 'Tháng cần ghi dạng tháng/năm, ví dụ 11/2024.',
  'month.invalid': () => 'Tháng không hợp lệ: tháng từ 1 đến 12, năm từ 2000, ví dụ 11/2024.',
  'period.format': () => 'Xin ghi /dues (tháng này), /dues 11/2024 (một tháng) hoặc /dues 2024 (cả năm).',
  'percent.format': () => 'Xin ghi một số nguyên phần trăm, ví dụ 30.',
  'percent.range': () => 'Tỷ lệ phải từ 0 đến 100%.',
  'duesDay.format': () => 'Xin ghi ngày trong tháng bằng số, ví dụ 5.',
  'duesDay.range': () => 'Ngày nhắc phải từ 1 đến 28 (tháng nào cũng có).',
  'relief.endBeforeStart': () => 'Tháng kết thúc không được trước tháng bắt đầu.',
  'relief.tooLong': (p) => `Mỗi quyết định miễn, giảm tối đa ${p.max} tháng; khoảng này là ${p.months} tháng. Xin chọn tháng kết thúc sớm hơn.`,
  'relief.count': () => 'Số tháng phải từ 1 đến 12.',
  'relief.percent': () => 'Mức giảm chỉ có thể là 30%, 50% hoặc 70%.',
  'dues.noMonths': () => dues.pickAtLeastOne,
  'dues.alreadyPaid': (p) => `Tháng ${M(String(p.month))} của đ/c ${p.name} đã được ghi là đã đóng; mỗi tháng chỉ ghi một lần (muốn sửa thì hoàn khoản cũ trước).`,
  'dues.notOwed': (p) => `Tháng ${M(String(p.month))} đ/c ${p.name} không phải đóng (chưa sinh hoạt hoặc đã chuyển đi).`,
  'dues.exemptMonth': (p) => `Tháng ${M(String(p.month))} đ/c ${p.name} được miễn đảng phí.`,
  'dues.tooFarAhead': (p) => `Tháng ${M(String(p.month))} quá xa; chỉ ghi trước tối đa 11 tháng.`,
  'dues.noAmount': (p) => `Chưa có mức đảng phí của đ/c ${p.name}; xin bấm “Mức đóng” để đặt trước khi ghi.`,
  'dues.offTurn': (p) => `Tháng ${M(String(p.month))} là đóng muộn hoặc đóng trước: chỉ ghi khi đã được chấp thuận.`,
  'dues.alreadyClaimed': (p) => `Tháng ${M(String(p.month))} đồng chí đã báo đóng, đang chờ xác nhận.`,
  'dues.unknownClaim': () => dues.claimGone,
  'dues.claimDecided': (p) => `Báo đóng tháng ${M(String(p.month))} đã được ${p.status === 'confirmed' ? 'xác nhận' : 'từ chối'} trước đó.`,
  'dues.reasonNeeded': () => 'Xin ghi lý do (một câu ngắn).',
  'dues.unknownPayment': () => dues.paymentGone,
  'dues.alreadyReversed': (p) => `Khoản tháng ${M(String(p.month))} đã được hoàn trước đó.`,
};
