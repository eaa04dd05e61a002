/**
 * The dialog engine's pure transition: what a typed text or a press does to a dialog's
 * state and what the engine then does, without Telegram, a store or a clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DialogState } from '../../src/core/dialog-state.ts';
import { validBirthYear } from '../../src/core/validate.ts';
import type { BotContext } from '../../src/telegram/context.ts';
import { cbDialog } from '../../src/telegram/callback-data.ts';
import { EDIT, firstStep, next, question, REVIEW, type DialogDef, type DialogEnv, type Effect } from '../../src/telegram/dialogs/transition.ts';

const env: DialogEnv = { now: new Date('2025-03-10T03:00:00Z'), today: '2025-03-10', meta: {}, ctx: {} as BotContext };

/** Name (choice), birth year (text, skippable), admitted on (only for "Dự bị"), notes (several messages), then a review. */
const def: DialogDef = {
  id: 'tst',
  keepsDraft: true,
  steps: [
    {
      id: 'status',
      label: 'Tình trạng',
      prompt: () => 'Chính thức hay dự bị?',
      input: {
        kind: 'choice',
        options: [
          { value: 'ct', label: 'Chính thức' },
          { value: 'db', label: 'Dự bị' },
        ],
      },
    },
    { id: 'year', label: 'Năm sinh', prompt: () => 'Năm sinh?', skip: 'Bỏ qua', input: { kind: 'text', parse: (s) => validBirthYear(s, 2025) } },
    { id: 'admitted', label: 'Ngày kết nạp', prompt: () => 'Ngày kết nạp?', when: (a) => a.status === 'db', input: { kind: 'text', parse: (s) => ({ ok: true, value: s.trim() }) } },
    { id: 'notes', label: 'Ghi chú', prompt: () => 'Ghi chú?', skip: 'Không có', input: { kind: 'multi', maxChars: 20, clear: 'Xóa' } },
  ],
  review: { render: (a) => `Xem lại: ${a.status} ${a.year}`, submit: 'Gửi', draft: 'Lưu nháp' },
  finish: async () => undefined,
};

const at = (step: string, answers: DialogState['answers'] = {}, extra: Partial<DialogState> = {}): DialogState => ({
  id: 'tst',
  step,
  answers,
  meta: {},
  updatedAt: '2025-03-10T03:00:00.000Z',
  ...extra,
});
const text = (s: DialogState, t: string) => next(def, s, { kind: 'text', text: t }, env);
const press = (s: DialogState, action: string) => next(def, s, { kind: 'press', action }, env);
const kinds = (effects: Effect[]) => effects.map((e) => e.kind);
const said = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'say' ? [e.message.text] : []));
const data = (step: string, action: string) => cbDialog.make({ dialog: 'tst', step, action });

test('a choice: a press on an option records its value, takes the buttons off noting the label, saves and asks the next step', () => {
  const r = press(at('status'), 'o1');
  assert.equal(r.state.step, 'year');
  assert.equal(r.state.answers.status, 'db');
  assert.deepEqual(r.effects, [{ kind: 'mark', note: '→ Dự bị' }, { kind: 'save' }, { kind: 'ask' }]);
});

test('a choice: the label typed (any case, spaces) is the same answer; other text is asked again with "use the buttons"', () => {
  const typed = text(at('status'), '  chính   THỨC ');
  assert.equal(typed.state.answers.status, 'ct');
  assert.deepEqual(kinds(typed.effects), ['save', 'ask']);

  const other = text(at('status'), 'có lẽ');
  assert.equal(other.state.step, 'status');
  assert.deepEqual(said(other.effects), ['Xin đồng chí chọn một trong các nút bên dưới.']);
  assert.deepEqual(kinds(other.effects), ['say', 'ask'], 'nothing saved, the same question again');
});

test("a text: a valid answer moves on; an invalid one is asked again with the parser's reason and changes nothing", () => {
  const good = text(at('year', { status: 'ct' }), '1985');
  assert.equal(good.state.answers.year, 1985);
  assert.equal(good.state.step, 'notes', '"Ngày kết nạp" does not apply to Chính thức');

  const start = at('year', { status: 'ct' });
  const bad = text(start, '85');
  assert.equal(bad.state, start);
  assert.deepEqual(said(bad.effects), ['Năm sinh cần là 4 chữ số, ví dụ 1985.']);
  assert.deepEqual(kinds(bad.effects), ['say', 'ask']);
});

