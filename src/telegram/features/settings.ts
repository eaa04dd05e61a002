/**
 * /settings (secretary): a hub of sections. Each feature that has settings exports a
 * section (a label and what opening it does) and is listed in SECTIONS; this file only
 * shows the hub and the cell's own details (name, committee above, place name).
 */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import type { SettingsSection } from './settings-section.ts';
import { isPrivate, isSecretary } from '../filters.ts';
import { cbSettings } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { inline } from '../keyboards.ts';
import { defineDialog, startDialog } from '../dialogs/engine.ts';
import { validShortText } from '../../core/validate.ts';
import { unitNameOf, validUnitName } from '../../core/members.ts';
import { t } from '../texts/index.ts';
import { meetingsSettings } from './meetings.ts';
import { duesSettings } from './dues.ts';
import { reviewSettings } from './review.ts';

const cellInfoSection: SettingsSection = {
  id: 'cell',
  label: t.settings.cellInfo,
  open: (ctx) => {
    const c = ctx.actor.cell!;
    return ctx.reply(t.settings.cellInfoText(c), inline([[{ text: t.buttons.edit, data: cbSettings.make({ section: 'cellEdit' }) }]]));
  },
};

/** Every feature's settings section, in the order shown. */
const SECTIONS: SettingsSection[] = [cellInfoSection, ...meetingsSettings, ...duesSettings, ...reviewSettings];

export const settingsFeature = new Composer<BotContext>();

settingsFeature.command('settings', async (ctx) => {
  if (!isSecretary(ctx)) return ctx.reply(t.refusals['forbidden.secretary']!);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  await ctx.reply(t.settings.hub, inline(SECTIONS.map((s) => [{ text: s.label, data: cbSettings.make({ section: s.id }) }])));
});

settingsFeature.use(
  onPress(cbSettings, async (ctx, data) => {
    await ctx.answerCbQuery();
    if (data.section === 'cellEdit') {
      const c = ctx.actor.cell!;
      return startDialog(ctx, cellInfoDialog, {}, { name: c.name, parent: c.parentName, place: c.placeName ?? null, unit: c.unitName ?? DERIVED }, '_review');
    }
    const section = SECTIONS.find((s) => s.id === data.section);
    if (section) await section.open(ctx);
  }),
);

const text120 = (s: string) => validShortText(s, 120);
/** The unit step's button: the unit follows the cell's name. */
const DERIVED = '_derived';
const derivedUnit = (name: unknown) => unitNameOf({ name: String(name ?? '') });
const unitAnswer = (a: Record<string, unknown>) => (a.unit && a.unit !== DERIVED ? String(a.unit) : derivedUnit(a.name));

const cellInfoDialog = defineDialog({
  id: 'cellinfo',
  keepsDraft: false,
  steps: [
    { id: 'name', label: t.steps.cellInfo.name, prompt: () => t.newcell.name, input: { kind: 'text', parse: text120 } },
    { id: 'parent', label: t.steps.cellInfo.parent, prompt: () => t.newcell.parent, input: { kind: 'text', parse: text120 } },
    { id: 'place', label: t.steps.cellInfo.place, prompt: () => t.settings.placeName, skip: t.buttons.skip, input: { kind: 'text', parse: (s) => validShortText(s, 60) } },
    {
      id: 'unit',
      label: t.steps.cellInfo.unit,
      prompt: (a) => t.settings.unitName(derivedUnit(a.name)),
      input: { kind: 'text', parse: (s) => validUnitName(s), options: (a) => [{ value: DERIVED, label: t.settings.unitDerived(derivedUnit(a.name)) }] },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a) => t.settings.cellInfoReview(String(a.name), String(a.parent), a.place ? String(a.place) : undefined, unitAnswer(a)),
  },
  async finish(ctx, state) {
    const a = state.answers;
    await ctx.services.cells.updateInfo(
      ctx.actor.tgId,
      {
        name: String(a.name),
        parentName: String(a.parent),
        ...(a.place ? { placeName: String(a.place) } : {}),
        unitName: a.unit && a.unit !== DERIVED ? String(a.unit) : null,
      },
      state.id,
    );
    await ctx.reply(t.common.saved);
  },
});
