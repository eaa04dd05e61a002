/** The self-evaluation form: ratings, sections, the score. */
import { fail, ok, type Result } from '../result.ts';

/** The four levels, best first (the same for a member and for a cell). */
export const RATINGS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;

export type Rating = (typeof RATINGS)[number];

/** Exact wording of the levels (Quy định 366-QĐ/TW). */
export const RATING_NAMES: Record<Rating, string> = {
  xuat_sac: 'Hoàn thành xuất sắc nhiệm vụ',
  tot: 'Hoàn thành tốt nhiệm vụ',
  hoan_thanh: 'Hoàn thành nhiệm vụ',
  khong_hoan_thanh: 'Không hoàn thành nhiệm vụ',
};

export function isRating(v: unknown): v is Rating {
  return typeof v === 'string' && (RATINGS as readonly string[]).includes(v);
}

export const SECTION_IDS = ['s11', 's12', 's13', 's21', 's22', 's3', 's4', 's5', 's6'] as const;

export type SectionId = (typeof SECTION_IDS)[number];

export interface FormPart {
  /** Roman numeral. */
  number: string;
  title: string;
}

export interface FormSection {
  id: SectionId;
  /** "I.1", "III" … */
  number: string;
  /** The part it belongs to (I … VI). */
  part: string;
  /** Number within its part ("1."), or '' when the part has no subsections. */
  sub: string;
  title: string;
  optional: boolean;
}

/** The parts of the form, in order (VII is the self-proposed rating). */
export const FORM_PARTS: readonly FormPart[] = [
  { number: 'I', title: 'Ưu điểm, kết quả đạt được' },
  { number: 'II', title: 'Hạn chế, khuyết điểm và nguyên nhân' },
  { number: 'III', title: 'Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ ra ở các kỳ kiểm điểm trước' },
  { number: 'IV', title: 'Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)' },
  { number: 'V', title: 'Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể (nếu có)' },
  { number: 'VI', title: 'Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm' },
  { number: 'VII', title: 'Tự nhận mức xếp loại chất lượng' },
];

/** The written sections of the form, in order. */
export const FORM_SECTIONS: readonly FormSection[] = [
  { id: 's11', number: 'I.1', part: 'I', sub: '1', optional: false, title: 'Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc' },
  { id: 's12', number: 'I.2', part: 'I', sub: '2', optional: false, title: 'Việc thực hiện chức trách, nhiệm vụ được giao' },
  { id: 's13', number: 'I.3', part: 'I', sub: '3', optional: false, title: 'Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm' },
  { id: 's21', number: 'II.1', part: 'II', sub: '1', optional: false, title: 'Hạn chế, khuyết điểm' },
  { id: 's22', number: 'II.2', part: 'II', sub: '2', optional: false, title: 'Nguyên nhân' },
  { id: 's3', number: 'III', part: 'III', sub: '', optional: false, title: FORM_PARTS[2]!.title },
  { id: 's4', number: 'IV', part: 'IV', sub: '', optional: true, title: FORM_PARTS[3]!.title },
  { id: 's5', number: 'V', part: 'V', sub: '', optional: true, title: FORM_PARTS[4]!.title },
  { id: 's6', number: 'VI', part: 'VI', sub: '', optional: false, title: FORM_PARTS[5]!.title },
];

/** Most characters a section accepts. */
export const SECTION_MAX_CHARS = 4000;

export const SCORE_MAX = { general: 30, tasks: 70 } as const;

/** The self-score of QĐ 366: general criteria …/30, results of assigned tasks …/70. */
export interface Score {
  general: number;
  tasks: number;
}

/** The level a total score falls in: ≥ 90, 70–89, 50–69, < 50. */
export function scoreBand(total: number): Rating {
  if (total >= 90) return 'xuat_sac';
  if (total >= 70) return 'tot';
  if (total >= 50) return 'hoan_thanh';
  return 'khong_hoan_thanh';
}

/** The band's level when a given score disagrees with the proposed level; undefined when they agree. */
export function scoreMismatch(score: Score | undefined, rating: Rating | undefined): Rating | undefined {
  if (!score || !rating) return undefined;
  const band = scoreBand(score.general + score.tasks);
  return band === rating ? undefined : band;
}

/** A typed part of the score: a whole number from 0 to `max`. */
export function parseScorePart(input: string, max: number): Result<number> {
  const s = input
    .trim()
    .replace(/\s*(điểm|đ)\.?$/iu, '')
    .replace(/\/\s*\d+$/, '')
    .trim();
  if (!/^\d{1,3}$/.test(s)) return fail('review.scoreFormat', { max });
  const n = Number(s);
  if (n > max) return fail('review.scoreRange', { max });
  return ok(n);
}
