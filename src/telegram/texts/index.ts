/**
 * Every user-facing sentence of the bot, in Vietnamese, reviewed in one place.
 * Each feature has its file here; this module puts them together.
 */
import { buttons, common, dialog, labels, problems, refusals } from './common.ts';
import * as cell from './cell.ts';
import { help } from './help.ts';
import { steps } from './steps.ts';
import { meetings, meetingsProblems } from './meetings.ts';
import { dues, duesProblems } from './dues.ts';
import { review, reviewProblems } from './review.ts';
import { journal, journalProblems } from './journal.ts';
import { report, reportProblems } from './report.ts';
import { webapp } from './webapp.ts';
import { overview } from './overview.ts';
import type { Problem } from '../../core/result.ts';

export const t = {
  labels,
  buttons,
  common,
  dialog,
  steps,
  refusals,
  help,
  ...cell,
  meetings,
  dues,
  review,
  journal,
  report,
  webapp,
  overview,
};

type Render = (p: Record<string, string | number>) => string;

/** Problem code → sentence, for every feature (each text file exports its own record). */
const PROBLEMS: Record<string, Render> = {
  ...problems,
  ...Object.fromEntries(Object.entries(refusals).map(([k, v]) => [k, () => v])),
  ...cell.cellProblems,
  ...meetingsProblems,
  ...duesProblems,
  ...reviewProblems,
  ...journalProblems,
  ...reportProblems,
};

/** The one sentence for a refused rule: a problem code of core or a refusal of services. */
export function problemText(p: Problem): string {
  const render = PROBLEMS[p.code];
  return render ? render(p.params ?? {}) : t.common.apology;
}