test('when: a step that applies only to some answers is asked then, and skipped otherwise', () => {
  assert.equal(text(at('year', { status: 'db' }), '1990').state.step, 'admitted');
  assert.equal(text(at('year', { status: 'ct' }), '1990').state.step, 'notes');
  assert.equal(firstStep(def, {}, env), 'status');
  assert.equal(firstStep({ ...def, steps: def.steps.slice(2, 3) }, { status: 'ct' }, env), REVIEW, 'no step applies: straight to the review');
});

test('skip stores null and notes "(bỏ qua)"; a skip pressed after text was written to a section throws nothing away', () => {
  const r = press(at('year', { status: 'ct' }), 'skip');
  assert.equal(r.state.answers.year, null);
  assert.deepEqual(r.effects, [{ kind: 'mark', note: '→ (bỏ qua)' }, { kind: 'save' }, { kind: 'ask' }]);

  const written = at('notes', { status: 'ct', year: 1985, notes: ['đã viết'] });
  const late = press(written, 'skip');
  assert.deepEqual(late.state.answers.notes, ['đã viết']);
  assert.deepEqual(late.effects, [{ kind: 'ask' }]);
});

test('back goes to the previous step that applies; on the first step there is no back', () => {
  const r = press(at('notes', { status: 'ct', year: 1985 }), 'back');
  assert.equal(r.state.step, 'year', '"Ngày kết nạp" does not apply, so it is passed over');
  assert.deepEqual(r.effects, [{ kind: 'mark' }, { kind: 'save' }, { kind: 'ask' }]);
  assert.equal(press(at('admitted', { status: 'db', year: 1985 }), 'back').state.step, 'year');
  assert.deepEqual(press(at('status'), 'back').effects, []);
  assert.equal(press(at(REVIEW, { status: 'ct', year: 1985, notes: [] }), 'back').state.step, 'notes');
});

test('the buttons of a dialog carry which start of it they belong to; states saved without one keep the plain step', () => {
  const [asked] = question(def, at('status', {}, { tag: 'Xy_9' }), env);
  assert.deepEqual(
    asked!.buttons?.flat().map((b) => b.data),
    [data('status.Xy_9', 'o0'), data('status.Xy_9', 'o1')],
  );
  const [plain] = question(def, at('status'), env);
  assert.deepEqual(
    plain!.buttons?.flat().map((b) => b.data),
    [data('status', 'o0'), data('status', 'o1')],
  );
});

test('a section of several messages: each message is added and counted, an overlong one is refused, "done" moves on, "clear" empties it', () => {
  const first = text(at('notes', { status: 'ct', year: 1985 }), ' một hai ');
  assert.deepEqual(first.state.answers.notes, ['một hai']);
  assert.deepEqual(first.effects, [
    { kind: 'save' },
    { kind: 'say', message: { text: 'Đã thêm. Phần này hiện có 7/20 ký tự. Gửi tiếp nếu còn, hoặc bấm “Xong phần này”.', buttons: [[{ text: 'Xong phần này', data: data('notes', 'done') }]] } },
  ]);
  const second = text(first.state, 'ba bốn');
  assert.deepEqual(second.state.answers.notes, ['một hai', 'ba bốn']);

  const tooLong = text(second.state, 'x'.repeat(8));
  assert.equal(tooLong.state, second.state);
  assert.deepEqual(said(tooLong.effects), ['Phần này đã có 13 ký tự, thêm tin nhắn 8 ký tự sẽ vượt giới hạn 20 ký tự; tin nhắn này chưa được thêm, nội dung cũ vẫn giữ nguyên. Xin gửi ngắn gọn hơn.']);
  assert.deepEqual(text(second.state, '   ').effects, [], 'an empty message adds nothing');

  const done = press(second.state, 'done');
  assert.equal(done.state.step, REVIEW);
  assert.deepEqual(done.state.answers.notes, ['một hai', 'ba bốn']);

  // counted as a reader counts (an emoji is one character) and kept composed (NFC), whatever the keyboard sent
  const decomposed = 'Lối sống'.normalize('NFD');
  const typed = text(at('notes', { status: 'ct', year: 1985 }), `${decomposed} 😀`);
  assert.deepEqual(typed.state.answers.notes, ['Lối sống 😀']);
  assert.match(said(typed.effects)[0]!, /hiện có 10\/20 ký tự/);

  const cleared = press(second.state, 'clear');
  assert.deepEqual(cleared.state.answers.notes, []);
  assert.deepEqual(cleared.effects, [{ kind: 'mark', note: '→ Xóa' }, { kind: 'save' }, { kind: 'ask' }]);

  const noSkip: DialogDef = { ...def, steps: def.steps.map((s) => (s.id === 'notes' ? { ...s, skip: undefined } : s)) };
  const empty = next(noSkip, at('notes', { status: 'ct', year: 1985 }), { kind: 'press', action: 'done' }, env);
  assert.deepEqual(said(empty.effects), ['Phần này chưa có nội dung; xin gửi ít nhất một tin nhắn trước khi bấm “Xong phần này”.']);
});

