/** Wording of the meetings feature: /meeting, RSVP, the committee's actions, attendance, minutes, settings, notices. */
import type { AttendanceLine, Mark, MeetingRule, MeetingView, Occurrence, ReminderSetting, ReminderSlot, RuleChange, WeekOfMonth } from '../../core/meetings/index.ts';
import { formatDate, formatMonth, weekday, type LocalDate, type Month } from '../../core/time.ts';

export const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
export const WEEKS: Record<WeekOfMonth, string> = { 1: 'tuần đầu tiên', 2: 'tuần thứ hai', 3: 'tuần thứ ba', 4: 'tuần thứ tư', last: 'tuần cuối' };

type When = Pick<MeetingView, 'date' | 'time' | 'place'>;
type Titled = Pick<MeetingView, 'kind' | 'month' | 'topic'>;

/** "Thứ Năm, 05/12/2024, 14:00, Phòng họp" */
const when = (v: When) => `${WEEKDAYS[weekday(v.date)]}, ${formatDate(v.date)}, ${v.time}, ${v.place}`;

const title = (v: Titled) => {
  switch (v.kind) {
    case 'regular':
      return `Sinh hoạt chi bộ định kỳ tháng ${formatMonth(v.month)}${v.topic ? `, kết hợp chuyên đề “${v.topic}”` : ''}`;
    case 'themed':
      return `Sinh hoạt chuyên đề “${v.topic ?? ''}”`;
    case 'extraordinary':
      return `Sinh hoạt chi bộ đột xuất${v.topic ? `: ${v.topic}` : ''}`;
  }
};

/** A short label for a button: "05/12 — định kỳ". */
const short = (v: Titled & { date: LocalDate }) => `${formatDate(v.date).slice(0, 5)} — ${v.kind === 'regular' ? 'định kỳ' : v.kind === 'themed' ? 'chuyên đề' : 'đột xuất'}`;

const ruleDay = (r: MeetingRule) => {
  const on = r.on;
  return on.kind === 'day' ? `ngày ${on.day} hằng tháng` : `${WEEKDAYS[on.weekday]!.replace('Thứ', 'thứ')} ${WEEKS[on.week]} hằng tháng`;
};

const rule = (r: MeetingRule) => `${ruleDay(r)}, ${r.time}, tại ${r.place}`;

/** "3 ngày", "2 giờ", "90 phút" */
const lead = (minutes: number) => (minutes % 1440 === 0 ? `${minutes / 1440} ngày` : minutes % 60 === 0 ? `${minutes / 60} giờ` : `${minutes} phút`);

/** The five audiences a reminder can have, as the settings offer them. */
export const AUDIENCES: Record<string, { label: string; group: boolean; private: ReminderSetting['private'] }> = {
  ga: { label: 'Nhóm và riêng từng đồng chí', group: true, private: 'all' },
  gu: { label: 'Nhóm và riêng người chưa trả lời', group: true, private: 'unanswered' },
  g: { label: 'Chỉ trong nhóm', group: true, private: 'none' },
  a: { label: 'Riêng từng đồng chí', group: false, private: 'all' },
  u: { label: 'Riêng những người chưa trả lời', group: false, private: 'unanswered' },
};

const audience = (s: ReminderSetting) => {
  const priv = s.private === 'all' ? 'riêng từng đồng chí' : s.private === 'unanswered' ? 'riêng những đồng chí chưa trả lời' : '';
  return [s.group ? 'trong nhóm' : '', priv].filter(Boolean).join(' và ') || 'không gửi cho ai';
};

const markLabel = (name: string, m: Mark) =>
  m.status === 'present' ? `✅ ${name}` : m.status === 'excused' ? `🟡 ${name} — vắng có lý do${m.reason ? `: ${m.reason.slice(0, 30)}` : ''}` : `⛔ ${name} — vắng không lý do`;

const percent = (x: number) => `${Math.round(x * 100)}%`;

const counts = (l: AttendanceLine) => `có mặt ${l.present}/${l.expected} (${percent(l.rate)}); vắng có lý do ${l.excused}; vắng không lý do ${l.unexcused}`;

