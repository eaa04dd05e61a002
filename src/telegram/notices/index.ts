/**
 * Turns a notice (data from services and planners) into the message the outbox sends.
 * Each feature's renderers live in its own file of this folder; the mapped type makes
 * the compiler insist that every kind of notice has one.
 */
import type { Notice } from '../../core/notices.ts';
import type { Rendered, RenderEnv, Renderers } from './types.ts';
import { memberNotices } from './members.ts';
import { meetingsNotices } from './meetings.ts';
import { duesNotices } from './dues.ts';
import { reviewNotices } from './review.ts';

export type { Rendered, RenderEnv, Renderers } from './types.ts';

const RENDERERS: Renderers<Notice['kind']> = {
  ...memberNotices,
  ...meetingsNotices,
  ...duesNotices,
  ...reviewNotices,
};

export function renderNotice(n: Notice, env: RenderEnv = {}): Rendered {
  return (RENDERERS[n.kind] as (n: Notice, env: RenderEnv) => Rendered)(n, env);
}
