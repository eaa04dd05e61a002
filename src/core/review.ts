/** The year-end review (kiểm điểm): submissions, ratings, checks. Pure. (issue 5) */
export interface ReviewData {}

export function emptyReview(): ReviewData {
  return {};
}
