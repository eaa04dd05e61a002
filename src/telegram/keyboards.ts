/** Inline keyboards as plain data. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';

export interface Button {
  text: string;
  data: string;
}

export function inline(rows: readonly (readonly Button[])[]): { reply_markup: InlineKeyboardMarkup } {
  return {
    reply_markup: {
      inline_keyboard: rows.filter((r) => r.length).map((r) => r.map((b): InlineKeyboardButton => ({ text: b.text, callback_data: b.data }))),
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

/** Splits a long text into messages under Telegram's 4,096-character limit, at line breaks where possible. */
export function splitMessage(text: string, limit = 4000): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = limit;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest) out.push(rest);
  return out;
}
