/** Renderers of the review feature's notices. STUB: replaced by the feature. */
import type { Renderers } from './index.ts';
import type { ReviewNotice } from '../../core/review.ts';

export const reviewNotices: Renderers<ReviewNotice['kind']> = {};
