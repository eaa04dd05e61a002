/**
 * A member absent without reason in 3 months of the year: the committee who closes the
 * attendance sees it, and the secretary is alerted privately, once per member per year.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/harness.ts';
import { meetingCell, sentTo, setThursdayRule, type MeetingCell } from './meetings-fixture.ts';

let h: Harness;
let c: MeetingCell;

before(async () => {
  h = await startHarness({ now: '2025-01-10T09:00:00+07:00' });
  c = await meetingCell(h, 3, { group: false });
  await setThursdayRule(c.sec);
});

after(() => h.stop());

/** The meeting starts; the secretary takes attendance from the nudge, marking Lê Thị Cúc absent without reason. */
async function meetingWithoutCuc(start: string): Promise<string> {
  await h.tickAt(start);
  const nudge = c.sec.messages().findLast((x) => x.text.includes('đã bắt đầu'))!;
  await c.sec.press('📋 Điểm danh', nudge);
  const list = c.sec.last()!;
  await c.sec.press('✅ Lê Thị Cúc', list);
  await c.sec.press(/^🟡 Lê Thị Cúc/, list);
  await c.sec.press('✔️ Xong điểm danh', list);
  await h.settle();
  return c.sec.messages().findLast((x) => x.text.startsWith('✓ Đã lưu điểm danh'))!.text;
}

const alerts = () => sentTo(h, c.sec.id, '⚠️ Đồng chí Lê Thị Cúc vắng sinh hoạt không có lý do');

test('two months without reason: no alert yet', async () => {
  assert.match(await meetingWithoutCuc('2025-02-06T14:00:00+07:00'), /vắng không lý do 1/);
  await meetingWithoutCuc('2025-03-06T14:00:00+07:00');
  assert.deepEqual(alerts(), []);
});

test('the third month: the secretary is alerted privately, and the one closing the attendance sees it', async () => {
  const saved = await meetingWithoutCuc('2025-04-03T14:00:00+07:00');
  assert.match(saved, /⚠️ Lê Thị Cúc đã vắng không lý do trong 3 tháng của năm 2025; bot đã báo riêng cho bí thư\./);
  assert.deepEqual(alerts(), [
    '⚠️ Đồng chí Lê Thị Cúc vắng sinh hoạt không có lý do trong 3 tháng của năm 2025 (tháng 2, 3, 4). Theo quy định, đây là căn cứ để chi bộ xem xét; bot chỉ báo, không tự xử lý.',
  ]);
  assert.equal(sentTo(h, c.members[1]!.id, 'vắng sinh hoạt không có lý do').length, 0, 'nothing to the member concerned');
  const f = (await h.app.services.meetings.yearFigures(c.cellId, 2025))!;
  assert.deepEqual(f.flagged, [String(c.members[1]!.id)]);
  assert.deepEqual(f.regular, { planned: 3, held: 3, cancelled: 0 }, 'the rule was set after the January meeting: from February');
});

test('a fourth month: no second alert the same year', async () => {
  await meetingWithoutCuc('2025-05-01T14:00:00+07:00');
  assert.equal(alerts().length, 1);
});
