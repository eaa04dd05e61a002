/**
 * /note (committee): write, list, edit and delete journal entries, a part of the report and
 * then its section; the report's inputs for the year; the opening figures. Other features
 * open it at one of these with `noteButton`.
 */
import { Composer } from 'telegraf';
import {
  groupOf,
  isJournalSection,
  JOURNAL_SECTIONS,
  isSectionGroup,
  reportYearOn,
  SECTION_GROUP_IDS,
  SECTION_GROUPS,
  type Inspection,
  type JournalEntry,
  type JournalSection,
  type SectionGroup,
} from '../../core/journal.ts';
import { isRating, RATINGS } from '../../core/review/index.ts';
import { fail, ok } from '../../core/result.ts';
import { localDate } from '../../core/time.ts';
import { validPastDate, validShortText, validText } from '../../core/validate.ts';
import type { Answers } from '../../core/dialog-state.ts';
import type { BotContext } from '../context.ts';
import { isCommittee, isPrivate } from '../filters.ts';
import { cbJournal, type JournalAction } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { grid, inline, webAppButton, type Button } from '../keyboards.ts';
import { defineDialog, REVIEW, startDialog } from '../dialogs/engine.ts';
import { startOpening } from '../dialogs/opening.ts';
import { t } from '../texts/index.ts';

export const journalFeature = new Composer<BotContext>();
const J = t.journal;
const PER_PAGE = 5;

const yearOf = (ctx: BotContext) => reportYearOn(localDate(ctx.clock.now()));
const btn = (ctx: BotContext, action: JournalAction, text: string, id: string | number = '', arg: string | number = ''): Button => ({
  text,
  data: cbJournal.make({ cell: ctx.actor.cell!.id, action, id, arg }),
});

/** The report inputs that are not entries, each opened by its own button. */
const INPUT_TARGETS = ['opening', 'basis', 'targets', 'level', 'number'] as const;
export type NoteTarget = JournalSection | (typeof INPUT_TARGETS)[number];

/**
 * A button that opens /note directly at `target`: a section's new-entry dialog, the opening
 * figures, or one of the report inputs (of `year`; the current report year by default).
 * For another feature's screens, e.g. /report's "Còn 6 mục cần bổ sung".
 */
export function noteButton(cellId: string, target: NoteTarget, label: string, year?: number): Button {
  return { text: label, data: cbJournal.make({ cell: cellId, action: 'add', id: target, arg: year ?? '' }) };
}

/** The year of an "open at" button: empty for the current report year, else a year up to this one. */
function yearArg(ctx: BotContext, arg: string): number | undefined {
  if (!arg) return yearOf(ctx);
  const thisYear = Number(localDate(ctx.clock.now()).slice(0, 4));
  return /^\d{4}$/.test(arg) && Number(arg) >= 2000 && Number(arg) <= thisYear ? Number(arg) : undefined;
}

/** The first step after the section: an inspection asks its kind, anything else its date. */
const startNote = (ctx: BotContext, section: JournalSection, year: number) => startDialog(ctx, noteDialog, { year }, { group: groupOf(section), section }, section === 'kiem_tra' ? 'kind' : 'on');

journalFeature.command('note', async (ctx) => {
  if (!isCommittee(ctx)) return ctx.reply(t.refusals['forbidden.committee']!);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  await home(ctx);
});

async function home(ctx: BotContext): Promise<void> {
  const year = yearOf(ctx);
  const [entries, opening] = await Promise.all([ctx.services.journal.entries(ctx.actor.cell!.id, year), ctx.services.journal.opening(ctx.actor.tgId, year)]);
  const count = entries.length;
  await ctx.reply(
    [J.home(year, count), ...(opening ? [J.openingHome(opening.through)] : [])].join('\n'),
    inline([
      [btn(ctx, 'new', J.newEntry), btn(ctx, 'sections', J.browse)],
      [btn(ctx, 'opening', J.opening)],
      [btn(ctx, 'basis', J.basis), btn(ctx, 'targets', J.targets)],
      [btn(ctx, 'level', J.cellLevel), btn(ctx, 'number', J.number)],
      ctx.webappUrl ? [webAppButton(t.webapp.journalButton, `${ctx.webappUrl}?page=journal`)] : [],
    ]),
  );
}

