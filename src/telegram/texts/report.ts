/** Wording of the report feature. STUB: replaced by the feature. */
export const report = {};

/** Sentences for the problem codes this feature's services raise. */
export const reportProblems: Record<string, (p: Record<string, string | number>) => string> = {};
