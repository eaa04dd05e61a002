import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocx } from '../support/docx.ts';
import { evaluationCopyFileName, evaluationDocx, evaluationFileName, type EvaluationDocInput } from '../../src/documents/evaluation.ts';
import { parentOrganization, placeAndDate, placeOf } from '../../src/documents/format.ts';
import type { SentVersion } from '../../src/core/review/index.ts';

const version: SentVersion = {
  n: 2,
  at: '2024-11-20T03:00:00.000Z', // 10:00 in Vietnam
  sections: {
    s11: 'Luôn giữ vững lập trường tư tưởng.\nLối sống giản dị, trung thực.',
    s12: 'Dạy Toán lớp 8A, 8B; 92% học sinh đạt yêu cầu.',
    s13: 'Hoàn thành cam kết tu dưỡng đầu năm.',
    s21: 'Chưa mạnh dạn phê bình & góp ý <trực tiếp>.',
    s22: 'Còn nể nang.',
    s3: 'Đã khắc phục việc chậm nộp hồ sơ.',
    s4: '',
    s5: 'Chịu trách nhiệm phần việc tổ chuyên môn.',
    s6: 'Tích cực tự phê bình và phê bình.',
  },
  partyRating: 'tot',
  civilRating: 'xuat_sac',
  score: { general: 27, tasks: 60 },
};

const base: EvaluationDocInput = {
  cell: { name: 'Chi bộ Trường THCS Phong Hải', parentName: 'Đảng ủy xã Phong Hải' },
  member: { name: 'Nguyễn Văn An', birthYear: 1985, role: 'member', partyStatus: 'chinh_thuc', workplace: 'Trường THCS Phong Hải', govPosition: 'Giáo viên', civilKind: 'vien_chuc', leader: false },
  year: 2024,
  version,
};

