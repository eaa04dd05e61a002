import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectiveSentence, groupPoints, namesPerson, neutralVoice, quantify, QUANTIFIER_WORDS, samePoint, splitPoints, type Answer } from '../../src/core/textgroup.ts';
import { nearIdenticalSection } from '../bench/textgroup.ts';

/** Realistic self-evaluation language: [a, b, merge or keep apart]. */
const PAIRS: [string, string, 'merge' | 'apart'][] = [
  // quoted in the issue
  ['Tinh thần tự phê bình và phê bình chưa cao, còn nể nang', 'Trong tự phê bình và phê bình còn nể nang, ngại va chạm', 'merge'],
  ['Việc tự học, tự bồi dưỡng chưa thường xuyên', 'Tự học, tự bồi dưỡng thường xuyên, có hiệu quả', 'apart'],
  ['Hoàn thành nhiệm vụ chủ nhiệm lớp 1A, 0 học sinh đạt giải cấp phường', 'Hoàn thành nhiệm vụ chủ nhiệm lớp 2B, 3 học sinh đạt giải cấp phường', 'apart'],
  ['Hoàn thành nhiệm vụ chủ nhiệm lớp 1A', 'Hoàn thành nhiệm vụ chủ nhiệm lớp 2B', 'apart'],
  ['Tổ Toán hoàn thành tốt nhiệm vụ năm học', 'Tổ Văn hoàn thành tốt nhiệm vụ năm học', 'apart'],
  ['Bản thân chưa thật sự chủ động trong công việc', 'Chưa thật sự chủ động trong công việc được giao', 'merge'],
  // paraphrases
  ['Tinh thần tự phê bình chưa cao', 'Tinh thần phê bình và tự phê bình còn chưa cao', 'merge'],
  ['Chấp hành tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước', 'Luôn chấp hành nghiêm chủ trương, đường lối của Đảng và pháp luật của Nhà nước', 'merge'],
  ['Việc tự học, tự bồi dưỡng chưa thường xuyên', 'Chưa thường xuyên tự học, tự bồi dưỡng nâng cao trình độ', 'merge'],
  ['Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế', 'Việc ứng dụng CNTT vào giảng dạy còn hạn chế', 'merge'],
  ['Hoàn thành tốt nhiệm vụ được giao', 'Luôn hoàn thành tốt các nhiệm vụ được giao', 'merge'],
  ['Giữ gìn phẩm chất đạo đức, lối sống trong sáng, giản dị', 'Luôn giữ gìn phẩm chất đạo đức, lối sống giản dị, trong sáng', 'merge'],
  ['Tích cực tham gia các phong trào thi đua của nhà trường', 'Tham gia tích cực các phong trào thi đua do nhà trường phát động', 'merge'],
  ['Đoàn kết, giúp đỡ đồng nghiệp trong công tác', 'Luôn đoàn kết, giúp đỡ đồng nghiệp', 'merge'],
  ['Tham gia sinh hoạt chi bộ đầy đủ, đúng giờ', 'Tham gia đầy đủ các buổi sinh hoạt chi bộ', 'merge'],
  ['Đóng đảng phí đầy đủ, đúng hạn', 'Đóng đảng phí đầy đủ và đúng quy định', 'merge'],
  ['Thời gian đầu tư cho chuyên môn còn ít', 'Thời gian đầu tư cho công tác chuyên môn còn ít', 'merge'],
  ['Do khối lượng công việc nhiều, thời gian tự học còn ít', 'Do khối lượng công việc nhiều nên chưa dành nhiều thời gian cho tự học', 'merge'],
  ['Tăng cường tự học, tự bồi dưỡng để nâng cao trình độ chuyên môn', 'Tích cực tự học, tự bồi dưỡng nâng cao trình độ chuyên môn, nghiệp vụ', 'merge'],
  ['Tích cực học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'Thường xuyên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'merge'],
  ['Việc tự học ngoại ngữ chưa đều đặn', 'Tự học ngoại ngữ còn chưa đều đặn', 'merge'],
  ['Đôi lúc còn ngại va chạm, chưa mạnh dạn góp ý', 'Còn ngại va chạm, chưa mạnh dạn góp ý cho đồng nghiệp', 'merge'],
  ['Tôi luôn chấp hành sự phân công của tổ chức', 'Luôn chấp hành sự phân công của tổ chức', 'merge'],
  ['Có lối sống lành mạnh, không có biểu hiện suy thoái', 'Lối sống lành mạnh, không có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống', 'merge'],
  ['Hoàn thành nhiệm vụ chủ nhiệm lớp 1A', 'Hoàn thành tốt nhiệm vụ chủ nhiệm lớp 1A', 'merge'],
  ['Kỹ năng sử dụng phần mềm còn hạn chế', 'Kĩ năng sử dụng các phần mềm còn hạn chế', 'merge'],
  ['Thực hiện tốt quy chế dân chủ ở cơ sở', 'Thực hiện nghiêm quy chế dân chủ ở cơ sở', 'merge'],
  ['Không ngừng học tập nâng cao trình độ lý luận chính trị', 'Thường xuyên học tập nâng cao trình độ lí luận chính trị', 'merge'],
  ['Năng lực chuyên môn còn hạn chế', 'Năng lực chuyên môn, nghiệp vụ còn hạn chế', 'merge'],
  ['Tổ Toán hoàn thành tốt nhiệm vụ năm học', 'Tổ Toán đã hoàn thành tốt các nhiệm vụ năm học', 'merge'],
  ['Mạnh dạn đấu tranh, không ngại va chạm', 'Mạnh dạn đấu tranh với cái sai, không né tránh', 'merge'],
  ['Khắc phục những hạn chế, tích cực tự học', 'Tích cực tự học, tự bồi dưỡng', 'merge'],
  ['Có 5 học sinh đạt giải cấp huyện', 'Có 5 em học sinh đạt giải cấp huyện', 'merge'],
  ['Chưa tích cực phát biểu trong sinh hoạt chi bộ', 'Trong sinh hoạt chi bộ còn ít phát biểu ý kiến', 'merge'],
  ['Sử dụng hiệu quả đồ dùng dạy học', 'Sử dụng có hiệu quả đồ dùng dạy học', 'merge'],
  ['Đôi lúc còn nể nang, ngại va chạm trong góp ý phê bình', 'Còn nể nang trong phê bình đồng nghiệp', 'merge'],
  ['Tinh thần tự phê bình và phê bình chưa cao, còn nể nang', 'Còn nể nang trong phê bình đồng nghiệp', 'merge'],
  ['Việc tự học, tự bồi dưỡng chưa thường xuyên', 'Chưa thường xuyên tự học nâng cao trình độ chuyên môn', 'merge'],
  ['Trong sinh hoạt chi bộ còn ít phát biểu ý kiến', 'Chưa tích cực phát biểu xây dựng trong sinh hoạt chi bộ', 'merge'],
  // different points with the same guards
  ['Tinh thần tự phê bình chưa cao', 'Chưa thường xuyên tự học, tự bồi dưỡng', 'apart'],
  ['Hoàn thành tốt nhiệm vụ được giao', 'Chấp hành tốt chủ trương, đường lối của Đảng', 'apart'],
  ['Đóng đảng phí đầy đủ, đúng hạn', 'Tham gia sinh hoạt chi bộ đầy đủ, đúng giờ', 'apart'],
  ['Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế', 'Năng lực chuyên môn còn hạn chế', 'apart'],
  ['Ứng dụng CNTT trong giảng dạy còn hạn chế', 'Kỹ năng sử dụng phần mềm còn hạn chế', 'apart'],
  ['Hoàn thành tốt nhiệm vụ được giao', 'Hoàn thành xuất sắc nhiệm vụ được giao', 'apart'],
  ['Tích cực tham gia các phong trào thi đua', 'Tích cực tham gia các hoạt động từ thiện', 'apart'],
  ['Chưa thường xuyên tự học ngoại ngữ', 'Chưa thường xuyên ứng dụng công nghệ thông tin', 'apart'],
  ['Năng lực chuyên môn còn hạn chế', 'Năng lực quản lý còn hạn chế', 'apart'],
  ['Hoàn thành tốt nhiệm vụ giảng dạy', 'Hoàn thành tốt nhiệm vụ chủ nhiệm', 'apart'],
  ['Giữ gìn phẩm chất đạo đức', 'Giữ gìn đoàn kết nội bộ', 'apart'],
  ['Tham gia đầy đủ các lớp bồi dưỡng chính trị', 'Tham gia đầy đủ các buổi sinh hoạt chi bộ', 'apart'],
  ['Đôi lúc còn nể nang trong góp ý', 'Đôi lúc còn chậm trễ trong báo cáo', 'apart'],
  ['Chưa mạnh dạn góp ý cho đồng nghiệp', 'Chưa mạnh dạn đổi mới phương pháp giảng dạy', 'apart'],
  ['Do khối lượng công việc nhiều', 'Do điều kiện kinh tế gia đình còn khó khăn', 'apart'],
  ['Tăng cường tự học, tự bồi dưỡng', 'Tăng cường ứng dụng công nghệ thông tin trong giảng dạy', 'apart'],
  // numbers and dates
  ['Có 3 học sinh đạt giải cấp huyện', 'Có 5 học sinh đạt giải cấp huyện', 'apart'],
  ['Tỷ lệ học sinh lên lớp đạt 98%', 'Tỉ lệ học sinh lên lớp đạt 95%', 'apart'],
  ['Dự giờ 18 tiết trong năm học', 'Dự giờ 20 tiết trong năm học', 'apart'],
  ['Được tặng giấy khen ngày 20/11/2025', 'Được tặng giấy khen ngày 20/11/2026', 'apart'],
  ['Bồi dưỡng học sinh giỏi đạt hai giải', 'Bồi dưỡng học sinh giỏi đạt ba giải', 'apart'],
  ['Có học sinh đạt giải nhất cấp huyện', 'Có học sinh đạt giải nhì cấp huyện', 'apart'],
  // names of classes, units, levels
  ['Thực hiện tốt nhiệm vụ giảng dạy môn Toán', 'Thực hiện tốt nhiệm vụ giảng dạy môn Văn', 'apart'],
  ['Trường Tiểu học Kim Đồng đạt chuẩn quốc gia', 'Trường Tiểu học Lê Lợi đạt chuẩn quốc gia', 'apart'],
  ['Đạt danh hiệu giáo viên dạy giỏi cấp trường', 'Đạt danh hiệu giáo viên dạy giỏi cấp huyện', 'apart'],
  ['Hoàn thành chương trình học kỳ I đúng tiến độ', 'Hoàn thành chương trình học kỳ II đúng tiến độ', 'apart'],
  ['Hoàn thành nhiệm vụ chủ nhiệm lớp 1A', 'Hoàn thành nhiệm vụ chủ nhiệm lớp', 'apart'],
  ['Phối hợp tốt với tổ toán trong công tác chuyên môn', 'Phối hợp tốt với tổ văn trong công tác chuyên môn', 'apart'],
  ['Chủ nhiệm lớp chồi đạt kết quả tốt', 'Chủ nhiệm lớp lá đạt kết quả tốt', 'apart'],
  ['Chủ nhiệm lớp một đạt kết quả tốt', 'Chủ nhiệm lớp năm đạt kết quả tốt', 'apart'],
  ['Thực hiện nghiêm Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng', 'Thực hiện nghiêm Nghị quyết Trung ương 4 khóa XIII về xây dựng Đảng', 'apart'],
  ['Báo cáo kịp thời với Ban Giám hiệu', 'Báo cáo kịp thời với ban giám hiệu nhà trường', 'merge'],
  // polarity
  ['Tham gia sinh hoạt chi bộ đầy đủ', 'Chưa tham gia sinh hoạt chi bộ đầy đủ', 'apart'],
  ['Ứng dụng công nghệ thông tin trong giảng dạy hiệu quả', 'Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế', 'apart'],
  ['Có lúc chưa kiên quyết đấu tranh với những biểu hiện sai trái', 'Kiên quyết đấu tranh với những biểu hiện sai trái', 'apart'],
  ['Còn ngại va chạm trong đấu tranh phê bình', 'Không ngại va chạm trong đấu tranh phê bình', 'apart'],
  ['Phụ đạo học sinh yếu kém có hiệu quả', 'Phụ đạo học sinh yếu kém chưa hiệu quả', 'apart'],
  ['Chủ động trong công việc được giao', 'Chưa thật sự chủ động trong công việc được giao', 'apart'],
  ['Không vi phạm những điều đảng viên không được làm', 'Vi phạm những điều đảng viên không được làm', 'apart'],
  ['Không có biểu hiện tự diễn biến, tự chuyển hóa', 'Có biểu hiện tự diễn biến, tự chuyển hoá', 'apart'],
  ['Trong năm không bị kỷ luật', 'Trong năm bị kỷ luật khiển trách', 'apart'],
  // remedied wrongs are affirmative, so they merge with each other
  ['Tích cực tham gia phòng, chống tham nhũng, lãng phí', 'Tích cực tham gia phòng chống tham nhũng, lãng phí, tiêu cực', 'merge'],
  ['Thực hành tiết kiệm, chống lãng phí', 'Thực hành tiết kiệm, không lãng phí', 'merge'],
  ['Kiên quyết đấu tranh với những quan điểm sai trái, thù địch', 'Đấu tranh phản bác các quan điểm sai trái, thù địch', 'merge'],
  ['Sức khỏe chưa tốt nên ảnh hưởng đến công việc', 'Sức khoẻ chưa tốt, ảnh hưởng đến công việc', 'merge'],
  ['Khắc phục tính nể nang trong phê bình', 'Khắc phục tâm lý nể nang, ngại va chạm trong phê bình', 'merge'],
  ['Khắc phục tính nể nang trong phê bình', 'Còn nể nang trong phê bình', 'apart'],
];

