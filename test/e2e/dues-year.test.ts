import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness } from '../support/harness.ts';
import { buildCellFile, CELL_ID, HAND_COUNT, SECRETARY } from '../fixtures/dues-2024.ts';
import { formatMoney } from '../../src/core/money.ts';

test('/dues 2024 for a 30-member cell with a year of payments agrees with the hand count', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-dues-'));
  await mkdir(path.join(dataDir, 'cells'), { recursive: true });
  await writeFile(path.join(dataDir, 'cells', `${CELL_ID}.json`), JSON.stringify(buildCellFile()));
  const h = await startHarness({ now: '2025-01-15T09:00:00+07:00', dataDir });
  try {
    assert.equal(Object.keys((await h.app.store.cell(CELL_ID))!.members).length, 30);
    const sec = h.api.user({ id: SECRETARY, first_name: 'Việt' });
    const mark = sec.mark();
    await sec.send('/dues 2024');
    const text = sec.since(mark);
    const lines = text.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `missing line "${line}" in:\n${text}`);
    assert.match(lines[0]!, /^💰 Đảng phí năm 2024 — Chi bộ Trường THCS Phong Hải$/);
    has(`Dự kiến: ${HAND_COUNT.expected}`);
    has(`Đã thu: ${HAND_COUNT.collected}`);
    has(`Còn thiếu: ${HAND_COUNT.outstanding}`);
    has(`Chi bộ giữ lại 30%: ${HAND_COUNT.kept}; nộp cấp trên: ${HAND_COUNT.sent}.`);
    has(`Đóng đủ các tháng: ${HAND_COUNT.paidInFull}.`);
    for (const m of HAND_COUNT.months) has(m);
    for (const a of HAND_COUNT.arrears) has(a);
    assert.equal(lines.filter((l) => /^(•|⚠️|🔴) .+: \d+ tháng \(/.test(l)).length, HAND_COUNT.arrears.length, 'nobody else is listed as unpaid');

    // the same figures through the service the report feature calls
    const y = await h.app.services.dues.yearFigures(CELL_ID, 2024);
    assert.deepEqual([y.expected, y.collected, y.outstanding, y.kept, y.sent].map(formatMoney), [HAND_COUNT.expected, HAND_COUNT.collected, HAND_COUNT.outstanding, HAND_COUNT.kept, HAND_COUNT.sent]);
    assert.equal(`${y.paidInFull}/${y.members} đ/c`, HAND_COUNT.paidInFull);
    assert.equal(y.kept + y.sent, y.collected);

    // December on its own, paged: 29 rows, 14 a page
    await sec.send('/dues 12/2024');
    const dec = sec.last()!.text;
    for (const l of HAND_COUNT.december) assert.ok(dec.includes(l), `missing "${l}" in:\n${dec}`);
    assert.match(dec, new RegExp(`\\(trang 1/${HAND_COUNT.decemberPages}\\)`));
    assert.match(dec, /❌ Nguyễn Thị Oanh — 40\.000 đ/, 'the unpaid come first');
    assert.equal(dec.split('\n').filter((l) => /^(✅|❌|➖|⏳) /.test(l)).length, 14);
    const count = sec.mark();
    await sec.press('Sau ›');
    await sec.press('Sau ›');
    await sec.press('3/3');
    assert.equal(sec.mark(), count, 'pages turn in place; the page number changes nothing');
    const last = sec.last()!.text;
    assert.match(last, /\(trang 3\/3\)/);
    assert.match(last, /➖ Vũ Văn Thành — miễn/);
    assert.equal(last.split('\n').filter((l) => /^(✅|❌|➖|⏳) /.test(l)).length, 1);

    // a member asking for the year sees only their own months
    const son = h.api.user({ id: 1024, first_name: 'Sơn' });
    await son.send('/dues 2024');
    assert.match(son.last()!.text, /^💰 Đảng phí năm 2024 của đồng chí Phạm Văn Sơn\n01\/2024: ❌ chưa đóng \(40\.000 đ\)/);
    assert.match(son.last()!.text, /05\/2024: ✅ 40\.000 đ/);
    assert.doesNotMatch(son.last()!.text, /Oanh|Đã thu/);
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
