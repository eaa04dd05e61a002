/**
 * The year-end review (kiểm điểm): submissions, ratings, checks. Pure. (issue 5)
 * STUB: replaced by the review feature.
 */
import type { PlannerInput, Planner } from './planner.ts';

export interface ReviewData {}

export function emptyReview(): ReviewData {
  return {};
}

export type ReviewNotice = never;

export const planReview: Planner<PlannerInput & { review: ReviewData }> = () => [];