const answers = (...texts: string[]): Answer[] => texts.map((text, i) => ({ author: `m${i + 1}`, text }));
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

test(`the table has at least 40 pairs, both kinds (${PAIRS.length})`, () => {
  assert.ok(PAIRS.length >= 40);
  assert.ok(PAIRS.filter((p) => p[2] === 'merge').length >= 15);
  assert.ok(PAIRS.filter((p) => p[2] === 'apart').length >= 15);
});

for (const [a, b, want] of PAIRS) {
  test(`${want === 'merge' ? 'merge' : 'keep apart'}: "${a}" / "${b}"`, () => {
    assert.equal(samePoint(a, b), want === 'merge');
    assert.equal(samePoint(b, a), want === 'merge', 'the rule is symmetric');
    // the grouping applies the same rule
    const { points } = groupPoints(answers(a, b));
    assert.deepEqual(
      points.map((p) => p.members),
      want === 'merge' ? [2] : [1, 1],
    );
  });
}

test('answers are split into points at lines, bullets, numbers and sentences; fragments dropped', () => {
  assert.deepEqual(splitPoints('- Tinh thần tự phê bình chưa cao.\n- Đôi lúc còn nể nang, ngại va chạm\n2) Chưa thường xuyên tự học. Ok.'), [
    'Tinh thần tự phê bình chưa cao',
    'Đôi lúc còn nể nang, ngại va chạm',
    'Chưa thường xuyên tự học',
  ]);
  assert.deepEqual(splitPoints('Hoàn thành tốt nhiệm vụ được giao; luôn chấp hành sự phân công. Tích cực tự học.'), [
    'Hoàn thành tốt nhiệm vụ được giao',
    'luôn chấp hành sự phân công',
    'Tích cực tự học',
  ]);
});

