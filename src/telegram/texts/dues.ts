/** Wording of the dues feature. STUB: replaced by the feature. */
export const dues = {};

/** Sentences for the problem codes this feature's services raise. */
export const duesProblems: Record<string, (p: Record<string, string | number>) => string> = {};
