/** Wording of the year-end review (kiểm điểm): the self-evaluation dialog, the committee's screens, reminders. */
import { RATING_NAMES, SCORE_MAX, SECTION_MAX_CHARS, type FormSection, type Rating, type ReviewFigures, type QuotaCheck, type SectionId } from '../../core/review/index.ts';
import { formatDate, localDate, localTime } from '../../core/time.ts';

const n = (x: number) => x.toLocaleString('vi-VN');
const at = (iso: string) => `${localTime(iso)} ${formatDate(localDate(iso))}`;

/** "còn 5 ngày", "hôm nay là hạn cuối", "đã quá hạn 2 ngày". */
function left(daysLeft: number): string {
  if (daysLeft > 0) return `còn ${daysLeft} ngày`;
  if (daysLeft === 0) return 'hôm nay là hạn cuối';
  return `đã quá hạn ${-daysLeft} ngày`;
}

/** One line of what belongs in each section. */
const HINTS: Record<SectionId, string> = {
  s11: 'Lập trường, tư tưởng chính trị; đạo đức, lối sống; chấp hành nguyên tắc tổ chức, kỷ luật của Đảng; tác phong, lề lối làm việc.',
  s12: 'Kết quả thực hiện nhiệm vụ được giao trong năm, có sản phẩm và số liệu cụ thể (lớp dạy, tỉ lệ, giải thưởng, đề tài…).',
  s13: 'Đã thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu đầu năm đến đâu.',
  s21: 'Những hạn chế, khuyết điểm của bản thân trong năm.',
  s22: 'Nguyên nhân chủ quan, khách quan của các hạn chế, khuyết điểm trên.',
  s3: 'Đã khắc phục thế nào những hạn chế được chỉ ra ở kỳ kiểm điểm trước; nếu kỳ trước không có, xin ghi rõ như vậy.',
  s4: 'Chỉ viết khi được cấp có thẩm quyền gợi ý kiểm điểm; nếu không, bấm “Không có”.',
  s5: 'Phần trách nhiệm của đồng chí đối với hạn chế của tập thể (chi bộ, đơn vị), nếu có; nếu không, bấm “Không có”.',
  s6: 'Việc sẽ làm trong năm tới để khắc phục các hạn chế, khuyết điểm đã nêu.',
};
const LEADER_HINT_S12 = 'Kết quả thực hiện chức trách, nhiệm vụ được giao, có sản phẩm và số liệu cụ thể; cả kết quả của đơn vị, lĩnh vực đồng chí lãnh đạo, quản lý.';

/** Short names of the sections, for the "Sửa phần …" list. */
const SHORT: Record<SectionId, string> = {
  s11: 'I.1 Tư tưởng, đạo đức',
  s12: 'I.2 Chức trách, nhiệm vụ',
  s13: 'I.3 Cam kết tu dưỡng',
  s21: 'II.1 Hạn chế',
  s22: 'II.2 Nguyên nhân',
  s3: 'III Khắc phục',
  s4: 'IV Giải trình',
  s5: 'V Trách nhiệm',
  s6: 'VI Phương hướng',
};

/** Short level names for the committee's buttons. */
const RATING_SHORT: Record<Rating, string> = { xuat_sac: 'Xuất sắc', tot: 'Tốt', hoan_thanh: 'Hoàn thành', khong_hoan_thanh: 'Không hoàn thành' };