test('eleven members each about their own class and number: no sentence is printed as the view of several', () => {
  const classes = ['1A', '1B', '2A', '2B', '3A', '3B', '4A', '4B', '5A', '5B', '5C'];
  const { points } = groupPoints(answers(...classes.map((c, i) => `Hoàn thành nhiệm vụ chủ nhiệm lớp ${c}, ${i} học sinh đạt giải cấp phường.`)));
  assert.equal(points.length, 11);
  assert.ok(points.every((p) => p.members === 1));
  assert.equal(points[0]!.text, 'Hoàn thành nhiệm vụ chủ nhiệm lớp 1A, 0 học sinh đạt giải cấp phường.');
  // members of the same class with the same figure do share the point
  const same = groupPoints(
    answers('Chủ nhiệm lớp 1A có 2 học sinh đạt giải cấp phường.', 'Lớp 2B chủ nhiệm có 2 học sinh đạt giải cấp phường.', 'Chủ nhiệm lớp 1A, có 2 em học sinh đạt giải cấp phường.'),
  );
  assert.deepEqual(
    same.points.map((p) => [p.text, p.members]),
    [
      ['Chủ nhiệm lớp 1A có 2 học sinh đạt giải cấp phường.', 2],
      ['Lớp 2B chủ nhiệm có 2 học sinh đạt giải cấp phường.', 1],
    ],
  );
});

