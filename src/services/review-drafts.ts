/** The drafts of the self-evaluation, found where the dialog engine keeps them. */
import type { UserDialogs } from '../core/dialog-state.ts';
import { EVALUATE_DIALOG, type ReviewDraft } from '../core/review/index.ts';

/** Every user with a state of the evaluate dialog has a draft for the year it was started for. */
export function reviewDrafts(dialogs: Record<string, UserDialogs> | undefined): ReviewDraft[] {
  const out: ReviewDraft[] = [];
  for (const [memberId, ud] of Object.entries(dialogs ?? {})) {
    const s = ud.states[EVALUATE_DIALOG];
    if (s) out.push({ memberId, year: Number(s.meta.year) });
  }
  return out;
}
