/**
 * One change of a shard's data, for every engine: `fn` edits a draft of `base` and the
 * result is a new version that shares every part it did not change with `base` (immer),
 * so versions are never changed in place and an engine can tell the changed parts by
 * identity. If `fn` throws, nothing changed.
 */
import { createDraft, current, finishDraft, isDraft, setAutoFreeze } from 'immer';

// Versions are not frozen (freezing walks the whole tree); nothing mutates them by convention.
setAutoFreeze(false);

/** What an update returns may hold parts of the draft: they are copied out before it ends. */
function detach<V>(v: V): V {
  if (isDraft(v)) return current(v as object) as V;
  if (Array.isArray(v)) return v.map(detach) as V;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = detach(x);
    return out as V;
  }
  return v;
}

export function change<T extends object, R>(base: T, fn: (draft: T, base: T) => R): { next: T; result: R } {
  const draft = createDraft(base);
  const result = detach(fn(draft as T, base));
  return { next: finishDraft(draft) as T, result };
}
