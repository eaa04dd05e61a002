/**
 * Forged callback data for every prefix of the bot's buttons (d, jd, me, pg, st, mt, du,
 * rv, jn, rp), property-based (fast-check): another cell's ids pressed by a secretary,
 * ids that do not exist, malformed and overlong data, committee buttons pressed by a
 * plain member, anything pressed by a stranger, and stale buttons (decided, reversed,
 * deleted, closed, an old dialog step). Each is refused with an answer to the press,
 * nothing fails, nothing is sent to anyone else and no data file changes by a byte.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { cellData, dataFiles, usersOf, writeCells, wellFormed } from './world.ts';
import { normalizeReview, openYear } from '../../src/core/review/index.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { RuleError } from '../../src/core/result.ts';

const RUNS = Number(process.env.FAULT_RUNS ?? 5) * 6;
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const NOW = '2024-11-04T09:00:00+07:00';
const A = 'fa';
const B = 'fb';
const C = 'fc';

const ACTIONS: Record<string, string[]> = {
  mt: ['y', 'n', 'v', 'rs', 'mv', 'cx', 'cxy', 'cxn', 'ad', 'at', 'tg', 'ok', 'mn', 'set'],
  du: ['my', 'myy', 'cl', 'clm', 'tbl', 'yr', 'mlist', 'member', 'rec', 'recm', 'reca', 'rev', 'revp', 'amt', 'rel', 'relk', 'claims', 'claim', 'cok', 'cno', 'set', 'setday', 'setkept'],
  rv: ['start', 'edit', 'mydoc', 'mine', 'panel', 'open', 'deadline', 'list', 'view', 'rate', 'comment', 'doc', 'all', 'close', 'days'],
  jn: ['new', 'sections', 'grp', 'list', 'add', 'opening', 'edit', 'del', 'delok', 'basis', 'targets', 'number', 'level', 'setlevel'],
  rp: ['year', 'month', 'doc'],
};
const ME_FIELDS = ['card', 'f', 'gender', 'partyStatus', 'theory', 'role', 'collector', 'civilKind', 'leader', 'state'];
/** Buttons of any member about themself: pressing them is no forgery. */
const OWN = new Set(['mt:y', 'mt:n', 'mt:v', 'du:my', 'du:myy', 'du:cl', 'du:clm', 'rv:start', 'rv:edit', 'rv:mydoc', 'rv:mine']);

const REFUSALS = new Set([...Object.values(t.refusals), t.common.staleButton]);

let h: Harness;
let dataDir: string;
let users: Map<string, FakeUser>;
let stranger: FakeUser;
/** Ids of things in cell B: members, claims, payments, notes, meetings, years. */
let idsB: string[];
let idsA: string[];

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-forged-'));
  const a = cellData({ cellId: A, year: 2024, asOf: '2024-11-01', members: 10, firstId: 600, groupChatId: -6001, review: false });
  const b = cellData({ cellId: B, year: 2024, asOf: '2024-11-01', members: 6, firstId: 650, review: false });
  for (const c of [a, b]) {
    c.review = normalizeReview(c.review);
    assert.ok(openYear(c.review, 2024, c.cell.createdBy.toString(), new Date('2024-11-01T09:00:00+07:00'), '2024-11-20').ok);
  }
  // B has an applicant waiting for approval and an open claim.
  b.members['656'] = { ...b.members['655']!, id: '656', tgId: 656, name: 'Đỗ Văn Chờ', state: 'pending', role: 'member', collector: false, history: [] };
  b.dues.claims.push({ id: 'cfb1', memberId: '654', month: '2024-11', method: 'cash', at: '2024-11-02T02:00:00.000Z' });
  const c = cellData({ cellId: C, year: 2024, asOf: '2024-11-01', members: 5, firstId: 700, review: false });
  await writeCells(dataDir, [a, b, c]);
  h = await startHarness({ now: NOW, dataDir });
  users = usersOf(h.api, a);
  for (const [id, u] of [...usersOf(h.api, b), ...usersOf(h.api, c)]) users.set(id, u);
  stranger = h.api.user({ id: 4321, first_name: 'Lạ' });
  await stranger.send('/start');
  const ids = (c: typeof a) => [
    ...Object.keys(c.members),
    ...c.dues.claims.map((x) => x.id),
    ...c.dues.entries.slice(0, 5).map((x) => x.id),
    ...c.journal.entries.map((x) => x.id),
    'r202411',
    'r202410',
    '2024',
    '2023',
  ];
  idsB = ids(b);
  idsA = ids(a);
  // Everyone has a message with buttons to press on (their review invitation).
  await h.settle();
});

