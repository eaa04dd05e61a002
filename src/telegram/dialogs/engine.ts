/**
 * The one engine that runs every dialog (joining, /newcell, self-evaluation, settings …).
 *
 * A dialog is data: an ordered list of steps, each with a prompt, an input kind, a parser
 * that refuses with a reason, whether it may be skipped and when it applies. The engine
 * saves the user's state (dialog, step, answers) in the store *before* it asks the next
 * question, so a restart, /cancel or a week of silence loses nothing; on every later
 * update it loads the state, checks the input against the current step, and either asks
 * again with the parser's reason or moves on.
 */
import { Composer } from 'telegraf';
import type { Answer, Answers, DialogState } from '../../core/dialog-state.ts';
import type { Result } from '../../core/result.ts';
import { localDate, type LocalDate } from '../../core/time.ts';
import type { BotContext } from '../context.ts';
import { cbDialog } from '../callback-data.ts';
import { inline, grid, splitMessage, type Button } from '../keyboards.ts';
import { problemText, t } from '../texts/index.ts';
import { isPrivate } from '../filters.ts';

export interface DialogEnv {
  now: Date;
  today: LocalDate;
  meta: DialogState['meta'];
  ctx: BotContext;
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
  /** Runs on "Gửi" (or after the last step). Persists the result; the engine drops the state after. */
  finish: (ctx: BotContext, state: DialogState, env: DialogEnv) => Promise<void>;
}

export const REVIEW = '_review';
const EDIT = '_edit';

const registry = new Map<string, DialogDef>();

export function defineDialog(def: DialogDef): DialogDef {
  if (registry.has(def.id)) throw new Error(`dialog ${def.id} defined twice`);
  if (def.id.length > 12) throw new Error(`dialog id ${def.id} too long for callback data`);
  registry.set(def.id, def);
  return def;
}

function envOf(ctx: BotContext, state: Pick<DialogState, 'meta'>): DialogEnv {
  const now = ctx.clock.now();
  return { now, today: localDate(now), meta: state.meta, ctx };
}

function optionsOf(input: StepInput, a: Answers, env: DialogEnv): readonly Option[] {
  if (input.kind === 'multi' || !input.options) return [];
  return typeof input.options === 'function' ? input.options(a, env) : input.options;
}

