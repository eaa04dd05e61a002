/**
 * The Mini App's API on the real bot (no browser): who may read what, two writers at once,
 * every field's bad input (the chat's checks), a closed review, and WEBAPP_URL's checks.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, ConfigError } from '../../src/config.ts';
import type { CommitteeView, DraftView, SaveResult, SubmissionView } from '../../src/webapp/api-types.ts';
import { createCellWithSecretary, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { builtPage, initData } from './support.ts';

let h: Harness;
let sec: FakeUser;
let an: FakeUser;
let cuc: FakeUser;
let base: string;

/** Two cells: Bình (secretary) and An in one, Cúc secretary of another; the first cell's review is open. */
before(async () => {
  h = await startHarness({ webapp: { url: new URL('https://chibo.example.org/app/'), port: 0, host: '127.0.0.1' }, webappDir: await builtPage() });
  sec = h.api.user({ id: 101, first_name: 'Bình' });
  await createCellWithSecretary(h, sec);
  an = h.api.user({ id: 202, first_name: 'An' });
  await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Trung cấp' });
  cuc = h.api.user({ id: 303, first_name: 'Cúc' });
  await createCellWithSecretary(h, cuc, { name: 'Chi bộ Trường Tiểu học Phong Hải' });
  await sec.send('/evaluate');
  await sec.press('Mở kiểm điểm năm 2024');
  await sec.press('19/11/2024 (sau 15 ngày)');
  await h.settle();
  base = `http://127.0.0.1:${h.app.http!.port}/app/api`;
});
after(() => h.stop());

const as = (id: number) => ({ authorization: `tma ${initData(h.api.token, { id }, h.clock.now())}`, 'content-type': 'application/json' });
const get = (id: number, p: string) => fetch(`${base}${p}`, { headers: as(id) });
const send = (id: number, method: string, p: string, body: unknown) => fetch(`${base}${p}`, { method, headers: as(id), body: JSON.stringify(body) });
const draft = async (id: number) => (await (await get(id, '/draft')).json()) as DraftView;

const FULL = { s11: 'Giữ vững lập trường.', s12: 'Dạy tốt.', s13: 'Hoàn thành cam kết.', s21: 'Chưa mạnh dạn.', s22: 'Nể nang.', s3: 'Đã khắc phục.', s4: '', s5: '', s6: 'Tự phê bình.' };

test('the form shows the official sections with their hints and the chat’s limit; a member outside any cell is refused', async () => {
  const v = await draft(202);
  assert.equal(v.year, 2024);
  assert.equal(v.deadline, '19/11/2024');
  assert.deepEqual(
    v.sections.map((s) => s.number),
    ['I.1', 'I.2', 'I.3', 'II.1', 'II.2', 'III', 'IV', 'V', 'VI'],
  );
  assert.match(v.sections[0]!.hint, /^Lập trường, tư tưởng chính trị/);
  assert.equal(v.sections[0]!.max, 4000);
  assert.equal(v.version, 'none');
  const stranger = await get(999, '/me');
  assert.equal(stranger.status, 403);
  assert.equal(((await stranger.json()) as { error: string }).error, 'notMember');
});

test('two writers: a save based on an older version is refused with the current text, never written over', async () => {
  const first = (await (await send(202, 'PUT', '/draft', { version: 'none', fields: { sections: { s11: 'Viết trên biểu mẫu.' } } })).json()) as SaveResult;
  assert.equal(first.ok, true);
  // A second window (or the chat) still holds "none".
  const second = await send(202, 'PUT', '/draft', { version: 'none', fields: { sections: { s11: 'Cửa sổ thứ hai.' } } });
  assert.equal(second.status, 409);
  const body = (await second.json()) as Extract<SaveResult, { ok: false }>;
  assert.match(body.message, /Bản nháp vừa được sửa ở nơi khác/);
  assert.equal(body.current.fields.sections.s11, 'Viết trên biểu mẫu.');
  // The chat adds to the section; the form's old version is stale again.
  await an.send('/evaluate');
  assert.match(an.last()!.text, /^Phần I\.2 /, 'the chat goes on from the first unwritten section');
  await an.send('Dạy tốt môn Toán.');
  const stale = await send(202, 'PUT', '/draft', { version: first.ok ? first.version : '', fields: { sections: { s12: 'Khác.' } } });
  assert.equal(stale.status, 409);
  assert.equal(((await stale.json()) as Extract<SaveResult, { ok: false }>).current.fields.sections.s12, 'Dạy tốt môn Toán.');
  assert.deepEqual((await h.app.services.dialogs.state(202, 'evaluate'))!.answers.s12, ['Dạy tốt môn Toán.']);
});

