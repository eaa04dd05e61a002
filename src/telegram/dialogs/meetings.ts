/**
 * The meetings feature's dialogs: the reason for "❌ Vắng", the regular rule and the
 * reminders (/settings), moving a meeting, adding a themed or extraordinary one, and the
 * minutes. Every typed answer is checked by a core parser that says what is wrong.
 */
import { fail, RuleError, type Result } from '../../core/result.ts';
import { parseTime, validShortText } from '../../core/validate.ts';
import {
  parseDateTime,
  parseLead,
  parseRuleDay,
  latestRule,
  ruleFor,
  validPlace,
  type MeetingRule,
  type MeetingsData,
  type Occurrence,
  type ReminderSlot,
  type RuleDay,
  type WeekOfMonth,
} from '../../core/meetings/index.ts';
import { localMonth, type HourMinute } from '../../core/time.ts';
import type { Answers } from '../../core/dialog-state.ts';
import { REASON_MAX, TOPIC_MAX, MINUTES_MAX } from '../../services/meetings.ts';
import type { BotContext } from '../context.ts';
import { defineDialog, loadedOf, type DialogEnv } from './engine.ts';
import { cbMeeting } from '../callback-data.ts';
import { inline } from '../keyboards.ts';
import { problemText, t } from '../texts/index.ts';
import { AUDIENCES, WEEKDAYS } from '../texts/meetings.ts';

const T = t.meetings;

/** A refusal at the very end (the meeting started meanwhile …) ends the dialog with its reason. */
async function orSayWhy(ctx: BotContext, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    await ctx.reply(problemText(e.problem));
  }
}

/** The meeting a dialog is about (`meta.occ`) in the sender's cell. */
async function findOccurrence(ctx: BotContext, meta: Record<string, string | number>): Promise<Occurrence | undefined> {
  const cell = ctx.actor.cell;
  return cell ? ctx.services.meetings.occurrence(cell.id, String(meta.occ)) : undefined;
}

/** The `load` of the dialogs about one meeting. */
const loadOccurrence = async (ctx: BotContext, state: { meta: Record<string, string | number> }) => ({ occurrence: await findOccurrence(ctx, state.meta) });

function occurrenceOf(env: DialogEnv): Occurrence | undefined {
  return loadedOf<{ occurrence?: Occurrence }>(env).occurrence;
}

const orCode =
  (code: string) =>
  (r: Result<string>): Result<string> =>
    !r.ok && r.error.code === 'text.empty' ? fail(code) : r;

// ---------------------------------------------------------------- "❌ Vắng": the reason

export const absentDialog = defineDialog({
  id: 'mtabsent',
  keepsDraft: false,
  load: loadOccurrence,
  steps: [
    {
      id: 'reason',
      prompt: (_a, env) => T.reasonPrompt(occurrenceOf(env)),
      input: {
        kind: 'text',
        parse: (s) => orCode('meeting.reasonEmpty')(validShortText(s, REASON_MAX)),
        options: T.reasons.map((r) => ({ value: r, label: r })),
      },
    },
  ],
  async finish(ctx, state) {
    await orSayWhy(ctx, async () => {
      const reason = String(state.answers.reason);
      const o = await ctx.services.meetings.rsvp(ctx.actor.tgId, String(state.meta.occ), 'no', reason, state.id);
      await ctx.reply(T.rsvpNo(o, o.record?.rsvp[ctx.actor.member!.id]?.reason ?? reason));
    });
  },
});

// ---------------------------------------------------------------- the regular rule (secretary)

export function ruleAnswers(r: MeetingRule): Answers {
  return r.on.kind === 'day' ? { kind: 'day', day: r.on.day, time: r.time, place: r.place } : { kind: 'weekday', weekday: String(r.on.weekday), week: String(r.on.week), time: r.time, place: r.place };
}

