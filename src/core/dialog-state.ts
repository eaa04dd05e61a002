/** What the dialog engine keeps per user, so that a restart, /cancel or a week of silence loses nothing. */
export type Answer = string | number | boolean | string[] | null;
export type Answers = Record<string, Answer>;

export interface DialogState {
  /** Which dialog ('join', 'newcell', 'evaluate', …). */
  id: string;
  /** The step now asked. */
  step: string;
  answers: Answers;
  /** Context the dialog was started with (a cell id, a review year, …). */
  meta: Record<string, string | number>;
  /**
   * Which start of the dialog this is (random, set when it starts): its buttons carry it, so
   * a button of an earlier start (another member, another meeting) is stale, not applied here.
   * Absent in states saved before it existed.
   */
  tag?: string;
  /** Set when the user edits one step from the review screen: go back there after it. */
  returnToReview?: boolean;
  updatedAt: string;
}

export interface UserDialogs {
  /** The dialog that receives the user's typed text, if any. */
  active?: string;
  /** Every dialog with a state, active or paused (a draft). */
  states: Record<string, DialogState>;
}
