/**
 * Hostile input, property-based (fast-check), at every step of every dialog: random
 * Unicode, emoji, right-to-left and zero-width characters, 10,000-character messages,
 * near-misses of the accepted formats and commands with junk arguments. Every input gets
 * an answer, nothing fails ('update failed' never logged), and the dialog state stays
 * intact: the same dialog at the same step with the same answers when the input is
 * refused (a multi-message section gains exactly the text sent), and when it is
 * accepted only the step's own answer changes. Every step is reached the way a user
 * reaches it (each dialog is walked with valid answers, editing from its review screen).
 *
 * FAULT_RUNS (inputs per step, default 5) and FAULT_SEED make a run longer or repeatable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells, wellFormed } from './world.ts';
import { normalizeReview, openYear } from '../../src/core/review/index.ts';
import {
  cbDialog,
  cbDues,
  cbJournal,
  cbMeeting,
  cbMember,
  cbReview,
  cbSettings,
  type DuesAction,
  type JournalAction,
  type MeetingAction,
  type ReviewAction,
} from '../../src/telegram/callback-data.ts';
import { dialogDef, REVIEW, type DialogEnv, type StepDef } from '../../src/telegram/dialogs/engine.ts';
import { stepField } from '../../src/telegram/dialogs/transition.ts';
import { answersToSubmission } from '../../src/telegram/dialogs/evaluate.ts';
import { figuresOf } from '../../src/telegram/dialogs/opening.ts';
import { openingOf } from '../../src/core/journal.ts';
import { localDate } from '../../src/core/time.ts';
import type { DialogState } from '../../src/core/dialog-state.ts';

const RUNS = Number(process.env.FAULT_RUNS ?? 5);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const EDIT = '_edit';
const NOW = '2024-11-04T09:00:00+07:00';

// ---------------------------------------------------------------- hostile input

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const RTL = ['مرحبا بالعالم', 'שלום', '\u202e', '\u200f', '\u202b', 'ابت‎'];
const EMOJI = ['😀', '👍🏽', '🇻🇳', '👨‍👩‍👧‍👦', '❤️', '🏳️‍🌈', '🙏', '\u{1F9D1}\u200d\u{1F4BB}'];
const NEAR = [
  '31/02/2024',
  '00/00/0000',
  '99/99/9999',
  '1/13/2024',
  '45.000,50',
  '-1',
  '0',
  '1e9',
  '99999999999999',
  '25:61',
  '14h99',
  '3 ngàyy',
  'thứ Tám',
  '12/2024',
  '2024',
  '١٢٣',
  '４５０００',
  'NaN',
  'null',
  'undefined',
  '__proto__',
  '<b>x</b>',
  '`x`',
  '*x*',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is one of the hostile inputs
  '${x}',
  '%s%n',
  '\\',
  '\n\n\n',
  'a\r\nb',
  '\t',
];
/** Commands that do not start or leave a dialog themselves (those are not junk but an intent). */
const COMMANDS = ['help', 'whoami', 'meeting', 'hop', 'dues', 'dangphi', 'members', 'member', 'settings', 'invite', 'linkgroup', 'note', 'report', 'baocao', 'start', 'x', 'help@chibo_test_bot'];

const piece = fc.oneof(fc.constantFrom(...ZERO_WIDTH, ...RTL, ...EMOJI, ...NEAR), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }));
const junk = fc.array(piece, { minLength: 1, maxLength: 10 }).map((xs) => xs.join(''));
const long = fc.tuple(fc.constantFrom('a', 'ệ', '😀', '\u200b', 'م', 'x y '), fc.integer({ min: 4000, max: 10_000 })).map(([c, n]) => [...c.repeat(n)].slice(0, n).join(''));
const command = fc.tuple(fc.constantFrom(...COMMANDS), junk).map(([c, a]) => `/${c} ${a}`);

/** What Telegram could deliver as a text message: well-formed, not empty once trimmed. */
const hostile = fc.oneof({ weight: 5, arbitrary: junk }, { weight: 1, arbitrary: long }, { weight: 2, arbitrary: command }).filter((s) => wellFormed(s) && s.trim().length > 0);

// ---------------------------------------------------------------- the world

