/**
 * Sign-in of the Mini App: every API call carries Telegram's init data
 * (`Authorization: tma <initData>`). The signature is checked by
 * `@telegram-apps/init-data-node` (HMAC-SHA256 with the key derived from "WebAppData" and
 * the bot token); the age is checked here against the injected clock (the library would
 * read the system's), at most 24 hours and not from the future. The user id comes only
 * from the signed data.
 */
import { parse, validate } from '@telegram-apps/init-data-node';

/** How long init data is accepted after Telegram signed it. */
export const MAX_AGE_SECONDS = 24 * 60 * 60;
/** Clocks drift: init data signed this far ahead of ours is still taken. */
const FUTURE_SLACK_SECONDS = 5 * 60;

/** The Telegram user id of a valid `Authorization` header, or undefined for anything else. */
export function userOf(header: string | undefined, botToken: string, now: Date): number | undefined {
  if (!header?.startsWith('tma ')) return undefined;
  const raw = header.slice(4).trim();
  if (!raw || raw.length > 8192) return undefined;
  try {
    validate(raw, botToken, { expiresIn: 0 });
    const data = parse(raw);
    const age = now.getTime() / 1000 - data.auth_date.getTime() / 1000;
    if (!(age <= MAX_AGE_SECONDS && age >= -FUTURE_SLACK_SECONDS)) return undefined;
    const id = data.user?.id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
