/**
 * A member who leaves a cell (transferred out, removed, deceased) is free to join another
 * cell of the same deployment, while the old cell keeps them in its history and its report
 * still counts the departure; after a restart the user belongs to the cell where they are
 * a member now (or waiting for approval), never to the one they left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCellWithSecretary, fillJoin, startHarness } from '../support/harness.ts';
import { cellData, writeCells } from './world.ts';
import type { MemberState } from '../../src/core/members.ts';
import { readDocx } from '../support/docx.ts';
import { t } from '../../src/telegram/texts/index.ts';

const A_NAME = 'Chi bộ Trường THCS Phong Hải';
const B_NAME = 'Chi bộ Trường Tiểu học Phong Hải';

test('a member transferred out of cell A joins cell B through its invite, is approved there, and A still counts the transfer (also across restarts)', async () => {
  const h = await startHarness({ now: '2024-11-04T09:00:00+07:00' });
  try {
    const secA = h.api.user({ id: 101, first_name: 'Bình' });
    const secB = h.api.user({ id: 102, first_name: 'Hà' });
    const an = h.api.user({ id: 201, first_name: 'An' });
    const cellA = await createCellWithSecretary(h, secA, { name: A_NAME });
    const cellB = await createCellWithSecretary(h, secB, { name: B_NAME });
    const codeOf = async (cellId: string) => (await h.app.store.cell(cellId))!.cell.inviteCode;

    // An joins A and is approved.
    await an.send(`/start ${await codeOf(cellA)}`);
    await fillJoin(an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await an.press('Gửi');
    await h.settle();
    await secA.press('Duyệt', secA.messages().findLast((m) => m.text.includes('Nguyễn Văn An') && m.keyboard)!);
    await h.settle();
    // While a member of A, B's invite is refused.
    await an.send(`/start ${await codeOf(cellB)}`);
    assert.equal(an.last()!.text, t.start.alreadyMember(A_NAME));

    // A's secretary marks An as transferred out.
    await secA.send('/member');
    await secA.press(/^Nguyễn Văn An/);
    await secA.press('Trạng thái');
    await secA.press('Đã chuyển sinh hoạt');
    await secA.send('04/11/2024');
    assert.match(secA.last()!.text, /Trạng thái: Đã chuyển sinh hoạt/);

    // An opens B's invite: the joining dialog of B, not "already a member".
    const mark = an.mark();
    await an.send(`/start ${await codeOf(cellB)}`);
    assert.match(an.since(mark), new RegExp(`được mời tham gia ${B_NAME}`));
    assert.doesNotMatch(an.since(mark), /đã là thành viên/);
    await fillJoin(an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    await an.press('Gửi');
    await h.settle();
    assert.match(an.last()!.text, new RegExp(`Đã gửi hồ sơ tới ${B_NAME}`));

    // A restart while An waits for B's approval: An belongs to B (pending), not to A (left).
    await h.restart();
    await an.send('/start');
    assert.equal(an.last()!.text, t.start.alreadyPending(B_NAME));
    const request = secB.messages().findLast((m) => m.text.includes('Nguyễn Văn An') && m.keyboard?.flat().some((b) => b.text === 'Duyệt'));
    assert.ok(request, "B's secretary got the request");
    await secB.press('Duyệt', request);
    await h.settle();
    assert.match(an.last()!.text, new RegExp(`thành viên của ${B_NAME}`));

    // And after another restart: a member of B; A keeps the history of the one who left.
    await h.restart();
    await an.send('/whoami');
    assert.match(an.last()!.text, new RegExp(`Chi bộ: ${B_NAME}`));
    assert.equal((await h.app.store.cell(cellA))!.members['201']!.state, 'transferred');
    assert.equal((await h.app.store.cell(cellB))!.members['201']!.state, 'active');
    await secB.send('/members');
    assert.match(secB.last()!.text, /Tổng số đảng viên: 02/);
    await secA.send('/members');
    assert.match(secA.last()!.text, /Tổng số đảng viên: 01/);

    // A's report still counts the transfer out.
    await h.restart({ at: '2024-11-28T15:00:00+07:00' });
    await secA.send('/report');
    const doc = secA.documents().findLast((d) => d.fileName === 'bao-cao-tong-ket-2024.docx');
    assert.ok(doc, "A's report is sent");
    assert.ok(readDocx(doc.bytes).text.includes('chuyển sinh hoạt đi 01 đảng viên'), 'the transfer is counted in A');

    // One cell at a time: A's invite tells An they are B's, and A's secretary cannot make An active in A again.
    await an.send(`/start ${await codeOf(cellA)}`);
    assert.equal(an.last()!.text, t.start.alreadyMember(B_NAME));
    await secA.send('/member');
    await secA.press(/^Nguyễn Văn An/);
    await secA.press('Trạng thái');
    const stateMark = secA.mark();
    await secA.press('Đang sinh hoạt');
    assert.ok(`${secA.since(stateMark)} ${secA.lastAnswer()?.text ?? ''}`.includes(t.memberEdit.inOtherCell), 'the secretary is told why');
    assert.equal((await h.app.store.cell(cellA))!.members['201']!.state, 'transferred');
    await an.send('/whoami');
    assert.match(an.last()!.text, new RegExp(`Chi bộ: ${B_NAME}`));
  } finally {
    await h.stop();
  }
});

test("a member removed from a cell, in no cell now, opening that cell's invite again is told to ask its secretary (the record and its history stay as they are)", async () => {
  const h = await startHarness({ now: '2024-11-04T09:00:00+07:00' });
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cuc = h.api.user({ id: 202, first_name: 'Cúc' });
    const cellA = await createCellWithSecretary(h, sec, { name: A_NAME });
    const code = (await h.app.store.cell(cellA))!.cell.inviteCode;
    await cuc.send(`/start ${code}`);
    await fillJoin(cuc, { name: 'Lê Thị Cúc', gender: 'Nữ', status: 'Chính thức', theory: 'Trung cấp' });
    await cuc.press('Gửi');
    await h.settle();
    await sec.press('Duyệt', sec.messages().findLast((m) => m.text.includes('Lê Thị Cúc') && m.keyboard)!);
    await sec.send('/member');
    await sec.press(/^Lê Thị Cúc/);
    await sec.press('Trạng thái');
    await sec.press('Đã xóa tên');
    await sec.send('04/11/2024');
    const history = structuredClone((await h.app.store.cell(cellA))!.members['202']!.history);
    await h.restart();
    await cuc.send(`/start ${code}`);
    assert.equal(cuc.last()!.text, t.start.leftCell(A_NAME));
    await cuc.send('/whoami');
    assert.match(cuc.last()!.text, /Chi bộ: chưa tham gia/);
    assert.equal((await h.app.store.cell(cellA))!.members['202']!.state, 'removed');
    assert.deepEqual((await h.app.store.cell(cellA))!.members['202']!.history, history);
    // The secretary restores her: a member of A again.
    await sec.send('/member');
    await sec.press(/^Lê Thị Cúc/);
    await sec.press('Trạng thái');
    await sec.press('Đang sinh hoạt');
    await cuc.send('/whoami');
    assert.match(cuc.last()!.text, new RegExp(`Chi bộ: ${A_NAME}`));
  } finally {
    await h.stop();
  }
});

test('at start, a user found in several cell files belongs to the one where they are a member now, else pending, else applying — whatever the order of the files', async () => {
  // Users 801…803 appear in three cells each, in every order of states over the files (read in name order).
  const cells = ['ca', 'cb', 'cc'].map((id, i) => cellData({ cellId: id, cellName: `Chi bộ ${id}`, year: 2024, asOf: '2024-11-01', members: 3, firstId: 700 + 10 * i, review: false }));
  const put = (cellIndex: number, tgId: number, state: MemberState) => {
    const c = cells[cellIndex]!;
    const base = Object.values(c.members)[2]!;
    c.members[String(tgId)] = {
      ...base,
      id: String(tgId),
      tgId,
      name: `Người ${tgId}`,
      role: 'member',
      state,
      history: state === 'applying' || state === 'pending' ? [] : [{ on: '2024-01-10', state: 'active' }, ...(state === 'active' ? [] : [{ on: '2024-06-01', state }])],
    };
  };
  const expected: Record<number, string> = {};
  const plans: [number, MemberState[], string][] = [
    [801, ['transferred', 'active', 'applying'], 'Chi bộ cb'],
    [802, ['pending', 'removed', 'deceased'], 'Chi bộ ca'],
    [803, ['refused', 'applying', 'pending'], 'Chi bộ cc'],
    [804, ['temp_exempt', 'transferred', 'pending'], 'Chi bộ ca'],
  ];
  for (const [tgId, states, cell] of plans) {
    for (const [i, st] of states.entries()) put(i, tgId, st);
    expected[tgId] = cell;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-transfer-'));
  await writeCells(dataDir, cells);
  const h = await startHarness({ now: '2024-11-04T09:00:00+07:00', dataDir });
  try {
    for (const [tgId] of plans) {
      assert.equal((await h.app.services.members.whois(tgId))?.cell.name, expected[tgId], `user ${tgId}`);
    }
    // 805 left the only cell it was in: no cell at all.
    put(0, 805, 'transferred');
    await writeCells(dataDir, [cells[0]!]);
    await h.restart();
    const u = h.api.user({ id: 805, first_name: 'Năm' });
    await u.send('/whoami');
    assert.match(u.last()!.text, /Chi bộ: chưa tham gia/);
    assert.equal((await h.app.services.members.whois(801))?.cell.name, 'Chi bộ cb', 'after a restart too');
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