let h: Harness;
let dataDir: string;
let u: Map<string, FakeUser>;
const A = 'h1';

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-hostile-'));
  const a = cellData({ cellId: A, year: 2024, asOf: '2024-11-01', members: 10, firstId: 800, review: false, groupChatId: -5001 });
  a.review = normalizeReview(a.review);
  assert.ok(openYear(a.review, 2024, '800', new Date('2024-11-01T09:00:00+07:00'), '2024-11-20').ok);
  const b = cellData({ cellId: 'h2', year: 2024, asOf: '2024-11-01', members: 4, firstId: 1800, review: false });
  await writeCells(dataDir, [a, b]);
  h = await startHarness({ now: NOW, dataDir });
  u = usersOf(h.api, a);
  u.set('admin', h.api.user({ id: 900, first_name: 'Quản trị' }));
  u.set('joiner', h.api.user({ id: 1300, first_name: 'Thử' }));
  await h.settle();
});

after(async () => {
  await h.stop();
  await rm(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- walking a dialog

/** A move: typed text, or a dialog button by its action (o<i>, skip, done, back, edit, e<i>, submit). */
type Move = string | { press: string };

interface Spec {
  id: string;
  who: string;
  /** Opens the dialog the way a user does. */
  start: () => Promise<void>;
  /** Valid answers by step (a choice step without one takes its first option). */
  valid?: Record<string, Move[] | ((s: DialogState) => Move[])>;
  /** Keys an accepted answer of a step may set besides its own (the step's `assign`). */
  assigns?: Record<string, string[]>;
  /** At the end: send it (the review's "Gửi"), or leave it (/cancel). */
  submit?: boolean;
  /** After "Gửi": what was saved is what the review showed (the answers were not corrupted on the way). */
  saved?: (answers: DialogState['answers']) => Promise<void>;
}

const user = (s: Spec) => u.get(s.who)!;
const active = async (s: Spec): Promise<DialogState | undefined> => {
  const st = await h.app.services.dialogs.active(user(s).id);
  return st ? structuredClone(st) : undefined;
};
const stepsOf = (s: Spec) => dialogDef(s.id)!.steps;
const indexOf = (s: Spec, step: string) => (step === REVIEW || step === EDIT ? stepsOf(s).length : stepsOf(s).findIndex((x) => x.id === step));

/** A press of the button `action` of `step`, as the open dialog's buttons carry them (its start's tag). */
async function press(s: Spec, step: string, action: string): Promise<void> {
  const st = await active(s);
  await user(s).pressData(cbDialog.make({ dialog: s.id, step: st ? stepField(st, step) : step, action }));
}

async function play(s: Spec, st: DialogState, m: Move): Promise<void> {
  if (typeof m === 'string') await user(s).send(m);
  else await press(s, st.step, m.press);
}

function validMoves(s: Spec, st: DialogState): Move[] {
  const v = s.valid?.[st.step];
  if (v) return typeof v === 'function' ? v(st) : v;
  const step = stepsOf(s).find((x) => x.id === st.step)!;
  if (step.input.kind === 'multi') return (st.answers[step.id] as string[] | undefined)?.length ? [{ press: 'done' }] : ['Nội dung hợp lệ của phần này.', { press: 'done' }];
  if (step.skip) return [{ press: 'skip' }];
  return [{ press: 'o0' }];
}

/** Brings the dialog to `target` (after a hostile input moved it on, finished it, or another dialog took over). */
async function reach(s: Spec, target: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const st = await active(s);
    if (st?.id === s.id && st.step === target) return;
    if (!st || st.id !== s.id) {
      await s.start();
      continue;
    }
    if (st.step === REVIEW) await press(s, REVIEW, target === EDIT ? 'edit' : 'edit');
    else if (st.step === EDIT) await press(s, EDIT, target === REVIEW ? 'review' : `e${indexOf(s, target)}`);
    else if (target === REVIEW || target === EDIT || indexOf(s, st.step) < indexOf(s, target)) for (const m of validMoves(s, st)) await play(s, st, m);
    else await press(s, st.step, 'back');
  }
  throw new Error(`${s.id}: cannot reach step ${target}; at ${JSON.stringify(await active(s))}`);
}

function envFor(st: DialogState): DialogEnv {
  const now = h.clock.now();
  return { now, today: localDate(now), meta: st.meta, ctx: undefined as never };
}

/** The value the step's own parser gives this text, when it can tell without the bot's context. */
function parsed(step: StepDef, st: DialogState, text: string): { value: unknown } | undefined {
  const norm = (x: string) => x.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const opts = 'options' in step.input && Array.isArray(step.input.options) ? step.input.options : [];
  const option = opts.find((o) => norm(o.label) === norm(text));
  if (option) return { value: option.value };
  if (step.input.kind !== 'text' || step.assign) return undefined;
  try {
    const r = step.input.parse(text, envFor(st));
    return r.ok ? { value: r.value } : undefined;
  } catch {
    return undefined; // the parser needs the bot's context
  }
}

async function hostileAt(s: Spec, target: string): Promise<void> {
  const who = user(s);
  await fc.assert(
    fc.asyncProperty(hostile, async (input) => {
      await reach(s, target);
      const before = (await active(s))!;
      const logs = h.logs.length;
      const mark = who.mark();
      await who.send(input);
      const where = `${s.id} at ${target}, input ${JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}… (${input.length})` : input)}`;
      const failed = h.logs.slice(logs).filter((l) => /update failed|unhandled error/.test(l));
      assert.deepEqual(failed, [], `${where}: ${failed[0]?.slice(0, 600)}`);
      assert.ok(who.mark() > mark, `${where}: no answer`);
      const now = await active(s);
      const step = stepsOf(s).find((x) => x.id === target);
      if (input.startsWith('/')) {
        // A command is answered by its feature; the dialog stays where it was.
        assert.equal(now?.id, before.id, `${where}: another dialog`);
        assert.equal(now?.step, before.step, `${where}: moved`);
        assert.deepEqual(now?.answers, before.answers, `${where}: answers changed`);
        return;
      }
      if (now?.id === before.id && now.step === before.step) {
        if (step?.input.kind === 'multi') {
          const had = (before.answers[target] as string[] | undefined) ?? [];
          const has = (now.answers[target] as string[] | undefined) ?? [];
          assert.ok(
            JSON.stringify(has) === JSON.stringify(had) || JSON.stringify(has) === JSON.stringify([...had, input.normalize('NFC').trim()]),
            `${where}: the section holds ${JSON.stringify(has).slice(0, 200)}`,
          );
          assert.deepEqual({ ...now.answers, [target]: null }, { ...before.answers, [target]: null }, `${where}: other answers changed`);
        } else {
          assert.deepEqual(now.answers, before.answers, `${where}: answers changed on a refused input`);
        }
        return;
      }
      // Accepted: only a text (or choice) step can be answered by typing, and only its own answer changes.
      assert.ok(step, `${where}: typing moved the ${target} screen`);
      if (now && now.id === before.id) {
        const allowed = new Set([target, ...(s.assigns?.[target] ?? [])]);
        for (const k of new Set([...Object.keys(before.answers), ...Object.keys(now.answers)])) {
          if (!allowed.has(k)) assert.deepEqual(now.answers[k], before.answers[k], `${where}: answer ${k} changed`);
        }
        const p = parsed(step, before, input);
        if (p) assert.deepEqual(now.answers[target], p.value, `${where}: stored ${JSON.stringify(now.answers[target])}`);
        assert.ok(indexOf(s, now.step) > indexOf(s, target) || now.step === REVIEW, `${where}: went to ${now.step}`);
      }
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true },
  );
}

/** Walks the whole dialog: hostile input at every step it reaches (first as a user does, then each step again from the review's "Sửa"). */
async function exercise(s: Spec): Promise<string[]> {
  const visited: string[] = [];
  await s.start();
  for (let guard = 0; guard < 80; guard++) {
    const st = await active(s);
    if (!st || st.id !== s.id) break;
    if (!visited.includes(st.step)) {
      visited.push(st.step);
      await hostileAt(s, st.step);
      continue;
    }
    const env = envFor(st);
    const todo = stepsOf(s).filter((x) => !visited.includes(x.id) && (!x.when || safeWhen(x, st, env)));
    if (st.step === REVIEW) {
      if (!visited.includes(EDIT) || todo.length) await press(s, REVIEW, 'edit');
      else break;
    } else if (st.step === EDIT) {
      if (todo.length) await press(s, EDIT, `e${indexOf(s, todo[0]!.id)}`);
      else await press(s, EDIT, 'review');
    } else {
      for (const m of validMoves(s, st)) await play(s, st, m);
      const moved = await active(s);
      if (moved?.id === s.id && moved.step === st.step) throw new Error(`${s.id}: the valid answer of ${st.step} was refused: ${user(s).last()?.text}`);
    }
  }
  const st = await active(s);
  if (dialogDef(s.id)!.review) assert.ok(visited.includes(REVIEW), `${s.id}: the walk never reached the review screen (${visited.join(' ')})`);
  if (st?.id === s.id) {
    if (s.submit && st.step === REVIEW) {
      const mark = user(s).mark();
      await press(s, REVIEW, 'submit');
      assert.ok(user(s).mark() > mark, `${s.id}: submitted without an answer`);
      assert.notEqual((await active(s))?.id, s.id, `${s.id}: still open after "Gửi"`);
      await s.saved?.(st.answers);
    } else {
      await user(s).send('/cancel');
    }
  }
  return visited;
}

function safeWhen(step: StepDef, st: DialogState, env: DialogEnv): boolean {
  try {
    return step.when!(st.answers, env);
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------- the dialogs

const pressAs = (who: string, data: string) => () => u.get(who)!.pressData(data);
const say = (who: string, text: string) => () => u.get(who)!.send(text);

/** Every dialog of the bot, opened by the user who would open it. */
function specs(): Spec[] {
  const dues = (action: DuesAction, id = '', arg = '') => cbDues.make({ cell: A, action, id, arg });
  const mt = (action: MeetingAction, id = '-', arg = '') => cbMeeting.make({ cell: A, action, id, arg });
  const rv = (action: ReviewAction, id: string | number = '', arg = '') => cbReview.make({ cell: A, action, id, arg });
  const jn = (action: JournalAction) => cbJournal.make({ cell: A, action, id: '', arg: '' });
  const me = (member: string, field: string, value: string) => cbMember.make({ cell: A, member, field, value });
  /** A payment still standing (each reversal finished by an accepted reason uses one up). */
  const payment = async () => {
    for (const id of ['803', '804', '805', '806', '807', '808', '809']) {
      const p = (await h.app.services.dues.statusOf(801, id)).payments[0];
      if (p) return p.id;
    }
    throw new Error('no payment left to reverse');
  };
  return [
    {
      id: 'join',
      who: 'joiner',
      start: say('joiner', '/start invh1'),
      valid: {
        name: ['Nguyễn Văn Thử'],
        birthYear: ['1980'],
        partyStatus: [{ press: 'o1' }],
        admittedOn: ['01/06/2024'],
        civilKind: [{ press: 'o2' }],
        workplace: [{ press: 'o0' }],
        dues: [{ press: 'o0' }],
        salary: ['5.000.000'],
      },
      assigns: { salary: ['dues'] },
      submit: true,
      saved: async (a) => {
        const m = (await h.app.store.cell(A))!.members['1300']!;
        assert.equal(m.state, 'pending');
        assert.deepEqual([m.name, m.birthYear, m.admittedOn], [a.name, a.birthYear ?? undefined, a.admittedOn ?? undefined]);
        assert.deepEqual([m.civilKind, m.workplace], [a.civilKind, a.workplace]);
        assert.ok(m.civilKind && m.workplace, 'the kind and the unit were asked and kept');
      },
    },
    { id: 'newcell', who: 'admin', start: say('admin', '/newcell'), valid: { name: ['Chi bộ Thử nghiệm'], parent: ['Đảng ủy xã Thử'], secretary: [{ press: 'o0' }] } },
    {
      id: 'evaluate',
      who: '805',
      start: say('805', '/evaluate'),
      valid: { partyRating: [{ press: 'o1' }], scoreGeneral: ['25'], scoreTasks: ['60'] },
      submit: true,
      saved: async (a) => {
        const sent = (await h.app.services.review.review(A, 2024))!.submissions['805']!.at(-1)!;
        assert.deepEqual(sent.sections, answersToSubmission(a).sections);
        assert.equal(sent.partyRating, a.partyRating);
      },
    },
    {
      id: 'note',
      who: '800',
      start: async () => {
        await u.get('800')!.send('/note');
        await u.get('800')!.pressData(jn('new'));
      },
      valid: { group: [{ press: 'o1' }], section: [{ press: 'o4' }], count: ['2'], on: ['01/11/2024'], text: ['Kiểm tra việc chấp hành Điều lệ Đảng.'] },
      assigns: { group: ['section'] },
      submit: true,
      saved: async (a) => {
        const e = (await h.app.store.cell(A))!.journal.entries.at(-1)!;
        assert.deepEqual([e.section, e.text], [a.section, a.text]);
      },
    },
    {
      id: 'opening',
      who: '800',
      start: pressAs('800', cbJournal.make({ cell: A, action: 'add', id: 'opening', arg: '' })),
      valid: {
        through: [{ press: 'o4' }],
        regular: ['5'],
        themed0: ['1'],
        themed1: ['0'],
        extra: ['0'],
        dues01: ['450.000'],
        dues02: [{ press: 'o0' }],
        inspections: ['0'],
        supervisions: ['1'],
      },
      assigns: { through: ['regular'] },
      submit: true,
      saved: async (a) => {
        const { by: _by, at: _at, ...stored } = openingOf((await h.app.store.cell(A))!.journal, 2024)!;
        assert.deepEqual(stored, figuresOf(a, 2024));
      },
    },
    { id: 'mtabsent', who: '806', start: pressAs('806', mt('n', 'r202411')), valid: { reason: ['Đi công tác'] } },
    { id: 'mtrule', who: '800', start: pressAs('800', mt('set', '-', 'rule')), valid: { day: ['5'], time: ['14:00'], place: ['Phòng họp'], kind: [{ press: 'o1' }] } },
    { id: 'mtrule', who: '800', start: pressAs('800', mt('set', '-', 'rule')), valid: { day: ['12'], time: ['14:00'], place: ['Phòng họp'], kind: [{ press: 'o0' }] } },
    { id: 'mtremind', who: '800', start: pressAs('800', mt('set', '-', '1')), valid: { lead: ['1 ngày'] } },
    { id: 'mtmove', who: '802', start: pressAs('802', mt('mv', 'r202411')), valid: { when: ['06/11/2024 14:00'], place: [{ press: 'o0' }] } },
    { id: 'mtadd', who: '800', start: pressAs('800', mt('ad', '-', 't')), valid: { combine: [{ press: 'o1' }], topic: ['Học tập nghị quyết'], when: ['20/11/2024 14:00'], place: ['Hội trường'] } },
    { id: 'mtadd', who: '801', start: pressAs('801', mt('ad', '-', 'x')), valid: { about: ['Bầu bổ sung chi ủy'], when: ['22/11/2024 08:00'], place: ['Hội trường'] } },
    { id: 'mtminutes', who: '800', start: pressAs('800', mt('mn', 'r202410')) },
    {
      id: 'duesamt',
      who: '801',
      start: pressAs('801', dues('amt', '803')),
      valid: { amount: [{ press: 'o0' }], salary: ['6.000.000'], from: [{ press: 'o0' }] },
      assigns: { amount: ['basis'], salary: ['amount', 'basis'] },
    },
    {
      id: 'duesamt',
      who: '801',
      start: pressAs('801', dues('amt', '804')),
      valid: { amount: [{ press: 'o1' }], pension: ['4.000.000'], from: [{ press: 'o1' }] },
      assigns: { amount: ['basis'], pension: ['amount', 'basis'] },
    },
    { id: 'duesrel', who: '801', start: pressAs('801', dues('relk', '803', 'r50')), valid: { from: [{ press: 'o0' }], to: [{ press: 'o0' }], reason: ['Ốm dài ngày'] } },
    {
      id: 'duesrej',
      who: '801',
      start: async () => {
        const open = (await h.app.services.dues.openClaims(A)).find((c) => c.memberId === '808');
        const claim = open ?? (await h.app.services.dues.claimPaid(808, ['2024-11'], 'cash'))[0]!;
        await h.settle();
        await u.get('801')!.pressData(dues('cno', claim.id));
      },
      valid: { reason: ['Chưa nhận được tiền'] },
    },
    { id: 'duesrev', who: '801', start: async () => u.get('801')!.pressData(dues('revp', await payment())), valid: { reason: ['Ghi nhầm tháng'] } },
    { id: 'duesday', who: '800', start: pressAs('800', dues('setday')), valid: { day: ['10'] } },
    { id: 'dueskept', who: '800', start: pressAs('800', dues('setkept')), valid: { kept: ['30'] } },
    {
      id: 'cellinfo',
      who: '800',
      start: pressAs('800', cbSettings.make({ section: 'cellEdit' })),
      valid: { name: ['Chi bộ Trường THCS Phong Hải'], parent: ['Đảng ủy xã Phong Hải'], place: ['Phong Hải'], unit: ['Trường THCS Phong Hải'] },
    },
    ...['name', 'birthYear', 'admittedOn', 'workplace'].map(
      (field): Spec => ({
        id: 'mfield',
        who: '800',
        start: pressAs('800', me('807', 'f', field)),
        valid: { value: [{ name: 'Lê Văn Bảy', birthYear: '1975', admittedOn: '01/02/2010', workplace: 'Trường THCS Phong Hải' }[field]!] },
      }),
    ),
    {
      id: 'mstate',
      who: '800',
      start: async () => {
        if ((await h.app.store.cell(A))!.members['807']!.state !== 'active') await u.get('800')!.pressData(me('807', 'state', 'active'));
        await u.get('800')!.pressData(me('807', 'state', 'temp_exempt'));
      },
      valid: { on: ['01/11/2024'] },
    },
    { id: 'rvdeadline', who: '800', start: pressAs('800', rv('deadline', 2024)) },
    {
      id: 'rvcomment',
      who: '802',
      start: async () => {
        if (!(await h.app.services.review.review(A, 2024))?.decisions['809']) await u.get('802')!.pressData(rv('rate', 2024, '809.1'));
        await u.get('802')!.pressData(rv('comment', 2024, '809'));
      },
      valid: { comment: ['Hoàn thành tốt nhiệm vụ được giao.'] },
    },
    ...(['basis', 'targets', 'number'] as const).map(
      (field): Spec => ({
        id: 'rinputs',
        who: '802',
        start: pressAs('802', jn(field)),
        valid: { value: [{ basis: 'Căn cứ Hướng dẫn số 25', targets: 'Chi đoàn vững mạnh', number: '12' }[field]!] },
      }),
    ),
  ];
}

test('hostile input at every step of every dialog: always an answer, never a failure, the dialog state intact', async (t) => {
  const seen: string[] = [];
  for (const s of specs()) {
    const visited = await exercise(s);
    const applicable = dialogDef(s.id)!.steps.map((x) => x.id);
    seen.push(`${s.id}(${s.who}): ${visited.join(' ')}`);
    assert.ok(visited.length > 0, `${s.id}: never opened`);
    // every step of a dialog is reached, unless its condition is for another path
    for (const id of applicable) if (!visited.includes(id)) seen.push(`  ${s.id}: step ${id} not on this path`);
  }
  // Every dialog of the bot was walked.
  const ids = new Set(specs().map((s) => s.id));
  for (const id of [
    'join',
    'newcell',
    'evaluate',
    'note',
    'opening',
    'mtabsent',
    'mtrule',
    'mtremind',
    'mtmove',
    'mtadd',
    'mtminutes',
    'duesamt',
    'duesrel',
    'duesrej',
    'duesrev',
    'duesday',
    'dueskept',
    'cellinfo',
    'mfield',
    'mstate',
    'rvdeadline',
    'rvcomment',
    'rinputs',
  ]) {
    assert.ok(ids.has(id), `${id} is exercised`);
  }
  t.diagnostic(`FAULT_SEED=${SEED} FAULT_RUNS=${RUNS}`);
  for (const line of seen) t.diagnostic(line);
});