// Who may press: cbJournal's declaration (the committee, of its own cell).
journalFeature.use(
  onPress(cbJournal, async (ctx, data) => {
    const cellId = ctx.actor.cell!.id;
    const year = yearOf(ctx);
    const { journal } = ctx.services;

    switch (data.action) {
      case 'new':
        await ctx.answerCbQuery();
        return startDialog(ctx, noteDialog, { year });
      case 'sections': {
        await ctx.answerCbQuery();
        const counted = await countOf(ctx, year);
        const rows = SECTION_GROUP_IDS.map((g) => [
          btn(
            ctx,
            'grp',
            J.sectionButton(
              J.groups[g],
              SECTION_GROUPS[g].reduce((n, s) => n + counted(s), 0),
            ),
            g,
          ),
        ]);
        return ctx.reply(J.pickGroup(year), inline([...rows, [btn(ctx, 'opening', J.opening)]]));
      }
      case 'grp': {
        if (!isSectionGroup(data.id)) return ctx.answerCbQuery(t.common.staleButton);
        await ctx.answerCbQuery();
        const g: SectionGroup = data.id;
        const counted = await countOf(ctx, year);
        const buttons = SECTION_GROUPS[g].map((s) => btn(ctx, 'list', J.sectionButton(J.sectionShort(s), counted(s)), 0, s));
        const extra = g === 'phuong_huong' ? [[btn(ctx, 'targets', J.targets)]] : [];
        return ctx.reply(J.pickSectionOf(J.groups[g], year), inline([...grid(buttons, 2), ...extra, [btn(ctx, 'sections', J.backToGroups)]]));
      }
      case 'list': {
        if (!isJournalSection(data.arg)) return ctx.answerCbQuery(t.common.staleButton);
        await ctx.answerCbQuery();
        return showList(ctx, year, data.arg, Number(data.id) || 0);
      }
      case 'add': {
        const at = yearArg(ctx, data.arg);
        if (at === undefined || !(isJournalSection(data.id) || (INPUT_TARGETS as readonly string[]).includes(data.id))) return ctx.answerCbQuery(t.common.staleButton);
        await ctx.answerCbQuery();
        if (isJournalSection(data.id)) return startNote(ctx, data.id, at);
        if (data.id === 'opening') return startOpening(ctx, at);
        if (data.id === 'level') return askLevel(ctx, at);
        return openInput(ctx, data.id as 'basis' | 'targets' | 'number', at);
      }
      case 'opening': {
        await ctx.answerCbQuery();
        const cur = await journal.opening(ctx.actor.tgId, year);
        if (!cur) return startOpening(ctx, year);
        const by = (await ctx.services.members.member(cellId, cur.by))?.name ?? '';
        return ctx.reply(`${J.openingText(year, cur)}\n\n${J.openingBy(by, cur.at)}`, inline([[noteButton(cellId, 'opening', J.openingEdit, year)]]));
      }
      case 'edit': {
        const e = await journal.entry(cellId, data.id);
        if (!e) return ctx.answerCbQuery(t.journal.deleted, { show_alert: true });
        await ctx.answerCbQuery();
        return startDialog(ctx, noteDialog, { entryId: e.id, year: Number(e.on.slice(0, 4)) }, answersOf(e), REVIEW);
      }
      case 'del': {
        const e = await journal.entry(cellId, data.id);
        if (!e) return ctx.answerCbQuery(t.common.staleButton);
        await ctx.answerCbQuery();
        return ctx.reply(`${J.confirmDelete}\n\n${e.text}`, inline([[btn(ctx, 'delok', J.yesDelete, e.id), btn(ctx, 'sections', t.buttons.cancel)]]));
      }
      case 'delok': {
        await ctx.answerCbQuery();
        await journal.remove(ctx.actor.tgId, data.id);
        await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
        return ctx.reply(J.deleted);
      }
      case 'basis':
      case 'targets':
      case 'number':
        await ctx.answerCbQuery();
        return openInput(ctx, data.action, year);
      case 'level':
        await ctx.answerCbQuery();
        return askLevel(ctx, year);
      case 'setlevel': {
        const at = yearArg(ctx, data.id);
        if (!isRating(data.arg) || at === undefined) return ctx.answerCbQuery(t.common.staleButton);
        await ctx.answerCbQuery();
        await journal.setInputs(ctx.actor.tgId, at, { cellLevel: data.arg });
        await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
        return ctx.reply(`${J.cellLevel}: ${J.levels[data.arg]}. ${J.inputsSaved}`);
      }
    }
  }),
);