function ruleOf(a: Answers): MeetingRule {
  const on: RuleDay = a.kind === 'day' ? { kind: 'day', day: Number(a.day) } : { kind: 'weekday', weekday: Number(a.weekday), week: (a.week === 'last' ? 'last' : Number(a.week)) as WeekOfMonth };
  return { on, time: String(a.time) as HourMinute, place: String(a.place) };
}

export const ruleDialog = defineDialog({
  id: 'mtrule',
  keepsDraft: false,
  steps: [
    {
      id: 'kind',
      label: t.steps.meetingRule.kind,
      prompt: () => T.askRuleKind,
      input: {
        kind: 'choice',
        columns: 1,
        options: [
          { value: 'day', label: T.ruleKindDay },
          { value: 'weekday', label: T.ruleKindWeekday },
        ],
      },
    },
    { id: 'day', label: t.steps.meetingRule.day, when: (a) => a.kind === 'day', prompt: () => T.askDay, input: { kind: 'text', parse: (s) => parseRuleDay(s) } },
    {
      id: 'weekday',
      label: t.steps.meetingRule.weekday,
      when: (a) => a.kind === 'weekday',
      prompt: () => T.askWeekday,
      input: { kind: 'choice', columns: 3, options: [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: String(d), label: WEEKDAYS[d]! })) },
    },
    {
      id: 'week',
      label: t.steps.meetingRule.week,
      when: (a) => a.kind === 'weekday',
      prompt: () => T.askWeek,
      input: { kind: 'choice', columns: 2, options: (['1', '2', '3', '4', 'last'] as const).map((w) => ({ value: w, label: T.weekLabels[w === 'last' ? 'last' : (Number(w) as 1)] })) },
    },
    { id: 'time', label: t.steps.meetingRule.time, prompt: () => T.askTime, input: { kind: 'text', parse: (s) => parseTime(s) } },
    { id: 'place', label: t.steps.meetingRule.place, prompt: () => T.askPlace, input: { kind: 'text', parse: (s) => validPlace(s) } },
  ],
  review: { submit: t.buttons.submit, render: (a) => T.ruleReview(ruleOf(a)) },
  async finish(ctx, state) {
    const change = await ctx.services.meetings.setRule(ctx.actor.tgId, ruleOf(state.answers), state.id);
    await ctx.reply(T.ruleSaved(change));
  },
});

// ---------------------------------------------------------------- a reminder slot (secretary)

export const reminderDialog = defineDialog({
  id: 'mtremind',
  keepsDraft: false,
  load: async (ctx) => ({ reminders: (await ctx.services.meetings.data(ctx.actor.cell!.id))?.reminders ?? [] }),
  steps: [
    {
      id: 'lead',
      prompt: (_a, env) => T.askLead(Number(env.meta.slot)),
      input: {
        kind: 'text',
        options: [{ value: 'off', label: T.leadOff }],
        parse: (s, env) => {
          const r = parseLead(s);
          if (!r.ok) return r;
          const slots = loadedOf<{ reminders: readonly ReminderSlot[] }>(env).reminders;
          if (slots.some((x, i) => i !== Number(env.meta.slot) && x?.minutes === r.value)) return fail('meeting.leadDuplicate');
          return r;
        },
      },
    },
    {
      id: 'audience',
      when: (a) => a.lead !== 'off',
      prompt: () => T.askAudience,
      input: { kind: 'choice', columns: 1, options: Object.entries(AUDIENCES).map(([value, a]) => ({ value, label: a.label })) },
    },
  ],
  async finish(ctx, state) {
    const a = state.answers;
    const aud = AUDIENCES[String(a.audience)];
    const setting = a.lead === 'off' || !aud ? null : { minutes: Number(a.lead), group: aud.group, private: aud.private };
    await orSayWhy(ctx, async () => {
      await ctx.services.meetings.setReminder(ctx.actor.tgId, Number(state.meta.slot), setting, state.id);
      await ctx.reply(T.reminderSaved);
      await showSettings(ctx);
    });
  },
});