test('every field’s bad input gets the chat’s refusal; a draft missing a section cannot be sent', async () => {
  const v = await draft(202);
  const refusal = async (fields: unknown) => {
    const res = await send(202, 'PUT', '/draft', { version: v.version, fields });
    return { status: res.status, ...((await res.json()) as { error: string; message?: string }) };
  };
  const long = await refusal({ sections: { s12: 'x'.repeat(4001) } });
  assert.equal(long.status, 422);
  assert.match(long.message!, /II?\.?2|I\.2/);
  assert.equal((await refusal({ sections: {}, partyRating: 'gioi' })).status, 422);
  assert.equal((await refusal({ sections: {}, civilRating: 'tot' })).status, 422, 'VII.1 only for a civil servant');
  const score = await refusal({ sections: {}, scoreGeneral: 31 });
  assert.equal(score.status, 422);
  assert.match(score.message!, /30/);
  assert.equal((await refusal({ sections: {}, scoreGeneral: 20, scoreTasks: 71 })).status, 422);
  assert.equal((await refusal({ sections: {}, scoreTasks: 50 })).status, 422, 'the tasks score needs the general one');
  assert.equal((await refusal({ sections: { s11: 7 } })).status, 400);
  assert.equal((await refusal({ sections: [] })).status, 400);
  assert.equal((await draft(202)).version, v.version, 'nothing saved');

  const missing = await send(202, 'POST', '/submit', { version: v.version, fields: { sections: { ...FULL, s22: '' }, partyRating: 'tot' } });
  assert.equal(missing.status, 422);
  assert.match(((await missing.json()) as { message: string }).message, /II\.2/);
  assert.equal((await h.app.services.review.mine(202))!.versions, 0);
});

test('a member’s text only to that member and the committee of the same cell', async () => {
  const v = await draft(202);
  const ok = await send(202, 'POST', '/submit', { version: v.version, fields: { sections: FULL, partyRating: 'tot' } });
  assert.equal(ok.status, 200);
  assert.equal((await h.app.services.review.mine(202))!.versions, 1);

  const bySecretary = await get(101, '/submission/202');
  assert.equal(bySecretary.status, 200);
  assert.equal(((await bySecretary.json()) as SubmissionView).sections[0]!.text, 'Giữ vững lập trường.');
  for (const [who, path] of [
    [303, '/submission/202'],
    [303, '/committee'],
    [202, '/submission/101'],
    [202, '/committee'],
    [202, '/journal'],
    [202, '/charts'],
  ] as const) {
    const res = await get(who, path);
    assert.ok([403, 404].includes(res.status), `${who} ${path}: ${res.status}`);
    assert.doesNotMatch(await res.text(), /Giữ vững lập trường/);
  }
  const rateElsewhere = await send(303, 'POST', '/rate', { memberId: '202', rating: 'tot' });
  assert.ok([403, 404].includes(rateElsewhere.status));
  assert.equal((await h.app.services.review.progress(101, 2024)).figures.decided.tot, 0);
  const overview = (await (await get(101, '/committee')).json()) as CommitteeView;
  assert.deepEqual(
    overview.rows.map((r) => [r.name, r.status, r.proposed ?? '']),
    [
      ['Trần Thị Bình', 'none', ''],
      ['Nguyễn Văn An', 'sent', 'Tốt'],
    ],
  );
});