test('the bản kiểm điểm carries the header, title, identity lines, every section, the levels and the signature', async () => {
  const doc = readDocx(await evaluationDocx(base));
  const p = doc.paragraphs;
  const has = (s: string) => assert.ok(p.includes(s), `missing paragraph: ${s}\n${p.join('\n')}`);
  // header, two columns
  has('ĐẢNG BỘ XÃ PHONG HẢI');
  has('CHI BỘ TRƯỜNG THCS PHONG HẢI');
  has('*');
  has('ĐẢNG CỘNG SẢN VIỆT NAM');
  assert.equal(p.filter((x) => x === 'Phong Hải, ngày 20 tháng 11 năm 2024').length, 2); // header and signature
  // title and variant
  has('BẢN KIỂM ĐIỂM CÁ NHÂN');
  has('Năm 2024');
  has('Dùng cho cá nhân không giữ chức vụ lãnh đạo, quản lý');
  // identity
  has('Họ và tên: Nguyễn Văn An');
  has('Ngày sinh: ……/……/1985');
  has('Chức vụ Đảng: Đảng viên');
  has('Chức vụ chính quyền: Giáo viên');
  has('Chức vụ đoàn thể: \t'); // unknown: dotted to the margin
  has('Đơn vị công tác: Trường THCS Phong Hải');
  has('Chi bộ: Chi bộ Trường THCS Phong Hải');
  // sections, in order, with their text
  const order = [
    'I. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC',
    '1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc',
    'Luôn giữ vững lập trường tư tưởng.',
    'Lối sống giản dị, trung thực.',
    '2. Việc thực hiện chức trách, nhiệm vụ được giao',
    'Dạy Toán lớp 8A, 8B; 92% học sinh đạt yêu cầu.',
    '3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm',
    'Hoàn thành cam kết tu dưỡng đầu năm.',
    'II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN',
    '1. Hạn chế, khuyết điểm',
    'Chưa mạnh dạn phê bình & góp ý <trực tiếp>.',
    '2. Nguyên nhân',
    'Còn nể nang.',
    'III. KẾT QUẢ KHẮC PHỤC NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CẤP CÓ THẨM QUYỀN KẾT LUẬN HOẶC ĐƯỢC CHỈ RA Ở CÁC KỲ KIỂM ĐIỂM TRƯỚC',
    'Đã khắc phục việc chậm nộp hồ sơ.',
    'IV. GIẢI TRÌNH NHỮNG VẤN ĐỀ ĐƯỢC GỢI Ý KIỂM ĐIỂM (NẾU CÓ)',
    'Không có.',
    'V. LÀM RÕ TRÁCH NHIỆM CỦA CÁ NHÂN ĐỐI VỚI NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM CỦA TẬP THỂ (NẾU CÓ)',
    'Chịu trách nhiệm phần việc tổ chuyên môn.',
    'VI. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM',
    'Tích cực tự phê bình và phê bình.',
    'VII. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG',
    '1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành xuất sắc nhiệm vụ',
    '2. Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ',
    'Tự chấm điểm: tiêu chí chung 27/30 điểm; kết quả thực hiện nhiệm vụ 60/70 điểm; tổng 87/100 điểm',
    'NGƯỜI TỰ KIỂM ĐIỂM',
    '(Ký, ghi rõ họ tên)',
    'Nguyễn Văn An',
    'NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ',
    'Nhận xét: \t',
    'Chi bộ đề nghị xếp loại: \t',
  ];
  let at = -1;
  for (const line of order) {
    const i = p.indexOf(line, at + 1);
    assert.ok(i > at, `"${line}" missing or out of order`);
    at = i;
  }
  // the layout: A4, Times New Roman, justified body with a first-line indent, a borderless header table
  assert.match(doc.xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(doc.xml, /w:ascii="Times New Roman"/);
  assert.match(doc.xml, /<w:jc w:val="both"\/>/);
  assert.match(doc.xml, /<w:ind w:firstLine="567"\/>/);
  assert.match(doc.xml, /<w:u w:val="single"\/>/);
});

test("the cell's level and comments fill the box once recorded; a leader gets the other variant; no civil line for a non civil servant", async () => {
  const doc = readDocx(
    await evaluationDocx({
      ...base,
      member: { ...base.member, name: 'Trần Thị Bình', role: 'secretary', leader: true, civilKind: 'none', birthYear: undefined, workplace: undefined },
      version: { ...version, civilRating: undefined, score: undefined },
      decision: { rating: 'xuat_sac', by: '1', at: '2024-11-25T03:00:00.000Z', comment: 'Gương mẫu, trách nhiệm.' },
    }),
  );
  const p = doc.paragraphs;
  assert.ok(p.includes('Dùng cho cá nhân giữ chức vụ lãnh đạo, quản lý'));
  assert.ok(p.includes('Chức vụ Đảng: Bí thư chi bộ'));
  assert.ok(p.includes('Ngày sinh: \t'));
  assert.ok(p.includes('Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ'));
  assert.ok(!doc.text.includes('viên chức:'));
  assert.ok(!doc.text.includes('Tự chấm điểm'));
  assert.ok(p.includes('Gương mẫu, trách nhiệm.'));
  assert.ok(p.includes('Chi bộ đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ'));
  assert.ok(p.includes('(Chi bộ ghi nhận ngày 25/11/2024)'));
  // no đơn vị công tác of their own: the cell's unit, not a dotted line
  assert.ok(p.includes('Đơn vị công tác: Trường THCS Phong Hải'));
});

test("Đơn vị công tác: the member's own, else the unit set for the cell; VII.1 for each of cán bộ, công chức, viên chức", async () => {
  const withUnit = readDocx(await evaluationDocx({ ...base, cell: { ...base.cell, unitName: 'Trường Trung học cơ sở Phong Hải' }, member: { ...base.member, workplace: undefined } })).paragraphs;
  assert.ok(withUnit.includes('Đơn vị công tác: Trường Trung học cơ sở Phong Hải'));
  const own = readDocx(await evaluationDocx({ ...base, cell: { ...base.cell, unitName: 'Trường Trung học cơ sở Phong Hải' }, member: { ...base.member, workplace: 'UBND xã Phong Hải' } })).paragraphs;
  assert.ok(own.includes('Đơn vị công tác: UBND xã Phong Hải'));
  for (const civilKind of ['can_bo', 'cong_chuc', 'vien_chuc'] as const) {
    const p = readDocx(await evaluationDocx({ ...base, member: { ...base.member, civilKind } })).paragraphs;
    assert.ok(p.includes('1. Xếp loại cán bộ, công chức, viên chức: Hoàn thành xuất sắc nhiệm vụ'), civilKind);
  }
  const notRecorded = readDocx(await evaluationDocx({ ...base, member: { ...base.member, civilKind: undefined }, version: { ...version, civilRating: undefined } })).paragraphs;
  assert.ok(notRecorded.includes('Xếp loại đảng viên: Hoàn thành tốt nhiệm vụ'));
  assert.ok(!notRecorded.some((x) => x.includes('viên chức:')));
});

test('file name, place and the organisation above', () => {
  assert.equal(evaluationFileName(2024, 'Nguyễn Văn An'), 'ban-kiem-diem-2024-Nguyen-Van-An.docx');
  assert.equal(evaluationFileName(2024, 'Đặng Thị Ánh Tuyết'), 'ban-kiem-diem-2024-Dang-Thi-Anh-Tuyet.docx');
  assert.equal(evaluationFileName(2024, "Lê O'Neil"), 'ban-kiem-diem-2024-Le-O-Neil.docx');
  assert.equal(evaluationCopyFileName(2024, 'Nguyễn Văn An'), 'ban-kiem-diem-2024-Nguyen-Van-An-chi-bo-xep-loai.docx');
  assert.equal(parentOrganization('Đảng ủy xã Phong Hải'), 'ĐẢNG BỘ XÃ PHONG HẢI');
  assert.equal(parentOrganization('Đảng uỷ phường Bến Nghé'), 'ĐẢNG BỘ PHƯỜNG BẾN NGHÉ');
  assert.equal(parentOrganization('Đảng bộ Khối cơ quan tỉnh'), 'ĐẢNG BỘ KHỐI CƠ QUAN TỈNH');
  assert.equal(placeOf({ parentName: 'Đảng ủy xã Phong Hải' }), 'Phong Hải');
  assert.equal(placeOf({ parentName: 'Đảng ủy phường Bến Nghé' }), 'Bến Nghé');
  assert.equal(placeOf({ parentName: 'Đảng ủy xã Phong Hải', placeName: 'Quảng Điền' }), 'Quảng Điền');
  assert.equal(placeAndDate('Phong Hải', '2024-11-05'), 'Phong Hải, ngày 05 tháng 11 năm 2024');
  assert.equal(placeAndDate('Phong Hải'), 'Phong Hải, ngày …… tháng …… năm ……');
});