test('the printed sentence is one member’s actual sentence, the most central one, never a splice', () => {
  const { points } = groupPoints(
    answers(
      'Tinh thần tự phê bình chưa cao.',
      'Tinh thần phê bình và tự phê bình còn chưa cao, đôi lúc còn nể nang.',
      'Tinh thần tự phê bình và phê bình chưa cao.',
      'Tinh thần tự phê bình và phê bình chưa cao.',
    ),
  );
  assert.equal(points.length, 1);
  const [p] = points;
  assert.equal(p!.members, 4);
  assert.deepEqual(p!.authors, ['m1', 'm2', 'm3', 'm4']);
  assert.equal(p!.text, 'Tinh thần tự phê bình và phê bình chưa cao.', 'written twice and like the others');
  assert.deepEqual(p!.variants, ['Tinh thần tự phê bình chưa cao', 'Tinh thần phê bình và tự phê bình còn chưa cao, đôi lúc còn nể nang', 'Tinh thần tự phê bình và phê bình chưa cao']);
  assert.ok(p!.variants.map((v) => `${upperFirst(v)}.`).includes(p!.text));
});

test('grouping counts distinct members, orders by members then first appearance, voices neutrally', () => {
  const { points, leftOut } = groupPoints([
    { author: 'a', text: '- Bản thân chưa thường xuyên tự học, tự bồi dưỡng.\n- Tinh thần tự phê bình chưa cao.' },
    { author: 'b', text: 'Tinh thần phê bình và tự phê bình còn chưa cao. Ứng dụng công nghệ thông tin còn hạn chế.' },
    { author: 'c', text: 'Đôi lúc tinh thần tự phê bình chưa cao.\nViệc tự học, tự bồi dưỡng chưa thường xuyên.' },
    { author: 'c', text: 'Tinh thần tự phê bình chưa cao.' },
    { author: 'd', text: 'Tôi ứng dụng CNTT trong giảng dạy còn hạn chế...' },
  ]);
  assert.equal(leftOut, 0);
  assert.deepEqual(
    points.map((p) => p.members),
    [3, 2, 2],
    'the same member twice counts once',
  );
  assert.match(points[0]!.text, /^Tinh thần .*tự phê bình .*chưa cao\.$/);
  assert.equal(points[1]!.text, 'Chưa thường xuyên tự học, tự bồi dưỡng.', 'first appearance breaks the tie; "Bản thân" removed');
  assert.match(points[2]!.text, /^Ứng dụng (công nghệ thông tin|CNTT) .*còn hạn chế\.$/);
  for (const p of points) assert.match(p.text, /^\p{Lu}[\s\S]*[^.]\.$/u, 'capital first letter, exactly one final period');
});

