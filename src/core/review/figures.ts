/** The figures of the report and the quota; the texts the report gathers. */
import type { Member } from '../members.ts';
import type { LocalDate } from '../time.ts';
import type { Rating, SectionId } from './form.ts';
import { latestVersion, type ReviewData, type ReviewDraft, reviewFor, type ReviewState, type SentVersion } from './model.ts';
import { progressOf } from './progress.ts';

export interface QuotaCheck {
  xuatSac: number;
  tot: number;
  /** The most "xuất sắc" the rule allows: 20% of the "tốt", rounded down. */
  max: number;
  /** More "xuất sắc" than 20% of "tốt": a warning, never a block. */
  exceeded: boolean;
}

/** "Xuất sắc" should not exceed 20% of "tốt" (integer arithmetic: xs > tốt / 5 ⇔ 5·xs > tốt). */
export function quotaCheck(xuatSac: number, tot: number): QuotaCheck {
  return { xuatSac, tot, max: Math.floor(tot / 5), exceeded: xuatSac * 5 > tot };
}

export type Distribution = Record<Rating, number>;

function emptyDistribution(): Distribution {
  return { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 };
}

export interface ReviewFigures {
  year: number;
  state: ReviewState;
  deadline: LocalDate;
  expected: number;
  sent: number;
  drafts: number;
  notStarted: number;
  /** Self-proposed party ratings, from each member's latest sent version. */
  proposed: Distribution;
  /** The cell's decided ratings. */
  decided: Distribution;
  /** Expected members without a decided rating yet. */
  undecided: number;
  quotaProposed: QuotaCheck;
  quotaDecided: QuotaCheck;
}

/** The review's figures for a year; undefined when no review of that year was opened. */
export function reviewFigures(data: Partial<ReviewData> | undefined, year: number, members: Record<string, Member> | readonly Member[], drafts?: readonly ReviewDraft[]): ReviewFigures | undefined {
  const r = reviewFor(data, year);
  if (!r) return undefined;
  const p = progressOf(r, members, drafts);
  const proposed = emptyDistribution();
  for (const m of p.sent) proposed[latestVersion(r, m.id)!.partyRating]++;
  const decided = emptyDistribution();
  let undecided = 0;
  for (const m of p.expected) {
    const d = r.decisions[m.id];
    if (d) decided[d.rating]++;
    else undecided++;
  }
  return {
    year,
    state: r.state,
    deadline: r.deadline,
    expected: p.expected.length,
    sent: p.sent.length,
    drafts: p.drafts.length,
    notStarted: p.notStarted.length,
    proposed,
    decided,
    undecided,
    quotaProposed: quotaCheck(proposed.xuat_sac, proposed.tot),
    quotaDecided: quotaCheck(decided.xuat_sac, decided.tot),
  };
}

export interface ReviewTexts {
  /** I.1 tư tưởng chính trị, đạo đức, lối sống … */
  conduct: string[];
  /** I.2 thực hiện chức trách, nhiệm vụ */
  duties: string[];
  /** II.1 hạn chế, khuyết điểm */
  shortcomings: string[];
  /** II.2 nguyên nhân */
  causes: string[];
  /** VI phương hướng, biện pháp khắc phục */
  remedies: string[];
}

/** Which section of the form feeds which of the report's texts. */
const TEXT_SECTIONS: readonly [keyof ReviewTexts, SectionId][] = [
  ['conduct', 's11'],
  ['duties', 's12'],
  ['shortcomings', 's21'],
  ['causes', 's22'],
  ['remedies', 's6'],
];

/**
 * The section texts of every sent submission of the year (each member's latest version),
 * without names, in the order they were sent; empty texts are left out.
 */
export function reviewTexts(data: Partial<ReviewData> | undefined, year: number): ReviewTexts {
  const out: ReviewTexts = { conduct: [], duties: [], shortcomings: [], causes: [], remedies: [] };
  const r = reviewFor(data, year);
  if (!r) return out;
  const latest = Object.values(r.submissions)
    .map((list) => list.at(-1))
    .filter((v): v is SentVersion => Boolean(v))
    .sort((a, b) => a.at.localeCompare(b.at));
  for (const v of latest) for (const [k, s] of TEXT_SECTIONS) if (v.sections[s]?.trim()) out[k].push(v.sections[s].trim());
  return out;
}

/** The same texts with their authors (member ids), for grouping that counts distinct members. */
export function reviewAnswers(data: Partial<ReviewData> | undefined, year: number): Record<keyof ReviewTexts, { author: string; text: string }[]> {
  const out: Record<keyof ReviewTexts, { author: string; text: string }[]> = { conduct: [], duties: [], shortcomings: [], causes: [], remedies: [] };
  const r = reviewFor(data, year);
  if (!r) return out;
  const latest = Object.entries(r.submissions)
    .map(([author, list]) => ({ author, v: list.at(-1) }))
    .filter((x): x is { author: string; v: SentVersion } => Boolean(x.v))
    .sort((a, b) => a.v.at.localeCompare(b.v.at));
  for (const { author, v } of latest) for (const [k, s] of TEXT_SECTIONS) if (v.sections[s]?.trim()) out[k].push({ author, text: v.sections[s].trim() });
  return out;
}
