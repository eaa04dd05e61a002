/**
 * Callback data of every inline button, made and parsed in one place. A button's data is
 * a feature prefix and a few short fields, "p:field:field", at most 64 bytes (Telegram's
 * limit). Parsing checks the shape only: every handler checks the fields again against
 * the store (who pressed, for which cell, still valid).
 */
const FIELD = /^[A-Za-z0-9_.-]*$/;

/**
 * Whether a field may be used as an id: the allowed characters, and never a name that
 * reaches Object.prototype when used as a key of a plain object (`__proto__`,
 * `constructor`, `prototype`, `toString` …) — a forged `marks["__proto__"].status = …`
 * would otherwise change every object of the process.
 */
export function isIdField(v: string): boolean {
  return FIELD.test(v) && !v.startsWith('__') && v !== 'prototype' && !(v in Object.prototype);
}

export interface CallbackCodec<K extends string> {
  prefix: string;
  /** Matches any data of this prefix (for Composer.action). */
  pattern: RegExp;
  make(values: Record<K, string | number>): string;
  parse(data: string | undefined): Record<K, string> | undefined;
}

const prefixes = new Set<string>();

export function defineCallback<K extends string>(prefix: string, fields: readonly K[]): CallbackCodec<K> {
  if (prefixes.has(prefix)) throw new Error(`callback prefix ${prefix} defined twice`);
  prefixes.add(prefix);
  return {
    prefix,
    pattern: new RegExp(`^${prefix}:`),
    make(values) {
      const parts = fields.map((f) => String(values[f]));
      for (const p of parts) if (!isIdField(p)) throw new Error(`callback field "${p}" is not shaped like an id`);
      const data = [prefix, ...parts].join(':');
      if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`);
      return data;
    },
    parse(data) {
      if (!data) return undefined;
      const parts = data.split(':');
      if (parts[0] !== prefix || parts.length !== fields.length + 1) return undefined;
      const out = {} as Record<K, string>;
      for (let i = 0; i < fields.length; i++) {
        const v = parts[i + 1]!;
        if (!isIdField(v)) return undefined;
        out[fields[i]!] = v;
      }
      return out;
    },
  };
}

/** Dialog buttons: which dialog, at which step, which action (o<i> option, back, skip, done, submit, edit, e<i>, draft). */
export const cbDialog = defineCallback('d', ['dialog', 'step', 'action']);
/** The secretary's Duyệt / Từ chối on an application. */
export const cbJoinDecision = defineCallback('jd', ['cell', 'member', 'accept']);
/** /member: open a member's card, a field, or set a value. */
export const cbMember = defineCallback('me', ['cell', 'member', 'field', 'value']);
/** A page of a long list: which list, which page. */
export const cbPage = defineCallback('pg', ['list', 'page']);
/** An admin's cell (/cells): `new` secretary invite, or `rv` revoke it. */
export const cbCell = defineCallback('cl', ['cell', 'action']);

/** One prefix per feature: the cell the button belongs to, an action, a record id, an argument. */
export const cbMeeting = defineCallback('mt', ['cell', 'action', 'id', 'arg']);
export const cbDues = defineCallback('du', ['cell', 'action', 'id', 'arg']);
export const cbReview = defineCallback('rv', ['cell', 'action', 'id', 'arg']);
/**
 * /note: `jn:<cell>:grp:<part>:` a part of the report, `jn:<cell>:list:<page>:<section>` its entries;
 * `jn:<cell>:add:<section | opening | basis | targets | level | number>:<year or empty>` opens /note
 * directly there (made by `noteButton` of the journal feature, for other features' screens).
 */
export const cbJournal = defineCallback('jn', ['cell', 'action', 'id', 'arg']);
export const cbReport = defineCallback('rp', ['cell', 'action', 'id', 'arg']);
/** /settings: which section of the hub (`cellEdit` opens the cell's details for editing). */
export const cbSettings = defineCallback('st', ['section']);
