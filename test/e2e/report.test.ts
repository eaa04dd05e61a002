import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedCell } from '../support/seed.ts';
import { startHarness } from '../support/harness.ts';
import { readDocx } from '../support/docx.ts';
import { formatMoney } from '../../src/core/money.ts';
import { collectiveSentence } from '../../src/core/textgroup.ts';
import { pad2 } from '../../src/core/time.ts';
import type { Payment } from '../../src/core/dues/index.ts';

test('/report: the summary in the chat and the draft .docx with every figure, merged points and placeholders', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-report-'));
  const file = seedCell({ cellId: 'c1', cellName: 'Chi bộ Trường THCS Phong Hải', year: 2024, asOf: '2024-11-28', members: 12, firstId: 100, seed: 7 });
  // a member who transferred out in the summer: counted in the changes, not in the year-end roster
  const gone = file.members['111']!;
  gone.state = 'transferred';
  gone.history.push({ on: '2024-07-01', state: 'transferred' });
  delete file.review.reviews['2024']!.submissions['111'];
  delete file.review.reviews['2024']!.decisions['111'];
  await mkdir(path.join(dataDir, 'cells'), { recursive: true });
  await writeFile(path.join(dataDir, 'cells', 'c1.json'), JSON.stringify(file));
  const h = await startHarness({ now: '2024-11-28T15:00:00+07:00', dataDir });
  try {
    const sec = h.api.user({ id: 100, first_name: 'Bí thư' });
    const member = h.api.user({ id: 105, first_name: 'Đảng viên' });
    await member.send('/report');
    assert.match(member.last()!.text, /chỉ dành cho chi ủy/);
    assert.equal(member.documents().length, 0);

    await sec.send('/report');
    const summary = sec.messages().find((m) => m.text.startsWith('📊 Báo cáo năm 2024'))!.text;
    const doc = sec.documents().find((x) => x.fileName.startsWith('bao-cao-tong-ket-'));
    assert.ok(doc, 'the .docx is sent');
    assert.equal(doc.fileName, 'bao-cao-tong-ket-2024.docx');
    const d = readDocx(doc.bytes);
    const has = (s: string) =>
      assert.ok(
        d.text.includes(s),
        `missing in the .docx: ${s}\n${d.text
          .split('\n')
          .filter((l) => /xếp loại/.test(l))
          .join('\n')}`,
      );

    // expected figures, counted by hand from the seeded data
    const all = Object.values(file.members);
    const current = all.filter((m) => m.state === 'active');
    const nu = current.filter((m) => m.gender === 'nu').length;
    const duBi = current.filter((m) => m.partyStatus === 'du_bi').length;
    const trungCap = current.filter((m) => m.theory === 'trung_cap').length;
    const payments = file.dues.entries.filter((e): e is Payment => e.kind === 'payment');
    const collected = payments.reduce((s, p) => s + p.amount, 0);
    const two = (n: number) => (n === 0 ? '0' : pad2(n));

    has('ĐẢNG BỘ XÃ PHONG HẢI');
    has('CHI BỘ TRƯỜNG THCS PHONG HẢI');
    has('Số 05-BC/CB');
    has('Phong Hải, ngày 28 tháng 11 năm 2024');
    has('Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024');
    has(`– Tổng số đảng viên đến ngày 28/11/2024: ${two(current.length)} đảng viên, trong đó:`);
    has(`+ Đảng viên chính thức: ${two(current.length - duBi)} đ/c; Đảng viên dự bị: ${two(duBi)}`);
    has(`+ Đảng viên nam: ${two(current.length - nu)} đ/c; Đảng viên nữ: ${two(nu)} đ/c`);
    if (trungCap) has(`– Trình độ lý luận trung cấp chính trị: ${two(trungCap)} đ/c.`);
    has('chuyển sinh hoạt đi 01 đảng viên');
    has('Trong năm 2024, Chi bộ tổ chức 11/11 buổi sinh hoạt định kỳ theo kế hoạch');
    has('Chi bộ tổ chức 04 buổi sinh hoạt chuyên đề (04 buổi lồng ghép trong buổi sinh hoạt định kỳ)');
    has(`Thu đảng phí năm 2024 (đến tháng 11): ${formatMoney(collected)}/`);
    has('Tháng 5, Chi bộ giám sát 01 đảng viên: Giám sát về vai trò và trách nhiệm của đảng viên');
    has('Tháng 10, Chi bộ kiểm tra 01 đảng viên');
    // ratings of the members rated (the one who left is not rated)
    const decided = Object.values(file.review.reviews['2024']!.decisions).map((dd) => dd.rating);
    const xs = decided.filter((x) => x === 'xuat_sac').length;
    const good = decided.filter((x) => x === 'xuat_sac' || x === 'tot').length;
    has(`có ${two(good)}/${two(decided.length)} đảng viên hoàn thành tốt nhiệm vụ, trong đó có ${two(xs)} đảng viên hoàn thành xuất sắc nhiệm vụ`);
    // a merged point with its count: members who wrote the shared shortcoming
    const phrase = 'Tinh thần tự phê bình và phê bình còn chưa cao, đôi lúc còn nể nang';
    const raised = current.filter((m) => file.review.reviews['2024']!.submissions[m.id]![0]!.sections.s21.includes(phrase)).length;
    assert.ok(raised >= 2, 'the fixture has the point from several members');
    // in the document in the words of its share, never with a tally; the tally is in the committee's annex
    has(`– ${collectiveSentence({ text: `${phrase}.`, members: raised }, current.length)}`);
    assert.doesNotMatch(d.text, /\d+\/\d+ đồng chí nêu/, 'no tallies in the document');
    const annex = readDocx(sec.documents().find((x) => x.fileName === 'tong-hop-y-kien-2024.docx')!.bytes);
    assert.ok(annex.text.includes(`${phrase} (${two(raised)}/${two(current.length)} đồng chí nêu).`), 'the tally in the annex');
    // the journal as written, the minutes' resolutions, the targets
    has('Chi bộ luôn nhận được sự quan tâm lãnh đạo, chỉ đạo trực tiếp của Đảng ủy xã.');
    // the resolutions as a count, not one line each
    has('ban hành 11 nghị quyết lãnh đạo');
    assert.ok(!d.text.includes('Thực hiện tốt nhiệm vụ dạy học và công tác xây dựng Đảng tháng 6.'));
    has('– Công đoàn vững mạnh');
    // no names of members in the collective report, except the signer
    for (const m of all.slice(1)) assert.ok(!d.text.includes(m.name), `no member named: ${m.name}`);
    has(file.members['100']!.name);
    // placeholders where nothing was recorded
    has('[Bổ sung: bài học kinh nghiệm');
    for (const heading of [
      'PHẦN THỨ NHẤT',
      'I. Đặc điểm tình hình',
      '1. Thuận lợi',
      '2. Khó khăn',
      'II. Những kết quả đạt được',
      '4. Công tác xây dựng Đảng',
      '5. Công tác kiểm tra, giám sát',
      'III. Khuyết điểm, tồn tại, nguyên nhân',
      'PHẦN THỨ HAI',
      'Nơi nhận:',
    ])
      has(heading);

    // the chat summary carries the same figures
    assert.match(summary, new RegExp(`Đảng viên: ${two(current.length)} \\(chính thức ${two(current.length - duBi)}, dự bị ${two(duBi)}\\)`));
    assert.match(summary, /định kỳ 11\/11 buổi, chuyên đề 04/);
    assert.ok(summary.includes(`đã thu ${formatMoney(collected)}/`));
    assert.match(summary, /Kiểm tra, giám sát: kiểm tra 01, giám sát 01/);

    // another year and a month
    await sec.send('/report 11/2024');
    assert.match(sec.last()!.text, /📊 Tháng 11\/2024/);
    assert.match(sec.last()!.text, /Sinh hoạt định kỳ: đã họp ngày 05\/11\/2024, có mặt \d\d\/\d\d/);
    await sec.send('/report 2030');
    assert.match(sec.last()!.text, /Năm 2030 chưa tới/);
    await sec.send('/report tháng trước');
    assert.match(sec.last()!.text, /Xin ghi \/report/);
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
