/**
 * Members acting through the fake Bot API while a test breaks the bot (kills, restarts,
 * several instances), and the checks of what the store holds against what they did: the
 * users' loops (RSVPs with reasons, journal notes through /note's dialog, "I paid" claims),
 * each action recorded with the reply that acknowledges it, and the checks of a cell as
 * stored — the meeting answers are those after some prefix of a member's actions that holds
 * every action the store must have, no note or claim is stored twice or without its action,
 * and none is half done. Used by test/faults/crash.test.ts (one process, SIGKILL) and
 * test/e2e/instances.test.ts (three processes on PostgreSQL).
 */
import assert from 'node:assert/strict';
import type { ChatMessage, FakeBotApi, FakeUser } from './fake-bot-api.ts';
import { t } from '../../src/telegram/texts/index.ts';
import type { CellFile } from '../../src/store/schema.ts';

const T = t.meetings;
const J = t.journal;
const D = t.dues;

/** The month the members act in: its meeting they answer (OCCURRENCE) and its dues they claim. */
export const MONTH = '2024-11';
export const OCCURRENCE = 'r202411';

// ---------------------------------------------------------------- users' actions

export type Kind = 'meeting' | 'yes' | 'no' | 'reason' | 'note.step' | 'note.submit' | 'dues' | 'claim';

export interface Action {
  kind: Kind;
  /** The reason or the note's text. */
  value?: string;
  /** How many bot messages the chat had before the action was sent. */
  mark: number;
  /** The reply that acknowledges it. */
  ack: (m: ChatMessage) => boolean;
  updateId: number;
  /** The bot handled the update (it confirmed it, across restarts, or an instance answered its post with 2xx). */
  handled: boolean;
}

export class Actor {
  readonly actions: Action[] = [];
  constructor(
    readonly u: FakeUser,
    readonly cellId: string,
    private readonly api: FakeBotApi,
    /** Rejects when the test ends early: the loops stop waiting. */
    private readonly aborted: Promise<never>,
  ) {}

  /** Sends one update and waits until the bot handled it (across restarts); returns the acknowledging reply, if one came. */
  async step(kind: Kind, push: () => number, ack: (m: ChatMessage) => boolean, value?: string): Promise<ChatMessage | undefined> {
    const action: Action = { kind, mark: this.u.mark(), ack, updateId: 0, handled: false, ...(value !== undefined ? { value } : {}) };
    this.actions.push(action);
    action.updateId = push();
    await Promise.race([this.api.handled(action.updateId, 60_000), this.aborted]);
    action.handled = true;
    return this.u.messages().slice(action.mark).find(ack);
  }

  press(msg: ChatMessage, label: string): () => number {
    return () => {
      const button = msg.keyboard?.flat().find((b) => b.text === label);
      assert.ok(button?.callback_data, `member ${this.u.id}: no button "${label}" on "${msg.text}"`);
      return this.api.pushPress(this.u.user, msg, button.callback_data);
    };
  }

  text(s: string): () => number {
    return () => this.api.pushText(this.u.user, s);
  }

  /** Whether action `i`'s reply reached the user (before the next action was sent). */
  answered(i: number): boolean {
    const msgs = this.u.messages();
    const a = this.actions[i]!;
    return msgs.slice(a.mark, this.actions[i + 1]?.mark ?? msgs.length).some(a.ack);
  }

  /** Index of the last action whose reply reached the user. */
  lastAnswered(): number {
    for (let i = this.actions.length - 1; i >= 0; i--) if (this.answered(i)) return i;
    return -1;
  }
}

export const hasButton = (label: string) => (m: ChatMessage) => Boolean(m.keyboard?.flat().some((b) => b.text === label));

/** A member who answers the meeting over and over: ✅, then ❌ with a reason, then ✅ … */
export async function rsvpLoop(a: Actor, stop: () => boolean): Promise<void> {
  for (let n = 0; !stop(); n++) {
    const card = await a.step('meeting', a.text('/meeting'), (m) => m.text.startsWith(T.cardNext) && hasButton(T.yes)(m));
    if (!card) continue;
    if (n % 2 === 0) {
      await a.step('yes', a.press(card, T.yes), (m) => m.text.startsWith('✓ Đã ghi nhận: đồng chí tham dự'));
    } else {
      await a.step('no', a.press(card, T.no), (m) => m.text.startsWith('Xin đồng chí cho biết lý do vắng'));
      // Typed even when the question was lost with a killed bot: the dialog is open if the press was stored.
      const reason = `Lý do ${a.u.id}-${n}`;
      await a.step('reason', a.text(reason), (m) => m.text.includes(`lý do: ${reason}.`), reason);
    }
  }
}

