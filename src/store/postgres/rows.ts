/**
 * How a shard's data is laid out in rows (the `docs` table): each entry of a collection
 * — a member, a dialog, a meeting record, a payment, a claim, a self-evaluation version
 * list, a decision, a journal entry, an outbox item, a sent key — is one row, keyed by
 * (kind, key); what is left (the cell's settings and other small parts) is the root row.
 * A button press then writes the few rows it changed, never a cell's whole year. Pure:
 * split and join are inverse, and the contract tests hold both engines to the same data.
 */

/** A collection: where it sits (a '*' walks every entry of a record), what its rows are called, and for an array the field that keys its entries. */
interface Collection {
  kind: string;
  path: readonly string[];
  by?: string;
}

/** Inner collections first: a review's submissions and decisions leave the review's own row small. */
const CELL: readonly Collection[] = [
  { kind: 'review.submission', path: ['review', 'reviews', '*', 'submissions'] },
  { kind: 'review.decision', path: ['review', 'reviews', '*', 'decisions'] },
  { kind: 'review', path: ['review', 'reviews'] },
  { kind: 'member', path: ['members'] },
  { kind: 'dialog', path: ['dialogs'] },
  { kind: 'outbox', path: ['outbox', 'pending'], by: 'key' },
  { kind: 'sent', path: ['outbox', 'sent'] },
  { kind: 'meeting', path: ['meetings', 'records'] },
  { kind: 'dues.member', path: ['dues', 'members'] },
  { kind: 'dues.entry', path: ['dues', 'entries'], by: 'id' },
  { kind: 'dues.claim', path: ['dues', 'claims'], by: 'id' },
  { kind: 'journal.entry', path: ['journal', 'entries'], by: 'id' },
  { kind: 'journal.inputs', path: ['journal', 'inputs'] },
];

const INDEX: readonly Collection[] = [
  { kind: 'dialog', path: ['dialogs'] },
  { kind: 'outbox', path: ['outbox', 'pending'], by: 'key' },
  { kind: 'sent', path: ['outbox', 'sent'] },
];

export type Layout = 'cell' | 'index';
const LAYOUTS: Record<Layout, readonly Collection[]> = { cell: CELL, index: INDEX };

/** The root row's kind. */
export const ROOT = 'root';

/** A row's identity inside its shard. */
export function rowId(kind: string, key: string): string {
  return `${kind}\u0000${key}`;
}

export function parseRowId(id: string): { kind: string; key: string } {
  const i = id.indexOf('\u0000');
  return { kind: id.slice(0, i), key: id.slice(i + 1) };
}

type Obj = Record<string, unknown>;

/**
 * The objects that hold a collection at `path` (its last step) inside `obj`, each with the
 * key prefix of the '*' steps on the way. Every object on the way is replaced by a shallow
 * copy, so the data split is never changed.
 */
function holders(obj: Obj, path: readonly string[], prefix = ''): { holder: Obj; prefix: string }[] {
  if (path.length === 1) return [{ holder: obj, prefix }];
  const [seg, ...rest] = path as [string, ...string[]];
  const child = obj[seg] as Obj | undefined | null;
  if (child === undefined || child === null) return [];
  const copy = { ...child };
  obj[seg] = copy;
  if (rest[0] !== '*') return holders(copy, rest, prefix);
  return Object.keys(copy).flatMap((k) => {
    const entry = { ...(copy[k] as Obj) };
    copy[k] = entry;
    return holders(entry, rest.slice(1), `${prefix}${k}/`);
  });
}

/** The rows of a shard's data, in the data's own order; `data` is left as it was. */
export function split(layout: Layout, data: object): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  const root: Obj = { ...(data as Obj) };
  for (const c of LAYOUTS[layout]) {
    const last = c.path[c.path.length - 1]!;
    for (const { holder, prefix } of holders(root, c.path)) {
      const coll = holder[last];
      if (coll === undefined || coll === null) continue;
      if (Array.isArray(coll)) {
        for (const v of coll) {
          const id = rowId(c.kind, prefix + String((v as Obj)[c.by!]));
          if (rows.has(id)) throw new Error(`two entries of ${c.kind} have the key ${id}`);
          rows.set(id, v);
        }
        holder[last] = [];
      } else {
        for (const [k, v] of Object.entries(coll as Obj)) rows.set(rowId(c.kind, prefix + k), v);
        holder[last] = {};
      }
    }
  }
  rows.set(rowId(ROOT, ''), root);
  return rows;
}

/**
 * The data of a shard from its rows, in the order given (the rows' insertion order). The
 * values given are never changed: an entry's value is placed as it is (so a cache may pass
 * the values it holds), and the objects that receive entries — the root and the entries of
 * a collection that holds another — are copied first.
 */
export function join(layout: Layout, rows: Iterable<[string, unknown]>): object {
  const cols = LAYOUTS[layout];
  // Kinds whose entries hold an inner collection (a review holds its submissions and decisions).
  const holding = new Set(cols.filter((c) => cols.some((o) => o !== c && o.path.length > c.path.length + 1 && c.path.every((seg, i) => o.path[i] === seg))).map((c) => c.kind));
  const byKind = new Map<string, [string, unknown][]>();
  let root: Obj | undefined;
  for (const [id, v] of rows) {
    const { kind, key } = parseRowId(id);
    if (kind === ROOT) root = structuredClone(v as Obj);
    else {
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push([key, holding.has(kind) ? structuredClone(v) : v]);
    }
  }
  if (!root) throw new Error('a shard without its root row');
  // Outer collections first: the inner ones go into the entries the outer ones put back.
  for (const c of [...cols].reverse()) {
    const stars = c.path.filter((s) => s === '*').length;
    const last = c.path[c.path.length - 1]!;
    for (const [key, v] of byKind.get(c.kind) ?? []) {
      let rest = key;
      const parts: string[] = [];
      for (let i = 0; i < stars; i++) {
        const at = rest.indexOf('/');
        parts.push(rest.slice(0, at));
        rest = rest.slice(at + 1);
      }
      let holder: Obj = root;
      let p = 0;
      for (const seg of c.path.slice(0, -1)) {
        const name = seg === '*' ? parts[p++]! : seg;
        holder = (holder[name] ??= {}) as Obj;
      }
      const coll = (holder[last] ??= c.by ? [] : {}) as Obj | unknown[];
      if (Array.isArray(coll)) coll.push(v);
      else coll[rest] = v;
    }
  }
  return root;
}