function applies(step: StepDef, a: Answers, env: DialogEnv): boolean {
  return !step.when || step.when(a, env);
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

// ---------------------------------------------------------------- asking

async function ask(ctx: BotContext, def: DialogDef, state: DialogState): Promise<void> {
  const env = envOf(ctx, state);
  const button = (action: string, text: string): Button => ({ text, data: cbDialog.make({ dialog: def.id, step: state.step, action }) });
  const back = previous(def, state.step, state.answers, env) ? [button('back', t.buttons.back)] : [];

  if (state.step === REVIEW && def.review) {
    const parts = splitMessage(def.review.render(state.answers, env));
    for (const part of parts.slice(0, -1)) await ctx.reply(part);
    const row = [button('submit', def.review.submit), button('edit', def.review.edit ?? t.buttons.edit)];
    await ctx.reply(parts.at(-1) ?? '', inline([row, def.review.draft ? [button('draft', def.review.draft)] : []]));
    return;
  }
  if (state.step === EDIT) {
    const editable = def.steps.map((s, i) => ({ s, i })).filter(({ s }) => applies(s, state.answers, env));
    const rows = grid(editable.map(({ s, i }) => button(`e${i}`, s.label ?? s.id)), 2);
    await ctx.reply(t.dialog.pickEdit, inline([...rows, [button('review', t.dialog.backToReview)]]));
    return;
  }
  const step = def.steps.find((s) => s.id === state.step);
  if (!step) throw new Error(`dialog ${def.id} has no step ${state.step}`);
  const opts = optionsOf(step.input, state.answers, env).map((o, i) => button(`o${i}`, o.label));
  const rows: Button[][] = step.input.kind === 'choice' ? grid(opts, step.input.columns ?? 2) : opts.map((o) => [o]);
  const written = step.input.kind === 'multi' && ((state.answers[step.id] as string[] | null | undefined) ?? []).length > 0;
  if (step.input.kind === 'multi') rows.push([button('done', t.buttons.done)]);
  if (step.input.kind === 'multi' && step.input.clear && written) rows.push([button('clear', step.input.clear)]);
  // "Không có" on a section with text would throw the text away: offered only while it is empty.
  if (step.skip && !written) rows.push([button('skip', step.skip)]);
  rows.push(back);
  await ctx.reply(step.prompt(state.answers, env), inline(rows));
}

// ---------------------------------------------------------------- moving

async function save(ctx: BotContext, state: DialogState): Promise<void> {
  await ctx.services.dialogs.save(ctx.actor.tgId, state, true);
}

/** Records an accepted answer, moves to the next step (or finishes) and asks it. */
async function accept(ctx: BotContext, def: DialogDef, state: DialogState, step: StepDef, value: Answer): Promise<void> {
  const answers = { ...state.answers };
  if (step.assign) step.assign(answers, value);
  else answers[step.id] = value;
  const env = envOf(ctx, state);
  const index = def.steps.findIndex((s) => s.id === step.id);
  let next = following(def, index, answers, env);
  if (state.returnToReview) {
    // Back to the review screen, unless the edit opened a step not answered yet (Dự bị → ngày kết nạp).
    while (next && next !== REVIEW && answers[next] !== undefined) {
      const at: string = next;
      next = following(def, def.steps.findIndex((s) => s.id === at), answers, env);
    }
  }
  const moved: DialogState = { ...state, answers, step: next || state.step, returnToReview: next !== REVIEW && state.returnToReview };
  if (!moved.returnToReview) delete moved.returnToReview;
  if (!next) return finish(ctx, def, moved);
  await save(ctx, moved);
  await ask(ctx, def, moved);
}

async function finish(ctx: BotContext, def: DialogDef, state: DialogState): Promise<void> {
  // The finish's command ends the dialog in its own write (it is given `state.id`); this drop is for a finish that wrote nothing there.
  await def.finish(ctx, state, envOf(ctx, state));
  await ctx.services.dialogs.drop(ctx.actor.tgId, def.id);
}

// ---------------------------------------------------------------- entry points

/** Starts (or restarts) a dialog for the sender and asks its first question. */
export async function startDialog(ctx: BotContext, def: DialogDef, meta: DialogState['meta'] = {}, answers: Answers = {}, at?: string): Promise<void> {
  const env = envOf(ctx, { meta });
  const first = at ?? def.steps.find((s) => applies(s, answers, env))?.id ?? REVIEW;
  const state: DialogState = { id: def.id, step: first, answers, meta, updatedAt: env.now.toISOString() };
  await save(ctx, state);
  await ask(ctx, def, state);
}

/** Makes a saved dialog (a draft) active again and asks where it stopped. */
export async function resumeDialog(ctx: BotContext, def: DialogDef, at?: string): Promise<boolean> {
  const state = ctx.services.dialogs.state(ctx.actor.tgId, def.id);
  if (!state) return false;
  const resumed = at ? { ...state, step: at } : state;
  await save(ctx, resumed);
  await ask(ctx, def, resumed);
  return true;
}

/** /cancel: leaves the active dialog, keeping a draft where the dialog has drafts. */
export async function cancelDialog(ctx: BotContext): Promise<'none' | 'dropped' | 'kept'> {
  const active = ctx.services.dialogs.active(ctx.actor.tgId);
  if (!active) return 'none';
  const keep = registry.get(active.id)?.keepsDraft ?? false;
  await ctx.services.dialogs.pause(ctx.actor.tgId, keep);
  return keep ? 'kept' : 'dropped';
}

export function dialogDef(id: string): DialogDef | undefined {
  return registry.get(id);
}

/** Routes typed text and dialog buttons to the engine. Put after the commands. */
export function dialogRouter(): Composer<BotContext> {
  const router = new Composer<BotContext>();

  router.action(cbDialog.pattern, async (ctx) => {
    const data = cbDialog.parse('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const def = data && registry.get(data.dialog);
    const state = def && ctx.services.dialogs.state(ctx.actor.tgId, def.id);
    if (!data || !def || !state || state.step !== data.step) {
      await ctx.answerCbQuery(t.common.staleButton);
      return;
    }
    await ctx.answerCbQuery();
    await onAction(ctx, def, state, data.action);
  });

  router.on('text', async (ctx, next) => {
    if (!isPrivate(ctx) || ctx.message.text.startsWith('/')) return next();
    const state = ctx.services.dialogs.active(ctx.actor.tgId);
    const def = state && registry.get(state.id);
    if (!state || !def) return next();
    await onText(ctx, def, state, ctx.message.text);
  });

  return router;
}

async function onText(ctx: BotContext, def: DialogDef, state: DialogState, text: string): Promise<void> {
  const step = def.steps.find((s) => s.id === state.step);
  if (!step) {
    await ctx.reply(t.dialog.useButtons);
    return ask(ctx, def, state);
  }
  const env = envOf(ctx, state);
  const option = optionsOf(step.input, state.answers, env).find((o) => norm(o.label) === norm(text));
  if (option) return accept(ctx, def, state, step, option.value);

  switch (step.input.kind) {
    case 'choice':
      await ctx.reply(problemText({ code: 'choice.useButtons' }));
      return ask(ctx, def, state);
    case 'text': {
      const r = step.input.parse(text, env);
      if (r.ok) return accept(ctx, def, state, step, r.value);
      await ctx.reply(problemText(r.error));
      return ask(ctx, def, state);
    }
    case 'multi': {
      const have = (state.answers[step.id] as string[] | undefined) ?? [];
      const used = have.reduce((n, s) => n + s.length, 0);
      const adding = text.trim();
      if (!adding) return;
      if (used + adding.length > step.input.maxChars) {
        await ctx.reply(problemText({ code: 'multi.tooLong', params: { have: used, adding: adding.length, max: step.input.maxChars } }));
        return;
      }
      const moved = { ...state, answers: { ...state.answers, [step.id]: [...have, adding] } };
      await save(ctx, moved);
      const button = (action: string, label: string): Button => ({ text: label, data: cbDialog.make({ dialog: def.id, step: step.id, action }) });
      await ctx.reply(t.dialog.added(used + adding.length, step.input.maxChars), inline([[button('done', t.buttons.done)]]));
      return;
    }
  }
}

async function onAction(ctx: BotContext, def: DialogDef, state: DialogState, action: string): Promise<void> {
  const env = envOf(ctx, state);
  const step = def.steps.find((s) => s.id === state.step);
  const clearButtons = (note?: string) => markChosen(ctx, note);

  if (action === 'back') {
    const prev = previous(def, state.step, state.answers, env);
    if (!prev) return;
    await clearButtons();
    const moved = { ...state, step: prev };
    await save(ctx, moved);
    return ask(ctx, def, moved);
  }
  if (step && action === 'clear' && step.input.kind === 'multi' && step.input.clear) {
    await clearButtons(t.dialog.chosen(step.input.clear));
    const moved = { ...state, answers: { ...state.answers, [step.id]: [] } };
    await save(ctx, moved);
    return ask(ctx, def, moved);
  }
  if (step && action === 'skip' && step.skip) {
    // An older "Không có" pressed after text was added: nothing is thrown away; the question again.
    if (step.input.kind === 'multi' && ((state.answers[step.id] as string[] | null | undefined) ?? []).length) return ask(ctx, def, state);
    await clearButtons(t.dialog.skipped);
    return accept(ctx, def, state, step, null);
  }
  if (step && action.startsWith('o')) {
    const option = optionsOf(step.input, state.answers, env)[Number(action.slice(1))];
    if (!option) return;
    await clearButtons(t.dialog.chosen(option.label));
    return accept(ctx, def, state, step, option.value);
  }
  if (step && action === 'done' && step.input.kind === 'multi') {
    const have = (state.answers[step.id] as string[] | undefined) ?? [];
    if (!have.length && !step.skip) {
      await ctx.reply(problemText({ code: 'multi.empty' }));
      return;
    }
    await clearButtons();
    return accept(ctx, def, state, step, have);
  }
  if (state.step === REVIEW && action === 'submit') {
    // The buttons go only once it is done: after a refusal or a failed write, "Gửi" is still there.
    await finish(ctx, def, state);
    return clearButtons();
  }
  if (state.step === REVIEW && action === 'draft') {
    await clearButtons();
    await ctx.services.dialogs.pause(ctx.actor.tgId, true);
    await ctx.reply(t.dialog.draftSaved);
    return;
  }
  if (state.step === REVIEW && action === 'edit') {
    await clearButtons();
    const moved = { ...state, step: EDIT };
    await save(ctx, moved);
    return ask(ctx, def, moved);
  }
  if (state.step === EDIT && action === 'review') {
    await clearButtons();
    const moved = { ...state, step: REVIEW };
    await save(ctx, moved);
    return ask(ctx, def, moved);
  }
  if (state.step === EDIT && /^e\d+$/.test(action)) {
    const target = def.steps[Number(action.slice(1))];
    if (!target) return;
    await clearButtons();
    const moved: DialogState = { ...state, step: target.id, returnToReview: true };
    await save(ctx, moved);
    return ask(ctx, def, moved);
  }
}

/** Takes the buttons off the message that was answered, noting the choice under it. */
async function markChosen(ctx: BotContext, note?: string): Promise<void> {
  const msg = ctx.callbackQuery?.message;
  if (!msg) return;
  try {
    if (note && 'text' in msg && msg.text) await ctx.editMessageText(`${msg.text}\n${note}`);
    else await ctx.editMessageReplyMarkup(undefined);
  } catch {
    // The message may be too old to edit; the answer is recorded anyway.
  }
}
