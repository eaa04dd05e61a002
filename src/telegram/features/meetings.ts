/**
 * /meeting (/hop): the next meeting in words, RSVP buttons, the committee's answers and
 * actions (move, cancel, add a themed or extraordinary meeting, attendance, minutes), and
 * the meetings section of /settings. In the group only the public card is shown.
 */
import { Composer } from 'telegraf';
import { attendanceLine, hasStarted, latestRule, rsvpOpen, type Occurrence } from '../../core/meetings/index.ts';
import { sortRoster } from '../../core/members.ts';
import { RuleError } from '../../core/result.ts';
import type { BotContext } from '../context.ts';
import { isCommittee, isGroup, isMember, isSecretary } from '../filters.ts';
import { cbMeeting } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { inline, type Button } from '../keyboards.ts';
import { resumeDialog, startDialog, REVIEW } from '../dialogs/engine.ts';
import { absentDialog, addDialog, minutesDialog, moveDialog, reminderDialog, ruleAnswers, ruleDialog, showSettings } from '../dialogs/meetings.ts';
import { problemText, t } from '../texts/index.ts';
import { meetingButton, rsvpRow } from '../notices/meetings.ts';
import type { SettingsSection } from './settings-section.ts';

const T = t.meetings;

export const meetingsFeature = new Composer<BotContext>();

/** This feature's sections of /settings. */
export const meetingsSettings: SettingsSection[] = [{ id: 'meetings', label: T.settingsLabel, open: (ctx) => showSettings(ctx) }];

const button = meetingButton;

// ---------------------------------------------------------------- /meeting

meetingsFeature.command(['meeting', 'hop'], (ctx) => showMeeting(ctx));

async function showMeeting(ctx: BotContext, id?: string): Promise<unknown> {
  if (!isMember(ctx)) return ctx.reply(t.common.notMember);
  const cell = ctx.actor.cell!;
  const me = ctx.actor.member!;
  const svc = ctx.services.meetings;
  const [data, next] = await Promise.all([svc.data(cell.id).then((d) => d!), svc.upcoming(cell.id)]);
  const noRule = !latestRule(data);

  if (isGroup(ctx)) {
    // Public: when and where, nothing personal and no buttons.
    const o = next[0];
    if (!o) return ctx.reply(noRule ? T.noRule : T.none);
    return ctx.reply(`${T.cardNext}\n${T.card(o)}\n${T.groupHint}`);
  }

  const committee = isCommittee(ctx);
  const o = id ? await svc.occurrence(cell.id, id) : next[0];
  const text: string[] = [];
  const rows: Button[][] = [];
  if (!o) {
    text.push(T.none);
    if (noRule) text.push(isSecretary(ctx) ? T.noRuleSecretary : T.noRule);
  } else {
    if (!id) text.push(T.cardNext);
    text.push(T.card(o));
    const open = rsvpOpen(o, ctx.clock.now());
    if (o.cancelled) text.push(problemText({ code: 'meeting.cancelledNote' }));
    else if (!open) text.push(T.started);
    if (me.state !== 'active') text.push(T.yours.exempt);
    else {
      const r = o.record?.rsvp[me.id];
      text.push(!r ? T.yours.none : r.answer === 'yes' ? T.yours.yes : T.yours.no(r.reason));
      if (open) rows.push(rsvpRow(cell.id, o.id));
    }
    if (committee && open) {
      const a = await answersOf(ctx, o);
      text.push('', T.tally(a.yes.length, a.no.length, a.none.length));
      rows.push([button(cell.id, T.answers, 'rs', o.id)]);
      rows.push([button(cell.id, T.move, 'mv', o.id), button(cell.id, T.cancel, 'cx', o.id)]);
    }
  }
  if (committee) {
    rows.push([button(cell.id, T.addThemed, 'ad', '-', 't'), button(cell.id, T.addExtra, 'ad', '-', 'x')]);
    for (const r of (await ctx.services.meetings.recent(cell.id)).slice(0, 2)) {
      rows.push([button(cell.id, T.attendanceOf(r), 'at', r.id), button(cell.id, T.minutesOf(r), 'mn', r.id)]);
    }
  }
  // Other meetings of the coming weeks (a themed or extraordinary one beside the regular one).
  const soon = ctx.clock.now().getTime() + 40 * 86_400_000;
  const others = next.filter((x) => x.id !== o?.id && Date.parse(x.start) < soon).slice(0, 3);
  if (others.length) rows.push(others.map((x) => button(cell.id, T.view(x), 'v', x.id)));
  return ctx.reply(text.join('\n'), inline(rows));
}

/** Who said what, among the members expected on the day, in roster order. */
async function answersOf(ctx: BotContext, o: Occurrence) {
  const expected = sortRoster(await ctx.services.meetings.expected(ctx.actor.cell!.id, o.date));
  const rsvp = o.record?.rsvp ?? {};
  return {
    yes: expected.filter((m) => rsvp[m.id]?.answer === 'yes').map((m) => m.name),
    no: expected.filter((m) => rsvp[m.id]?.answer === 'no').map((m) => ({ name: m.name, reason: rsvp[m.id]!.reason })),
    none: expected.filter((m) => !rsvp[m.id]).map((m) => m.name),
  };
}

// ---------------------------------------------------------------- buttons

