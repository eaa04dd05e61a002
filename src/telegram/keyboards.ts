/** Inline keyboards as plain data. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';

export interface Button {
  text: string;
  data: string;
  /** Opens this page as a Mini App instead of sending `data` (private chats only). */
  webApp?: string;
}

/** A button that opens the Mini App at `url` (its page chosen by the query: ?page=form, committee or journal). */
export function webAppButton(text: string, url: string): Button {
  return { text, data: '', webApp: url };
}

export function inline(rows: readonly (readonly Button[])[]): { reply_markup: InlineKeyboardMarkup } {
  return {
    reply_markup: {
      inline_keyboard: rows.filter((r) => r.length).map((r) => r.map((b): InlineKeyboardButton => (b.webApp ? { text: b.text, web_app: { url: b.webApp } } : { text: b.text, callback_data: b.data }))),
    },
  };
}

/** Lays buttons out `perRow` to a row. */
export function grid(buttons: readonly Button[], perRow: number): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

/** The buttons of one page of a long list, with ‹ › to move between pages. */
export function paged<T>(items: readonly T[], page: number, perPage: number, toButton: (item: T) => Button, nav: (page: number) => string, labels: { prev: string; next: string }): Button[][] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = Math.min(Math.max(0, page), pages - 1);
  const rows = grid(items.slice(p * perPage, (p + 1) * perPage).map(toButton), 2);
  if (pages > 1) {
    const navRow: Button[] = [];
    if (p > 0) navRow.push({ text: labels.prev, data: nav(p - 1) });
    navRow.push({ text: `${p + 1}/${pages}`, data: nav(p) });
    if (p < pages - 1) navRow.push({ text: labels.next, data: nav(p + 1) });
    rows.push(navRow);
  }
  return rows;
}

/** Telegram's limit for a message's text (counted here in UTF-16 units, which is never less). */
export const MAX_TEXT = 4096;
/** Telegram's limit for the text of a press's answer (toast or alert). */
export const MAX_ANSWER = 200;

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Offsets in `s` where a grapheme ends, up to `limit` (a cut there never splits a character). */
function boundaries(s: string, limit: number): number[] {
  // The whole code point after `limit` is in the window: a boundary depends on what follows it.
  const out: number[] = [];
  for (const g of graphemes.segment(s.slice(0, limit + 2))) {
    const end = g.index + g.segment.length;
    if (end > limit) break;
    out.push(end);
  }
  return out;
}

/**
 * The one splitter for every text the bot sends: parts within `limit`, cut at a line break
 * (in the second half of a part), else at a space, else between two graphemes — never
 * inside an emoji or a letter with its mark. The line break or space at a cut is dropped.
 */
export function splitMessage(text: string, limit = MAX_TEXT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const ends = boundaries(rest, limit);
    const last = (ch: string) => ends.findLast((b) => b >= limit / 2 && rest[b] === ch);
    const cut = last('\n') ?? last(' ') ?? ends.at(-1) ?? limit;
    const part = rest.slice(0, cut).trimEnd();
    if (part) out.push(part);
    rest = rest.slice(cut).replace(/^[\s]+/, '');
  }
  if (rest.trim()) out.push(rest);
  return out;
}

/** A text cut to `limit` between graphemes, with "…" when something was cut. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, boundaries(text, limit - 1).at(-1) ?? 0)}…`;
}
