/** Renderers of the meetings feature's notices. STUB: replaced by the feature. */
import type { Renderers } from './index.ts';
import type { MeetingNotice } from '../../core/meetings.ts';

export const meetingsNotices: Renderers<MeetingNotice['kind']> = {};