/** The prefix of the notes `a` writes. */
const notePrefix = (a: Actor) => `Ghi chép ${a.u.id}-`;

/** The secretary writes note after note through /note's dialog. */
export async function noteLoop(a: Actor, stop: () => boolean): Promise<void> {
  const section = J.sections.tu_tuong;
  for (let n = 0; !stop(); n++) {
    const home = await a.step('note.step', a.text('/note'), hasButton(J.newEntry));
    const q0 = home && (await a.step('note.step', a.press(home, J.newEntry), (m) => m.text === J.askGroup));
    const q1 = q0 && (await a.step('note.step', a.press(q0, J.groups.ket_qua), (m) => m.text === J.askSectionOf(J.groups.ket_qua)));
    const q2 = q1 && (await a.step('note.step', a.press(q1, section), (m) => m.text === J.askDate));
    const q3 = q2 && (await a.step('note.step', a.press(q2, J.today), (m) => m.text === J.askText));
    const text = `${notePrefix(a)}${n}: chi bộ tổ chức học tập nghị quyết.`;
    const review = q3 && (await a.step('note.step', a.text(text), hasButton(t.buttons.submit)));
    if (review) await a.step('note.submit', a.press(review, t.buttons.submit), (m) => m.text === J.saved(section), text);
  }
}

export interface ClaimOptions {
  /** Then answers the meeting over and over (rsvpLoop). */
  rsvp: boolean;
  /** A claim whose answer did not come is made again (at most 3 tries in all); else the first one sent is the member's only one. */
  untilAnswered: boolean;
}

/** A member claims this month's dues once ("Tôi đã đóng", cash), then (`rsvp`) answers the meeting. */
export async function claimThenRsvp(a: Actor, stop: () => boolean, o: ClaimOptions): Promise<void> {
  for (let tries = 0; tries < 3 && !stop(); tries++) {
    const mine = await a.step('dues', a.text('/dues'), (m) => Boolean(m.keyboard?.flat().some((b) => b.callback_data?.startsWith('du:'))));
    if (!mine || !hasButton(D.iPaid)(mine)) break;
    const pick = await a.step('dues', a.press(mine, D.iPaid), (m) => m.text === D.pickClaim && hasButton(D.byCash)(m));
    if (!pick) continue;
    const done = await a.step('claim', a.press(pick, D.byCash), (m) => m.text === D.claimSent([MONTH], 'cash'));
    if (done || !o.untilAnswered) break;
  }
  if (o.rsvp) await rsvpLoop(a, stop);
}

// ---------------------------------------------------------------- checks of the store against the actions

/** How a cell read from the store is checked against an actor's actions. */
export interface Reading {
  /** Opens every assertion's message: when the store was read ("after kill 3"). */
  when: string;
  /**
   * The actions the store must hold: those whose reply reached the user ('answered': the bot
   * may die after storing an action and before replying, or before storing it), or those the
   * bot handled ('handled': an instance answered the post with 2xx only once it was stored).
   */
  held: 'answered' | 'handled';
}

/** Whether the store must hold the actor's action `i`. */
const mustHold = (a: Actor, r: Reading, i: number) => (r.held === 'answered' ? a.answered(i) : a.actions[i]!.handled);

/** The index after the last action the store must hold: it holds the state after that many actions or more. */
function heldUpTo(a: Actor, r: Reading): number {
  for (let i = a.actions.length - 1; i >= 0; i--) if (mustHold(a, r, i)) return i + 1;
  return 0;
}

interface MeetingState {
  rsvp: string;
  absent: boolean;
}

function applyRsvp(s: MeetingState, a: Action): MeetingState {
  switch (a.kind) {
    case 'yes':
      return { rsvp: 'yes', absent: false };
    case 'no':
      return { rsvp: s.rsvp, absent: true };
    case 'reason':
      return s.absent ? { rsvp: `no:${a.value}`, absent: false } : s;
    default:
      return s;
  }
}

/** The store holds the answer and open question after some prefix of the member's actions that includes every one it must hold, in order. */
export function checkRsvps(a: Actor, cell: CellFile, r: Reading): void {
  const id = String(a.u.id);
  const rec = cell.meetings.records[OCCURRENCE]?.rsvp[id];
  const stored: MeetingState = { rsvp: !rec ? 'none' : rec.answer === 'yes' ? 'yes' : `no:${rec.reason}`, absent: Boolean(cell.dialogs[id]?.states.mtabsent) };
  const states: MeetingState[] = [{ rsvp: 'none', absent: false }];
  for (const act of a.actions) states.push(applyRsvp(states.at(-1)!, act));
  const possible = states.slice(heldUpTo(a, r));
  assert.ok(
    possible.some((s) => s.rsvp === stored.rsvp && s.absent === stored.absent),
    `${r.when}: member ${id} of ${a.cellId} has ${JSON.stringify(stored)} stored after ${a.actions.filter((x) => x.kind !== 'meeting').length} answers; after the acknowledged actions it can only be one of ${JSON.stringify(possible)}`,
  );
}