test('after sending, the form shows what was sent and a new send is a new version, until the review closes', async () => {
  const v = await draft(202);
  assert.equal(v.sent, 1);
  assert.equal(v.version, 'none', 'no draft: the form starts from the version sent');
  assert.equal(v.fields.sections.s21, 'Chưa mạnh dạn.');
  const r = await send(202, 'POST', '/submit', { version: v.version, fields: { ...v.fields, sections: { ...v.fields.sections, s21: 'Chưa mạnh dạn phê bình.' } } });
  assert.equal(r.status, 200);
  assert.match(((await r.json()) as { message: string }).message, /\(lần 2\)/);
  assert.equal((await h.app.services.review.mine(202))!.latest!.sections.s21, 'Chưa mạnh dạn phê bình.');
  assert.equal(an.messages().filter((m) => m.document?.fileName.endsWith('.docx')).length, 2, 'a .docx in the chat for each send');
});

test('the committee writes in the journal and sees what the draft report lacks', async () => {
  const j = (await (await get(101, '/journal')).json()) as { sections: { id: string; entries: { text: string; author: string }[] }[]; gaps: { label: string; section?: string }[] };
  assert.ok(j.gaps.some((g) => g.section === 'thuan_loi'));
  const res = await send(101, 'POST', '/journal', { section: 'thuan_loi', text: 'Nhà trường tạo điều kiện cho chi bộ sinh hoạt.' });
  assert.equal(res.status, 200);
  const after = (await res.json()) as typeof j;
  assert.deepEqual(
    after.sections.find((s) => s.id === 'thuan_loi')!.entries.map((e) => [e.text, e.author]),
    [['Nhà trường tạo điều kiện cho chi bộ sinh hoạt.', 'Trần Thị Bình']],
  );
  assert.ok(!after.gaps.some((g) => g.section === 'thuan_loi'), 'filled');
  assert.equal((await send(101, 'POST', '/journal', { section: 'nowhere', text: 'x' })).status, 400);
  assert.equal((await send(101, 'POST', '/journal', { section: 'kho_khan', text: '   ' })).status, 422);
});

test('once the review is closed the form is read-only', async () => {
  await sec.send('/evaluate');
  await sec.press('Kết thúc kiểm điểm');
  await sec.press('Đồng ý, kết thúc');
  const v = await draft(202);
  assert.equal(v.open, false);
  const res = await send(202, 'PUT', '/draft', { version: v.version, fields: { sections: { s11: 'Sau khi đóng.' } } });
  assert.equal(res.status, 409);
  assert.deepEqual(h.api.menuButtons.get(202), { type: 'default' }, 'the menu button back to the commands');
});

test('WEBAPP_URL must be https, gets a trailing slash, and a path other than the webhook’s', () => {
  const TOKEN = '123456789:AAEhBOweik6ad6PsWkGQ8nbN8mtL-test01';
  assert.equal(parseConfig({ BOT_TOKEN: TOKEN }).webapp, undefined);
  const c = parseConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: 'https://bot.example.vn/app', PORT: '8443' });
  assert.equal(c.webapp?.url.href, 'https://bot.example.vn/app/');
  assert.equal(c.webapp?.port, 8443);
  assert.equal(c.webhook, undefined, 'the Mini App does not turn the webhook on');
  for (const [env, variable] of [
    [{ WEBAPP_URL: 'http://bot.example.vn/app/' }, 'WEBAPP_URL'],
    [{ WEBAPP_URL: 'https://bot.example.vn/tg', WEBHOOK_URL: 'https://bot.example.vn/tg' }, 'WEBAPP_URL'],
    [{ WEBAPP_URL: 'https://bot.example.vn/app/', PORT: 'x' }, 'PORT'],
  ] as const) {
    assert.throws(
      () => parseConfig({ BOT_TOKEN: TOKEN, ...env }),
      (e: unknown) => e instanceof ConfigError && e.variable === variable,
      JSON.stringify(env),
    );
  }
});