test('sentences that name a person are left out and counted', () => {
  const names = ['Nguyễn Thị Lan', 'Trần Văn Bình'];
  const r = groupPoints(
    answers(
      'Đồng chí 0 tích cực tham gia các phong trào thi đua của nhà trường.',
      'Việc tự học ngoại ngữ chưa đều đặn (đ/c 6).',
      'Cô Lan trong tổ Toán còn ngại va chạm.\nTích cực tham gia các phong trào thi đua của nhà trường.',
      'Được đ/c bình góp ý nhiều lần nhưng chưa sửa.',
      'Thường xuyên trao đổi chuyên môn với nguyễn thị lan.',
      'Tích cực học tập và làm theo tấm gương đạo đức Bác Hồ.',
    ),
    { names },
  );
  assert.equal(r.leftOut, 5);
  assert.deepEqual(
    r.points.map((p) => [p.text, p.members]),
    [
      ['Tích cực tham gia các phong trào thi đua của nhà trường.', 1],
      ['Tích cực học tập và làm theo tấm gương đạo đức Bác Hồ.', 1],
    ],
  );
  assert.ok(namesPerson('Cô Lan trong tổ Toán còn ngại va chạm'));
  assert.ok(namesPerson('Việc tự học ngoại ngữ chưa đều đặn (đ/c 6)'));
  assert.ok(namesPerson('Đồng chí số 3 chưa nộp đảng phí'));
  assert.ok(namesPerson('Phối hợp với thầy Hùng bồi dưỡng học sinh giỏi'));
  assert.ok(namesPerson('Giúp đỡ đồng chí Văn Bình trong công tác', names));
  assert.ok(namesPerson('Giúp đỡ Trần Văn Bình trong công tác', names));
  assert.ok(!namesPerson('Giúp đỡ đồng nghiệp trong công tác', names));
  assert.ok(!namesPerson('Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, lời dạy của Bác Hồ'));
  assert.ok(!namesPerson('Thầy cô giáo trong tổ đoàn kết, giúp đỡ nhau'));
  assert.ok(!namesPerson('Các đồng chí trong chi bộ đoàn kết'));
  assert.ok(!namesPerson('Giảng dạy tiếng Anh có hiệu quả'));
});

