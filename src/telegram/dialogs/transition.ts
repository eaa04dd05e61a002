/**
 * The dialog engine's decisions as pure functions: `next(definition, state, input, env)`
 * says what a typed text or a pressed button does to a dialog — the state it leaves and
 * the effects, in order, that the engine (engine.ts) then performs — and `question` says
 * what the current step asks. No Telegraf, no store, no clock here: the engine loads the
 * state, calls these, saves and sends. `env` is handed to the definition's own functions
 * (prompts, parsers, `when`, options) and never read here.
 */
import type { Answer, Answers, DialogState } from '../../core/dialog-state.ts';
import type { Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/time.ts';
import type { BotContext } from '../context.ts';
import { cbDialog } from '../callback-data.ts';
import { grid, splitMessage, type Button } from '../keyboards.ts';
import { problemText, t } from '../texts/index.ts';

export interface DialogEnv {
  now: Date;
  today: LocalDate;
  meta: DialogState['meta'];
  ctx: BotContext;
  /** What the definition's `load` read for this state (absent when it has none). */
  loaded?: unknown;
}

export interface Option {
  value: string;
  label: string;
}

type Options = readonly Option[] | ((a: Answers, env: DialogEnv) => readonly Option[]);

export type StepInput =
  /** Typed text, checked by `parse`; `options` add buttons that answer the step directly. */
  | { kind: 'text'; parse: (text: string, env: DialogEnv) => Result<Answer>; options?: Options }
  /** Buttons only (a typed label is accepted too). */
  | { kind: 'choice'; options: Options; columns?: number }
  /** Several messages, appended until "Xong phần này"; at most `maxChars` in all. `clear` labels a button that empties what was written (shown when there is some). */
  | { kind: 'multi'; maxChars: number; clear?: string };

export interface StepDef {
  id: string;
  prompt: (a: Answers, env: DialogEnv) => string;
  input: StepInput;
  /** Label of a button that leaves the step empty (stores null): "Bỏ qua", "Không có". */
  skip?: string;
  /** The step is asked only when this holds. */
  when?: (a: Answers, env: DialogEnv) => boolean;
  /** Stores an accepted value; by default `answers[id] = value`. */
  assign?: (a: Answers, value: Answer) => void;
  /** Name of the step on the review screen's "Sửa" list. */
  label?: string;
}

export interface DialogDef {
  id: string;
  steps: readonly StepDef[];
  /** The screen after the last step; without it the dialog finishes after its last step. */
  review?: {
    render: (a: Answers, env: DialogEnv) => string;
    submit: string;
    /** Label of the edit button (default "Sửa"). */
    edit?: string;
    /** A "Lưu nháp" button: leave, keeping everything. */
    draft?: string;
  };
  /** /cancel keeps the answers as a draft to resume later. */
  keepsDraft: boolean;
  /**
   * Reads what the definition's own functions need from the services (their reads are
   * asynchronous, those functions are not): the engine calls it for the state at hand before
   * each transition, question and finish, and hands the result over as `env.loaded` (`step`
   * is absent while the first step is chosen).
   */
  load?: (ctx: BotContext, state: Pick<DialogState, 'meta' | 'answers'> & Partial<Pick<DialogState, 'step'>>) => Promise<unknown>;
  /** Runs on "Gửi" (or after the last step). Persists the result; the engine drops the state after. */
  finish: (ctx: BotContext, state: DialogState, env: DialogEnv) => Promise<void>;
}

export const REVIEW = '_review';
export const EDIT = '_edit';

/** What the user did: typed a text, or pressed one of the dialog's buttons (its action field). */
export type Input = { kind: 'text'; text: string } | { kind: 'press'; action: string };

/** One message to send: its text and, when it has any, its keyboard. */
export interface Message {
  text: string;
  buttons?: Button[][];
}

/** What the engine does after a transition, in this order. */
export type Effect =
  /** Persist the transition's state. */
  | { kind: 'save' }
  /** Send what the transition's state asks (`question`). */
  | { kind: 'ask' }
  /** Send a message. */
  | { kind: 'say'; message: Message }
  /** Take the buttons off the pressed message, noting the choice under it. */
  | { kind: 'mark'; note?: string }
  /** Run the definition's finish with the transition's state (the dialog ends). */
  | { kind: 'finish' }
  /** Leave the dialog, keeping it as a draft. */
  | { kind: 'pause' };

export interface Transition {
  state: DialogState;
  effects: Effect[];
}

function optionsOf(input: StepInput, a: Answers, env: DialogEnv): readonly Option[] {
  if (input.kind === 'multi' || !input.options) return [];
  return typeof input.options === 'function' ? input.options(a, env) : input.options;
}

export function applies(step: StepDef, a: Answers, env: DialogEnv): boolean {
  return !step.when || step.when(a, env);
}

/** The first step that applies to these answers (the review when none does). */
export function firstStep(def: DialogDef, a: Answers, env: DialogEnv): string {
  return def.steps.find((s) => applies(s, a, env))?.id ?? REVIEW;
}

function following(def: DialogDef, from: number, a: Answers, env: DialogEnv): string {
  for (let i = from + 1; i < def.steps.length; i++) if (applies(def.steps[i]!, a, env)) return def.steps[i]!.id;
  return def.review ? REVIEW : '';
}

function previous(def: DialogDef, stepId: string, a: Answers, env: DialogEnv): string | undefined {
  const at = stepId === REVIEW ? def.steps.length : def.steps.findIndex((s) => s.id === stepId);
  for (let i = at - 1; i >= 0; i--) if (applies(def.steps[i]!, a, env)) return def.steps[i]!.id;
  return undefined;
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const written = (state: DialogState, step: StepDef) => ((state.answers[step.id] as string[] | null | undefined) ?? []).length > 0;
/** Characters as a reader counts them (an emoji is one), not UTF-16 units. */
const chars = (s: string) => [...s].length;

/** The `step` field of a dialog button: the step, and which start of the dialog it belongs to. */
export function stepField(state: DialogState, step = state.step): string {
  return state.tag ? `${step}.${state.tag}` : step;
}

// ---------------------------------------------------------------- asking

/** The messages that ask the state's current step (or show the review, or the list of steps to edit). */
export function question(def: DialogDef, state: DialogState, env: DialogEnv): Message[] {
  const button = (action: string, text: string): Button => ({ text, data: cbDialog.make({ dialog: def.id, step: stepField(state), action }) });
  const back = previous(def, state.step, state.answers, env) ? [button('back', t.buttons.back)] : [];

  if (state.step === REVIEW && def.review) {
    const parts = splitMessage(def.review.render(state.answers, env));
    const row = [button('submit', def.review.submit), button('edit', def.review.edit ?? t.buttons.edit)];
    return [...parts.slice(0, -1).map((text) => ({ text })), { text: parts.at(-1) ?? '', buttons: [row, def.review.draft ? [button('draft', def.review.draft)] : []] }];
  }
  if (state.step === EDIT) {
    const editable = def.steps.map((s, i) => ({ s, i })).filter(({ s }) => applies(s, state.answers, env));
    const rows = grid(
      editable.map(({ s, i }) => button(`e${i}`, s.label ?? s.id)),
      2,
    );
    return [{ text: t.dialog.pickEdit, buttons: [...rows, [button('review', t.dialog.backToReview)]] }];
  }
  const step = def.steps.find((s) => s.id === state.step);
  if (!step) throw new Error(`dialog ${def.id} has no step ${state.step}`);
  const opts = optionsOf(step.input, state.answers, env).map((o, i) => button(`o${i}`, o.label));
  const rows: Button[][] = step.input.kind === 'choice' ? grid(opts, step.input.columns ?? 2) : opts.map((o) => [o]);
  const has = step.input.kind === 'multi' && written(state, step);
  if (step.input.kind === 'multi') rows.push([button('done', t.buttons.done)]);
  if (step.input.kind === 'multi' && step.input.clear && has) rows.push([button('clear', step.input.clear)]);
  // "Không có" on a section with text would throw the text away: offered only while it is empty.
  if (step.skip && !has) rows.push([button('skip', step.skip)]);
  rows.push(back);
  return [{ text: step.prompt(state.answers, env), buttons: rows }];
}

// ---------------------------------------------------------------- moving

const stay = (state: DialogState, ...effects: Effect[]): Transition => ({ state, effects });
const say = (text: string, buttons?: Button[][]): Effect => ({ kind: 'say', message: buttons ? { text, buttons } : { text } });
const moveTo = (state: DialogState, ...before: Effect[]): Transition => ({ state, effects: [...before, { kind: 'save' }, { kind: 'ask' }] });

/** Records an accepted answer and moves to the next step, or finishes after the last. */
function accept(def: DialogDef, state: DialogState, step: StepDef, value: Answer, env: DialogEnv, before: Effect[] = []): Transition {
  const answers = { ...state.answers };
  if (step.assign) step.assign(answers, value);
  else answers[step.id] = value;
  const index = def.steps.findIndex((s) => s.id === step.id);
  let next = following(def, index, answers, env);
  if (state.returnToReview) {
    // Back to the review screen, unless the edit opened a step not answered yet (Dự bị → ngày kết nạp).
    while (next && next !== REVIEW && answers[next] !== undefined) {
      const at: string = next;
      next = following(
        def,
        def.steps.findIndex((s) => s.id === at),
        answers,
        env,
      );
    }
  }
  const moved: DialogState = { ...state, answers, step: next || state.step, returnToReview: next !== REVIEW && state.returnToReview };
  if (!moved.returnToReview) delete moved.returnToReview;
  if (!next) return { state: moved, effects: [...before, { kind: 'finish' }] };
  return moveTo(moved, ...before);
}

/** What an input does to a dialog in this state. */
export function next(def: DialogDef, state: DialogState, input: Input, env: DialogEnv): Transition {
  return input.kind === 'text' ? onText(def, state, input.text, env) : onPress(def, state, input.action, env);
}

function onText(def: DialogDef, state: DialogState, text: string, env: DialogEnv): Transition {
  const step = def.steps.find((s) => s.id === state.step);
  if (!step) return stay(state, say(t.dialog.useButtons), { kind: 'ask' });
  const option = optionsOf(step.input, state.answers, env).find((o) => norm(o.label) === norm(text));
  if (option) return accept(def, state, step, option.value, env);

  switch (step.input.kind) {
    case 'choice':
      return stay(state, say(problemText({ code: 'choice.useButtons' })), { kind: 'ask' });
    case 'text': {
      const r = step.input.parse(text, env);
      if (r.ok) return accept(def, state, step, r.value, env);
      return stay(state, say(problemText(r.error)), { kind: 'ask' });
    }
    case 'multi': {
      const have = (state.answers[step.id] as string[] | undefined) ?? [];
      const used = have.reduce((n, s) => n + chars(s), 0);
      const adding = text.normalize('NFC').trim();
      if (!adding) return stay(state);
      const size = chars(adding);
      if (used + size > step.input.maxChars) {
        return stay(state, say(problemText({ code: 'multi.tooLong', params: { have: used, adding: size, max: step.input.maxChars } })));
      }
      const moved = { ...state, answers: { ...state.answers, [step.id]: [...have, adding] } };
      const done: Button = { text: t.buttons.done, data: cbDialog.make({ dialog: def.id, step: stepField(state, step.id), action: 'done' }) };
      return { state: moved, effects: [{ kind: 'save' }, say(t.dialog.added(used + size, step.input.maxChars), [[done]])] };
    }
  }
}

function onPress(def: DialogDef, state: DialogState, action: string, env: DialogEnv): Transition {
  const step = def.steps.find((s) => s.id === state.step);
  const mark = (note?: string): Effect => (note === undefined ? { kind: 'mark' } : { kind: 'mark', note });

  if (action === 'back') {
    const prev = previous(def, state.step, state.answers, env);
    if (!prev) return stay(state);
    return moveTo({ ...state, step: prev }, mark());
  }
  if (step && action === 'clear' && step.input.kind === 'multi' && step.input.clear) {
    return moveTo({ ...state, answers: { ...state.answers, [step.id]: [] } }, mark(t.dialog.chosen(step.input.clear)));
  }
  if (step && action === 'skip' && step.skip) {
    // An older "Không có" pressed after text was added: nothing is thrown away; the question again.
    if (step.input.kind === 'multi' && written(state, step)) return stay(state, { kind: 'ask' });
    return accept(def, state, step, null, env, [mark(t.dialog.skipped)]);
  }
  if (step && action.startsWith('o')) {
    const option = optionsOf(step.input, state.answers, env)[Number(action.slice(1))];
    if (!option) return stay(state);
    return accept(def, state, step, option.value, env, [mark(t.dialog.chosen(option.label))]);
  }
  if (step && action === 'done' && step.input.kind === 'multi') {
    const have = (state.answers[step.id] as string[] | undefined) ?? [];
    if (!have.length && !step.skip) return stay(state, say(problemText({ code: 'multi.empty' })));
    return accept(def, state, step, have, env, [mark()]);
  }
  // The buttons go only once it is done: after a refusal or a failed write, "Gửi" is still there.
  if (state.step === REVIEW && action === 'submit') return stay(state, { kind: 'finish' }, mark());
  if (state.step === REVIEW && action === 'draft') return stay(state, mark(), { kind: 'pause' }, say(t.dialog.draftSaved));
  if (state.step === REVIEW && action === 'edit') return moveTo({ ...state, step: EDIT }, mark());
  if (state.step === EDIT && action === 'review') return moveTo({ ...state, step: REVIEW }, mark());
  if (state.step === EDIT && /^e\d+$/.test(action)) {
    const target = def.steps[Number(action.slice(1))];
    if (!target) return stay(state);
    return moveTo({ ...state, step: target.id, returnToReview: true }, mark());
  }
  return stay(state);
}