/** Entries of a section in the year; meeting minutes count under "Xây dựng Đảng". */
async function countOf(ctx: BotContext, year: number): Promise<(s: JournalSection) => number> {
  const cellId = ctx.actor.cell!.id;
  const [minutes, entries] = await Promise.all([ctx.services.meetings.minutes(cellId, year), ctx.services.journal.entries(cellId, year)]);
  return (s) => entries.filter((e) => e.section === s).length + (s === 'xay_dung_dang' ? minutes.length : 0);
}

async function openInput(ctx: BotContext, field: 'basis' | 'targets' | 'number', year: number): Promise<void> {
  const label = field === 'basis' ? J.basis : field === 'targets' ? J.targets : J.number;
  await ctx.reply(J.current(label, (await ctx.services.journal.inputs(ctx.actor.cell!.id, year))[field]));
  return startDialog(ctx, inputsDialog, { field, year });
}

async function askLevel(ctx: BotContext, year: number): Promise<void> {
  const cur = (await ctx.services.journal.inputs(ctx.actor.cell!.id, year)).cellLevel;
  const rows = RATINGS.map((l) => [btn(ctx, 'setlevel', `${cur === l ? '✓ ' : ''}${J.levels[l]}`, year, l)]);
  await ctx.reply(J.askLevel(year), inline(rows));
}