test('neutral voice: first-person openings removed, the next word capitalised', () => {
  const cases: [string, string][] = [
    ['Bản thân chưa thật sự chủ động trong công việc', 'Chưa thật sự chủ động trong công việc'],
    ['Bản thân tôi luôn chấp hành tốt sự phân công', 'Luôn chấp hành tốt sự phân công'],
    ['Bản thân em còn ngại va chạm', 'Còn ngại va chạm'],
    ['Tôi luôn hoàn thành tốt nhiệm vụ được giao', 'Luôn hoàn thành tốt nhiệm vụ được giao'],
    ['Em chưa mạnh dạn góp ý', 'Chưa mạnh dạn góp ý'],
    ['Mình còn hạn chế về ngoại ngữ', 'Còn hạn chế về ngoại ngữ'],
    ['Cá nhân tôi, đôi lúc còn nể nang', 'Đôi lúc còn nể nang'],
    ['tôi: luôn giữ gìn phẩm chất đạo đức', 'Luôn giữ gìn phẩm chất đạo đức'],
    ['Trong năm học, bản thân đã hoàn thành tốt nhiệm vụ', 'Trong năm học, đã hoàn thành tốt nhiệm vụ'],
    ['Tôn trọng đồng nghiệp, giúp đỡ em học sinh khó khăn', 'Tôn trọng đồng nghiệp, giúp đỡ em học sinh khó khăn'],
    ['Emmm luôn cố gắng', 'Emmm luôn cố gắng'],
    ['Minh bạch trong công việc', 'Minh bạch trong công việc'],
  ];
  for (const [input, want] of cases) assert.equal(neutralVoice(input), want, input);
  const { points } = groupPoints(answers('Bản thân chưa thật sự chủ động trong công việc.', 'Tôi chưa thật sự chủ động trong công việc được giao.'));
  assert.equal(points.length, 1);
  assert.doesNotMatch(points[0]!.text, /Bản thân|Tôi/);
  assert.equal(collectiveSentence(points[0]!, 9), 'Một số đồng chí chưa thật sự chủ động trong công việc.');
});

test('quantifiers at the edges of their thresholds', () => {
  const cases: [number, number, string][] = [
    [6, 9, 'most'],
    [5, 9, 'many'],
    [3, 9, 'many'],
    [2, 9, 'some'],
    [1, 9, 'one'],
    [8, 12, 'most'],
    [7, 12, 'many'],
    [4, 12, 'many'],
    [3, 12, 'some'],
    [2, 3, 'most'],
    [2, 2, 'most'],
    [1, 1, 'one'],
    [1, 2, 'one'],
    [2, 0, 'some'],
    [1, 0, 'one'],
    [0, 0, 'one'],
  ];
  for (const [members, of, want] of cases) assert.equal(quantify(members, of), want, `${members}/${of}`);
  assert.deepEqual(QUANTIFIER_WORDS, { most: 'Đa số đồng chí', many: 'Nhiều đồng chí', some: 'Một số đồng chí', one: 'Có đồng chí' });
});