export const meetings = {
  when,
  title,
  short,
  rule,
  lead,

  // ---------------------------------------------------------- /meeting
  none: 'Hiện chưa có buổi sinh hoạt nào sắp tới.',
  noRuleSecretary: 'Chi bộ chưa đặt lịch sinh hoạt định kỳ. Đồng chí gõ /settings, chọn “Lịch sinh hoạt và nhắc nhở” để đặt.',
  noRule: 'Chi bộ chưa đặt lịch sinh hoạt định kỳ; bí thư chi bộ sẽ đặt trong phần cài đặt.',
  card: (o: Occurrence) => `📅 ${title(o)}\n${when(o)}.`,
  cardNext: 'Buổi sinh hoạt tiếp theo:',
  yours: {
    none: 'Đồng chí chưa báo tham dự.',
    yes: 'Đồng chí đã báo: ✅ tham dự. Có thể đổi đến giờ họp.',
    no: (reason?: string) => `Đồng chí đã báo: ❌ vắng${reason ? ` (lý do: ${reason})` : ''}. Có thể đổi đến giờ họp.`,
    exempt: 'Đồng chí đang được miễn sinh hoạt nên không phải báo tham dự.',
  },
  tally: (yes: number, no: number, none: number) => `Đã báo: ${yes} tham dự, ${no} vắng, ${none} chưa trả lời.`,
  answersTitle: (o: Occurrence) => `Báo tham dự — ${title(o)}, ${formatDate(o.date)}:`,
  answersYes: (names: string[]) => `✅ Tham dự (${names.length}): ${names.join(', ') || '—'}`,
  answersNo: (rows: { name: string; reason?: string }[]) => `❌ Vắng (${rows.length}): ${rows.map((r) => (r.reason ? `${r.name} (${r.reason})` : r.name)).join(', ') || '—'}`,
  answersNone: (names: string[]) => `… Chưa trả lời (${names.length}): ${names.join(', ') || '—'}`,
  groupHint: 'Các đồng chí báo tham dự trong tin nhắn riêng với bot (gõ /meeting).',
  started: 'Buổi này đã bắt đầu.',
  others: 'Các buổi khác sắp tới:',
  recentTitle: 'Buổi đã họp gần đây (điểm danh, biên bản):',

  // buttons
  yes: '✅ Tham dự',
  no: '❌ Vắng',
  move: '📅 Dời buổi này',
  cancel: '🚫 Hủy buổi này',
  addThemed: '➕ Thêm buổi chuyên đề',
  addExtra: '➕ Thêm buổi đột xuất',
  answers: '👥 Ai đã báo',
  attendance: '📋 Điểm danh',
  attendanceOf: (o: Occurrence) => `📋 Điểm danh ${short(o)}`,
  minutesOf: (o: Occurrence) => `🖊 Biên bản ${short(o)}`,
  minutes: '🖊 Ghi biên bản',
  view: (o: Occurrence) => `📅 ${short(o)}`,

  // ---------------------------------------------------------- RSVP
  reasonPrompt: (o?: Occurrence) => `Xin đồng chí cho biết lý do vắng${o ? ` buổi sinh hoạt ngày ${formatDate(o.date)}` : ''} (gõ ngắn gọn, hoặc chọn bên dưới):`,
  reasons: ['Đi công tác', 'Ốm đau', 'Việc gia đình'],
  rsvpYes: (o: Occurrence) => `✓ Đã ghi nhận: đồng chí tham dự buổi sinh hoạt ${formatDate(o.date)}, ${o.time}.`,
  rsvpNo: (o: Occurrence, reason: string) => `✓ Đã ghi nhận: đồng chí vắng buổi sinh hoạt ${formatDate(o.date)}, lý do: ${reason}.`,

  // ---------------------------------------------------------- committee: schedule changes
  cancelConfirm: (o: Occurrence) => `Hủy buổi “${title(o)}” (${when(o)})? Bot sẽ báo cho cả chi bộ.`,
  cancelYes: 'Đồng ý hủy',
  cancelNo: 'Không hủy',
  cancelKept: 'Đã giữ nguyên lịch.',
  cancelled: (o: Occurrence) => `✓ Đã hủy buổi “${title(o)}” (${formatDate(o.date)}). Bot đã báo cho chi bộ.`,
  moved: (o: Occurrence) => `✓ Đã dời: ${title(o)} — ${when(o)}. Bot đã báo cho chi bộ.`,
  added: (o: Occurrence) => `✓ Đã thêm: ${title(o)} — ${when(o)}. Bot đã báo cho chi bộ và sẽ nhắc theo lịch.`,
  askDateTime: 'Ngày và giờ họp? Gõ ví dụ “20/12/2024 08:00”.',
  askNewDateTime: (o: Occurrence) => `Dời buổi “${title(o)}” (hiện là ${when(o)}).\nNgày và giờ họp mới? Gõ ví dụ “12/12/2024 14:00”; nếu chỉ gõ ngày, giờ họp giữ như cũ (${o.time}).`,
  askTime: 'Giờ họp (ví dụ 14:00)?',
  askPlace: 'Địa điểm họp (ví dụ: Phòng họp nhà trường)?',
  keepTime: (time: string) => `Giữ giờ cũ (${time})`,
  keepPlace: (place: string) => `Giữ địa điểm cũ (${place})`,
  moveReview: (o: Occurrence, w: When) => `Dời buổi “${title(o)}”\ntừ: ${when(o)}\nsang: ${when(w)}\n\nBấm “Gửi” để lưu và báo cho chi bộ.`,
  askCombine: 'Tổ chức buổi chuyên đề riêng, hay kết hợp với buổi sinh hoạt định kỳ?',
  combineWith: (o: Occurrence) => `Kết hợp với buổi định kỳ ${formatDate(o.date)}`,
  ownMeeting: 'Tổ chức buổi riêng',
  askTopic: 'Tên chuyên đề (ví dụ: Học tập Nghị quyết Trung ương 10)?',
  askExtraTopic: 'Nội dung buổi sinh hoạt đột xuất (ngắn gọn)? Có thể bỏ qua.',
  addReview: (kind: 'themed' | 'extraordinary', topic: string | undefined, w: When | undefined, combined?: Occurrence) =>
    [
      kind === 'themed' ? `Buổi sinh hoạt chuyên đề: ${topic ?? ''}` : `Buổi sinh hoạt đột xuất${topic ? `: ${topic}` : ''}`,
      combined ? `Kết hợp với buổi định kỳ: ${when(combined)}` : w ? when(w) : '',
      '',
      'Bấm “Gửi” để lưu và báo cho chi bộ.',
    ].join('\n'),
  themedCombined: (o: Occurrence) => `✓ Buổi định kỳ ${formatDate(o.date)} kết hợp chuyên đề “${o.topic ?? ''}”. Bot đã báo cho chi bộ.`,

  // ---------------------------------------------------------- attendance and minutes
  checklist: (o: Occurrence, l: AttendanceLine) => `📋 Điểm danh: ${title(o)}, ${formatDate(o.date)}\nBấm vào tên để đổi: ✅ có mặt → 🟡 vắng có lý do → ⛔ vắng không lý do.\nHiện tại: ${counts(l)}.`,
  markLabel,
  attendanceDone: '✔️ Xong điểm danh',
  attendanceSaved: (o: Occurrence, l: AttendanceLine) => `✓ Đã lưu điểm danh buổi ${formatDate(o.date)}: ${counts(l)}.\nTiếp theo: ghi biên bản buổi sinh hoạt.`,
  flaggedNote: (names: string[], year: number) => `⚠️ ${names.join(', ')} đã vắng không lý do trong 3 tháng của năm ${year}; bot đã báo riêng cho bí thư.`,
  noneExpected: 'Không có đảng viên nào phải dự buổi này (tất cả đang miễn sinh hoạt).',
  askContent: 'Biên bản — nội dung chính của buổi sinh hoạt (vài dòng; có thể gửi nhiều tin, rồi bấm “Xong phần này”):',
  askResolution: 'Nghị quyết — những việc chi bộ thống nhất thực hiện (vài dòng, rồi bấm “Xong phần này”):',
  minutesReview: (o: Occurrence, content: string, resolution: string) =>
    `Biên bản buổi ${title(o)}, ${formatDate(o.date)}\n\nNội dung:\n${content}\n\nNghị quyết:\n${resolution}\n\nBấm “Gửi” để lưu, hoặc “Sửa” để sửa một phần.`,
  minutesSaved: (o: Occurrence) => `✓ Đã lưu biên bản buổi ${formatDate(o.date)}. Biên bản được đưa vào sổ tay chi bộ, mục “Xây dựng Đảng”, cho báo cáo cuối năm.`,

  // ---------------------------------------------------------- settings
  settingsLabel: 'Lịch sinh hoạt và nhắc nhở',
  settingsText: (r: MeetingRule | undefined, slots: readonly ReminderSlot[], hasGroup: boolean) =>
    [
      r ? `Lịch sinh hoạt định kỳ: ${rule(r)}.` : 'Chi bộ chưa đặt lịch sinh hoạt định kỳ.',
      '',
      'Nhắc nhở:',
      ...[0, 1, 2].map((i) => {
        const s = slots[i];
        return `${i + 1}. ${s ? `${lead(s.minutes)} trước — ${audience(s)}` : 'tắt'}`;
      }),
      ...(hasGroup ? [] : ['', 'Chi bộ chưa gắn nhóm Telegram nên nhắc “trong nhóm” chưa gửi được; gõ /linkgroup trong nhóm để gắn.']),
    ].join('\n'),
  setRule: 'Đặt lịch định kỳ',
  editRule: 'Sửa lịch định kỳ',
  editReminder: (i: number) => `Sửa nhắc ${i + 1}`,
  askRuleKind: 'Chi bộ sinh hoạt định kỳ vào:',
  ruleKindDay: 'Một ngày cố định trong tháng',
  ruleKindWeekday: 'Một thứ trong tuần',
  askDay: 'Ngày nào trong tháng (từ 1 đến 28)?',
  askWeekday: 'Thứ mấy?',
  askWeek: 'Tuần nào trong tháng?',
  weekLabels: { 1: 'Tuần đầu tiên', 2: 'Tuần thứ hai', 3: 'Tuần thứ ba', 4: 'Tuần thứ tư', last: 'Tuần cuối' } satisfies Record<WeekOfMonth, string>,
  ruleReview: (r: MeetingRule) => `Lịch sinh hoạt định kỳ: ${rule(r)}.\n\nBấm “Gửi” để lưu, hoặc “Sửa” để sửa một mục.`,
  ruleSaved: (c: RuleChange & { first: Occurrence; announced: boolean }) => {
    const from = formatMonth(c.from);
    const first = `buổi đầu tiên theo lịch mới: ${when(c.first)}`;
    const announced = c.announced ? ' Bot đã báo thay đổi cho chi bộ.' : '';
    const thisMonth = c.before ? formatMonth(c.before.month) : '';
    switch (c.reason) {
      case 'first':
        return `✓ Đã lưu lịch sinh hoạt định kỳ, áp dụng từ tháng ${from}; ${first}.`;
      case 'thisMonth':
        return `✓ Đã lưu. Lịch mới áp dụng ngay từ tháng ${from}: ${when(c.first)}.${announced}`;
      case 'firstPassed':
        return `✓ Đã lưu. Theo lịch này, buổi tháng ${formatMonth(c.newDate.slice(0, 7))} rơi vào ngày ${formatDate(c.newDate)}, đã qua, nên lịch áp dụng từ tháng ${from}; ${first}.`;
      case 'held':
        return `✓ Đã lưu. Buổi sinh hoạt tháng ${thisMonth} đã diễn ra (${formatDate(c.before!.date)}), nên lịch mới áp dụng từ tháng ${from}; ${first}.${announced}`;
      case 'cancelled':
        return `✓ Đã lưu. Buổi sinh hoạt tháng ${thisMonth} đã được hủy, nên lịch mới áp dụng từ tháng ${from}; ${first}.${announced}`;
      case 'moved':
        return `✓ Đã lưu. Buổi tháng ${thisMonth} đã được dời riêng sang ${formatDate(c.before!.date)} và giữ nguyên, nên lịch mới áp dụng từ tháng ${from}; ${first}.${announced}`;
      case 'passed':
        return `✓ Đã lưu. Theo lịch mới, buổi tháng ${thisMonth} rơi vào ngày ${formatDate(c.newDate)}, đã qua, nên tháng này vẫn họp ${when(c.before!)} như đã báo; lịch mới áp dụng từ tháng ${from}; ${first}.${announced}`;
    }
  },
  askLead: (i: number) => `Nhắc ${i + 1}: nhắc trước giờ họp bao lâu? Gõ ví dụ “3 ngày”, “1 ngày”, “2 giờ”, “30 phút”; hoặc bấm “Tắt nhắc này”.`,
  leadOff: 'Tắt nhắc này',
  askAudience: 'Nhắc cho ai?',
  reminderSaved: 'Đã lưu nhắc nhở.',

  // ---------------------------------------------------------- notices (sent by the outbox)
  reminder: (v: MeetingView) => `🔔 Nhắc lịch sinh hoạt\n${title(v)}\n${when(v)}.`,
  reminderAsk: 'Xin đồng chí báo tham dự:',
  reminderAnswered: (answer: 'yes' | 'no') => (answer === 'yes' ? 'Đồng chí đã báo tham dự; nếu có thay đổi, bấm nút bên dưới.' : 'Đồng chí đã báo vắng; nếu có thay đổi, bấm nút bên dưới.'),
  changedMoved: (v: MeetingView, before: When | undefined) => `📢 Thay đổi lịch sinh hoạt\n${title(v)}${before ? `\ntừ: ${when(before)}\nsang: ${when(v)}.` : `\n${when(v)}.`}`,
  changedCancelled: (v: MeetingView) => `📢 Hủy lịch sinh hoạt\n${title(v)} (${when(v)}) không tổ chức nữa.`,
  changedAdded: (v: MeetingView) => `📢 Lịch sinh hoạt mới\n${title(v)}\n${when(v)}.`,
  changedThemed: (v: MeetingView) => `📢 Buổi sinh hoạt định kỳ tháng ${formatMonth(v.month)} kết hợp sinh hoạt chuyên đề “${v.topic ?? ''}”\n${when(v)}.`,
  askAgain: 'Xin đồng chí báo (lại) tham dự:',
  attendanceNudge: (v: MeetingView) => `Buổi “${title(v)}” (${when(v)}) đã bắt đầu. Sau buổi họp, xin đồng chí điểm danh và ghi biên bản:`,
  absences: (name: string, year: number, months: Month[]) =>
    `⚠️ Đồng chí ${name} vắng sinh hoạt không có lý do trong ${months.length} tháng của năm ${year} (tháng ${months.map((m) => Number(m.slice(5, 7))).join(', ')}). Theo quy định, đây là căn cứ để chi bộ xem xét; bot chỉ báo, không tự xử lý.`,
};

