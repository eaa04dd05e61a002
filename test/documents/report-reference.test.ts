/**
 * Rebuilds the 9-member cell of the reference report (bao-cao-tong-ket-2024-mau.txt):
 * 4 nam, 5 nữ, 2 trung cấp, 9 chính thức, rated 2 xuất sắc and 7 tốt, and checks that the
 * draft states those figures the way the reference does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Member } from '../../src/core/members.ts';
import { buildReport } from '../../src/core/report.ts';
import { decide, emptyReview, openYear, reviewFigures } from '../../src/core/review/index.ts';
import { inspectionFigures } from '../../src/core/journal.ts';
import { reportDocx } from '../../src/documents/report.ts';
import { readDocx } from '../support/docx.ts';

const NAMES: [string, 'nam' | 'nu'][] = [
  ['Lê Thị Hằng', 'nu'],
  ['Nguyễn Văn Hùng', 'nam'],
  ['Trần Thị Mai', 'nu'],
  ['Phạm Văn Tuấn', 'nam'],
  ['Hoàng Thị Lan', 'nu'],
  ['Võ Văn Nam', 'nam'],
  ['Đặng Thị Thu', 'nu'],
  ['Bùi Văn Sơn', 'nam'],
  ['Ngô Thị Hoa', 'nu'],
];

function referenceCell(): Member[] {
  return NAMES.map(([name, gender], i) => ({
    id: String(100 + i),
    tgId: 100 + i,
    name,
    gender,
    partyStatus: 'chinh_thuc',
    theory: i < 2 ? 'trung_cap' : i < 6 ? 'so_cap' : 'chua_dao_tao',
    role: i === 0 ? 'secretary' : 'member',
    collector: false,
    state: 'active',
    history: [{ on: '2023-08-15', state: 'active' }],
    approvedOn: '2023-08-15',
    reachable: true,
  }));
}

test('the reference cell: the draft states its figures the way the reference report does', async () => {
  const members = referenceCell();
  const review = emptyReview();
  const now = new Date('2024-11-20T03:00:00Z');
  assert.ok(openYear(review, 2024, '100', now, '2024-12-05').ok);
  for (const [i, m] of members.entries()) assert.ok(decide(review, 2024, m, i < 2 ? 'xuat_sac' : 'tot', '100', now).ok);
  const model = buildReport({
    year: 2024,
    asOf: '2024-11-25',
    cell: { id: 'c1', name: 'Chi bộ Trường THCS Phong Hải', parentName: 'Đảng ủy xã Phong Hải', createdAt: '', createdBy: 1, inviteCode: 'x' },
    members,
    minutes: [],
    review: reviewFigures(review, 2024, members),
    journal: [],
    inputs: { number: '05', cellLevel: 'tot' },
    inspections: inspectionFigures({ entries: [] }, 2024),
  });
  const doc = readDocx(await reportDocx(model));
  const has = (s: string) => assert.ok(doc.text.includes(s), `missing: ${s}\n---\n${doc.text}`);

  has('ĐẢNG BỘ XÃ PHONG HẢI');
  has('CHI BỘ TRƯỜNG THCS PHONG HẢI');
  has('Số 05-BC/CB');
  has('ĐẢNG CỘNG SẢN VIỆT NAM');
  has('Phong Hải, ngày 25 tháng 11 năm 2024');
  has('BÁO CÁO');
  has('tổng kết công tác xây dựng Đảng năm 2024');
  has('– Tổng số đảng viên đến ngày 25/11/2024: 09 đảng viên, trong đó:');
  has('+ Đảng viên chính thức: 09 đ/c; Đảng viên dự bị: 0');
  has('+ Đảng viên nam: 04 đ/c; Đảng viên nữ: 05 đ/c');
  has('– Trình độ lý luận trung cấp chính trị: 02 đ/c.');
  has('có 09/09 đảng viên hoàn thành tốt nhiệm vụ, trong đó có 02 đảng viên hoàn thành xuất sắc nhiệm vụ.');
  has('đề nghị Đảng ủy xếp loại Chi bộ hoàn thành tốt nhiệm vụ năm 2024');
  assert.ok(!doc.text.includes('trong sạch vững mạnh'), 'current rating terms only');
  has('T/M CHI BỘ');
  has('BÍ THƯ');
  has('Lê Thị Hằng');
  has('- Đảng ủy xã Phong Hải (b/c);');
  has('- Lưu chi bộ.');
  // no data for the prose: visible placeholders, nothing invented
  has('[Bổ sung: những thuận lợi của Chi bộ trong năm');
  has('[Bổ sung: bài học kinh nghiệm');
  const order = [
    'PHẦN THỨ NHẤT',
    'I. Đặc điểm tình hình',
    '1. Thuận lợi',
    '2. Khó khăn',
    'II. Những kết quả đạt được',
    '1. Công tác tư tưởng chính trị',
    '2. Công tác chuyên môn',
    '3. Công tác lãnh đạo đoàn thể',
    '4. Công tác xây dựng Đảng',
    '5. Công tác kiểm tra, giám sát',
    'III. Khuyết điểm, tồn tại, nguyên nhân',
    'Bài học kinh nghiệm',
    'PHẦN THỨ HAI',
    'Phương hướng nhiệm vụ năm 2025',
    'Nơi nhận:',
  ];
  const at = order.map((h) => doc.paragraphs.findIndex((p) => p.startsWith(h)));
  assert.ok(
    at.every((i) => i >= 0),
    `headings found: ${JSON.stringify(Object.fromEntries(order.map((h, i) => [h, at[i]])))}`,
  );
  assert.deepEqual(
    [...at].sort((a, b) => a - b),
    at,
    'in the reference order',
  );
  assert.ok(doc.text.trim().includes('./.'));
});
