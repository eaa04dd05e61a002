/**
 * The one door of a button press (telegram/actions.ts) over the declarations of
 * callback-data.ts: the checks in their order, each with its answer, before any handler runs;
 * and the callback strings and the month codec the declarations keep byte-identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Member } from '../../src/core/members.ts';
import type { BotContext } from '../../src/telegram/context.ts';
import { onPress } from '../../src/telegram/actions.ts';
import { cbCell, cbDues, cbMeeting, cbPage, decodeMonths, encodeMonths, monthField, monthOfField } from '../../src/telegram/callback-data.ts';
import { t } from '../../src/telegram/texts/index.ts';

interface Press {
  answers: { text?: string; alert: boolean }[];
  handled: unknown[];
  passed: boolean;
}

/** Presses `data` as a sender of `role` in cell A (no member record when role is undefined). */
async function press(mw: ReturnType<typeof onPress>, data: string, who: { role?: Member['role']; collector?: boolean; admin?: boolean } = {}): Promise<Press> {
  const out: Press = { answers: [], handled: [], passed: false };
  const member = who.role ? ({ id: '1', role: who.role, collector: who.collector ?? false, state: 'active' } as Member) : undefined;
  const callbackQuery = { id: '1', data, from: { id: 1 }, chat_instance: '1' };
  const ctx = {
    update: { update_id: 1, callback_query: callbackQuery },
    callbackQuery,
    actor: { tgId: 1, tgName: 'An', isAdmin: who.admin ?? false, ...(member ? { member, cell: { id: 'A' } } : {}) },
    answerCbQuery: async (text?: string, extra?: { show_alert?: boolean }) => {
      out.answers.push({ ...(text !== undefined ? { text } : {}), alert: Boolean(extra?.show_alert) });
      return true;
    },
  } as unknown as BotContext;
  await mw(ctx, async () => {
    out.passed = true;
  });
  return out;
}

const recordInto = (handled: unknown[]) => async (ctx: BotContext, data: unknown) => {
  handled.push(data);
  await ctx.answerCbQuery();
};

test("a press passes the declared checks in order — shape, permission, own cell, the action's permission — each refused with its one sentence", async () => {
  const handled: unknown[] = [];
  const mw = onPress(cbMeeting, recordInto(handled));

  const ok = await press(mw, 'mt:A:y:occ1:', { role: 'member' });
  assert.deepEqual(handled, [{ cell: 'A', action: 'y', id: 'occ1', arg: '' }]);
  assert.deepEqual(ok.answers, [{ alert: false }]);

  assert.deepEqual((await press(mw, 'mt:A:y:occ1', { role: 'member' })).answers, [{ text: t.common.staleButton, alert: false }], 'a field missing');
  assert.deepEqual((await press(mw, 'mt:A:y:__proto__:', { role: 'member' })).answers, [{ text: t.common.staleButton, alert: false }], 'an id naming Object.prototype');
  assert.deepEqual((await press(mw, 'mt:A:y:occ1:')).answers, [{ text: t.refusals['forbidden.member'], alert: true }], 'not a member');
  assert.deepEqual((await press(mw, 'mt:B:y:occ1:', { role: 'secretary' })).answers, [{ text: t.refusals['forbidden.otherCell'], alert: true }], "another cell's button");
  assert.deepEqual((await press(mw, 'mt:A:zz:occ1:', { role: 'secretary' })).answers, [{ text: t.common.staleButton, alert: false }], 'an action never declared');
  assert.deepEqual((await press(mw, 'mt:A:at:occ1:', { role: 'member' })).answers, [{ text: t.refusals['forbidden.committee'], alert: true }]);
  assert.deepEqual((await press(mw, 'mt:A:set:-:rule', { role: 'committee' })).answers, [{ text: t.refusals['forbidden.secretary'], alert: true }]);
  assert.deepEqual((await press(mw, 'mt:A:toString:occ1:', { role: 'secretary' })).answers, [{ text: t.common.staleButton, alert: false }], 'a name of Object.prototype is no action');
  assert.equal(handled.length, 1, 'no refused press reached the handler');

  await press(mw, 'mt:A:set:-:rule', { role: 'secretary' });
  assert.equal(handled.length, 2);
});

test("dues: a collector's action needs the collector (or the committee), a member's own does not", async () => {
  const handled: unknown[] = [];
  const mw = onPress(cbDues, recordInto(handled));
  assert.deepEqual((await press(mw, 'du:A:tbl:202503:0', { role: 'member' })).answers, [{ text: t.refusals['forbidden.collector'], alert: true }]);
  await press(mw, 'du:A:tbl:202503:0', { role: 'member', collector: true });
  await press(mw, 'du:A:my::', { role: 'member' });
  assert.deepEqual(
    handled.map((d) => (d as { action: string }).action),
    ['tbl', 'my'],
  );
});

test("an admin's cell buttons need no cell of the admin's own; another prefix's data is left to the next handler", async () => {
  const handled: unknown[] = [];
  const mw = onPress(cbCell, recordInto(handled));
  assert.deepEqual((await press(mw, 'cl:C9:new')).answers, [{ text: t.refusals['forbidden.admin'], alert: true }]);
  await press(mw, 'cl:C9:rv', { admin: true });
  assert.deepEqual(handled, [{ cell: 'C9', action: 'rv' }]);
  const other = await press(onPress(cbPage, recordInto(handled)), 'mt:A:y:occ1:', { role: 'secretary' });
  assert.equal(other.passed, true);
  assert.deepEqual(other.answers, []);
});

test('callback strings stay byte-identical, and the month selection travels as a base month and a bit mask', () => {
  assert.equal(cbMeeting.make({ cell: 'A', action: 'y', id: 'occ1', arg: '' }), 'mt:A:y:occ1:');
  assert.equal(cbDues.make({ cell: 'A', action: 'tbl', id: monthField('2025-03'), arg: 2 }), 'du:A:tbl:202503:2');
  assert.equal(monthOfField('202503'), '2025-03');
  assert.equal(monthOfField('2025-3'), undefined);
  const sel = encodeMonths('2024-11', ['2024-11', '2025-01', '2025-02']);
  assert.equal(sel, '202411.d', 'bits 0, 2 and 3: 13 in base 36');
  assert.deepEqual(decodeMonths(`${sel}.c`), { chosen: ['2024-11', '2025-01', '2025-02'], rest: ['c'] });
  assert.equal(decodeMonths('2024.1'), undefined);
});