test('the collective sentence: quantifier, the point lower-cased unless a proper noun, one final period; a point with its own subject is what the members said', () => {
  const c = (text: string, members: number, of: number) => collectiveSentence({ text, members }, of);
  assert.equal(c('Chấp hành tốt chủ trương, đường lối của Đảng.', 7, 9), 'Đa số đồng chí chấp hành tốt chủ trương, đường lối của Đảng.');
  assert.equal(c('Tinh thần tự phê bình chưa cao', 4, 9), 'Nhiều đồng chí nêu: tinh thần tự phê bình chưa cao.');
  assert.equal(c('Khối lượng công việc nhiều nên thời gian tự học còn ít.', 6, 9), 'Đa số đồng chí nêu: khối lượng công việc nhiều nên thời gian tự học còn ít.');
  assert.equal(c('Có học sinh đạt giải học sinh giỏi cấp huyện.', 6, 9), 'Đa số đồng chí có học sinh đạt giải học sinh giỏi cấp huyện.');
  assert.equal(c('Còn ngại va chạm...', 2, 9), 'Một số đồng chí còn ngại va chạm.');
  assert.equal(c('Chưa thường xuyên tự học.', 1, 9), 'Có đồng chí chưa thường xuyên tự học.');
  assert.equal(c('Đảng viên trong chi bộ đoàn kết.', 9, 9), 'Đa số đồng chí nêu: đảng viên trong chi bộ đoàn kết.');
  for (const proper of ['Đảng', 'Nhà nước', 'Bác Hồ', 'Nghị quyết', 'Chi bộ', 'Hồ Chí Minh', 'Kim Đồng', 'CNTT']) {
    assert.equal(c(`${proper} là điểm tựa.`, 3, 3), `Đa số đồng chí nêu: ${proper} là điểm tựa.`, proper);
  }
  assert.equal(c('Nhà trường tạo điều kiện.', 3, 3), 'Đa số đồng chí nêu: nhà trường tạo điều kiện.');
  assert.equal(c('Việc tự học, tự bồi dưỡng chưa thường xuyên.', 3, 9), 'Nhiều đồng chí tự học, tự bồi dưỡng chưa thường xuyên.');
});

test('worst case: 50 members × 4,000 characters of near-identical short lines group into a sensible result', () => {
  const section = nearIdenticalSection(50, 4000, 1);
  assert.ok(section.every((a) => a.text.length >= 4000));
  const { points, leftOut } = groupPoints(section);
  assert.equal(leftOut, 0);
  // every template's wording is merged across all members
  const shared = points.filter((p) => p.members >= 45);
  assert.ok(shared.length >= 6 && shared.length <= 14, `${shared.length} points raised by nearly all`);
  assert.equal(points[0]!.members, 50);
  assert.ok(points.length < 400, `${points.length} points`);
  for (const p of points) {
    assert.ok(p.variants.map((v) => `${upperFirst(v)}.`).includes(p.text), 'one member’s own wording');
    assert.doesNotMatch(p.text, /^(Tôi|Bản thân)/);
    // a member's own figures are only ever shared by identical figures
    const figures = (s: string) => (s.match(/\d+\p{L}*/gu) ?? []).join(' ');
    assert.ok(
      p.variants.every((v) => figures(v) === figures(p.text)),
      p.text,
    );
  }
  const polarity = (s: string) => /chưa|hạn chế|nể nang|ngại/.test(s);
  for (const p of points)
    assert.ok(
      p.variants.every((v) => polarity(v) === polarity(p.text)),
      p.text,
    );
});

test('nothing in, nothing out', () => {
  assert.deepEqual(groupPoints([]), { points: [], leftOut: 0 });
  assert.deepEqual(
    groupPoints([
      { author: 'a', text: '  ' },
      { author: 'b', text: 'Không.' },
    ]),
    { points: [], leftOut: 0 },
  );
});
