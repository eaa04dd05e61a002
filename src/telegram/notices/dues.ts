/** Renderers of the dues feature's notices. STUB: replaced by the feature. */
import type { Renderers } from './index.ts';
import type { DuesNotice } from '../../core/dues.ts';

export const duesNotices: Renderers<DuesNotice['kind']> = {};
