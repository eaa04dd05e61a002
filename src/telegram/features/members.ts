/** Approving applications, /members (roster and figures) and /member (the secretary's edits). */
import { Composer } from 'telegraf';
import { CIVIL_KINDS, EDITABLE_STATES, ROLES, THEORY_LEVELS, isCivilKind, rosterFigures, unitNameOf, validUnitName, wasAdmitted, type Member, type MemberState } from '../../core/members.ts';
import { RuleError } from '../../core/result.ts';
import { validBirthYear, validName, validPastDate, validShortText } from '../../core/validate.ts';
import { yearOf } from '../../core/time.ts';
import type { MemberPatch } from '../../services/members.ts';
import type { BotContext } from '../context.ts';
import { isCommittee, isMember, isPrivate, isSecretary } from '../filters.ts';
import { cbDues, cbJoinDecision, cbMember, cbPage } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { inline, paged, grid, type Button } from '../keyboards.ts';
import { defineDialog, startDialog } from '../dialogs/engine.ts';
import { problemText, t } from '../texts/index.ts';

export const membersFeature = new Composer<BotContext>();
const L = t.labels;
const F = t.memberEdit.fields;

// ---------------------------------------------------------------- approval

membersFeature.use(
  onPress(cbJoinDecision, async (ctx, data) => {
    try {
      const m = await ctx.services.members.decide(ctx.actor.tgId, data.cell, data.member, data.accept === 'y');
      await ctx.answerCbQuery();
      const note = data.accept === 'y' ? t.join.approvedByYou(m.name) : t.join.refusedByYou(m.name);
      await ctx.editMessageText(`${t.join.requestCard(m)}\n\n✓ ${note}`).catch(() => ctx.reply(note));
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      await ctx.answerCbQuery(problemText(e.problem), { show_alert: true });
      await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    }
  }),
);

// ---------------------------------------------------------------- /members

membersFeature.command('members', async (ctx) => {
  if (!isMember(ctx)) return ctx.reply(t.common.notMember);
  const cell = ctx.actor.cell!;
  const roster = await ctx.services.members.roster(cell.id);
  const figures = t.roster.figures(cell.name, rosterFigures(roster));
  if (!isCommittee(ctx) || !isPrivate(ctx)) {
    const committee = (await ctx.services.members.committee(cell.id)).map(t.roster.committeeLine);
    return ctx.reply([figures, '', t.roster.committeeTitle, ...committee].join('\n'));
  }
  const lines = roster.map((m, i) => t.roster.line(i + 1, m));
  const unreachable = roster.filter((m) => !m.reachable).length;
  const pending = (await ctx.services.members.pending(cell.id)).length;
  const text = [figures, '', ...(lines.length ? lines : [t.roster.empty])];
  if (unreachable) text.push('', t.roster.unreachableNote(unreachable));
  if (pending) text.push('', t.roster.pending(pending));
  for (const chunk of splitLines(text.join('\n'))) await ctx.reply(chunk);
});

function splitLines(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    if (cur.length + line.length + 1 > 4000) {
      out.push(cur);
      cur = '';
    }
    cur += (cur ? '\n' : '') + line;
  }
  if (cur) out.push(cur);
  return out;
}

// ---------------------------------------------------------------- /member

const PER_PAGE = 10;

async function pickList(ctx: BotContext, page: number) {
  const cellId = ctx.actor.cell!.id;
  const everyone = await ctx.services.members.everyone(cellId);
  return inline(
    paged(
      everyone,
      page,
      PER_PAGE,
      (m) => ({ text: m.state === 'active' ? m.name : `${m.name} (${L.state[m.state].toLowerCase()})`, data: cbMember.make({ cell: cellId, member: m.id, field: 'card', value: '' }) }),
      (p) => cbPage.make({ list: 'member', page: p }),
      t.buttons,
    ),
  );
}

const CHOICE_FIELDS = ['gender', 'partyStatus', 'theory', 'role', 'collector', 'civilKind', 'leader', 'state'] as const;
const TEXT_FIELDS = ['name', 'birthYear', 'admittedOn', 'workplace', 'govPosition', 'unionPosition'] as const;
type ChoiceField = (typeof CHOICE_FIELDS)[number];
type TextField = (typeof TEXT_FIELDS)[number];

