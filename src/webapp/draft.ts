/**
 * The form and the chat write one draft: the evaluate dialog's answers (each section a list
 * of the messages sent in the chat, null for "Không có"; the levels; the score). These turn
 * the answers into the form's fields and back, keeping what the form did not change exactly
 * as the chat left it, and name a draft's version by its content (so any change by either
 * side, whatever the clock says, makes a save based on the old one stale).
 */
import { createHash } from 'node:crypto';
import type { Answers } from '../core/dialog-state.ts';
import { FORM_SECTIONS, isRating } from '../core/review/index.ts';
import type { DraftFields } from './api-types.ts';

/** The version of no draft at all (the form starts from nothing or from the last sent version). */
export const NO_DRAFT = 'none';

export function draftVersion(year: number, answers: Answers): string {
  return createHash('sha256')
    .update(JSON.stringify([year, answers]))
    .digest('base64url')
    .slice(0, 22);
}

const joined = (v: Answers[string] | undefined): string =>
  Array.isArray(v)
    ? v
        .map((x) => x.trim())
        .filter(Boolean)
        .join('\n')
    : typeof v === 'string'
      ? v
      : '';

export function answersToFields(a: Answers): DraftFields {
  const sections: Record<string, string> = {};
  for (const s of FORM_SECTIONS) sections[s.id] = joined(a[s.id]);
  return {
    sections,
    partyRating: isRating(a.partyRating) ? a.partyRating : null,
    civilRating: isRating(a.civilRating) ? a.civilRating : null,
    scoreGeneral: typeof a.scoreGeneral === 'number' ? a.scoreGeneral : null,
    scoreTasks: typeof a.scoreTasks === 'number' ? a.scoreTasks : null,
  };
}

/** The form's fields written into the answers; a field the form left as the chat wrote it stays as it was. */
export function fieldsToAnswers(before: Answers, f: DraftFields): Answers {
  const a: Answers = { ...before };
  for (const s of FORM_SECTIONS) {
    const text = f.sections[s.id];
    if (text === undefined || text.trim() === joined(before[s.id]).trim()) continue;
    a[s.id] = text.trim() ? [text.trim()] : before[s.id] === null ? null : [];
  }
  const level = (k: 'partyRating' | 'civilRating') => {
    const v = f[k];
    if (v === undefined) return;
    if (v === null) delete a[k];
    else a[k] = v;
  };
  level('partyRating');
  level('civilRating');
  if (f.scoreGeneral !== undefined) {
    if (f.scoreGeneral === null) {
      // No score: what the chat's "Không tự chấm điểm" stores, only once a score was asked about.
      if (typeof a.scoreGeneral === 'number') a.scoreGeneral = null;
      delete a.scoreTasks;
    } else a.scoreGeneral = f.scoreGeneral;
  }
  if (f.scoreTasks !== undefined && typeof a.scoreGeneral === 'number') {
    if (f.scoreTasks === null) delete a.scoreTasks;
    else a.scoreTasks = f.scoreTasks;
  }
  return a;
}