async function showList(ctx: BotContext, year: number, section: JournalSection, page: number): Promise<void> {
  const cellId = ctx.actor.cell!.id;
  const [entries, members] = await Promise.all([ctx.services.journal.entries(cellId, year, section), ctx.services.members.records(cellId)]);
  const pages = Math.max(1, Math.ceil(entries.length / PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = entries.slice(p * PER_PAGE, (p + 1) * PER_PAGE);
  const lines = shown.map((e, i) => J.entryLine(p * PER_PAGE + i + 1, e, members[e.by]?.name ?? ''));
  // Meeting minutes belong to "Xây dựng Đảng": shown there, read-only (they are edited in /meeting).
  const minutes = section === 'xay_dung_dang' && p === 0 ? await ctx.services.meetings.minutes(cellId, year) : [];
  const minuteLines = minutes.length ? [J.minutesTitle, minutes.map((x) => J.minutesLine(x.date, x.content)).join('\n')] : [];
  const text = [J.listTitle(J.sections[section], year, p, pages), ...(lines.length || minutes.length ? lines : [J.empty]), ...minuteLines].join('\n\n');
  const rows: Button[][] = shown.map((e, i) => [btn(ctx, 'edit', J.editButton(p * PER_PAGE + i + 1), e.id), btn(ctx, 'del', J.deleteButton(p * PER_PAGE + i + 1), e.id)]);
  const nav: Button[] = [];
  if (p > 0) nav.push(btn(ctx, 'list', t.buttons.prev, p - 1, section));
  if (p < pages - 1) nav.push(btn(ctx, 'list', t.buttons.next, p + 1, section));
  rows.push(nav, [btn(ctx, 'grp', J.back, groupOf(section))]);
  await ctx.reply(text, inline(rows));
}

function answersOf(e: JournalEntry): Answers {
  return {
    group: groupOf(e.section),
    section: e.section,
    kind: e.inspection?.kind ?? (e.section === 'kiem_tra' ? 'none' : null),
    target: e.inspection ? (e.inspection.members ? 'member' : 'cell') : null,
    count: e.inspection?.members || null,
    on: e.on,
    text: e.text,
  };
}

function inspectionOf(a: Answers): Inspection | undefined {
  if (a.section !== 'kiem_tra' || (a.kind !== 'kiem_tra' && a.kind !== 'giam_sat')) return undefined;
  return { kind: a.kind, members: a.target === 'member' ? Number(a.count) : 0 };
}

const isInspection = (a: Answers) => a.section === 'kiem_tra' && (a.kind === 'kiem_tra' || a.kind === 'giam_sat');

const noteDialog = defineDialog({
  id: 'note',
  keepsDraft: false,
  steps: [
    {
      id: 'group',
      label: t.steps.note.group,
      prompt: () => J.askGroup,
      input: { kind: 'choice', columns: 1, options: SECTION_GROUP_IDS.map((g) => ({ value: g, label: J.groups[g] })) },
      assign: (a, v) => {
        a.group = v;
        // Another part: its section is asked again.
        if (!isSectionGroup(v) || !isJournalSection(a.section) || groupOf(a.section) !== v) delete a.section;
      },
    },
    {
      id: 'section',
      label: t.steps.note.section,
      prompt: (a) => (isSectionGroup(a.group) ? J.askSectionOf(J.groups[a.group]) : J.askSection),
      input: {
        kind: 'choice',
        // (a dialog saved before the parts existed has no group: every section, by its full name)
        options: (a) => (isSectionGroup(a.group) ? SECTION_GROUPS[a.group].map((s) => ({ value: s, label: J.sectionShort(s) })) : JOURNAL_SECTIONS.map((s) => ({ value: s, label: J.sections[s] }))),
      },
    },
    {
      id: 'kind',
      label: t.steps.note.kind,
      prompt: () => J.askKind,
      when: (a) => a.section === 'kiem_tra',
      input: { kind: 'choice', columns: 3, options: (['kiem_tra', 'giam_sat', 'none'] as const).map((k) => ({ value: k, label: J.kindLabels[k] })) },
    },
    {
      id: 'target',
      label: t.steps.note.target,
      prompt: () => J.askTarget,
      when: isInspection,
      input: {
        kind: 'choice',
        columns: 1,
        options: [
          { value: 'member', label: J.targetMember },
          { value: 'cell', label: J.targetCell },
        ],
      },
    },
    {
      id: 'count',
      label: t.steps.note.count,
      prompt: () => J.askCount,
      when: (a) => isInspection(a) && a.target === 'member',
      input: {
        kind: 'text',
        parse: (s) => (/^\d{1,2}$/.test(s.trim()) && Number(s) >= 1 ? ok(Number(s)) : fail('journal.count')),
      },
    },
    {
      id: 'on',
      label: t.steps.note.on,
      prompt: () => J.askDate,
      input: {
        kind: 'text',
        parse: (s, env) => validPastDate(s, env.today),
        // A note for a year already over (January's report of last year): its last day, not today, is the quick answer.
        options: (_a, env) => {
          const year = Number(env.meta.year) || reportYearOn(env.today);
          return env.today.startsWith(`${year}-`) ? [{ value: 'today', label: J.today }] : [{ value: `${year}-12-31`, label: J.yearEnd(year) }];
        },
      },
      assign: (a, v) => {
        a.on = v;
      },
    },
    { id: 'text', label: t.steps.note.text, prompt: () => J.askText, input: { kind: 'text', parse: (s) => validText(s, 3000) } },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a, env) => {
      const insp = inspectionOf(a);
      return J.review({
        section: J.sections[a.section as JournalSection],
        on: a.on === 'today' ? env.today : String(a.on),
        text: String(a.text),
        inspection: insp ? J.inspectionLine(insp.kind, insp.members) : undefined,
      });
    },
  },
  async finish(ctx, state, env) {
    const a = state.answers;
    const entry = { section: a.section as JournalSection, on: a.on === 'today' ? env.today : String(a.on), text: String(a.text), inspection: inspectionOf(a) };
    if (state.meta.entryId) {
      await ctx.services.journal.edit(ctx.actor.tgId, String(state.meta.entryId), entry, state.id);
      await ctx.reply(J.edited);
    } else {
      await ctx.services.journal.add(ctx.actor.tgId, entry, state.id);
      await ctx.reply(J.saved(J.sections[entry.section]));
    }
  },
});

/** One line of the year's report inputs: the basis, the targets or the number. */
const inputsDialog = defineDialog({
  id: 'rinputs',
  keepsDraft: false,
  steps: [
    {
      id: 'value',
      prompt: (_a, env) => (env.meta.field === 'basis' ? J.askBasis : env.meta.field === 'targets' ? J.askTargets(Number(env.meta.year) + 1) : J.askNumber),
      input: {
        kind: 'text',
        parse: (s, env) => {
          if (env.meta.field === 'number') return /^\d{1,4}$/.test(s.trim()) ? ok(s.trim()) : fail('journal.number');
          // one target per line; bullets people type ("- ", "• ") are dropped
          if (env.meta.field === 'targets') return validText(s.replace(/^[ \t]*[-–•+*][ \t]*/gm, ''), 1500);
          return validShortText(s, 500);
        },
      },
    },
  ],
  async finish(ctx, state) {
    await ctx.services.journal.setInputs(ctx.actor.tgId, Number(state.meta.year), { [String(state.meta.field)]: String(state.answers.value) }, state.id);
    await ctx.reply(J.inputsSaved);
  },
});