// Who may press which action: cbMeeting's declaration.
meetingsFeature.use(
  onPress(cbMeeting, async (ctx, data) => {
    const cellId = ctx.actor.cell!.id;
    const svc = ctx.services.meetings;
    const occurrence = async () => {
      const o = await svc.occurrence(cellId, data.id);
      if (!o) throw new RuleError({ code: 'meeting.unknown' });
      return o;
    };

    switch (data.action) {
      case 'y': {
        // A change of mind while the reason was asked: the question is dropped (in the same write).
        const asked = (await ctx.services.dialogs.active(ctx.actor.tgId))?.id === absentDialog.id;
        const o = await svc.rsvp(ctx.actor.tgId, data.id, 'yes', undefined, asked ? absentDialog.id : undefined);
        await ctx.answerCbQuery();
        return ctx.reply(T.rsvpYes(o));
      }
      case 'n': {
        const o = await occurrence();
        if (!rsvpOpen(o, ctx.clock.now())) throw new RuleError({ code: o.cancelled ? 'meeting.cancelledNote' : 'meeting.rsvpClosed' });
        await ctx.answerCbQuery();
        return startDialog(ctx, absentDialog, { occ: o.id });
      }
      case 'v':
        await ctx.answerCbQuery();
        return showMeeting(ctx, (await occurrence()).id);
      case 'rs': {
        const o = await occurrence();
        const a = await answersOf(ctx, o);
        await ctx.answerCbQuery();
        return ctx.reply([T.answersTitle(o), T.answersYes(a.yes), T.answersNo(a.no), T.answersNone(a.none)].join('\n'));
      }
      case 'mv': {
        const o = await occurrence();
        if (hasStarted(o, ctx.clock.now())) throw new RuleError({ code: 'meeting.started' });
        await ctx.answerCbQuery();
        return startDialog(ctx, moveDialog, { occ: o.id });
      }
      case 'cx': {
        const o = await occurrence();
        if (o.cancelled) throw new RuleError({ code: 'meeting.alreadyCancelled' });
        await ctx.answerCbQuery();
        return ctx.reply(T.cancelConfirm(o), inline([[button(cellId, T.cancelYes, 'cxy', o.id), button(cellId, T.cancelNo, 'cxn', o.id)]]));
      }
      case 'cxy': {
        const o = await svc.cancel(ctx.actor.tgId, data.id);
        await ctx.answerCbQuery();
        return ctx.editMessageText(T.cancelled(o)).catch(() => ctx.reply(T.cancelled(o)));
      }
      case 'cxn':
        await ctx.answerCbQuery();
        return ctx.editMessageText(T.cancelKept).catch(() => ctx.reply(T.cancelKept));
      case 'ad':
        await ctx.answerCbQuery();
        return startDialog(ctx, addDialog, { kind: data.arg === 't' ? 'themed' : 'extraordinary' });
      case 'at': {
        const o = await svc.startAttendance(ctx.actor.tgId, data.id);
        await ctx.answerCbQuery();
        return ctx.reply(...(await checklist(ctx, o)));
      }
      case 'tg': {
        const o = await svc.toggle(ctx.actor.tgId, data.id, data.arg);
        await ctx.answerCbQuery();
        const [text, markup] = await checklist(ctx, o);
        return ctx.editMessageText(text, markup).catch(() => ctx.reply(text, markup));
      }
      case 'ok': {
        const { line, flagged } = await svc.closeAttendance(ctx.actor.tgId, data.id);
        const o = await occurrence();
        await ctx.answerCbQuery();
        await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
        const text = [
          T.attendanceSaved(o, line),
          ...(flagged.length
            ? [
                T.flaggedNote(
                  flagged.map((f) => f.name),
                  Number(o.date.slice(0, 4)),
                ),
              ]
            : []),
        ].join('\n');
        return ctx.reply(text, inline([[button(cellId, T.minutes, 'mn', o.id), button(cellId, T.attendance, 'at', o.id)]]));
      }
      case 'mn': {
        const o = await occurrence();
        if (!hasStarted(o, ctx.clock.now())) throw new RuleError({ code: 'meeting.notStarted' });
        await ctx.answerCbQuery();
        const draft = await ctx.services.dialogs.state(ctx.actor.tgId, minutesDialog.id);
        if (draft && draft.meta.occ === o.id && (await resumeDialog(ctx, minutesDialog))) return;
        const m = o.record?.minutes;
        if (m) return startDialog(ctx, minutesDialog, { occ: o.id }, { content: [m.content], resolution: [m.resolution] }, REVIEW);
        return startDialog(ctx, minutesDialog, { occ: o.id });
      }
      case 'set': {
        await ctx.answerCbQuery();
        if (data.arg === 'rule') {
          const rule = latestRule((await svc.data(cellId))!);
          return rule ? startDialog(ctx, ruleDialog, {}, ruleAnswers(rule), REVIEW) : startDialog(ctx, ruleDialog);
        }
        return startDialog(ctx, reminderDialog, { slot: Number(data.arg) || 0 });
      }
    }
  }),
);

/** The attendance checklist: one button per expected member, tap to toggle, then "Xong". */
async function checklist(ctx: BotContext, o: Occurrence): Promise<[string, ReturnType<typeof inline>]> {
  const cellId = ctx.actor.cell!.id;
  const a = o.record!.attendance!;
  const members = await ctx.services.members.records(cellId);
  const ids = sortRoster(
    Object.keys(a.marks)
      .map((id) => members[id]!)
      .filter(Boolean),
  ).map((m) => m.id);
  const line = attendanceLine(o)!;
  const rows = ids.map((id) => [button(cellId, T.markLabel(members[id]!.name, a.marks[id]!), 'tg', o.id, id)]);
  rows.push([button(cellId, T.attendanceDone, 'ok', o.id)]);
  const text = line.expected ? T.checklist(o, line) : T.noneExpected;
  return [text, inline(rows)];
}
