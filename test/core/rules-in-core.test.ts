/**
 * The rules that moved into core in issue 12: the meetings' commands and hasStarted, the
 * rule's day check, the first owed month of dues, wasAdmitted, and the review's drafts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  absenceNotices,
  addMeeting,
  answerRsvp,
  applyRule,
  cancel,
  checkRuleDay,
  closeAttendance,
  emptyMeetings,
  hasStarted,
  makeThemed,
  move,
  occurrence,
  openAttendance,
  recordMinutes,
  regularId,
  setReminder,
  setRule,
  toggleMark,
  type MeetingRule,
  type MeetingsData,
} from '../../src/core/meetings/index.ts';
import { firstOwedMonth } from '../../src/core/dues/index.ts';
import { wasAdmitted } from '../../src/core/members.ts';
import { emptyReview, openYear, progressOf } from '../../src/core/review/index.ts';
import { aMember } from '../support/fixtures.ts';

const rule: MeetingRule = { on: { kind: 'day', day: 10 }, time: '14:00', place: 'Phòng họp' };
const NOW = new Date('2024-11-05T09:00:00+07:00');
const NOV = regularId('2024-11');

function withRule(): MeetingsData {
  const d = emptyMeetings();
  applyRule(d, { from: '2024-01', rule, setAt: '2024-01-01T00:00:00Z', by: '1' });
  return d;
}

test('hasStarted: from the start on, or once attendance was taken', () => {
  const o = occurrence(withRule(), NOV)!;
  assert.equal(hasStarted(o, new Date('2024-11-10T13:59:00+07:00')), false);
  assert.equal(hasStarted(o, new Date('2024-11-10T14:00:00+07:00')), true);
  assert.equal(hasStarted({ ...o, record: { id: o.id, kind: 'regular', rev: 0, rsvp: {}, attendance: { takenAt: '', by: '1', marks: {} } } }, NOW), true);
});

test('move: a new date after now, not started, a real change; the revision counts it', () => {
  const d = withRule();
  assert.deepEqual(move(d, NOV, { date: '2024-11-01', time: '14:00', place: 'Phòng họp' }, NOW), { ok: false, error: { code: 'meeting.newPast' } });
  assert.deepEqual(move(d, 'nope', { date: '2024-11-12', time: '14:00', place: 'Phòng họp' }, NOW), { ok: false, error: { code: 'meeting.unknown' } });
  assert.deepEqual(move(d, NOV, { date: '2024-11-10', time: '14:00', place: 'Phòng họp' }, NOW), { ok: false, error: { code: 'meeting.noChange' } });
  assert.deepEqual(move(d, NOV, { date: '2024-11-12', time: '14:00', place: ' ' }, NOW), { ok: false, error: { code: 'meeting.placeEmpty' } });
  const r = move(d, NOV, { date: '2024-11-12', time: '8:30', place: 'Hội trường' }, NOW);
  assert.ok(r.ok);
  assert.equal(r.value.before.date, '2024-11-10');
  assert.deepEqual([r.value.after.date, r.value.after.time, r.value.after.place, r.value.after.moved], ['2024-11-12', '08:30', 'Hội trường', true]);
  assert.equal(d.records[NOV]!.rev, 1);
  assert.deepEqual(move(d, NOV, { date: '2024-11-20', time: '14:00', place: 'Hội trường' }, new Date('2024-11-12T09:00:00+07:00')), { ok: false, error: { code: 'meeting.started' } });
});

test('cancel: once, before the start; a cancelled meeting moved is on again', () => {
  const d = withRule();
  const c = cancel(d, NOV, '2', NOW);
  assert.ok(c.ok);
  assert.equal(c.value.cancelled, true);
  assert.deepEqual(d.records[NOV]!.cancelled, { at: NOW.toISOString(), by: '2' });
  assert.deepEqual(cancel(d, NOV, '2', NOW), { ok: false, error: { code: 'meeting.alreadyCancelled' } });
  const m = move(d, NOV, { date: '2024-11-10', time: '14:00', place: 'Phòng họp' }, NOW);
  assert.ok(m.ok);
  assert.equal(m.value.after.cancelled, false);
  assert.deepEqual(cancel(d, regularId('2024-10'), '2', NOW), { ok: false, error: { code: 'meeting.started' } });
});

test('addMeeting: a themed meeting needs a topic; the record holds who and when', () => {
  const d = withRule();
  const when = { date: '2024-11-20', time: '15:00', place: 'Phòng họp' };
  assert.deepEqual(addMeeting(d, 't1', { kind: 'themed', ...when }, '2', NOW), { ok: false, error: { code: 'meeting.topicEmpty' } });
  assert.deepEqual(addMeeting(d, 't1', { kind: 'extraordinary', ...when, date: '2024-11-04' }, '2', NOW), { ok: false, error: { code: 'meeting.newPast' } });
  assert.equal(d.records.t1, undefined);
  const r = addMeeting(d, 't1', { kind: 'themed', ...when, topic: '  Học tập  nghị quyết ' }, '2', NOW);
  assert.ok(r.ok);
  assert.deepEqual([r.value.kind, r.value.date, r.value.topic], ['themed', '2024-11-20', 'Học tập nghị quyết']);
  assert.deepEqual([d.records.t1!.createdBy, d.records.t1!.createdAt, d.records.t1!.rev], ['2', NOW.toISOString(), 0]);
});

test('makeThemed: only a regular meeting not cancelled and not started gets a topic', () => {
  const d = withRule();
  assert.deepEqual(makeThemed(d, NOV, '', NOW), { ok: false, error: { code: 'meeting.topicEmpty' } });
  const r = makeThemed(d, NOV, 'Chuyên đề', NOW);
  assert.ok(r.ok);
  assert.equal(r.value.topic, 'Chuyên đề');
  assert.deepEqual(makeThemed(d, regularId('2024-10'), 'Chuyên đề', NOW), { ok: false, error: { code: 'meeting.started' } });
});

test('checkRuleDay: the same 1–28 range as a typed day, and a weekday of a week', () => {
  assert.deepEqual(checkRuleDay({ kind: 'day', day: 28 }), { ok: true, value: { kind: 'day', day: 28 } });
  assert.deepEqual(checkRuleDay({ kind: 'day', day: 29 }), { ok: false, error: { code: 'meeting.dayRange', params: { day: 29 } } });
  assert.deepEqual(checkRuleDay({ kind: 'day', day: 2.5 }), { ok: false, error: { code: 'meeting.dayRange', params: { day: 2.5 } } });
  assert.equal(checkRuleDay({ kind: 'weekday', weekday: 6, week: 'last' }).ok, true);
  assert.deepEqual(checkRuleDay({ kind: 'weekday', weekday: 7, week: 1 }), { ok: false, error: { code: 'meeting.weekInvalid' } });
});

test('firstOwedMonth: the month after approval; none before approval', () => {
  assert.equal(firstOwedMonth({ approvedOn: '2024-01-31' }), '2024-02');
  assert.equal(firstOwedMonth({ approvedOn: '2024-12-01' }), '2025-01');
  assert.equal(firstOwedMonth({}), undefined);
});

test('wasAdmitted: not while applying, pending or refused; yes for every state of a member, past or present', () => {
  for (const state of ['applying', 'pending', 'refused'] as const) assert.equal(wasAdmitted({ state }), false);
  for (const state of ['active', 'exempt', 'temp_exempt', 'transferred', 'removed', 'deceased'] as const) assert.equal(wasAdmitted({ state }), true);
});

test("review progress counts the draft records it is given, of the review's year only", () => {
  const data = emptyReview();
  assert.ok(openYear(data, 2024, '1', NOW, '2024-11-20').ok);
  const members = [aMember(11, {}, '2020-01-01'), aMember(12, {}, '2020-01-01')];
  const p = progressOf(data.reviews['2024']!, members, [
    { memberId: '11', year: 2024 },
    { memberId: '12', year: 2023 },
  ]);
  assert.deepEqual([p.drafts.map((m) => m.id), p.notStarted.map((m) => m.id)], [['11'], ['12']]);
});

test('setRule: checks the day, time and place; announces a changed first meeting still ahead', () => {
  const d = withRule();
  assert.deepEqual(setRule(d, { ...rule, on: { kind: 'day', day: 30 } }, '1', NOW), { ok: false, error: { code: 'meeting.dayRange', params: { day: 30 } } });
  assert.deepEqual(setRule(d, { ...rule, place: '' }, '1', NOW), { ok: false, error: { code: 'meeting.placeEmpty' } });
  const r = setRule(d, { ...rule, on: { kind: 'day', day: 12 } }, '1', NOW);
  assert.ok(r.ok);
  assert.deepEqual([r.value.from, r.value.reason, r.value.first.date, r.value.old?.date, r.value.announced], ['2024-11', 'thisMonth', '2024-11-12', '2024-11-10', true]);
  assert.equal(d.records[NOV]!.rev, 1);
  const same = setRule(d, { ...rule, on: { kind: 'day', day: 12 } }, '1', NOW);
  assert.ok(same.ok);
  assert.equal(same.value.announced, false);
});

test('setReminder: three slots, leads within range and never twice the same', () => {
  const d = withRule();
  assert.deepEqual(setReminder(d, 3, null), { ok: false, error: { code: 'meeting.unknown' } });
  assert.deepEqual(setReminder(d, 0, { minutes: 5, group: true, private: 'all' }), { ok: false, error: { code: 'meeting.leadRange', params: { min: 10, max: 14 } } });
  assert.deepEqual(setReminder(d, 0, { minutes: 1440, group: true, private: 'all' }), { ok: false, error: { code: 'meeting.leadDuplicate' } });
  assert.ok(setReminder(d, 1, null).ok);
  assert.deepEqual(d.reminders[1], null);
});

test('answerRsvp: until the start; "no" needs a reason', () => {
  const d = withRule();
  assert.deepEqual(answerRsvp(d, NOV, '5', 'no', ' ', NOW), { ok: false, error: { code: 'meeting.reasonEmpty' } });
  const r = answerRsvp(d, NOV, '5', 'no', 'Đi công tác', NOW);
  assert.ok(r.ok);
  assert.deepEqual(d.records[NOV]!.rsvp['5'], { answer: 'no', reason: 'Đi công tác', at: NOW.toISOString() });
  assert.deepEqual(answerRsvp(d, NOV, '5', 'yes', undefined, new Date('2024-11-10T14:00:00+07:00')), { ok: false, error: { code: 'meeting.rsvpClosed' } });
  assert.ok(cancel(d, NOV, '2', NOW).ok);
  assert.deepEqual(answerRsvp(d, NOV, '5', 'yes', undefined, NOW), { ok: false, error: { code: 'meeting.cancelledNote' } });
});

test('attendance: opened once started, prefilled from the answers, toggled, closed with the absence flags; minutes after the start', () => {
  const d = withRule();
  const members = [aMember(5, {}, '2020-01-01'), aMember(6, {}, '2020-01-01')];
  assert.ok(answerRsvp(d, NOV, '5', 'no', 'Ốm', NOW).ok);
  assert.deepEqual(openAttendance(d, NOV, members, '2', NOW), { ok: false, error: { code: 'meeting.notStarted' } });
  assert.deepEqual(recordMinutes(d, NOV, 'Nội dung', 'Nghị quyết', '2', NOW), { ok: false, error: { code: 'meeting.notStarted' } });
  assert.deepEqual(toggleMark(d, NOV, '6'), { ok: false, error: { code: 'meeting.noAttendance' } });
  const AT = new Date('2024-11-10T14:05:00+07:00');
  const o = openAttendance(d, NOV, members, '2', AT);
  assert.ok(o.ok);
  assert.deepEqual(o.value.record!.attendance!.marks, { '5': { status: 'excused', reason: 'Ốm' }, '6': { status: 'present' } });
  assert.ok(toggleMark(d, NOV, '6').ok);
  assert.ok(toggleMark(d, NOV, '6').ok);
  assert.equal(d.records[NOV]!.attendance!.marks['6']!.status, 'unexcused');
  const c = closeAttendance(d, NOV, members, AT);
  assert.ok(c.ok);
  assert.deepEqual([c.value.line.present, c.value.line.excused, c.value.line.unexcused, c.value.flagged.length, c.value.year], [0, 1, 1, 0, 2024]);
  assert.equal(d.records[NOV]!.attendance!.closedAt, AT.toISOString());
  const m = recordMinutes(d, NOV, ' Nội dung\n\n  họp ', 'Nghị quyết', '2', AT);
  assert.ok(m.ok);
  assert.deepEqual(d.records[NOV]!.minutes, { content: 'Nội dung\nhọp', resolution: 'Nghị quyết', by: '2', at: AT.toISOString() });
});

test('absence alerts: three months without reason flag a member once a year, to the secretary', () => {
  const d = withRule();
  const members = [aMember(1, { role: 'secretary' }, '2020-01-01'), aMember(6, {}, '2020-01-01')];
  let last: ReturnType<typeof closeAttendance> | undefined;
  for (const month of ['2024-08', '2024-09', '2024-10']) {
    const id = regularId(month);
    const at = new Date(`${month}-10T15:00:00+07:00`);
    assert.ok(openAttendance(d, id, members, '1', at).ok);
    assert.ok(toggleMark(d, id, '6').ok);
    assert.ok(toggleMark(d, id, '6').ok);
    last = closeAttendance(d, id, members, at);
  }
  assert.ok(last?.ok);
  assert.deepEqual(
    last.value.flagged.map((f) => [f.memberId, f.unexcusedMonths]),
    [['6', ['2024-08', '2024-09', '2024-10']]],
  );
  assert.deepEqual(d.absenceAlerts['2024'], ['6']);
  const cell = { id: 'c1', name: 'Chi bộ A', parentName: 'Đảng ủy', createdAt: '', createdBy: 900, inviteCode: 'x' };
  const planned = absenceNotices({ cell, members: Object.fromEntries(members.map((m) => [m.id, m])) }, last.value.flagged, 2024);
  assert.deepEqual(planned, [{ key: 'c1:meeting:absence2024:6:1', chatId: 1, notice: { kind: 'meeting.absences', name: 'Đảng viên 6', year: 2024, months: ['2024-08', '2024-09', '2024-10'] } }]);
  // closing again flags nobody new
  const again = closeAttendance(d, regularId('2024-10'), members, new Date('2024-10-10T16:00:00+07:00'));
  assert.ok(again.ok);
  assert.deepEqual(again.value.flagged, []);
});