/** The meetings section of /settings: the rule, the reminders and buttons to change them. */
export async function showSettings(ctx: BotContext): Promise<void> {
  const cell = ctx.actor.cell!;
  const data = (await ctx.services.meetings.data(cell.id))!;
  const rule = latestRule(data);
  const button = (text: string, arg: string) => ({ text, data: cbMeeting.make({ cell: cell.id, action: 'set', id: '-', arg }) });
  await ctx.reply(
    T.settingsText(rule, data.reminders, cell.groupChatId !== undefined),
    inline([[button(rule ? T.editRule : T.setRule, 'rule')], [0, 1, 2].map((i) => button(T.editReminder(i), String(i)))]),
  );
}

// ---------------------------------------------------------------- moving one meeting (committee)

function splitWhen(v: unknown): { date: string; time: HourMinute } {
  const [date, time] = String(v).split(' ');
  return { date: date!, time: time! };
}

export const moveDialog = defineDialog({
  id: 'mtmove',
  keepsDraft: false,
  load: loadOccurrence,
  steps: [
    {
      id: 'when',
      label: t.steps.meetingMove.when,
      prompt: (_a, env) => T.askNewDateTime(occurrenceOf(env)!),
      input: {
        kind: 'text',
        parse: (s, env) => {
          const r = parseDateTime(s, env.now, occurrenceOf(env)?.time);
          return r.ok ? { ok: true, value: `${r.value.date} ${r.value.time}` } : r;
        },
      },
    },
    {
      id: 'place',
      label: t.steps.meetingMove.place,
      prompt: () => T.askPlace,
      // The button "keep" answers '' (a typed place is never empty).
      input: { kind: 'text', parse: (s) => validPlace(s), options: (_a, env) => [{ value: '', label: T.keepPlace(occurrenceOf(env)?.place ?? '') }] },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a, env) => {
      const o = occurrenceOf(env)!;
      return T.moveReview(o, { ...splitWhen(a.when), place: a.place ? String(a.place) : o.place });
    },
  },
  async finish(ctx, state) {
    await orSayWhy(ctx, async () => {
      const o = await findOccurrence(ctx, state.meta);
      if (!o) throw new RuleError({ code: 'meeting.unknown' });
      const place = state.answers.place ? String(state.answers.place) : o.place;
      const moved = await ctx.services.meetings.move(ctx.actor.tgId, o.id, { ...splitWhen(state.answers.when), place }, state.id);
      await ctx.reply(T.moved(moved));
    });
  },
});

// ---------------------------------------------------------------- a themed or extraordinary meeting (committee)

/** What the dialog of an added meeting reads: the meetings to come, the cell's meetings, the one chosen to combine with. */
interface AddLoaded {
  upcoming: Occurrence[];
  data: MeetingsData | undefined;
  combined: Occurrence | undefined;
}

/** The next regular meeting a themed one can be combined with. */
function nextRegular(env: DialogEnv): Occurrence | undefined {
  return loadedOf<AddLoaded>(env).upcoming.find((o) => o.kind === 'regular' && !o.topic);
}

const usualPlace = (env: DialogEnv) => {
  const data = loadedOf<AddLoaded>(env).data;
  return data ? ruleFor(data, localMonth(env.now))?.place : undefined;
};

const separate = (a: Answers) => a.combine === undefined || a.combine === 'own';

async function loadAdd(ctx: BotContext, state: { answers: Answers }): Promise<AddLoaded> {
  const cellId = ctx.actor.cell!.id;
  const [upcoming, data, combined] = await Promise.all([
    ctx.services.meetings.upcoming(cellId),
    ctx.services.meetings.data(cellId),
    separate(state.answers) ? undefined : ctx.services.meetings.occurrence(cellId, String(state.answers.combine)),
  ]);
  return { upcoming, data, combined };
}