/** Sentences for the problem codes this feature's services raise. */
export const meetingsProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'meeting.dayFormat': () => 'Xin nhập ngày trong tháng bằng số, từ 1 đến 28, ví dụ 5.',
  'meeting.dayRange': (p) =>
    Number(p.day) > 28
      ? `Ngày ${p.day} không có ở mọi tháng (tháng Hai chỉ có 28 hoặc 29 ngày): xin chọn một ngày từ 1 đến 28, hoặc họp theo thứ trong tuần, ví dụ “thứ Sáu tuần cuối”.`
      : 'Ngày trong tháng cần từ 1 đến 28, ví dụ 5.',
  'meeting.weekInvalid': () => 'Xin chọn thứ và tuần bằng các nút bên dưới.',
  'meeting.placeEmpty': () => 'Địa điểm họp không được để trống: xin nhập nơi họp, ví dụ “Phòng họp nhà trường”.',
  'meeting.topicEmpty': () => 'Buổi sinh hoạt chuyên đề cần có tên chuyên đề, ví dụ “Học tập Nghị quyết Trung ương 10”.',
  'meeting.reasonEmpty': () => 'Cần ghi lý do vắng để chi bộ ghi nhận vắng có lý do; xin gõ ngắn gọn, ví dụ “đi công tác”.',
  'meeting.leadFormat': () => 'Xin ghi thời gian nhắc như “3 ngày”, “1 ngày”, “2 giờ” hoặc “30 phút”.',
  'meeting.leadRange': (p) => `Thời gian nhắc cần từ ${p.min} phút đến ${p.max} ngày trước giờ họp.`,
  'meeting.leadDuplicate': () => 'Đã có một nhắc nhở khác cùng thời gian này; xin chọn thời gian khác, hoặc tắt nhắc này.',
  'meeting.unknown': () => 'Không tìm thấy buổi sinh hoạt này (có thể lịch đã thay đổi); xin gõ /meeting để xem lịch mới.',
  'meeting.started': () => 'Buổi sinh hoạt này đã bắt đầu nên không dời hay hủy được nữa.',
  'meeting.timeMissing': () => 'Xin ghi cả giờ họp sau ngày, ví dụ “20/12/2024 08:00”.',
  'meeting.newPast': () => 'Thời điểm này đã qua; xin chọn một ngày giờ sắp tới (ngày dạng dd/mm/yyyy).',
  'meeting.noChange': () => 'Ngày, giờ và địa điểm mới giống hệt lịch hiện tại; không có gì thay đổi.',
  'meeting.alreadyCancelled': () => 'Buổi sinh hoạt này đã được hủy trước đó.',
  'meeting.cancelledNote': () => 'Buổi sinh hoạt này đã bị hủy.',
  'meeting.rsvpClosed': () => 'Buổi sinh hoạt này đã bắt đầu; không đổi báo tham dự được nữa.',
  'meeting.notStarted': () => 'Buổi sinh hoạt chưa bắt đầu; điểm danh và biên bản làm sau giờ họp.',
  'meeting.noAttendance': () => 'Buổi này chưa điểm danh; xin bấm “📋 Điểm danh” trước.',
};
