/**
 * The two ways to power in a deployment: the secretary invite (its user becomes a cell's
 * secretary without approval) and the setup code (its user becomes the first admin). The
 * invite exists only when the admin asks for one, serves one user, ends after 7 days or
 * when revoked; the setup code cannot be guessed by trying, and a wrong one reveals nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fillJoin, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { SETUP_TRIES } from '../../src/core/invites.ts';

const linkIn = (text: string) => /start=(\S+)/.exec(text)?.[1];

async function newCell(admin: FakeUser, name: string, secretary: 'me' | 'link'): Promise<void> {
  await admin.send('/newcell');
  await admin.send(name);
  await admin.send('Đảng ủy xã Phong Hải');
  await admin.press(secretary === 'me' ? t.newcell.me : t.newcell.invite);
  await admin.press('Gửi');
}

const cellNamed = async (h: Harness, name: string) => (await Promise.all((await h.app.store.cellIds()).map(async (id) => (await h.app.store.cell(id))!))).find((d) => d.cell.name === name)!;

test('secretary invite: none for "Tôi là bí thư"; a link only when asked, for one user, ending after 7 days or when the admin revokes it', async () => {
  const h = await startHarness({ now: '2024-11-04T09:00:00+07:00', adminIds: [900, 901] });
  try {
    const admin = h.api.user({ id: 900, first_name: 'Văn phòng' });
    const [x, y, z, w] = [301, 302, 303, 304].map((id) => h.api.user({ id, first_name: `U${id}` })) as [FakeUser, FakeUser, FakeUser, FakeUser];

    // "Tôi là bí thư": no invite in memory or on disk; the admin becomes the secretary.
    await newCell(admin, 'Chi bộ Một', 'me');
    const one = await cellNamed(h, 'Chi bộ Một');
    assert.equal(one.cell.secretaryInvite, undefined);
    const onDisk = JSON.parse(await readFile(path.join(h.dataDir, 'cells', `${one.cell.id}.json`), 'utf8'));
    assert.equal(onDisk.cell.secretaryInvite, undefined, 'no secretary invite in the file');
    await fillJoin(admin, { name: 'Phạm Văn Quản', gender: 'Nam', status: 'Chính thức', theory: 'Cao cấp' });
    await admin.press('Gửi');
    assert.equal(admin.last()!.text, t.join.secretaryDone('Chi bộ Một'));

    // A link when asked: one user (the first to open it), until 7 days later.
    await newCell(admin, 'Chi bộ Hai', 'link');
    const offer = admin.last()!;
    assert.match(offer.text, /hết hiệu lực lúc 09:00 ngày 11\/11\/2024/);
    assert.ok(
      offer.keyboard?.flat().some((b) => b.text === t.adminCells.revokeButton),
      'the link comes with its revoke button',
    );
    const code2 = linkIn(offer.text)!;
    await x.send(`/start ${code2}`);
    assert.match(x.since(0), /được mời làm bí thư của Chi bộ Hai/);
    await y.send(`/start ${code2}`);
    assert.equal(y.last()!.text, t.start.invalidInvite, 'a second user cannot use the link');
    await fillJoin(x, { name: 'Lê Văn Xuân', gender: 'Nam', status: 'Chính thức', theory: 'Trung cấp' });
    await x.press('Gửi');
    assert.equal(x.last()!.text, t.join.secretaryDone('Chi bộ Hai'));
    assert.equal((await cellNamed(h, 'Chi bộ Hai')).cell.secretaryInvite, undefined, 'used up');
    await z.send(`/start ${code2}`);
    assert.equal(z.last()!.text, t.start.invalidInvite);

    // Revoked by the admin: the link stops working; /cells makes a new one.
    await newCell(admin, 'Chi bộ Ba', 'link');
    const code3 = linkIn(admin.last()!.text)!;
    await admin.press(t.adminCells.revokeButton);
    assert.equal(admin.lastAnswer()?.text, t.adminCells.revokedAnswer);
    assert.equal(admin.last()!.text, t.adminCells.revoked('Chi bộ Ba'));
    await w.send(`/start ${code3}`);
    assert.equal(w.last()!.text, t.start.invalidInvite, 'a revoked link');
    await admin.send('/cells');
    const list = admin.last()!.text;
    assert.match(list, /Chi bộ Hai — bí thư: Lê Văn Xuân; liên kết mời bí thư: không có/);
    assert.match(list, /Chi bộ Ba — bí thư: chưa có; liên kết mời bí thư: không có/);
    await admin.press(t.adminCells.newLink('Chi bộ Ba'));
    const code3b = linkIn(admin.last()!.text)!;
    assert.notEqual(code3b, code3);
    await admin.send('/cells');
    assert.match(admin.last()!.text, /Chi bộ Ba — bí thư: chưa có; liên kết mời bí thư: còn hiệu lực đến 09:00 ngày 11\/11\/2024/);

    // Expiry: opened in time but sent after 7 days, or opened after: refused.
    await w.send(`/start ${code3b}`);
    assert.match(w.last()!.text, /Họ và tên/);
    h.clock.set('2024-11-11T09:01:00+07:00');
    await fillJoin(w, { name: 'Đỗ Thị Wân', gender: 'Nữ', status: 'Chính thức', theory: 'Sơ cấp' });
    await w.press('Gửi');
    assert.ok(w.since(0).includes(t.join.inviteUsed), 'sent after the link expired: refused');
    assert.ok(!Object.values((await cellNamed(h, 'Chi bộ Ba')).members).some((m) => m.role === 'secretary'), 'nobody became secretary of Chi bộ Ba');
    await z.send(`/start ${code3b}`);
    assert.equal(z.last()!.text, t.start.invalidInvite, 'an expired link');

    // Only the admin who made the cell manages its invite: another admin's or a stranger's press changes nothing.
    const three = (await cellNamed(h, 'Chi bộ Ba')).cell;
    const stranger = h.api.user({ id: 305, first_name: 'Khác' });
    const otherAdmin = h.api.user({ id: 901, first_name: 'Quản trị khác' });
    await stranger.send('/cells');
    assert.equal(stranger.last()!.text, t.refusals['forbidden.admin']);
    await otherAdmin.send('/cells');
    assert.equal(otherAdmin.last()!.text, t.adminCells.none);
    const file = await readFile(path.join(h.dataDir, 'cells', `${three.id}.json`), 'utf8');
    for (const who of [stranger, otherAdmin]) {
      for (const action of ['new', 'rv']) {
        await who.pressData(`cl:${three.id}:${action}`, who.last());
        assert.equal(who.lastAnswer()?.text, t.refusals['forbidden.admin'], `${who.id} pressing ${action}`);
      }
    }
    assert.equal(await readFile(path.join(h.dataDir, 'cells', `${three.id}.json`), 'utf8'), file, 'nothing changed');
  } finally {
    await h.stop();
  }
});

test('setup code: a wrong code is answered like any /newcell of a non-admin; after 5 wrong tries per user, or 20 overall, in an hour even the right code is refused', async () => {
  const h = await startHarness({ adminIds: [], now: '2024-11-04T09:00:00+07:00' });
  try {
    const line = h.logs.find((l) => l.includes('Mã thiết lập'))!;
    const code = /\/newcell (\S+)"/.exec(line)![1]!;
    const wrong = (i: number) => `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}${'x'.repeat(i % 2)}`;
    const users = Array.from({ length: 6 }, (_, i) => h.api.user({ id: 500 + i, first_name: `U${i}` }));
    const nobody = h.api.user({ id: 499, first_name: 'Lạ' });
    await nobody.send('/newcell');
    const plain = nobody.last()!.text;
    assert.equal(plain, t.refusals['forbidden.admin']);

    const refusedWith = async (u: FakeUser, text: string, why: string) => {
      await u.send(text);
      assert.equal(u.last()!.text, plain, `${why}: answered like a non-admin`);
      assert.equal(await h.app.services.cells.isAdmin(u.id), false, why);
    };
    // One user: 5 wrong tries, then the right code is refused too.
    for (let i = 0; i < SETUP_TRIES.perUser; i++) await refusedWith(users[0]!, `/newcell ${wrong(i)}`, `wrong try ${i + 1}`);
    await refusedWith(users[0]!, `/newcell ${code}`, 'the right code after 5 wrong tries');
    // Everyone together: 20 wrong tries in the hour, then nobody gets in.
    let overall = SETUP_TRIES.perUser;
    for (const u of users.slice(1, 5)) {
      for (let i = 0; i < SETUP_TRIES.perUser - 1 && overall < SETUP_TRIES.overall; i++, overall++) await refusedWith(u, `/newcell ${wrong(i)}`, `wrong try of ${u.id}`);
    }
    assert.equal(overall, SETUP_TRIES.overall);
    await refusedWith(users[5]!, `/newcell ${code}`, 'the right code after 20 wrong tries overall');

    // An hour later the right code works, once.
    h.clock.set('2024-11-04T10:01:00+07:00');
    await users[5]!.send(`/newcell ${code}`);
    assert.match(users[5]!.messages().at(-2)!.text, /trở thành người quản trị bot/);
    assert.equal(await h.app.services.cells.isAdmin(users[5]!.id), true);
    await refusedWith(users[4]!, `/newcell ${code}`, 'the code after it was used');
  } finally {
    await h.stop();
  }
});
