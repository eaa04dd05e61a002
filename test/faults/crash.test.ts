/**
 * Crash: the real bot in a child process serves a stream of user actions (RSVPs with
 * reasons, journal notes through their dialog, dues claims) while the meeting reminder of
 * six cells of 40 members fans out, and is killed with SIGKILL at random moments, 20
 * times. After each kill: every data file parses, every acknowledged action (its reply
 * reached the user) is on disk, no half action is (the disk is the state after some
 * prefix of each user's actions, never between two writes of one action), and no
 * reminder reached a chat twice. At the end a last run settles everything and the
 * reminders lost in a crash instant (marked as being sent when the process died, so not
 * repeated) are counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeBotApi, type ChatMessage, type FakeUser } from '../support/fake-bot-api.ts';
import { random } from '../support/seed.ts';
import { cellData, parseAll, usersOf, writeCells } from './world.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { renderNotice } from '../../src/telegram/notices/index.ts';
import { PLANNERS } from '../../src/scheduler/scheduler.ts';
import type { CellFile } from '../../src/store/schema.ts';

const CHILD = path.join(import.meta.dirname, '../support/bot-process.ts');
const KILLS = 20;
/** Three days before the meetings of 05/11/2024 14:00: their first reminder is due. */
const NOW = '2024-11-02T15:00:00+07:00';
const MONTH_OCCURRENCE = 'r202411';
const T = t.meetings;
const J = t.journal;
const D = t.dues;

// ---------------------------------------------------------------- the child

