/** Wording of the Mini App (the form, the committee's pages, their buttons) and of the year's charts. */
import type { Gap } from '../../core/report.ts';
import type { QuotaCheck } from '../../core/review/index.ts';
import type { Month } from '../../core/time.ts';
import { quotaLine } from './review.ts';
import { gapLabel } from './report.ts';

export const webapp = {
  /** Beside "Bắt đầu kiểm điểm": the same self-evaluation in a form. */
  formButton: '✍️ Viết trên biểu mẫu',
  committeeButton: '📋 Mở bảng kiểm điểm',
  journalButton: '📓 Mở sổ tay trên biểu mẫu',
  /** The chat's menu button while a review is open. */
  menuButton: 'Kiểm điểm',
  stale: 'Bản nháp vừa được sửa ở nơi khác (trong trò chuyện với bot hoặc một cửa sổ khác); bot không ghi đè. Biểu mẫu đã tải nội dung mới nhất.',
  submitted: (year: number, n: number) =>
    `Đã gửi bản kiểm điểm năm ${year} (lần ${n}). Bot đã gửi tệp .docx vào cuộc trò chuyện; đồng chí vẫn sửa và gửi lại được cho đến khi chi bộ kết thúc kiểm điểm.`,
  rated: (name: string, level: string) => `Đã ghi: đồng chí ${name} — ${level}.`,
  quotaWarning: (q: QuotaCheck) => quotaLine(q),
  score: (s: { general: number; tasks: number }, max: { general: number; tasks: number }) => `Tự chấm điểm: ${s.general}/${max.general} + ${s.tasks}/${max.tasks} = ${s.general + s.tasks}/100`,
  gap: (g: Gap) => gapLabel(g),
  attendanceTitle: (year: number) => `Số đảng viên dự họp, năm ${year}`,
  duesTitle: (year: number) => `Đảng phí đã thu / phải thu, năm ${year}`,
  noMeetings: 'Chưa có cuộc họp nào được ghi điểm danh.',
  noDues: 'Chưa có tháng nào phải thu đảng phí.',
  month: (m: Month) => `T${Number(m.slice(5, 7))}`,
  chartsCaption: (year: number) => `Năm ${year} nhìn nhanh: dự họp từng cuộc và đảng phí từng tháng.`,
};
