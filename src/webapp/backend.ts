/**
 * What the Mini App's API needs from the bot, by Telegram user id (always the signed one).
 * The router (`server.ts`) is tested against a fake of it; `services-backend.ts`
 * implements it on the real services. A refusal is an `ApiError` whose message the page
 * shows as it is.
 */
import type { ChartsView, CommitteeView, DraftFields, DraftView, JournalView, Me, RateResult, SaveResult, SubmissionView, SubmitResult } from './api-types.ts';

export interface WebappBackend {
  /** Undefined: not a member of any cell (the page says so). */
  me(tgId: number): Promise<Me | undefined>;
  draft(tgId: number): Promise<DraftView>;
  saveDraft(tgId: number, baseVersion: string, fields: DraftFields): Promise<SaveResult>;
  /** Sends the form through the chat's service; the .docx arrives in the chat. */
  submit(tgId: number, baseVersion: string, fields: DraftFields): Promise<SubmitResult>;
  committee(tgId: number): Promise<CommitteeView>;
  submission(tgId: number, memberId: string): Promise<SubmissionView>;
  rate(tgId: number, memberId: string, rating: string): Promise<RateResult>;
  journal(tgId: number): Promise<JournalView>;
  addNote(tgId: number, section: string, text: string): Promise<JournalView>;
  charts(tgId: number): Promise<ChartsView>;
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