function preview(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export interface FormText {
  sections: { section: FormSection; text: string }[];
  civilRating?: Rating;
  partyRating?: Rating;
  civilServant: boolean;
  score?: { general: number; tasks: number };
  /** The band's level when the score disagrees with the party level. */
  mismatch?: Rating;
}

export interface ReviewScreen extends FormText {
  year: number;
  /** Versions already sent. */
  sentBefore: number;
}

export function quotaLine(q: QuotaCheck): string {
  return `⚠️ Số được xếp loại “${RATING_NAMES.xuat_sac}” (${q.xuatSac}) vượt 20% số “${RATING_NAMES.tot}” (${q.tot}; tối đa ${q.max}). Bot chỉ lưu ý, không chặn; đảng ủy cấp trên xem xét, quyết định.`;
}

function distribution(d: Record<Rating, number>): string {
  return `xuất sắc ${d.xuat_sac}, tốt ${d.tot}, hoàn thành ${d.hoan_thanh}, không hoàn thành ${d.khong_hoan_thanh}`;
}

/** The sections and the levels, as text (the member's review screen, the committee's reading). */
function formBody(s: FormText): string {
  const out: string[] = [];
  let part = '';
  for (const { section, text } of s.sections) {
    if (section.part !== part && section.sub) out.push('', `${section.part}. ${section.part === 'I' ? 'Ưu điểm, kết quả đạt được' : 'Hạn chế, khuyết điểm và nguyên nhân'}`);
    part = section.part;
    out.push('', `${section.number}. ${section.title}`, text.trim() ? text.trim() : '(Không có)');
  }
  out.push('', 'VII. Tự nhận mức xếp loại chất lượng');
  if (s.civilServant) out.push(`• Xếp loại cán bộ, công chức, viên chức: ${s.civilRating ? RATING_NAMES[s.civilRating] : '(chưa chọn)'}`);
  out.push(`• Xếp loại đảng viên: ${s.partyRating ? RATING_NAMES[s.partyRating] : '(chưa chọn)'}`);
  if (s.score) out.push(`• Tự chấm điểm: ${s.score.general}/${SCORE_MAX.general} + ${s.score.tasks}/${SCORE_MAX.tasks} = ${s.score.general + s.score.tasks}/100`);
  if (s.mismatch) out.push('', `⚠️ Tổng điểm tự chấm thuộc mức “${RATING_NAMES[s.mismatch]}”, khác mức tự nhận.`);
  return out.join('\n');
}

export interface ProgressLine {
  name: string;
  proposed?: Rating;
  decided?: Rating;
  versions: number;
}

export const review = {
  ratingName: (r: Rating) => RATING_NAMES[r],
  ratingShort: (r: Rating) => RATING_SHORT[r],
  sectionLabel: (id: SectionId) => SHORT[id],
  /** The one line of what belongs in a section (the chat's prompt and the form's field). */
  sectionHint: (id: SectionId, leader: boolean) => (id === 's12' && leader ? LEADER_HINT_S12 : HINTS[id]),

  // ---------------------------------------------------------------- the dialog
  sectionPrompt: (p: { index: number; total: number; section: FormSection; leader: boolean; chars: number; text: string }) =>
    [
      `Phần ${p.section.number} (${p.index}/${p.total}) — ${p.section.title}${p.section.optional ? '' : '.'}`,
      `Gợi ý: ${p.section.id === 's12' && p.leader ? LEADER_HINT_S12 : HINTS[p.section.id]}`,
      p.chars
        ? `Phần này đã có ${n(p.chars)}/${n(SECTION_MAX_CHARS)} ký tự: “${preview(p.text)}”\nGửi thêm nếu còn, hoặc bấm “Xong phần này”.`
        : `Đồng chí có thể gửi nhiều tin nhắn (tối đa ${n(SECTION_MAX_CHARS)} ký tự cho cả phần), xong thì bấm “Xong phần này”.`,
    ].join('\n'),
  clear: 'Xóa phần này, viết lại',
  none: 'Không có',
  civilRatingPrompt: 'Phần VII.1 — Đồng chí tự nhận mức xếp loại cán bộ, công chức, viên chức năm nay:',
  partyRatingPrompt: (civil: boolean) => `Phần VII${civil ? '.2' : ''} — Đồng chí tự nhận mức xếp loại đảng viên năm nay:`,
  civilRatingLabel: 'Xếp loại viên chức',
  partyRatingLabel: 'Xếp loại đảng viên',
  scoreGeneralPrompt: `Tự chấm điểm (không bắt buộc). Điểm tiêu chí chung, từ 0 đến ${SCORE_MAX.general}?`,
  scoreTasksPrompt: `Điểm kết quả thực hiện nhiệm vụ, từ 0 đến ${SCORE_MAX.tasks}?`,
  scoreGeneralLabel: 'Điểm tiêu chí chung',
  scoreTasksLabel: 'Điểm nhiệm vụ',
  noScore: 'Không tự chấm điểm',
  submit: 'Gửi',
  edit: 'Sửa phần …',
  draft: 'Lưu nháp',
  /** The sections and the levels, as text (the member's review screen, the committee's reading). */
  body: (s: FormText) => formBody(s),
  screen: (s: ReviewScreen) =>
    [
      `BẢN KIỂM ĐIỂM CÁ NHÂN NĂM ${s.year}`,
      'Xin đồng chí đọc lại toàn bộ:',
      formBody(s),
      ...(s.mismatch ? ['Xin xem lại điểm hoặc mức xếp loại (vẫn có thể gửi).'] : []),
      '',
      ...(s.sentBefore ? [`Đồng chí đã gửi ${s.sentBefore} lần; gửi lại sẽ thành bản lần ${s.sentBefore + 1}.`] : []),
      'Bấm “Gửi” để gửi chi bộ, “Sửa phần …” để sửa một phần, “Lưu nháp” để viết tiếp sau.',
    ].join('\n'),
  sent: (year: number, version: number) =>
    `Đã gửi bản kiểm điểm năm ${year}${version > 1 ? ` (lần ${version})` : ''} tới chi bộ. Bản .docx ở dưới để in và ký.\nĐồng chí vẫn có thể sửa và gửi lại cho đến khi chi bộ kết thúc kiểm điểm: gõ /evaluate.`,
  docCaption: (year: number, name: string) => `Bản kiểm điểm cá nhân năm ${year} — ${name}`,
  copyCaption: (year: number, rating: Rating) => `Chi bộ đã xếp loại đồng chí năm ${year}: ${RATING_NAMES[rating]}. Gửi đồng chí bản kiểm điểm có ghi nhận xét, đánh giá của chi bộ để lưu.`,

  // ---------------------------------------------------------------- the member's screens
  noReview: 'Chi bộ chưa mở kiểm điểm cuối năm. Khi mở, bot sẽ nhắn đồng chí.',
  closedForMember: (year: number) => `Kiểm điểm năm ${year} đã kết thúc, không sửa hay gửi thêm được nữa.`,
  notExpected: 'Đồng chí đang được miễn sinh hoạt đảng nên không thuộc diện kiểm điểm, xếp loại năm nay.',
  intro: (year: number, deadline: string, daysLeft: number) =>
    `Kiểm điểm năm ${year}, hạn gửi ${formatDate(deadline)} (${left(daysLeft)}).\nBản kiểm điểm theo mẫu gồm các phần I–VI rồi tự nhận xếp loại. Mỗi phần có thể gửi nhiều tin nhắn; gõ /cancel để dừng bất cứ lúc nào, bản nháp được giữ nguyên.`,
  resumed: 'Tiếp tục bản kiểm điểm từ chỗ đang dừng:',
  sentStatus: (p: { year: number; versions: number; at: string; partyRating: Rating; deadline: string; daysLeft: number; open: boolean }) =>
    [
      `Đồng chí đã gửi bản kiểm điểm năm ${p.year} (${p.versions > 1 ? `${p.versions} lần, lần cuối ` : ''}lúc ${at(p.at)}).`,
      `Tự nhận: ${RATING_NAMES[p.partyRating]}.`,
      p.open ? `Có thể sửa và gửi lại đến khi chi bộ kết thúc kiểm điểm (hạn ${formatDate(p.deadline)}, ${left(p.daysLeft)}).` : 'Kiểm điểm đã kết thúc.',
    ].join('\n'),
  editSent: 'Sửa và gửi lại',
  download: 'Tải bản kiểm điểm (.docx)',
  start: 'Bắt đầu kiểm điểm',
  continue: 'Tiếp tục viết',

  // ---------------------------------------------------------------- the committee
  noReviewCommittee: 'Chi bộ chưa mở kiểm điểm.',
  openButton: (year: number) => `Mở kiểm điểm năm ${year}`,
  reopenButton: (year: number) => `Mở lại kiểm điểm năm ${year}`,
  mine: 'Bản kiểm điểm của tôi',
  list: 'Xem, xếp loại từng đồng chí',
  downloadAll: 'Tải tất cả (.docx)',
  changeDeadline: 'Đổi hạn',
  close: 'Kết thúc kiểm điểm',
  refresh: 'Cập nhật',
  backToPanel: '← Tổng hợp',
  backToList: '← Danh sách',
  deadlinePrompt: (year: number) => `Hạn gửi bản kiểm điểm năm ${year}? Bấm nút hoặc gõ ngày dạng dd/mm/yyyy.`,
  deadlineOption: (date: string, days: number) => `${formatDate(date)} (sau ${days} ngày)`,
  opened: (year: number, deadline: string, invited: number) =>
    `Đã mở kiểm điểm năm ${year}, hạn gửi ${formatDate(deadline)}. Bot đã gửi lời mời tới ${invited} đảng viên; người chưa gửi sẽ được nhắc 3 ngày một lần và trước hạn một ngày.`,
  deadlineChanged: (year: number, deadline: string) => `Đã đổi hạn kiểm điểm năm ${year} thành ${formatDate(deadline)}.`,
  panel: (p: { figures: ReviewFigures; daysLeft: number; sent: ProgressLine[]; drafts: string[]; notStarted: string[] }) => {
    const f = p.figures;
    const out = [
      `Kiểm điểm năm ${f.year} — ${f.state === 'open' ? `đang mở, hạn ${formatDate(f.deadline)} (${left(p.daysLeft)})` : 'đã kết thúc'}`,
      `Đã gửi: ${f.sent}/${f.expected} · Đang viết: ${f.drafts} · Chưa bắt đầu: ${f.notStarted}`,
      '',
      `✅ Đã gửi (${p.sent.length}):`,
      ...(p.sent.length
        ? p.sent.map((l) => `• ${l.name} — tự nhận: ${l.proposed ? RATING_SHORT[l.proposed].toLowerCase() : '—'}; chi bộ: ${l.decided ? RATING_SHORT[l.decided].toLowerCase() : 'chưa xếp loại'}`)
        : ['• (chưa có)']),
      `✏️ Đang viết (${p.drafts.length}): ${p.drafts.join(', ') || '—'}`,
      `⏳ Chưa bắt đầu (${p.notStarted.length}): ${p.notStarted.join(', ') || '—'}`,
      '',
      `Chi bộ đã xếp loại ${f.expected - f.undecided}/${f.expected}: ${distribution(f.decided)}.`,
    ];
    if (f.quotaDecided.exceeded) out.push(quotaLine(f.quotaDecided));
    return out.join('\n');
  },
  pickMember: 'Chọn đồng chí để đọc bản kiểm điểm và ghi xếp loại của chi bộ (✅ đã gửi, ✏️ đang viết, ⏳ chưa bắt đầu; ★ đã xếp loại):',
  memberButton: (name: string, status: 'sent' | 'draft' | 'none', decided: boolean) => `${status === 'sent' ? '✅' : status === 'draft' ? '✏️' : '⏳'} ${name}${decided ? ' ★' : ''}`,
  submissionHead: (name: string, version: number, sentAt: string) => `Bản kiểm điểm của đ/c ${name} — lần ${version}, gửi lúc ${at(sentAt)}`,
  notSent: (name: string, draft: boolean) => `Đ/c ${name} chưa gửi bản kiểm điểm (${draft ? 'đang viết' : 'chưa bắt đầu'}).`,
  decision: (rating: Rating | undefined, comment?: string) => `Chi bộ xếp loại: ${rating ? RATING_NAMES[rating] : '(chưa ghi)'}${comment ? `\nNhận xét của chi bộ: ${comment}` : ''}`,
  rateHint: 'Bấm một mức để ghi xếp loại của chi bộ:',
  addComment: 'Nhận xét của chi bộ',
  downloadOne: 'Tải .docx',
  rated: (name: string, rating: Rating, figures: ReviewFigures, copySent = false) =>
    [
      `Đã ghi: chi bộ xếp loại đ/c ${name} — ${RATING_NAMES[rating]}.`,
      `Đã xếp loại ${figures.expected - figures.undecided}/${figures.expected}: ${distribution(figures.decided)}.`,
      ...(figures.quotaDecided.exceeded ? [quotaLine(figures.quotaDecided)] : []),
      ...(copySent ? [`Bot gửi tới đ/c ${name} bản kiểm điểm có ghi mức xếp loại này.`] : []),
    ].join('\n'),
  commentPrompt: (name: string) => `Nhận xét, đánh giá của chi bộ đối với đ/c ${name} (vài câu; sẽ in vào ô dưới bản kiểm điểm)? Gõ “-” để xóa nhận xét cũ.`,
  commentSaved: (name: string) => `Đã lưu nhận xét của chi bộ đối với đ/c ${name}.`,
  nothingToDownload: 'Chưa có bản kiểm điểm nào được gửi.',
  downloading: (count: number) => `Đang gửi ${count} bản kiểm điểm (.docx)…`,
  closeConfirm: (year: number, notSent: number) =>
    `Kết thúc kiểm điểm năm ${year}? Sau đó đảng viên không sửa, gửi được nữa và chi bộ không ghi thêm xếp loại.${notSent ? ` Còn ${notSent} đồng chí chưa gửi.` : ''}`,
  closeYes: 'Đồng ý, kết thúc',
  closeNo: 'Chưa',
  closeCancelled: 'Chưa kết thúc; kiểm điểm vẫn đang mở.',
  closed: (year: number, f: ReviewFigures) =>
    [
      `Đã kết thúc kiểm điểm năm ${year}.`,
      `Đã gửi: ${f.sent}/${f.expected}. Chi bộ đã xếp loại ${f.expected - f.undecided}/${f.expected}: ${distribution(f.decided)}.`,
      ...(f.quotaDecided.exceeded ? [quotaLine(f.quotaDecided)] : []),
    ].join('\n'),
  closedButton: (year: number) => `Kiểm điểm năm ${year} đã kết thúc; nút này không còn dùng được.`,
  noSuchReview: 'Kiểm điểm này không còn; xin gõ /evaluate để xem tình hình hiện tại.',
  unknownMember: 'Không tìm thấy đồng chí này trong danh sách kiểm điểm.',

  // ---------------------------------------------------------------- notices
  invite: (year: number, deadline: string) =>
    `Chi bộ đã mở kiểm điểm năm ${year}. Xin đồng chí viết bản kiểm điểm cá nhân theo mẫu, hạn gửi ${formatDate(deadline)}.\nCó thể viết nhiều lần, bot giữ bản nháp; bấm nút dưới đây để bắt đầu.`,
  reminder: (year: number, deadline: string, daysLeft: number, draft: boolean) =>
    draft
      ? `Nhắc: bản kiểm điểm năm ${year} của đồng chí đang viết dở, chưa gửi. Hạn gửi ${formatDate(deadline)} (${left(daysLeft)}).`
      : `Nhắc: đồng chí chưa viết bản kiểm điểm năm ${year}. Hạn gửi ${formatDate(deadline)} (${left(daysLeft)}).`,
  summary: (p: { year: number; deadline: string; expected: number; sent: number; drafts: string[]; notStarted: string[] }) =>
    [
      `Hôm nay (${formatDate(p.deadline)}) là hạn gửi bản kiểm điểm năm ${p.year}.`,
      `Đã gửi: ${p.sent}/${p.expected}.`,
      `✏️ Đang viết (${p.drafts.length}): ${p.drafts.join(', ') || '—'}`,
      `⏳ Chưa bắt đầu (${p.notStarted.length}): ${p.notStarted.join(', ') || '—'}`,
      'Gõ /evaluate để xem chi tiết, đổi hạn hoặc kết thúc kiểm điểm.',
    ].join('\n'),
  progressButton: 'Xem tiến độ',

  // ---------------------------------------------------------------- settings
  settingsLabel: 'Kiểm điểm cuối năm',
  settingsText: (days: number) => `Kiểm điểm cuối năm: hạn gửi mặc định là ${days} ngày kể từ khi mở (có thể chọn ngày khác lúc mở). Chọn số ngày mặc định:`,
  settingsDays: (days: number, current: boolean) => `${current ? '✓ ' : ''}${days} ngày`,
  settingsSaved: (days: number) => `Đã lưu: hạn gửi mặc định ${days} ngày.`,
};

/** Sentences for the problem codes this feature's services raise. */
export const reviewProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'review.alreadyOpen': (p) => `Kiểm điểm năm ${p.year} đang mở rồi.`,
  'review.otherOpen': (p) => `Kiểm điểm năm ${p.year} đang mở; xin kết thúc kiểm điểm đó trước khi mở kỳ khác.`,
  'review.deadlinePast': () => 'Hạn gửi cần là một ngày sau hôm nay (dd/mm/yyyy).',
  'review.deadlineFar': (p) => `Hạn gửi quá xa: tối đa ${p.max} ngày kể từ hôm nay.`,
  'review.none': (p) => `Chi bộ chưa mở kiểm điểm năm ${p.year}.`,
  'review.closed': (p) => `Kiểm điểm năm ${p.year} đã kết thúc, không thay đổi được nữa.`,
  'review.sectionMissing': (p) => `Phần ${p.section} chưa có nội dung; xin viết phần này (bấm “Sửa phần …”) rồi gửi.`,
  'review.sectionTooLong': (p) => `Phần ${p.section} dài ${p.length} ký tự, vượt giới hạn ${p.max} ký tự; xin rút gọn.`,
  'review.ratingMissing': () => 'Đồng chí chưa chọn mức tự xếp loại đảng viên.',
  'review.civilRatingMissing': () => 'Đồng chí chưa chọn mức tự xếp loại cán bộ, công chức, viên chức.',
  'review.scoreFormat': (p) => `Điểm cần là một số nguyên từ 0 đến ${p.max}, ví dụ 25.`,
  'review.scoreRange': (p) => `Điểm này vượt mức tối đa ${p.max}; xin nhập số từ 0 đến ${p.max}.`,
  'review.notExpected': () => 'Đồng chí này không thuộc diện kiểm điểm, xếp loại (đang được miễn sinh hoạt hoặc không còn sinh hoạt tại chi bộ).',
  'review.rateFirst': () => 'Xin ghi mức xếp loại của chi bộ trước, rồi thêm nhận xét.',
  'review.unknownMember': () => 'Không tìm thấy đồng chí này trong danh sách kiểm điểm.',
  'review.deadlineDays': () => 'Số ngày không hợp lệ; xin chọn một trong các nút.',
};