test('the question of a section: "done" always, "clear" once something is written, the skip only while it is empty, and back', () => {
  const [empty] = question(def, at('notes', { status: 'ct', year: 1985 }), env);
  assert.deepEqual(empty, {
    text: 'Ghi chú?',
    buttons: [[{ text: 'Xong phần này', data: data('notes', 'done') }], [{ text: 'Không có', data: data('notes', 'skip') }], [{ text: '← Quay lại', data: data('notes', 'back') }]],
  });
  const [some] = question(def, at('notes', { status: 'ct', year: 1985, notes: ['a'] }), env);
  assert.deepEqual(
    some!.buttons!.map((r) => r.map((b) => b.text)),
    [['Xong phần này'], ['Xóa'], ['← Quay lại']],
  );
  const [choice] = question(def, at('status'), env);
  assert.deepEqual(
    choice!.buttons,
    [
      [
        { text: 'Chính thức', data: data('status', 'o0') },
        { text: 'Dự bị', data: data('status', 'o1') },
      ],
      [],
    ],
    'no back on the first step',
  );
});

test('review, edit, submit: the review offers Gửi / Sửa / Lưu nháp; Sửa lists the steps that apply; an edited step returns to the review', () => {
  const answers = { status: 'ct', year: 1985, notes: [] };
  const [review] = question(def, at(REVIEW, answers), env);
  assert.deepEqual(review, {
    text: 'Xem lại: ct 1985',
    buttons: [
      [
        { text: 'Gửi', data: data(REVIEW, 'submit') },
        { text: 'Sửa', data: data(REVIEW, 'edit') },
      ],
      [{ text: 'Lưu nháp', data: data(REVIEW, 'draft') }],
    ],
  });

  const edit = press(at(REVIEW, answers), 'edit');
  assert.equal(edit.state.step, EDIT);
  const [list] = question(def, edit.state, env);
  assert.equal(list!.text, 'Chọn mục cần sửa:');
  assert.deepEqual(
    list!.buttons!.map((r) => r.map((b) => b.text)),
    [['Tình trạng', 'Năm sinh'], ['Ghi chú'], ['← Về màn hình xem lại']],
    '"Ngày kết nạp" does not apply',
  );
  assert.equal(press(edit.state, 'review').state.step, REVIEW);

  const pick = press(edit.state, 'e1');
  assert.equal(pick.state.step, 'year');
  assert.equal(pick.state.returnToReview, true);
  const edited = text(pick.state, '1986');
  assert.equal(edited.state.step, REVIEW, 'straight back to the review, the later answers kept');
  assert.equal(edited.state.returnToReview, undefined);
  assert.equal(edited.state.answers.year, 1986);

  // Changed to Dự bị: the newly applying step is asked before the review.
  const toDb = press(press(edit.state, 'e0').state, 'o1');
  assert.equal(toDb.state.step, 'admitted');
  assert.equal(toDb.state.returnToReview, true);
  assert.equal(text(toDb.state, '01/02/2020').state.step, REVIEW);

  const submit = press(at(REVIEW, answers), 'submit');
  assert.deepEqual(submit.effects, [{ kind: 'finish' }, { kind: 'mark' }], 'the buttons go only after the finish');
  const draft = press(at(REVIEW, answers), 'draft');
  assert.deepEqual(kinds(draft.effects), ['mark', 'pause', 'say']);
  assert.deepEqual(press(at(REVIEW, answers), 'o0').effects, [], 'a button of another screen does nothing');
  assert.deepEqual(text(at(REVIEW, answers), 'xin chào').effects, [{ kind: 'say', message: { text: 'Xin đồng chí dùng các nút bên dưới.' } }, { kind: 'ask' }]);
});

test('without a review the last answer finishes the dialog with the answers, nothing saved', () => {
  const short: DialogDef = { ...def, steps: def.steps.slice(0, 1), review: undefined };
  const r = next(short, at('status'), { kind: 'press', action: 'o0' }, env);
  assert.deepEqual(r.state.answers, { status: 'ct' });
  assert.deepEqual(r.effects, [{ kind: 'mark', note: '→ Chính thức' }, { kind: 'finish' }]);
});
