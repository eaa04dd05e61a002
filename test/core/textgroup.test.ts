import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPoints, similarity, splitPoints } from '../../src/core/textgroup.ts';

test('answers are split into points at lines, bullets, numbers and sentences; fragments dropped', () => {
  assert.deepEqual(
    splitPoints('- Tinh thần tự phê bình chưa cao.\n- Đôi lúc còn nể nang, ngại va chạm\n2) Chưa thường xuyên tự học. Ok.'),
    ['Tinh thần tự phê bình chưa cao', 'Đôi lúc còn nể nang, ngại va chạm', 'Chưa thường xuyên tự học'],
  );
  assert.deepEqual(splitPoints('Hoàn thành tốt nhiệm vụ được giao; luôn chấp hành sự phân công. Tích cực tự học.'), [
    'Hoàn thành tốt nhiệm vụ được giao',
    'luôn chấp hành sự phân công',
    'Tích cực tự học',
  ]);
});

test('near-duplicates are alike, different points are not, diacritics matter', () => {
  assert.ok(similarity('Tinh thần tự phê bình chưa cao', 'tinh thần phê bình và tự phê bình còn chưa cao') >= 0.6);
  assert.ok(similarity('Còn nể nang, ngại va chạm trong sinh hoạt', 'Đôi lúc còn nể nang ngại va chạm') >= 0.6);
  assert.ok(similarity('Tinh thần tự phê bình chưa cao', 'Chưa thường xuyên tự học, tự bồi dưỡng') < 0.6);
  assert.ok(similarity('Chất lượng học sinh giỏi chưa cao', 'Chất lượng hoc sinh gioi chua cao') < similarity('Chất lượng học sinh giỏi chưa cao', 'chất lượng học sinh giỏi chưa cao'));
});

test('grouping merges near-duplicates, counts distinct members, orders by frequency, never names anyone', () => {
  const points = groupPoints([
    { author: 'm1', text: '- Tinh thần tự phê bình chưa cao.\n- Chưa thường xuyên tự học, tự bồi dưỡng.' },
    { author: 'm2', text: 'Tinh thần phê bình và tự phê bình còn chưa cao. Ứng dụng công nghệ thông tin còn hạn chế.' },
    { author: 'm3', text: 'Đôi lúc tinh thần tự phê bình chưa cao, còn nể nang.\nViệc tự học, tự bồi dưỡng chưa thường xuyên.' },
    { author: 'm3', text: 'Tinh thần tự phê bình chưa cao.' },
    { author: 'Nguyễn Văn An', text: 'Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế.' },
  ]);
  assert.equal(points.length, 3);
  assert.equal(points[0]!.members, 3, 'the same member twice counts once');
  assert.match(points[0]!.text, /^Tinh thần .*tự phê bình .*chưa cao.*\.$/);
  assert.deepEqual(points.map((p) => p.members), [3, 2, 2]);
  assert.match(points[1]!.text, /tự học/);
  assert.match(points[2]!.text, /công nghệ thông tin/);
  for (const p of points) assert.ok(!p.text.includes('Nguyễn Văn An'));
  // every shown text is one member's own wording, tidied
  for (const p of points) assert.ok(p.variants.some((v) => p.text.toLowerCase().startsWith(v.toLowerCase().slice(0, 10))));
});

test('nothing in, nothing out', () => {
  assert.deepEqual(groupPoints([]), []);
  assert.deepEqual(groupPoints([{ author: 'a', text: '  ' }, { author: 'b', text: 'Không.' }]), []);
});
