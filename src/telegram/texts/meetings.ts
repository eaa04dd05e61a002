/** Wording of the meetings feature. STUB: replaced by the feature. */
export const meetings = {};

/** Sentences for the problem codes this feature's services raise. */
export const meetingsProblems: Record<string, (p: Record<string, string | number>) => string> = {};
