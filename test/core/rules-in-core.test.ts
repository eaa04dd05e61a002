/**
 * The rules that moved into core in issue 12: the meetings' commands and hasStarted, the
 * rule's day check, the first owed month of dues, wasAdmitted, and the review's drafts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMeeting,
  applyRule,
  cancel,
  checkRuleDay,
  emptyMeetings,
  hasStarted,
  makeThemed,
  move,
  occurrence,
  regularId,
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

test("checkRuleDay: the same 1–28 range as a typed day, and a weekday of a week", () => {
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
