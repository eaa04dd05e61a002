/**
 * The one classification of what a failed Telegram call means, shared by the replies'
 * retry (bot.ts), the outbox sender and the screens that edit a message in place.
 */
import { TelegramError } from 'telegraf';

export type TelegramFailure =
  /** 429: wait `retryAfter` seconds (when Telegram says) and try again. */
  | { kind: 'rateLimited'; code: 429; retryAfter?: number }
  /** 400 with migrate_to_chat_id: the group became a supergroup with a new id. */
  | { kind: 'migrated'; code: 400; toChatId: number }
  /** 403 (blocked, kicked) or 400 chat / user not found: the recipient cannot be reached. */
  | { kind: 'unreachable'; code: number }
  /** 400 message is not modified: an edit to what the message already says. */
  | { kind: 'notModified'; code: 400 }
  /** Telegram's own transient failure (5xx). */
  | { kind: 'serverError'; code: number }
  /** Any other refusal by Telegram (4xx): trying again gives the same answer. */
  | { kind: 'rejected'; code: number }
  /** A dropped connection (no answer from Telegram at all). */
  | { kind: 'network'; code?: undefined }
  /** Not a Telegram answer and not the network: a failure of our own. */
  | { kind: 'other'; code?: undefined };

export function classifyTelegramError(e: unknown): TelegramFailure {
  if (!(e instanceof TelegramError)) return (e as Error)?.name === 'FetchError' ? { kind: 'network' } : { kind: 'other' };
  const code = e.code;
  if (code === 429) return { kind: 'rateLimited', code, ...(e.parameters?.retry_after !== undefined ? { retryAfter: e.parameters.retry_after } : {}) };
  const migrated = code === 400 ? e.parameters?.migrate_to_chat_id : undefined;
  if (migrated !== undefined) return { kind: 'migrated', code: 400, toChatId: migrated };
  if (code === 403 || (code === 400 && /chat not found|user not found/i.test(e.message))) return { kind: 'unreachable', code };
  if (code === 400 && /message is not modified/i.test(e.message)) return { kind: 'notModified', code: 400 };
  if (code >= 500) return { kind: 'serverError', code };
  return { kind: 'rejected', code };
}

/** An edit Telegram refused because the message already says exactly that. */
export const isNotModified = (e: unknown): boolean => classifyTelegramError(e).kind === 'notModified';