/** Every note the store must hold is stored once, no other note is, and none is stored while its dialog still asks to send it; returns how many are stored. */
export function checkNotes(a: Actor, cell: CellFile, r: Reading): number {
  const stored = cell.journal.entries.filter((e) => e.text.startsWith(notePrefix(a))).map((e) => e.text);
  assert.equal(new Set(stored).size, stored.length, `${r.when}: a note of ${a.cellId} is stored twice: ${stored.filter((s, i) => stored.indexOf(s) !== i).join(' | ')}`);
  const submitted = a.actions.filter((x) => x.kind === 'note.submit');
  for (const s of stored)
    assert.ok(
      submitted.some((x) => x.value === s),
      `${r.when}: a note of ${a.cellId} nobody submitted is stored: ${s}`,
    );
  a.actions.forEach((x, i) => {
    if (x.kind !== 'note.submit' || !mustHold(a, r, i)) return;
    assert.ok(stored.includes(x.value!), `${r.when}: the acknowledged note "${x.value}" (update ${x.updateId}) of ${a.cellId} is not stored`);
  });
  // Half an action: the note saved while the dialog still waits for its "Gửi".
  const open = cell.dialogs[String(a.u.id)]?.states.note;
  if (open?.step === '_review') assert.ok(!stored.includes(String(open.answers.text)), `${r.when}: the note "${open.answers.text}" is stored and its dialog still asks to send it`);
  return stored.length;
}

/** No month claimed twice, none without a claim sent; a claim answered as sent is stored (one acknowledged without that answer may have been refused by a rule, the refusal answered instead). */
export function checkClaims(a: Actor, cell: CellFile, r: Reading): void {
  const id = String(a.u.id);
  const months = cell.dues.claims.filter((c) => c.memberId === id).map((c) => c.month);
  assert.equal(new Set(months).size, months.length, `${r.when}: member ${id} of ${a.cellId}: a month claimed twice: ${months.join(', ')}`);
  const sent = a.actions.flatMap((x, i) => (x.kind === 'claim' ? [i] : []));
  if (!sent.length) assert.equal(months.length, 0, `${r.when}: member ${id} of ${a.cellId}: a claim nobody sent`);
  if (sent.some((i) => a.answered(i))) assert.ok(months.includes(MONTH), `${r.when}: member ${id} of ${a.cellId}: the claim answered as sent is not stored`);
}

// ---------------------------------------------------------------- what the members received

/** The text a meeting reminder starts with. */
export const REMINDER = '🔔 Nhắc lịch sinh hoạt';

/** The outbox keys whose send a kill interrupted (so not repeated), as the bot logged them. */
export function interruptedSends(logs: string): Set<string> {
  return new Set([...logs.matchAll(/send interrupted by a restart, not repeated[^\n]*"key":"([^"]+)"/g)].map((m) => m[1]!));
}

/**
 * The reminders of the meeting OCCURRENCE: each cell as stored has one sent key per active
 * member and the group (the attendance nudge at the meeting's start aside), each reached its
 * chat at most once, and one that never did is one whose send a kill interrupted. Returns
 * how many were planned and how many lost so.
 */
export function checkReminders(cells: Iterable<CellFile>, api: FakeBotApi, interrupted: ReadonlySet<string>): { planned: number; lost: number } {
  let planned = 0;
  let lost = 0;
  for (const c of cells) {
    const keys = Object.keys(c.outbox.sent).filter((k) => k.startsWith(`${c.cell.id}:meeting:${OCCURRENCE}:`) && !k.includes(':start@'));
    const recipients = [
      ...Object.values(c.members)
        .filter((m) => m.state === 'active')
        .map((m) => m.id),
      'group',
    ];
    assert.deepEqual(keys.map((k) => k.split(':').at(-1)).sort(), recipients.sort(), `${c.cell.id}: one reminder key per member and the group`);
    for (const k of keys) {
      planned++;
      const who = k.split(':').at(-1)!;
      const chat = who === 'group' ? c.cell.groupChatId! : Number(who);
      const got = api.botMessages(chat).filter((m) => m.text.startsWith(REMINDER)).length;
      assert.ok(got <= 1, `${k}: sent ${got} times`);
      if (got === 0) {
        assert.ok(interrupted.has(k), `${k}: never sent, and not one whose send a kill interrupted`);
        lost++;
      }
    }
  }
  return { planned, lost };
}