after(async () => {
  await h.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Presses `data` as `who` and checks: answered, refused, nothing failed, nothing sent elsewhere, no file changed. */
async function forged(who: FakeUser, data: string, expect?: (answer: string) => boolean): Promise<string> {
  await h.settle();
  const files = await dataFiles(dataDir);
  const answers = h.api.callbackAnswers.length;
  const logs = h.logs.length;
  const others = h.api.sentByBot().filter((m) => m.chatId !== who.id).length;
  await who.pressData(data, who.messages().findLast((m) => m.keyboard) ?? who.last());
  await h.settle();
  const where = `${who.id} pressing ${JSON.stringify(data)}`;
  const failed = h.logs.slice(logs).filter((l) => /update failed|unhandled error/.test(l));
  assert.deepEqual(failed, [], `${where}: ${failed[0]?.slice(0, 500)}`);
  const given = h.api.callbackAnswers.slice(answers);
  assert.ok(given.length >= 1, `${where}: the press was not answered`);
  const text = given.map((a) => a.text ?? '').join(' ');
  assert.ok(!text.includes(t.common.apology.slice(0, 40)), `${where}: answered with the apology`);
  if (expect) assert.ok(expect(text), `${where}: answered ${JSON.stringify(text)}`);
  assert.equal(h.api.sentByBot().filter((m) => m.chatId !== who.id).length, others, `${where}: something was sent to someone else`);
  const now = await dataFiles(dataDir);
  for (const [file, before] of files) assert.ok(now.get(file) === before, `${where}: ${file} changed`);
  assert.equal(now.size, files.size, `${where}: a data file appeared`);
  return text;
}

/** A field shaped like an id (names of Object.prototype are refused as malformed: see the last test). */
const field = fc.stringMatching(/^[A-Za-z0-9_.-]{0,12}$/).filter((x) => !x.startsWith('__') && x !== 'prototype' && !(x in Object.prototype));
const run = (prop: fc.IAsyncProperty<never>) => fc.assert(prop, { numRuns: RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true });

test("another cell's ids: a secretary pressing cell B's buttons of every prefix is refused, nothing changes", async () => {
  const sec = users.get('600')!;
  const pick = fc.constantFrom(...idsB);
  const data = fc.oneof(
    fc
      .tuple(fc.constantFrom(...Object.keys(ACTIONS).filter((p) => p !== 'rp')), pick, fc.oneof(pick, field))
      .chain(([p, id, arg]) => fc.constantFrom(...ACTIONS[p]!).map((action) => `${p}:${B}:${action}:${id}:${arg}`)),
    fc.tuple(pick, fc.constantFrom(...ME_FIELDS), field).map(([m, f, v]) => `me:${B}:${m}:${f}:${v}`),
    fc.tuple(pick, fc.constantFrom('y', 'n')).map(([m, a]) => `jd:${B}:${m}:${a}`),
  );
  await run(fc.asyncProperty(data, async (d) => void (await forged(sec, d, (a) => a === t.refusals['forbidden.otherCell']))) as never);
  // The applicant of B is still waiting, B's claim still open.
  assert.equal((await h.app.store.cell(B))!.members['656']!.state, 'pending');
  assert.equal((await h.app.store.cell(B))!.dues.claims.find((c) => c.id === 'cfb1')!.decision, undefined);
});

test('ids that do not exist and malformed or overlong data, for every prefix: refused, nothing changes', async () => {
  const sec = users.get('600')!;
  // Buttons that open a dialog or a screen whatever their ids are (the secretary may press those) are not forgeries.
  const opens = new Set(['mt:ad', 'mt:set', 'du:setday', 'du:setkept', 'jn:new', 'jn:opening', 'jn:basis', 'jn:targets', 'jn:number']);
  const unknown = fc
    .tuple(
      fc.constantFrom(...Object.keys(ACTIONS)),
      field.filter((x) => !idsA.includes(x)),
      field.filter((x) => !idsA.includes(x)),
    )
    .chain(([p, id, arg]) => fc.constantFrom(...ACTIONS[p]!.filter((a) => !opens.has(`${p}:${a}`))).map((action) => `${p}:${A}:${action}:${id}:${arg}`));
  const prefix = fc.constantFrom('d', 'jd', 'me', 'pg', 'st', 'cl', 'mt', 'du', 'rv', 'jn', 'rp');
  const junk = fc.string({ unit: 'binary', maxLength: 20 });
  const malformed = fc.oneof(
    fc.tuple(prefix, fc.array(fc.oneof(field, junk), { maxLength: 7 })).map(([p, xs]) => [p, ...xs].join(':')),
    fc.tuple(prefix, fc.integer({ min: 65, max: 300 })).map(([p, n]) => `${p}:${A}:${'x'.repeat(n)}`),
    fc.tuple(prefix, junk).map(([p, j]) => `${p}${j}`),
    junk,
  );
  await run(
    fc.asyncProperty(
      fc.oneof(unknown, malformed).filter((d) => wellFormed(d) && !/^st:cellEdit$/.test(d)),
      async (d) => void (await forged(sec, d)),
    ) as never,
  );
});

test('committee and secretary buttons pressed by a plain member, any button by a stranger: refused with the reason', async () => {
  const member = users.get('605')!;
  const pick = fc.constantFrom(...idsA);
  const committeeOnly = fc
    .tuple(fc.constantFrom(...Object.keys(ACTIONS).filter((p) => p !== 'rp')), pick, fc.oneof(pick, field))
    .chain(([p, id, arg]) => fc.constantFrom(...ACTIONS[p]!.filter((a) => !OWN.has(`${p}:${a}`))).map((action) => `${p}:${A}:${action}:${id}:${arg}`));
  const secretaryOnly = fc.oneof(
    fc.tuple(pick, fc.constantFrom(...ME_FIELDS), field).map(([m, f, v]) => `me:${A}:${m}:${f}:${v}`),
    fc.tuple(pick, fc.constantFrom('y', 'n')).map(([m, a]) => `jd:${A}:${m}:${a}`),
    fc.constantFrom('st:cell', 'st:cellEdit', 'st:meetings', 'st:dues', 'st:review', 'pg:member:0', 'pg:member:1'),
  );
  await run(fc.asyncProperty(fc.oneof(committeeOnly, secretaryOnly), async (d) => void (await forged(member, d, (a) => REFUSALS.has(a)))) as never);
  const any = fc.oneof(
    committeeOnly,
    secretaryOnly,
    fc.tuple(pick, fc.constantFrom(...OWN)).map(([id, pa]) => `${pa.replace(':', `:${A}:`)}:${id}:`),
  );
  await run(fc.asyncProperty(any, async (d) => void (await forged(stranger, d, (a) => REFUSALS.has(a)))) as never);
});

test('stale buttons: decided, reversed, deleted, closed, an old dialog step — refused, nothing changes', async () => {
  const sec = users.get('600')!;
  const collector = users.get('601')!;
  const cell = async () => (await h.app.store.cell(A))!;
  // An old step of a dialog that moved on.
  await sec.send('/note');
  await sec.press('➕ Ghi mục mới');
  await sec.press(t.journal.groups.dac_diem);
  await sec.press(t.journal.sections.thuan_loi);
  const oldStep = sec.findButton(t.journal.today).button.callback_data!;
  await sec.press(t.journal.today);
  await forged(sec, oldStep, (a) => a === t.common.staleButton);
  await sec.send('/cancel');
  // A member already approved; an applicant of another cell.
  await forged(sec, `jd:${A}:603:y`, (a) => a.includes('Trần') || a.length > 0);
  // A payment reversed, then its buttons again.
  const p = (await h.app.services.dues.statusOf(601, '604')).payments[0]!;
  await collector.pressData(`du:${A}:revp:${p.id}:`);
  await collector.send('Ghi nhầm');
  assert.ok(!(await h.app.services.dues.statusOf(601, '604')).payments.some((x) => x.id === p.id), 'reversed');
  await forged(collector, `du:${A}:revp:${p.id}:`, (a) => a === t.dues.paymentGone);
  // A claim confirmed, then confirmed or rejected again.
  const [claim] = await h.app.services.dues.claimPaid(607, ['2024-11'], 'cash');
  await h.settle();
  await collector.pressData(`du:${A}:cok:${claim!.id}:`);
  assert.ok((await cell()).dues.claims.find((c) => c.id === claim!.id)!.decision);
  await forged(collector, `du:${A}:cok:${claim!.id}:`);
  await forged(collector, `du:${A}:cno:${claim!.id}:`, (a) => a === t.dues.claimGone);
  await forged(collector, `du:${A}:claim:${claim!.id}:`, (a) => a === t.dues.claimGone);
  // A journal entry deleted, then edited or deleted again.
  const entry = (await cell()).journal.entries[0]!;
  await sec.pressData(`jn:${A}:delok:${entry.id}:`);
  await forged(sec, `jn:${A}:edit:${entry.id}:`, (a) => a === t.journal.deleted);
  await forged(sec, `jn:${A}:del:${entry.id}:`, (a) => a === t.common.staleButton);
  await forged(sec, `jn:${A}:delok:${entry.id}:`);
  // /note opened at a section, a part, a list or a year that does not exist (or is still to come).
  for (const d of [
    `jn:${A}:add:khuyet:`,
    `jn:${A}:add:bai_hoc:2099`,
    `jn:${A}:add:opening:24`,
    `jn:${A}:add:${entry.id}:`,
    `jn:${A}:grp:ton:`,
    `jn:${A}:list:0:nguyen`,
    `jn:${A}:setlevel:NaN:tot`,
    `jn:${A}:setlevel:2099:tot`,
  ]) {
    await forged(sec, d, (a) => a === t.common.staleButton);
  }
  // A review closed: its buttons say so.
  await sec.pressData(`rv:${A}:close:2024:y`);
  assert.equal((await h.app.services.review.review(A, 2024))!.state, 'closed');
  for (const action of ['rate', 'comment', 'deadline', 'close', 'start', 'edit']) {
    await forged(sec, `rv:${A}:${action}:2024:605.1`, (a) => a.includes('2024'));
  }
  // A meeting cancelled: cancelling again.
  await sec.pressData(`mt:${A}:cxy:r202411:`);
  await forged(sec, `mt:${A}:cxy:r202411:`);
  await forged(sec, `mt:${A}:cx:r202411:`);
  // Reports have no buttons: any rp data is stale.
  await forged(sec, `rp:${A}:year:2024:`, (a) => a === t.common.staleButton);
});

/** Names that reach Object.prototype when used as a key of a plain object. */
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', '__lookupSetter__', 'toLocaleString'];

test('ids named after Object.prototype (__proto__, constructor, prototype …) in every field of every prefix: refused, nothing poisoned, /report of the other cells still works', async () => {
  const sec = users.get('600')!;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  // The attack as found: the attendance checklist of a past meeting open, then a toggle of member "__proto__".
  await sec.pressData(`mt:${A}:at:r202410:`);
  await h.settle();
  await forged(sec, `mt:${A}:tg:r202410:__proto__`);
  // Every field of every prefix, the others plausible (the secretary's own cell, real ids and actions).
  const id = fc.constantFrom(...idsA);
  const poison = fc.constantFrom(...PROTO_KEYS);
  const templates: Record<string, fc.Arbitrary<string>[]> = {
    d: [fc.constantFrom('join', 'newcell', 'note', 'evaluate', 'absence'), fc.constantFrom('name', 'gender', 'review', 'section'), fc.constantFrom('o0', 'back', 'skip', 'submit', 'e1')],
    jd: [fc.constant(A), id, fc.constantFrom('y', 'n')],
    me: [fc.constant(A), id, fc.constantFrom(...ME_FIELDS), field],
    pg: [fc.constantFrom('member', 'roster', 'dues'), fc.constantFrom('0', '1')],
    st: [fc.constantFrom('cell', 'meetings', 'dues', 'review')],
    cl: [fc.constant(A), fc.constantFrom('new', 'rv')],
    ...Object.fromEntries(Object.entries(ACTIONS).map(([p, actions]) => [p, [fc.constant(A), fc.constantFrom(...actions), id, fc.oneof(id, field)]])),
  };
  const data = fc
    .constantFrom(...Object.keys(templates))
    .chain((p) => fc.tuple(fc.tuple(...templates[p]!), fc.nat({ max: templates[p]!.length - 1 }), poison).map(([values, at, bad]) => [p, ...values.map((v, i) => (i === at ? bad : v))].join(':')));
  await run(fc.asyncProperty(data, async (d) => void (await forged(sec, d))) as never);
  // Every prefix and every field at least once, whatever the seed.
  for (const [p, fields] of Object.entries(templates)) {
    for (let at = 0; at < fields.length; at++) {
      const values = fields.map((f, i) => (i === at ? PROTO_KEYS[(at + p.length) % PROTO_KEYS.length]! : fc.sample(f, { numRuns: 1, seed: SEED })[0]!));
      await forged(sec, [p, ...values].join(':'));
    }
  }
  // Behind the buttons, the services look records up as own properties only: the same names
  // given to them directly (as a command argument or an id read back from a file would be) are unknown ids.
  const s = h.app.services;
  for (const bad of PROTO_KEYS) {
    const calls: [string, () => unknown][] = [
      ['meetings.toggle', () => s.meetings.toggle(600, 'r202410', bad)],
      ['meetings.toggle (occurrence)', () => s.meetings.toggle(600, bad, '605')],
      ['members.decide', () => s.members.decide(600, A, bad, true)],
      ['members.edit', () => s.members.edit(600, bad, { name: 'Nguyễn Văn A' })],
      ['members.setState', () => s.members.setState(600, bad, 'removed')],
      ['dues.statusOf', () => s.dues.statusOf(600, bad)],
      ['dues.record', () => s.dues.record(600, bad, ['2024-10'], 'cash', false)],
      ['dues.setAmount', () => s.dues.setAmount(600, bad, 50_000, '2024-11', 'fixed')],
      ['review.memberPart', () => s.review.memberPart(600, 2024, bad)],
      ['review.rate', () => s.review.rate(600, 2024, bad, 'tot')],
    ];
    const files = await dataFiles(dataDir);
    for (const [name, call] of calls) {
      await assert.rejects(
        async () => call(),
        (e: Error) => e instanceof RuleError,
        `${name}(${bad})`,
      );
    }
    assert.deepEqual(await dataFiles(dataDir), files, `a service call with id ${bad} changed a file`);
  }
  // The same names as command arguments (invite codes, years, setup codes): answered, nothing fails, no file changes.
  const filesBefore = await dataFiles(dataDir);
  const logsBefore = h.logs.length;
  for (const bad of PROTO_KEYS) {
    for (const [who, text] of [
      [stranger, `/start ${bad}`],
      [stranger, `/newcell ${bad}`],
      [sec, `/report ${bad}`],
      [sec, `/invite ${bad}`],
    ] as const) {
      const mark = who.mark();
      await who.send(text);
      const said = who.since(mark);
      assert.ok(said.length > 0 && !said.includes(t.common.apology.slice(0, 40)), `${who.id} sending ${text}: ${said.slice(0, 200)}`);
    }
  }
  assert.deepEqual(
    h.logs.slice(logsBefore).filter((l) => /update failed|unhandled error/.test(l)),
    [],
  );
  assert.deepEqual(await dataFiles(dataDir), filesBefore, 'a command with such an argument changed a file');
  assert.equal(({} as Record<string, unknown>).status, undefined, 'Object.prototype.status was written');
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoBefore, 'Object.prototype gained properties');
  // The other cells' reports (and this one's) are still made.
  for (const who of ['650', '700', '600']) {
    const u = users.get(who)!;
    const docs = u.documents().length;
    const mark = u.mark();
    await u.send('/report');
    assert.match(u.since(mark), /📊 Báo cáo năm 2024/, `/report of ${who}`);
    assert.ok(
      u
        .documents()
        .slice(docs)
        .some((d) => d.fileName === 'bao-cao-tong-ket-2024.docx'),
      `the .docx of ${who}`,
    );
  }
});