function cardKeyboard(cellId: string, m: Member) {
  const b = (field: string): Button => ({ text: F[field as keyof typeof F], data: cbMember.make({ cell: cellId, member: m.id, field: 'f', value: field }) });
  const fields = [...TEXT_FIELDS.slice(0, 2), ...CHOICE_FIELDS.slice(0, 2), 'admittedOn', 'theory', 'role', 'collector', 'state', 'workplace', 'govPosition', 'unionPosition', 'civilKind', 'leader'];
  return inline([
    ...grid(fields.map(b), 3),
    // The dues feature handles its own button: amount, exemption or reduction of this member.
    [{ text: t.memberEdit.duesButton, data: cbDues.make({ cell: cellId, action: 'member', id: m.id, arg: '' }) }],
    [{ text: t.memberEdit.back, data: cbPage.make({ list: 'member', page: 0 }) }],
  ]);
}

function choices(field: ChoiceField): { value: string; label: string }[] {
  const yesNo = [
    { value: 'y', label: t.memberEdit.toggledYes },
    { value: 'n', label: t.memberEdit.toggledNo },
  ];
  switch (field) {
    case 'gender':
      return [
        { value: 'nam', label: L.gender.nam },
        { value: 'nu', label: L.gender.nu },
      ];
    case 'partyStatus':
      return [
        { value: 'chinh_thuc', label: L.partyStatus.chinh_thuc },
        { value: 'du_bi', label: L.partyStatus.du_bi },
      ];
    case 'theory':
      return THEORY_LEVELS.map((v) => ({ value: v, label: L.theory[v] }));
    case 'role':
      return ROLES.map((v) => ({ value: v, label: L.role[v] }));
    case 'state':
      return EDITABLE_STATES.map((v) => ({ value: v, label: L.state[v] }));
    case 'collector':
      return [
        { value: 'y', label: t.memberEdit.collectorOn },
        { value: 'n', label: t.memberEdit.collectorOff },
      ];
    case 'civilKind':
      return CIVIL_KINDS.map((v) => ({ value: v, label: t.civil.button[v] }));
    case 'leader':
      return yesNo;
  }
}

function patchOf(field: Exclude<ChoiceField, 'state'>, value: string): MemberPatch | undefined {
  switch (field) {
    case 'gender':
      return value === 'nam' || value === 'nu' ? { gender: value } : undefined;
    case 'partyStatus':
      return value === 'chinh_thuc' || value === 'du_bi' ? { partyStatus: value } : undefined;
    case 'theory':
      return (THEORY_LEVELS as readonly string[]).includes(value) ? { theory: value as Member['theory'] } : undefined;
    case 'role':
      return (ROLES as readonly string[]).includes(value) ? { role: value as Member['role'] } : undefined;
    case 'civilKind':
      return isCivilKind(value) ? { civilKind: value } : undefined;
    case 'collector':
    case 'leader':
      return value === 'y' || value === 'n' ? { [field]: value === 'y' } : undefined;
  }
}

membersFeature.command('member', async (ctx) => {
  if (!isSecretary(ctx)) return ctx.reply(t.refusals['forbidden.secretary']!);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  await ctx.reply(t.memberEdit.pick, await pickList(ctx, 0));
});

membersFeature.use(
  onPress(cbPage, async (ctx, data, next) => {
    if (data.list !== 'member') return next();
    await ctx.answerCbQuery();
    const list = await pickList(ctx, Number(data.page) || 0);
    await ctx.editMessageText(t.memberEdit.pick, list).catch(() => ctx.reply(t.memberEdit.pick, list));
  }),
);

