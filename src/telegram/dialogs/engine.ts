/**
 * The one engine that runs every dialog (joining, /newcell, self-evaluation, settings …).
 *
 * A dialog is data: an ordered list of steps, each with a prompt, an input kind, a parser
 * that refuses with a reason, whether it may be skipped and when it applies. The engine
 * saves the user's state (dialog, step, answers) in the store *before* it asks the next
 * question, so a restart, /cancel or a week of silence loses nothing; on every later
 * update it loads the state, checks the input against the current step, and either asks
 * again with the parser's reason or moves on. What an input does is decided by the pure
 * `next` of transition.ts; this file is the shell that loads, calls it, saves and sends.
 */
import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import type { Answers, DialogState } from '../../core/dialog-state.ts';
import { localDate } from '../../core/time.ts';
import type { BotContext } from '../context.ts';
import { cbDialog } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { inline } from '../keyboards.ts';
import { t } from '../texts/index.ts';
import { isPrivate } from '../filters.ts';
import { firstStep, next, question, stepField, type DialogDef, type DialogEnv, type Input, type Message, type Transition } from './transition.ts';

export { REVIEW } from './transition.ts';
export type { DialogDef, DialogEnv, Option, StepDef, StepInput } from './transition.ts';

const registry = new Map<string, DialogDef>();

export function defineDialog(def: DialogDef): DialogDef {
  if (registry.has(def.id)) throw new Error(`dialog ${def.id} defined twice`);
  if (def.id.length > 12) throw new Error(`dialog id ${def.id} too long for callback data`);
  registry.set(def.id, def);
  return def;
}

/** The env of the definition's functions for a state, with what the definition loads for it. */
async function envOf(ctx: BotContext, def: DialogDef, state: Pick<DialogState, 'meta' | 'answers'> & Partial<Pick<DialogState, 'step'>>): Promise<DialogEnv> {
  const now = ctx.clock.now();
  const env: DialogEnv = { now, today: localDate(now), meta: state.meta, ctx };
  if (def.load) env.loaded = await def.load(ctx, state);
  return env;
}

const send = (ctx: BotContext, m: Message) => (m.buttons ? ctx.reply(m.text, inline(m.buttons)) : ctx.reply(m.text));

/** Sends what the state's current step asks. */
async function ask(ctx: BotContext, def: DialogDef, state: DialogState): Promise<void> {
  for (const m of question(def, state, await envOf(ctx, def, state))) await send(ctx, m);
}

async function save(ctx: BotContext, state: DialogState): Promise<void> {
  await ctx.services.dialogs.save(ctx.actor.tgId, state, true);
}

/** The shell around the pure transition: computes it, then performs its effects in order. */
async function run(ctx: BotContext, def: DialogDef, state: DialogState, input: Input): Promise<void> {
  const { state: moved, effects }: Transition = next(def, state, input, await envOf(ctx, def, state));
  for (const e of effects) {
    if (e.kind === 'save') await save(ctx, moved);
    else if (e.kind === 'ask') await ask(ctx, def, moved);
    else if (e.kind === 'say') await send(ctx, e.message);
    else if (e.kind === 'mark') await markChosen(ctx, e.note);
    else if (e.kind === 'finish') await finish(ctx, def, moved);
    else if (e.kind === 'pause') await ctx.services.dialogs.pause(ctx.actor.tgId, true);
  }
}

async function finish(ctx: BotContext, def: DialogDef, state: DialogState): Promise<void> {
  // The finish's command ends the dialog in its own write (it is given `state.id`); this drop is for a finish that wrote nothing there.
  await def.finish(ctx, state, await envOf(ctx, def, state));
  await ctx.services.dialogs.drop(ctx.actor.tgId, def.id);
}

// ---------------------------------------------------------------- entry points

/** Starts (or restarts) a dialog for the sender and asks its first question. */
export async function startDialog(ctx: BotContext, def: DialogDef, meta: DialogState['meta'] = {}, answers: Answers = {}, at?: string): Promise<void> {
  const env = await envOf(ctx, def, { meta, answers });
  const first = at ?? firstStep(def, answers, env);
  const state: DialogState = { id: def.id, step: first, answers, meta, tag: randomBytes(3).toString('base64url'), updatedAt: env.now.toISOString() };
  await save(ctx, state);
  await ask(ctx, def, state);
}

/** Makes a saved dialog (a draft) active again and asks where it stopped. */
export async function resumeDialog(ctx: BotContext, def: DialogDef, at?: string): Promise<boolean> {
  const state = await ctx.services.dialogs.state(ctx.actor.tgId, def.id);
  if (!state) return false;
  const resumed = at ? { ...state, step: at } : state;
  await save(ctx, resumed);
  await ask(ctx, def, resumed);
  return true;
}

/** /cancel: leaves the active dialog, keeping a draft where the dialog has drafts. */
export async function cancelDialog(ctx: BotContext): Promise<'none' | 'dropped' | 'kept'> {
  const active = await ctx.services.dialogs.active(ctx.actor.tgId);
  if (!active) return 'none';
  const keep = registry.get(active.id)?.keepsDraft ?? false;
  await ctx.services.dialogs.pause(ctx.actor.tgId, keep);
  return keep ? 'kept' : 'dropped';
}

/**
 * What the definition's `load` read, for its own functions. Outside the engine (no load ran)
 * it throws, as reading the services from those functions would have without the bot's context.
 */
export function loadedOf<T extends object>(env: DialogEnv): T {
  if (env.loaded === undefined) throw new Error('the dialog has not loaded its data');
  return env.loaded as T;
}

export function dialogDef(id: string): DialogDef | undefined {
  return registry.get(id);
}

/** Routes typed text and dialog buttons to the engine. Put after the commands. */
export function dialogRouter(): Composer<BotContext> {
  const router = new Composer<BotContext>();

  // A press of another step, of an earlier start of the dialog (about another member, say), or
  // of a dialog not open now (cancelled, paused as a draft, closed with its review) is a stale button.
  router.use(
    onPress(cbDialog, async (ctx, data) => {
      const def = registry.get(data.dialog);
      const state = def && (await ctx.services.dialogs.active(ctx.actor.tgId));
      if (!def || !state || state.id !== def.id || stepField(state) !== data.step) {
        await ctx.answerCbQuery(t.common.staleButton);
        return;
      }
      await ctx.answerCbQuery();
      await run(ctx, def, state, { kind: 'press', action: data.action });
    }),
  );

  router.on('text', async (ctx, next) => {
    if (!isPrivate(ctx) || ctx.message.text.startsWith('/')) return next();
    const state = await ctx.services.dialogs.active(ctx.actor.tgId);
    const def = state && registry.get(state.id);
    if (!state || !def) return next();
    await run(ctx, def, state, { kind: 'text', text: ctx.message.text });
  });

  return router;
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
