/**
 * Notices: messages the bot sends on its own (not direct replies). Services and planners
 * produce them as data; the telegram layer renders each kind in Vietnamese when it sends.
 * Each feature declares its kinds in its own core module; the union is below.
 */
import type { Member } from './members.ts';
import type { MeetingNotice } from './meetings/model.ts';
import type { DuesNotice } from './dues/model.ts';
import type { ReviewNotice } from './review/model.ts';

/** Every notice; each feature declares its own kinds in its core module. */
export type Notice = MemberNotice | MeetingNotice | DuesNotice | ReviewNotice;

export type MemberNotice =
  | { kind: 'join.request'; cellId: string; member: Pick<Member, 'id' | 'name' | 'gender' | 'birthYear' | 'partyStatus' | 'admittedOn' | 'theory' | 'civilKind' | 'workplace'> }
  | { kind: 'join.approved'; cellName: string }
  | { kind: 'join.refused'; cellName: string }
  | { kind: 'secretary.assigned'; cellName: string; name: string }
  | { kind: 'member.unreachable'; name: string }
  | { kind: 'probation.due'; name: string; since: string; due: string }
  | { kind: 'group.removed'; cellName: string; groupTitle: string };

/**
 * A document an outbox item carries: a reference, rendered into the file by the sender at
 * send time from what the store then holds (no bytes in the outbox). A reference whose
 * version is no longer the current one is not sent (a newer item carries the newer one).
 */
export type DocumentRef = { kind: 'evaluationCopy'; memberId: string; year: number; version: number };

/** A message waiting in the outbox. The key makes it idempotent: a key is sent at most once. */
export interface OutboxItem {
  key: string;
  chatId: number;
  notice: Notice;
  /** Sent as this document, with the notice as its caption. */
  document?: DocumentRef;
  /** The member it is for, when a private message: a 403 marks them unreachable. */
  memberId?: string;
  createdAt: string;
  /** Not to be sent after this instant (a reminder whose moment has passed). */
  expiresAt?: string;
  attempts: number;
  /** Set just before the send: if the process dies before it is marked sent, it is not sent again. */
  attemptedAt?: string;
}

export interface OutboxData {
  pending: OutboxItem[];
  /** key → ISO instant it was sent (or given up). Pruned after PRUNE_SENT_DAYS. */
  sent: Record<string, string>;
}

export const PRUNE_SENT_DAYS = 120;

export function emptyOutbox(): OutboxData {
  return { pending: [], sent: {} };
}

export type PlannedMessage = Omit<OutboxItem, 'createdAt' | 'attempts' | 'attemptedAt'>;

/** Adds planned messages whose keys are neither pending nor sent; returns how many were added. */
export function enqueue(box: OutboxData, planned: readonly PlannedMessage[], now: Date): number {
  let added = 0;
  const pendingKeys = new Set(box.pending.map((p) => p.key));
  for (const p of planned) {
    if (box.sent[p.key] !== undefined || pendingKeys.has(p.key)) continue;
    pendingKeys.add(p.key);
    box.pending.push({ ...p, createdAt: now.toISOString(), attempts: 0 });
    added++;
  }
  return added;
}

/** Removes the item from pending and remembers its key as done. */
export function settle(box: OutboxData, key: string, now: Date): void {
  box.pending = box.pending.filter((p) => p.key !== key);
  box.sent[key] = now.toISOString();
}

/**
 * The sender's mark on a pending item (see StoragePort.markOutbox): 'attempt' (attempts + 1,
 * attemptedAt; refused — undefined — when already attempted), 'release' (attemptedAt
 * cleared, to retry), 'settle' (gone from pending, its key sent). The item as now, or undefined.
 */
export function markItem(box: OutboxData, key: string, mark: 'attempt' | 'release' | 'settle', now: Date): OutboxItem | undefined {
  const item = box.pending.find((p) => p.key === key);
  if (!item) return undefined;
  if (mark === 'settle') {
    settle(box, key, now);
    return undefined;
  }
  if (mark === 'release') delete item.attemptedAt;
  else {
    if (item.attemptedAt) return undefined;
    item.attempts++;
    item.attemptedAt = now.toISOString();
  }
  return item;
}

export function pruneSent(box: OutboxData, now: Date): void {
  const limit = now.getTime() - PRUNE_SENT_DAYS * 86_400_000;
  for (const [k, at] of Object.entries(box.sent)) if (Date.parse(at) < limit) delete box.sent[k];
}