membersFeature.use(
  onPress(cbMember, async (ctx, data) => {
    const cellId = ctx.actor.cell!.id;
    const m = await ctx.services.members.member(cellId, data.member);
    if (!m || !wasAdmitted(m)) return ctx.answerCbQuery(t.memberEdit.unknown, { show_alert: true });
    await ctx.answerCbQuery();
    const show = (text: string, markup: ReturnType<typeof inline>) => ctx.editMessageText(text, markup).catch(() => ctx.reply(text, markup));

    if (data.field === 'card') return show(t.memberEdit.card(m, unitNameOf(ctx.actor.cell!)), cardKeyboard(cellId, m));

    if (data.field === 'f') {
      const field = data.value;
      if ((TEXT_FIELDS as readonly string[]).includes(field)) {
        return startDialog(ctx, memberFieldDialog, { member: m.id, field });
      }
      if ((CHOICE_FIELDS as readonly string[]).includes(field)) {
        const opts = choices(field as ChoiceField).map((o) => ({ text: o.label, data: cbMember.make({ cell: cellId, member: m.id, field, value: o.value }) }));
        const ask = field === 'civilKind' ? t.memberEdit.chooseCivilKind : t.memberEdit.chooseValue(F[field as ChoiceField]);
        return show(`${m.name}\n${ask}`, inline([...grid(opts, 2), [{ text: t.buttons.back, data: cbMember.make({ cell: cellId, member: m.id, field: 'card', value: '' }) }]]));
      }
      return;
    }

    try {
      let updated: Member;
      if (data.field === 'state') {
        if (!(EDITABLE_STATES as readonly string[]).includes(data.value)) return;
        if (data.value === 'active') updated = await ctx.services.members.setState(ctx.actor.tgId, m.id, 'active');
        else return startDialog(ctx, memberStateDialog, { member: m.id, state: data.value });
      } else {
        const patch = (CHOICE_FIELDS as readonly string[]).includes(data.field) ? patchOf(data.field as Exclude<ChoiceField, 'state'>, data.value) : undefined;
        if (!patch) return;
        updated = await ctx.services.members.edit(ctx.actor.tgId, m.id, patch);
      }
      await show(`${t.memberEdit.card(updated, unitNameOf(ctx.actor.cell!))}\n\n✓ ${t.memberEdit.updated(updated.name)}`, cardKeyboard(cellId, updated));
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      await ctx.reply(problemText(e.problem));
    }
  }),
);

/** One typed field of a member: the step's parser depends on which field. */
const memberFieldDialog = defineDialog({
  id: 'mfield',
  keepsDraft: false,
  steps: [
    {
      id: 'value',
      prompt: (_a, env) => t.memberEdit.askText(F[env.meta.field as TextField]),
      input: {
        kind: 'text',
        parse: (s, env) => {
          switch (env.meta.field as TextField) {
            case 'name':
              return validName(s);
            case 'birthYear':
              return validBirthYear(s, yearOf(env.today));
            case 'admittedOn':
              return validPastDate(s, env.today);
            case 'workplace':
              return validUnitName(s);
            default:
              return validShortText(s, 120);
          }
        },
      },
    },
  ],
  async finish(ctx, state) {
    const field = state.meta.field as TextField;
    const m = await ctx.services.members.edit(ctx.actor.tgId, String(state.meta.member), { [field]: state.answers.value } as MemberPatch, state.id);
    await ctx.reply(t.memberEdit.updated(m.name), cardKeyboard(ctx.actor.cell!.id, m));
  },
});

/** A change of state (exempted, transferred, …) with the day it took effect. */
const memberStateDialog = defineDialog({
  id: 'mstate',
  keepsDraft: false,
  steps: [
    {
      id: 'on',
      prompt: () => t.memberEdit.stateDate,
      // The change takes effect now: its day is today or past, as every date the record keeps.
      input: { kind: 'text', parse: (s, env) => validPastDate(s, env.today), options: [{ value: 'today', label: t.buttons.today }] },
    },
  ],
  async finish(ctx, state, env) {
    const on = state.answers.on === 'today' ? env.today : String(state.answers.on);
    const m = await ctx.services.members.setState(ctx.actor.tgId, String(state.meta.member), state.meta.state as MemberState, on, state.id);
    await ctx.reply(`${t.memberEdit.card(m, unitNameOf(ctx.actor.cell!))}\n\n✓ ${t.memberEdit.updated(m.name)}`, cardKeyboard(ctx.actor.cell!.id, m));
  },
});