export const addDialog = defineDialog({
  id: 'mtadd',
  keepsDraft: false,
  load: loadAdd,
  steps: [
    {
      id: 'combine',
      label: t.steps.meetingAdd.combine,
      when: (_a, env) => env.meta.kind === 'themed' && Boolean(nextRegular(env)),
      prompt: () => T.askCombine,
      input: {
        kind: 'choice',
        columns: 1,
        options: (_a, env) => [...(nextRegular(env) ? [{ value: nextRegular(env)!.id, label: T.combineWith(nextRegular(env)!) }] : []), { value: 'own', label: T.ownMeeting }],
      },
    },
    {
      id: 'topic',
      label: t.steps.meetingAdd.topic,
      when: (_a, env) => env.meta.kind === 'themed',
      prompt: () => T.askTopic,
      input: { kind: 'text', parse: (s) => orCode('meeting.topicEmpty')(validShortText(s, TOPIC_MAX)) },
    },
    {
      id: 'about',
      label: t.steps.meetingAdd.about,
      when: (_a, env) => env.meta.kind !== 'themed',
      prompt: () => T.askExtraTopic,
      skip: t.buttons.skip,
      input: { kind: 'text', parse: (s) => validShortText(s, TOPIC_MAX) },
    },
    {
      id: 'when',
      label: t.steps.meetingAdd.when,
      when: separate,
      prompt: () => T.askDateTime,
      input: {
        kind: 'text',
        parse: (s, env) => {
          const r = parseDateTime(s, env.now);
          return r.ok ? { ok: true, value: `${r.value.date} ${r.value.time}` } : r;
        },
      },
    },
    {
      id: 'place',
      label: t.steps.meetingAdd.place,
      when: separate,
      prompt: () => T.askPlace,
      input: {
        kind: 'text',
        parse: (s) => validPlace(s),
        options: (_a, env) => {
          const p = usualPlace(env);
          return p ? [{ value: p, label: p }] : [];
        },
      },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a, env) => {
      const kind = env.meta.kind === 'themed' ? 'themed' : 'extraordinary';
      const topic = a.topic ? String(a.topic) : a.about ? String(a.about) : undefined;
      if (!separate(a)) return T.addReview(kind, topic, undefined, loadedOf<AddLoaded>(env).combined);
      return T.addReview(kind, topic, { ...splitWhen(a.when), place: String(a.place) });
    },
  },
  async finish(ctx, state) {
    const a = state.answers;
    const kind = state.meta.kind === 'themed' ? 'themed' : 'extraordinary';
    await orSayWhy(ctx, async () => {
      if (!separate(a)) {
        const o = await ctx.services.meetings.makeThemed(ctx.actor.tgId, String(a.combine), String(a.topic), state.id);
        await ctx.reply(T.themedCombined(o));
        return;
      }
      const o = await ctx.services.meetings.add(
        ctx.actor.tgId,
        {
          kind,
          ...splitWhen(a.when),
          place: String(a.place),
          ...(a.topic || a.about ? { topic: String(a.topic ?? a.about) } : {}),
        },
        state.id,
      );
      await ctx.reply(T.added(o));
    });
  },
});

// ---------------------------------------------------------------- the minutes (committee)

const joined = (v: unknown) => (Array.isArray(v) ? v.join('\n') : String(v ?? ''));

export const minutesDialog = defineDialog({
  id: 'mtminutes',
  keepsDraft: true,
  load: loadOccurrence,
  steps: [
    { id: 'content', label: t.steps.minutes.content, prompt: () => T.askContent, input: { kind: 'multi', maxChars: MINUTES_MAX } },
    { id: 'resolution', label: t.steps.minutes.resolution, prompt: () => T.askResolution, input: { kind: 'multi', maxChars: MINUTES_MAX } },
  ],
  review: {
    submit: t.buttons.submit,
    draft: t.buttons.saveDraft,
    render: (a, env) => T.minutesReview(occurrenceOf(env)!, joined(a.content), joined(a.resolution)),
  },
  async finish(ctx, state) {
    await orSayWhy(ctx, async () => {
      const o = await ctx.services.meetings.recordMinutes(ctx.actor.tgId, String(state.meta.occ), joined(state.answers.content), joined(state.answers.resolution), state.id);
      await ctx.reply(T.minutesSaved(o));
    });
  },
});
