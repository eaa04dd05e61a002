/**
 * Callback data of every inline button, made and parsed in one place. A button's data is
 * a feature prefix and a few short fields, "p:field:field", at most 64 bytes (Telegram's
 * limit). Parsing checks the shape only: every handler checks the fields again against
 * the store (who pressed, for which cell, still valid).
 */
import { addMonths, monthsBetween, type Month } from '../core/time.ts';

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

/** Who may press a button: each names a predicate of filters.ts and its refusal `forbidden.<permission>`. */
export type Permission = 'admin' | 'member' | 'committee' | 'collector' | 'secretary';

/** A button's fields; the `action` field, where the declaration lists its actions, is one of them. */
export type CallbackValues<K extends string, A extends string, V> = { [P in K]: P extends 'action' ? A : V };

export interface Access<A extends string> {
  /** Needed for every button of the prefix (checked first). */
  permission: Permission;
  /** The `cell` field must be the presser's own cell (checked second). */
  ownCell?: boolean;
  /** The `action` field's codes and the permission each needs (checked third); any other code is a stale button. */
  actions?: Readonly<Record<A, Permission>>;
}

export interface CallbackCodec<K extends string, A extends string = string> {
  prefix: string;
  /** Matches any data of this prefix (for Composer.action). */
  pattern: RegExp;
  /** Who may press it (the action helper of actions.ts checks it). */
  access?: Access<A>;
  make(values: CallbackValues<K, A, string | number>): string;
  parse(data: string | undefined): CallbackValues<K, string, string> | undefined;
}

/** The action codes a declaration lists. */
export type ActionOf<C> = C extends CallbackCodec<string, infer A> ? A : never;

const prefixes = new Set<string>();