interface Child {
  proc: ChildProcessWithoutNullStreams;
  stderr: () => string;
  go(): void;
  ready: Promise<void>;
  isReady(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnChild(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CHILD], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  let isReady = false;
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) {
        isReady = true;
        resolve();
      }
    });
    proc.on('exit', () => reject(new Error(`child exited before it was ready: ${err.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, stderr: () => err, go: () => proc.stdin.write('go\n'), ready, isReady: () => isReady, exited };
}

// ---------------------------------------------------------------- users' actions and what they should leave on disk

type Kind = 'meeting' | 'yes' | 'no' | 'reason' | 'note.step' | 'note.submit' | 'dues' | 'claim';

interface Action {
  kind: Kind;
  /** The reason or the note's text. */
  value?: string;
  /** How many bot messages the chat had before the action was sent. */
  mark: number;
  /** The reply that acknowledges it. */
  ack: (m: ChatMessage) => boolean;
}

class Actor {
  readonly actions: Action[] = [];
  constructor(
    readonly u: FakeUser,
    private readonly api: FakeBotApi,
    private readonly aborted: Promise<never>,
  ) {}

  /** Sends one update and waits until the bot handled it (across restarts); returns the acknowledging reply, if any. */
  async step(kind: Kind, push: () => number, ack: (m: ChatMessage) => boolean, value?: string): Promise<ChatMessage | undefined> {
    const action: Action = { kind, mark: this.u.mark(), ack, ...(value !== undefined ? { value } : {}) };
    this.actions.push(action);
    await Promise.race([this.api.handled(push(), 60_000), this.aborted]);
    return this.u.messages().slice(action.mark).find(ack);
  }

  press(msg: ChatMessage | undefined, label: string): () => number {
    return () => {
      const button = msg?.keyboard?.flat().find((b) => b.text === label);
      // a press on a message without that button is still an update the bot must answer
      return this.api.pushPress(this.u.user, msg ?? this.u.messages().at(-1)!, button?.callback_data ?? 'stale');
    };
  }

  text(s: string): () => number {
    return () => this.api.pushText(this.u.user, s);
  }

  /** Index of the last action whose reply reached the user. */
  lastAcked(): number {
    const msgs = this.u.messages();
    for (let i = this.actions.length - 1; i >= 0; i--) {
      const a = this.actions[i]!;
      const end = this.actions[i + 1]?.mark ?? msgs.length;
      if (msgs.slice(a.mark, end).some(a.ack)) return i;
    }
    return -1;
  }
}

const hasButton = (label: string) => (m: ChatMessage) => Boolean(m.keyboard?.flat().some((b) => b.text === label));

/** A member who answers the meeting over and over: ✅, then ❌ with a reason, then ✅ … */
async function rsvpLoop(a: Actor, stop: () => boolean): Promise<void> {
  for (let n = 0; !stop(); n++) {
    const card = await a.step('meeting', a.text('/meeting'), (m) => m.text.startsWith(T.cardNext) && hasButton(T.yes)(m));
    if (!card) continue;
    if (n % 2 === 0) {
      await a.step('yes', a.press(card, T.yes), (m) => m.text.startsWith('✓ Đã ghi nhận: đồng chí tham dự'));
    } else {
      await a.step('no', a.press(card, T.no), (m) => m.text.startsWith('Xin đồng chí cho biết lý do vắng'));
      const reason = `Lý do ${a.u.id}-${n}`;
      await a.step('reason', a.text(reason), (m) => m.text.includes(`lý do: ${reason}.`), reason);
    }
  }
}

/** The secretary writes note after note through /note's dialog. */
async function noteLoop(a: Actor, stop: () => boolean): Promise<void> {
  const section = J.sections.tu_tuong;
  for (let n = 0; !stop(); n++) {
    const home = await a.step('note.step', a.text('/note'), hasButton(J.newEntry));
    const q0 = home && (await a.step('note.step', a.press(home, J.newEntry), (m) => m.text === J.askGroup));
    const q1 = q0 && (await a.step('note.step', a.press(q0, J.groups.ket_qua), (m) => m.text === J.askSectionOf(J.groups.ket_qua)));
    const q2 = q1 && (await a.step('note.step', a.press(q1, section), (m) => m.text === J.askDate));
    const q3 = q2 && (await a.step('note.step', a.press(q2, J.today), (m) => m.text === J.askText));
    const text = `Ghi chép số ${n}: chi bộ tổ chức học tập nghị quyết.`;
    const review = q3 && (await a.step('note.step', a.text(text), hasButton(t.buttons.submit)));
    if (review) await a.step('note.submit', a.press(review, t.buttons.submit), (m) => m.text === J.saved(section), text);
  }
}

/** A member claims this month's dues once ("Tôi đã đóng", cash), then answers the meeting. */
async function claimThenRsvp(a: Actor, stop: () => boolean): Promise<void> {
  for (let tries = 0; tries < 3 && !stop(); tries++) {
    const mine = await a.step('dues', a.text('/dues'), (m) => Boolean(m.keyboard?.flat().some((b) => b.callback_data?.startsWith('du:'))));
    if (!mine || !hasButton(D.iPaid)(mine)) break;
    const pick = await a.step('dues', a.press(mine, D.iPaid), (m) => m.text === D.pickClaim);
    if (!pick) continue;
    const done = await a.step('claim', a.press(pick, D.byCash), (m) => m.text === D.claimSent(['2024-11'], 'cash'));
    if (done) break;
  }
  await rsvpLoop(a, stop);
}

// ---------------------------------------------------------------- checks of the disk against the actions

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

/** The disk holds the state after some prefix of the member's actions that includes every acknowledged one. */
function checkRsvps(a: Actor, cell: CellFile, when: string): void {
  const id = String(a.u.id);
  const r = cell.meetings.records[MONTH_OCCURRENCE]?.rsvp[id];
  const disk: MeetingState = { rsvp: !r ? 'none' : r.answer === 'yes' ? 'yes' : `no:${r.reason}`, absent: Boolean(cell.dialogs[id]?.states.mtabsent) };
  const states: MeetingState[] = [{ rsvp: 'none', absent: false }];
  for (const act of a.actions) states.push(applyRsvp(states.at(-1)!, act));
  const from = a.lastAcked() + 1;
  const possible = states.slice(from);
  assert.ok(
    possible.some((s) => s.rsvp === disk.rsvp && s.absent === disk.absent),
    `${when}: member ${id} has ${JSON.stringify(disk)} on disk; after the acknowledged actions it can only be one of ${JSON.stringify(possible)}`,
  );
}

function checkNotes(a: Actor, cell: CellFile, when: string): number {
  const onDisk = cell.journal.entries.filter((e) => e.text.startsWith('Ghi chép số ')).map((e) => e.text);
  assert.equal(new Set(onDisk).size, onDisk.length, `${when}: a note is on disk twice`);
  const submitted = a.actions.filter((x) => x.kind === 'note.submit').map((x) => x.value!);
  for (const text of onDisk) assert.ok(submitted.includes(text), `${when}: a note nobody submitted: ${text}`);
  const msgs = a.u.messages();
  a.actions.forEach((x, i) => {
    if (x.kind !== 'note.submit') return;
    const acked = msgs.slice(x.mark, a.actions[i + 1]?.mark ?? msgs.length).some(x.ack);
    if (acked) assert.ok(onDisk.includes(x.value!), `${when}: the acknowledged note "${x.value}" is not on disk`);
  });
  // Half an action: the note saved while the dialog still waits for its "Gửi".
  const open = cell.dialogs[String(a.u.id)]?.states.note;
  if (open?.step === '_review') assert.ok(!onDisk.includes(String(open.answers.text)), `${when}: the note "${open.answers.text}" is saved and its dialog still asks to send it`);
  return onDisk.length;
}

function checkClaims(a: Actor, cell: CellFile, when: string): void {
  const id = String(a.u.id);
  const claims = cell.dues.claims.filter((c) => c.memberId === id && c.month === '2024-11');
  assert.ok(claims.length <= 1, `${when}: ${claims.length} claims of member ${id} for 11/2024`);
  const msgs = a.u.messages();
  a.actions.forEach((x, i) => {
    if (x.kind !== 'claim') return;
    if (msgs.slice(x.mark, a.actions[i + 1]?.mark ?? msgs.length).some(x.ack)) assert.equal(claims.length, 1, `${when}: member ${id}'s acknowledged claim is not on disk`);
  });
}

