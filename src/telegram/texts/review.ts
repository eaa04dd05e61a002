/** Wording of the review feature. STUB: replaced by the feature. */
export const review = {};

/** Sentences for the problem codes this feature's services raise. */
export const reviewProblems: Record<string, (p: Record<string, string | number>) => string> = {};
