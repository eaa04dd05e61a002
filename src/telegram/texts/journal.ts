/** Wording of the journal feature. STUB: replaced by the feature. */
export const journal = {};

/** Sentences for the problem codes this feature's services raise. */
export const journalProblems: Record<string, (p: Record<string, string | number>) => string> = {};