// ---------------------------------------------------------------- the test

test('kill -9 of the bot at 20 random moments while users act and reminders fan out: whole acknowledged actions, no reminder twice', async (t) => {
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-crash-'));
  const children: Child[] = [];
  let abort = () => {};
  let loops: Promise<void>[] = [];
  try {
    const cells = Array.from({ length: 6 }, (_, i) => cellData({ cellId: `c${i + 1}`, year: 2024, asOf: '2024-11-01', members: 40, firstId: 10_000 * (i + 1), review: false, groupChatId: -1001 - i }));
    await writeCells(dataDir, cells);
    const users = usersOf(api, cells[0]!);
    for (const c of cells.slice(1)) usersOf(api, c);
    for (const c of cells) api.group({ id: c.cell.groupChatId!, title: c.cell.name });
    const member = (i: number) => users.get(String(10_000 + i))!;

    const env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      BOT_CLOCK_BASE: NOW,
      BOT_CLOCK_EPOCH: String(Date.now()),
      BOT_WAIT_STDIN: '1',
    };
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    t.diagnostic(`FAULT_SEED=${seed}`);

    let stopping = false;
    const stop = () => stopping;
    const aborted = new Promise<never>((_, reject) => (abort = () => reject(new Error('aborted'))));
    aborted.catch(() => undefined);
    const secretary = new Actor(member(0), api, aborted);
    const rsvpers = [3, 4, 5, 6].map((i) => new Actor(member(i), api, aborted));
    const claimers = [7, 8].map((i) => new Actor(member(i), api, aborted));
    loops = [noteLoop(secretary, stop), ...rsvpers.map((a) => rsvpLoop(a, stop)), ...claimers.map((a) => claimThenRsvp(a, stop))];

    const checkDisk = async (when: string) => {
      const { cells: onDisk } = await parseAll(dataDir); // every file parses
      assert.equal(onDisk.size, cells.length);
      const c1 = onDisk.get('c1')!;
      for (const a of [...rsvpers, ...claimers]) checkRsvps(a, c1, when);
      for (const a of claimers) checkClaims(a, c1, when);
      return checkNotes(secretary, c1, when);
    };

    let child = spawnChild(env);
    children.push(child);
    const killedAt: string[] = [];
    for (let round = 0; round < KILLS; round++) {
      child.go();
      // The spare loads its modules once this one is up (or dead), not during its start.
      let spare: Child | undefined;
      const makeSpare = () => {
        spare ??= spawnChild(env);
        if (!children.includes(spare)) children.push(spare);
      };
      child.ready.then(makeSpare, () => undefined);
      // Some kills fall in the start (store open, catch-up), most while serving.
      const delay = 20 + Math.floor(rnd() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      const wasReady = child.isReady();
      child.proc.kill('SIGKILL');
      const { signal } = await child.exited;
      assert.equal(signal, 'SIGKILL', `round ${round}: the child died on its own: ${child.stderr().slice(-2000)}`);
      killedAt.push(`${delay}${wasReady ? '' : '*'}`);
      makeSpare();
      await checkDisk(`after kill ${round + 1}`);
      child = spare!;
    }

    // The last run: the users finish what they were doing, everything planned goes out, SIGTERM.
    stopping = true;
    child.go();
    await child.ready;
    await Promise.all(loops);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { cells: now } = await parseAll(dataDir);
      if ([...now.values()].every((c) => c.outbox.pending.length === 0)) break;
      assert.ok(Date.now() < deadline, 'the outbox did not empty in the last run');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.proc.kill('SIGTERM');
    assert.equal((await child.exited).code, 0, 'a clean stop after all the crashes');
    const notes = await checkDisk('at the end');

    // Reminders: the 3-day reminder of 05/11 was due for every member and group at the start.
    const logs = children.map((c) => c.stderr()).join('\n');
    const interrupted = new Set([...logs.matchAll(/send interrupted by a restart, not repeated .*"key":"([^"]+)"/g)].map((m) => m[1]!));
    const { cells: final } = await parseAll(dataDir);
    let planned = 0;
    let lost = 0;
    for (const c of final.values()) {
      const keys = Object.keys(c.outbox.sent).filter((k) => k.startsWith(`${c.cell.id}:meeting:${MONTH_OCCURRENCE}:`));
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
        const got = api.botMessages(chat).filter((m) => m.text.startsWith('🔔 Nhắc lịch sinh hoạt')).length;
        assert.ok(got <= 1, `${k}: sent ${got} times`);
        if (got === 0) {
          assert.ok(interrupted.has(k), `${k}: never sent, and not one interrupted by a crash`);
          lost++;
        }
      }
    }
    // Every other notice planned for these cells (dues alerts, probation) reached its chat at most once, with the same text.
    for (const c of cells) {
      for (const p of PLANNERS.flatMap((plan) => plan(c, new Date(NOW)))) {
        if (p.key.includes(':meeting:')) continue;
        const { text } = renderNotice(p.notice);
        const got = api.botMessages(p.chatId).filter((m) => m.text === text).length;
        assert.ok(got <= 1, `${p.key}: sent ${got} times`);
        if (got === 0) assert.ok(interrupted.has(p.key), `${p.key}: never sent, and not one interrupted by a crash`);
      }
    }
    assert.ok(!logs.includes(api.token) && !logs.includes(api.token.split(':')[1]!), 'the token is in no log line');
    assert.ok(
      !/update failed|unhandled error/.test(logs),
      `no update failed: ${logs
        .split('\n')
        .filter((l) => /update failed|unhandled/.test(l))
        .slice(0, 3)
        .join('\n')}`,
    );
    const acked = (a: Actor) => a.lastAcked();
    assert.ok(notes > 0 && rsvpers.every((a) => acked(a) > 0), 'the users got things done between the kills');
    t.diagnostic(`kills after (ms; * = before the bot was ready): ${killedAt.join(' ')}`);
    t.diagnostic(
      `reminders planned ${planned}, interrupted by a kill ${interrupted.size}, lost in a crash instant ${lost}; notes saved ${notes}; actions ${[secretary, ...rsvpers, ...claimers].reduce((n, a) => n + a.actions.length, 0)}`,
    );
  } finally {
    abort();
    await Promise.allSettled(loops);
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