export function defineCallback<K extends string, A extends string = string>(prefix: string, fields: readonly K[], access?: Access<A>): CallbackCodec<K, A> {
  if (prefixes.has(prefix)) throw new Error(`callback prefix ${prefix} defined twice`);
  prefixes.add(prefix);
  return {
    prefix,
    pattern: new RegExp(`^${prefix}:`),
    ...(access ? { access } : {}),
    make(values) {
      const parts = fields.map((f) => String((values as Record<K, string | number>)[f]));
      for (const p of parts) if (!isIdField(p)) throw new Error(`callback field "${p}" is not shaped like an id`);
      const data = [prefix, ...parts].join(':');
      if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`);
      return data;
    },
    parse(data) {
      if (!data) return undefined;
      const parts = data.split(':');
      if (parts[0] !== prefix || parts.length !== fields.length + 1) return undefined;
      const out = {} as CallbackValues<K, string, string>;
      for (let i = 0; i < fields.length; i++) {
        const v = parts[i + 1]!;
        if (!isIdField(v)) return undefined;
        out[fields[i]!] = v;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------- months in fields

/** A month in a field: `2025-03` travels as `202503`. */
export const monthField = (m: Month): string => m.replace('-', '');
export const monthOfField = (s: string): Month | undefined => (/^\d{6}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4)}` : undefined);

/** A selection of months travels in a field as a base month and a bit mask (month base+k is bit k): `202503.5`. */
export function encodeMonths(base: Month, chosen: readonly Month[]): string {
  let mask = 0;
  for (const m of chosen) {
    const k = monthsBetween(base, m);
    if (k >= 0 && k < 30) mask += 2 ** k;
  }
  return `${monthField(base)}.${mask.toString(36)}`;
}

/** The selection of `encodeMonths`, and what follows it in the field after further dots. */
export function decodeMonths(arg: string): { chosen: Month[]; rest: string[] } | undefined {
  const [b, mask, ...rest] = arg.split('.');
  const base = monthOfField(b ?? '');
  const n = parseInt(mask ?? '', 36);
  if (!base || !Number.isFinite(n)) return undefined;
  const chosen: Month[] = [];
  for (let k = 0; k < 30; k++) if (Math.floor(n / 2 ** k) % 2) chosen.push(addMonths(base, k));
  return { chosen, rest };
}

// ---------------------------------------------------------------- the declarations

/** Dialog buttons: which dialog, at which step, which action (o<i> option, back, skip, done, submit, edit, e<i>, draft). The engine checks them against the saved state. */
export const cbDialog = defineCallback('d', ['dialog', 'step', 'action']);
/** The secretary's Duyệt / Từ chối on an application (`accept` y / n); the service checks the cell (a refused decision takes the buttons off). */
export const cbJoinDecision = defineCallback('jd', ['cell', 'member', 'accept'], { permission: 'secretary' });
/** /member: open a member's card, a field, or set a value. */
export const cbMember = defineCallback('me', ['cell', 'member', 'field', 'value'], { permission: 'secretary', ownCell: true });
/** A page of a long list: which list (`member`, the secretary's /member list), which page. */
export const cbPage = defineCallback('pg', ['list', 'page'], { permission: 'secretary' });
/** An admin's cell (/cells): `new` secretary invite, or `rv` revoke it. */
export const cbCell = defineCallback('cl', ['cell', 'action'], { permission: 'admin', actions: { new: 'admin', rv: 'admin' } });

/** One prefix per feature: the cell the button belongs to, an action, a record id, an argument. */
export const cbMeeting = defineCallback('mt', ['cell', 'action', 'id', 'arg'], {
  permission: 'member',
  ownCell: true,
  actions: {
    /** Tham dự / Vắng (asks the reason) on a meeting; another meeting's card. */
    y: 'member',
    n: 'member',
    v: 'member',
    /** Who answered; move; cancel (asks), cancel yes / no; add a themed (arg t) or extraordinary (x) meeting. */
    rs: 'committee',
    mv: 'committee',
    cx: 'committee',
    cxy: 'committee',
    cxn: 'committee',
    ad: 'committee',
    /** The attendance checklist: open, toggle a member (arg), done; the minutes. */
    at: 'committee',
    tg: 'committee',
    ok: 'committee',
    mn: 'committee',
    /** /settings: the rule (arg rule) or a reminder slot (arg its number). */
    set: 'secretary',
  },
});
export type MeetingAction = ActionOf<typeof cbMeeting>;

export const cbDues = defineCallback('du', ['cell', 'action', 'id', 'arg'], {
  permission: 'member',
  ownCell: true,
  actions: {
    /** A member about themself: this month, the year, "I paid" (claim), the months of a claim. */
    my: 'member',
    myy: 'member',
    cl: 'member',
    clm: 'member',
    /** /settings: the screen, the collection day, the share kept. */
    set: 'secretary',
    setday: 'secretary',
    setkept: 'secretary',
    /** The collector's table, year, member list and card; recording, reversing, the amount, relief; claims to confirm. */
    tbl: 'collector',
    yr: 'collector',
    mlist: 'collector',
    member: 'collector',
    rec: 'collector',
    recm: 'collector',
    reca: 'collector',
    rev: 'collector',
    revp: 'collector',
    amt: 'collector',
    rel: 'collector',
    relk: 'collector',
    claims: 'collector',
    claim: 'collector',
    cok: 'collector',
    cno: 'collector',
  },
});
export type DuesAction = ActionOf<typeof cbDues>;

export const cbReview = defineCallback('rv', ['cell', 'action', 'id', 'arg'], {
  permission: 'member',
  ownCell: true,
  actions: {
    start: 'member',
    edit: 'member',
    mydoc: 'member',
    mine: 'member',
    panel: 'committee',
    list: 'committee',
    view: 'committee',
    rate: 'committee',
    comment: 'committee',
    doc: 'committee',
    all: 'committee',
    open: 'secretary',
    deadline: 'secretary',
    close: 'secretary',
    days: 'secretary',
  },
});
export type ReviewAction = ActionOf<typeof cbReview>;

/**
 * /note: `jn:<cell>:grp:<part>:` a part of the report, `jn:<cell>:list:<page>:<section>` its entries;
 * `jn:<cell>:add:<section | opening | basis | targets | level | number>:<year or empty>` opens /note
 * directly there (made by `noteButton` of the journal feature, for other features' screens).
 */
export const cbJournal = defineCallback('jn', ['cell', 'action', 'id', 'arg'], {
  permission: 'committee',
  ownCell: true,
  actions: {
    new: 'committee',
    sections: 'committee',
    grp: 'committee',
    list: 'committee',
    add: 'committee',
    opening: 'committee',
    edit: 'committee',
    del: 'committee',
    delok: 'committee',
    basis: 'committee',
    targets: 'committee',
    number: 'committee',
    level: 'committee',
    setlevel: 'committee',
  },
});
export type JournalAction = ActionOf<typeof cbJournal>;

/** No button of /report has an action yet: its data is answered as a stale button. */
/** /settings: which section of the hub (`cellEdit` opens the cell's details for editing). */
export const cbSettings = defineCallback('st', ['section'], { permission: 'secretary' });
