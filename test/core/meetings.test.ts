import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyRule,
  emptyMeetings,
  expectedMembers,
  meetingMinutes,
  meetingMonthSummary,
  meetingYearFigures,
  newAbsenceFlags,
  nextPresence,
  occurrence,
  occurrencesBetween,
  parseLead,
  parseRuleDay,
  planMeetings,
  planRuleChange,
  prefillAttendance,
  regularMeetingDate,
  regularOccurrence,
  ruleDate,
  upcoming,
  type MeetingRecord,
  type MeetingRule,
  type MeetingsData,
  type Presence,
} from '../../src/core/meetings/index.ts';
import type { Cell, Member } from '../../src/core/members.ts';
import { aMember } from '../support/fixtures.ts';

const thursdayFirst: MeetingRule = { on: { kind: 'weekday', weekday: 4, week: 1 }, time: '14:00', place: 'Phòng họp' };

function withRule(rule: MeetingRule = thursdayFirst, from = '2024-01'): MeetingsData {
  const d = emptyMeetings();
  applyRule(d, { from, rule, setAt: '2024-01-01T00:00:00Z', by: '1' });
  return d;
}

function member(id: number, over: Partial<Member> = {}): Member {
  return aMember(id, { role: id === 1 ? 'secretary' : 'member', ...over }, '2020-01-01');
}

const cell: Cell = { id: 'c1', name: 'Chi bộ A', parentName: 'Đảng ủy xã', createdAt: '2024-01-01T00:00:00Z', createdBy: 900, inviteCode: 'x', groupChatId: -100 };

// ---------------------------------------------------------------- the rule

test('a fixed day of the month, in months of 31, 30, 29 and 28 days', () => {
  for (const m of ['2024-01', '2024-04', '2024-02', '2023-02']) assert.equal(ruleDate({ kind: 'day', day: 28 }, m), `${m}-28`);
  assert.equal(ruleDate({ kind: 'day', day: 5 }, '2024-12'), '2024-12-05');
});

test('a weekday of the first … fourth week', () => {
  assert.equal(ruleDate({ kind: 'weekday', weekday: 4, week: 1 }, '2024-12'), '2024-12-05'); // Thursday
  assert.equal(ruleDate({ kind: 'weekday', weekday: 1, week: 1 }, '2024-12'), '2024-12-02'); // Monday
  assert.equal(ruleDate({ kind: 'weekday', weekday: 0, week: 1 }, '2024-09'), '2024-09-01'); // Sunday, the 1st itself
  assert.equal(ruleDate({ kind: 'weekday', weekday: 0, week: 2 }, '2024-09'), '2024-09-08');
  assert.equal(ruleDate({ kind: 'weekday', weekday: 3, week: 4 }, '2024-07'), '2024-07-24'); // fourth Wednesday
  assert.equal(ruleDate({ kind: 'weekday', weekday: 6, week: 3 }, '2024-06'), '2024-06-15'); // June 1 is a Saturday
});

test('"last week": the last such weekday, in months of 31, 30, 29 and 28 days', () => {
  assert.equal(ruleDate({ kind: 'weekday', weekday: 5, week: 'last' }, '2024-11'), '2024-11-29'); // Friday, 30-day month
  assert.equal(ruleDate({ kind: 'weekday', weekday: 0, week: 'last' }, '2024-03'), '2024-03-31'); // Sunday on the 31st
  assert.equal(ruleDate({ kind: 'weekday', weekday: 4, week: 'last' }, '2024-02'), '2024-02-29'); // leap day
  assert.equal(ruleDate({ kind: 'weekday', weekday: 2, week: 'last' }, '2023-02'), '2023-02-28');
  assert.equal(ruleDate({ kind: 'weekday', weekday: 3, week: 'last' }, '2023-02'), '2023-02-22');
});

test('occurrences start at the local time in Vietnam, whatever the server zone', () => {
  const o = regularOccurrence(withRule(), '2024-12')!;
  assert.equal(o.date, '2024-12-05');
  assert.equal(o.start, '2024-12-05T07:00:00.000Z');
  assert.equal(o.place, 'Phòng họp');
});

test('a rule applies from its month; before it there is no regular meeting', () => {
  const d = withRule(thursdayFirst, '2024-06');
  assert.equal(regularOccurrence(d, '2024-05'), undefined);
  assert.equal(regularMeetingDate(d, '2024-06'), '2024-06-06');
  applyRule(d, { from: '2024-09', rule: { ...thursdayFirst, on: { kind: 'day', day: 10 } }, setAt: 'x', by: '1' });
  assert.equal(regularMeetingDate(d, '2024-08'), '2024-08-01');
  assert.equal(regularMeetingDate(d, '2024-09'), '2024-09-10');
  assert.equal(regularMeetingDate(d, '2025-01'), '2025-01-10');
});

test('a moved occurrence gives its new date and keeps its month; a cancelled one gives none', () => {
  const d = withRule();
  d.records.r202412 = { id: 'r202412', kind: 'regular', rev: 1, rsvp: {}, date: '2024-12-10', time: '08:00' };
  d.records.r202501 = { id: 'r202501', kind: 'regular', rev: 1, rsvp: {}, cancelled: { at: 'x', by: '1' } };
  const moved = occurrence(d, 'r202412')!;
  assert.equal(moved.date, '2024-12-10');
  assert.equal(moved.time, '08:00');
  assert.equal(moved.place, 'Phòng họp');
  assert.equal(moved.moved, true);
  assert.equal(moved.month, '2024-12');
  assert.equal(regularMeetingDate(d, '2024-12'), '2024-12-10');
  assert.equal(regularMeetingDate(d, '2025-01'), undefined);
  assert.equal(regularMeetingDate(d, '2025-02'), '2025-02-06');
  const next = upcoming(d, new Date('2024-12-20T00:00:00Z')).map((o) => o.id);
  assert.deepEqual(next.slice(0, 2), ['r202502', 'r202503'], 'the cancelled January meeting is not upcoming');
});

test('themed and extraordinary meetings are occurrences of their date', () => {
  const d = withRule();
  d.records.t1 = { id: 't1', kind: 'themed', rev: 0, rsvp: {}, date: '2024-12-20', time: '08:00', place: 'Hội trường', topic: 'Học tập Nghị quyết' };
  const ids = occurrencesBetween(d, '2024-12-01', '2024-12-31').map((o) => o.id);
  assert.deepEqual(ids, ['r202412', 't1']);
  assert.equal(occurrence(d, 't1')!.topic, 'Học tập Nghị quyết');
});

// ---------------------------------------------------------------- changing the rule

test('a rule change mid-month: applies this month only while this month is still ahead and untouched', () => {
  const now = new Date('2024-11-28T02:00:00Z'); // 28/11 09:00 in Vietnam
  // No rule yet; first Thursday of November has passed → from December.
  assert.deepEqual(pick(planRuleChange(emptyMeetings(), thursdayFirst, now)), { from: '2024-12', reason: 'firstPassed' });
  // No rule yet; "last Friday" (29/11) is still ahead → from November.
  const lastFriday: MeetingRule = { ...thursdayFirst, on: { kind: 'weekday', weekday: 5, week: 'last' } };
  assert.deepEqual(pick(planRuleChange(emptyMeetings(), lastFriday, now)), { from: '2024-11', reason: 'first' });
  // A rule on day 29; moving to day 30 this month is fine.
  const d = withRule({ ...thursdayFirst, on: { kind: 'day', day: 29 } });
  assert.deepEqual(pick(planRuleChange(d, { ...thursdayFirst, on: { kind: 'day', day: 28 } }, new Date('2024-11-20T02:00:00Z'))), { from: '2024-11', reason: 'thisMonth' });
  // New date already passed this month → this month keeps its date.
  assert.deepEqual(pick(planRuleChange(d, { ...thursdayFirst, on: { kind: 'day', day: 10 } }, new Date('2024-11-20T02:00:00Z'))), { from: '2024-12', reason: 'passed' });
  // This month's meeting was held.
  assert.deepEqual(pick(planRuleChange(withRule(), lastFriday, now)), { from: '2024-12', reason: 'held' });
  // This month's meeting was moved on its own, or cancelled.
  d.records.r202411 = { id: 'r202411', kind: 'regular', rev: 1, rsvp: {}, date: '2024-11-27' };
  assert.equal(planRuleChange(d, lastFriday, new Date('2024-11-20T02:00:00Z')).reason, 'moved');
  d.records.r202411 = { id: 'r202411', kind: 'regular', rev: 1, rsvp: {}, cancelled: { at: 'x', by: '1' } };
  assert.equal(planRuleChange(d, lastFriday, new Date('2024-11-20T02:00:00Z')).reason, 'cancelled');
});

function pick(c: { from: string; reason: string }) {
  return { from: c.from, reason: c.reason };
}

// ---------------------------------------------------------------- typed answers

test('the day of the rule is 1–28; 31 is refused with its reason', () => {
  assert.deepEqual(parseRuleDay('5'), { ok: true, value: 5 });
  assert.deepEqual(parseRuleDay('ngày 28'), { ok: true, value: 28 });
  assert.deepEqual(parseRuleDay('31'), { ok: false, error: { code: 'meeting.dayRange', params: { day: 31 } } });
  assert.deepEqual(parseRuleDay('0'), { ok: false, error: { code: 'meeting.dayRange', params: { day: 0 } } });
  assert.equal(parseRuleDay('mùng năm').ok, false);
});

test('reminder leads in days, hours, minutes and weeks', () => {
  assert.deepEqual(parseLead('3 ngày'), { ok: true, value: 4320 });
  assert.deepEqual(parseLead('2h'), { ok: true, value: 120 });
  assert.deepEqual(parseLead('2 giờ'), { ok: true, value: 120 });
  assert.deepEqual(parseLead('90 phút'), { ok: true, value: 90 });
  assert.deepEqual(parseLead('1 tuần'), { ok: true, value: 10080 });
  assert.equal(parseLead('3 tuần').ok, false);
  assert.equal(parseLead('5 phút').ok, false);
  assert.equal(parseLead('sớm').ok, false);
});

// ---------------------------------------------------------------- the planner over a simulated month

interface Sim {
  sent: Map<string, number>;
  data: { cell: Cell; members: Record<string, Member>; meetings: MeetingsData };
}

function tenMembers(): Record<string, Member> {
  const out: Record<string, Member> = {};
  for (let i = 1; i <= 10; i++) out[String(i)] = member(i);
  return out;
}

/** Runs the planner every minute from `from` to `to` except while the bot is down; a key is "sent" the first time it is planned. */
function simulate(sim: Sim, from: string, to: string, down: [string, string][] = [], each?: (now: Date) => void): void {
  const outages = down.map(([a, b]) => [Date.parse(a), Date.parse(b)] as const);
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
    if (outages.some(([a, b]) => t >= a && t < b)) continue;
    const now = new Date(t);
    each?.(now);
    for (const p of planMeetings(sim.data as never, now)) {
      if (sim.sent.has(p.key)) continue;
      if (p.expiresAt && Date.parse(p.expiresAt) < t) continue;
      sim.sent.set(p.key, t);
    }
  }
}

function newSim(): Sim {
  return { sent: new Map(), data: { cell, members: tenMembers(), meetings: withRule() } };
}

const at = (iso: string) => Date.parse(iso);
const keysOf = (sim: Sim, part: string) => [...sim.sent.keys()].filter((k) => k.includes(part));

test('a month without outages: every reminder once, at its moment, in the right chats', () => {
  const sim = newSim();
  setRecord(sim, { id: 't1', kind: 'themed', rev: 0, rsvp: {}, date: '2024-12-20', time: '08:00', place: 'Hội trường', topic: 'Học tập Nghị quyết' });
  // Members 2–7 answer between the 3-day and the 1-day reminder of the regular meeting.
  simulate(sim, '2024-11-28T00:00:00+07:00', '2024-12-31T23:59:00+07:00', [], (now) => {
    if (now.getTime() === at('2024-12-03T10:00:00+07:00')) {
      for (const id of ['2', '3', '4', '5', '6', '7']) setRecord(sim, addRsvp(sim.data.meetings.records.r202412, id));
    }
  });
  const d3 = keysOf(sim, ':d3@202412051400:');
  assert.equal(d3.length, 11, 'group + 10 members');
  for (const k of d3) assert.equal(sim.sent.get(k), at('2024-12-02T14:00:00+07:00'));
  assert.ok(sim.sent.has('c1:meeting:r202412:d3@202412051400:group'));
  const d1 = keysOf(sim, ':r202412:d1@')
    .map((k) => k.split(':').at(-1))
    .sort();
  assert.deepEqual(d1, ['1', '10', '8', '9'], 'the 1-day reminder goes only to those who have not answered, and not to the group');
  for (const k of keysOf(sim, ':r202412:d1@')) assert.equal(sim.sent.get(k), at('2024-12-04T14:00:00+07:00'));
  assert.deepEqual(keysOf(sim, ':r202412:h2@'), ['c1:meeting:r202412:h2@202412051400:group']);
  assert.equal(sim.sent.get('c1:meeting:r202412:h2@202412051400:group'), at('2024-12-05T12:00:00+07:00'));
  assert.deepEqual(keysOf(sim, ':r202412:start@'), ['c1:meeting:r202412:start@202412051400:1'], 'the secretary is asked to take attendance at the start');
  assert.equal(sim.sent.get('c1:meeting:r202412:start@202412051400:1'), at('2024-12-05T14:00:00+07:00'));

  // The themed meeting on 20/12 08:00 gets its own reminders.
  for (const k of keysOf(sim, ':t1:d3@202412200800:')) assert.equal(sim.sent.get(k), at('2024-12-17T08:00:00+07:00'));
  assert.equal(keysOf(sim, ':t1:d3@').length, 11);
  assert.equal(keysOf(sim, ':t1:d1@').length, 10);
  assert.equal(sim.sent.get('c1:meeting:t1:h2@202412200800:group'), at('2024-12-20T06:00:00+07:00'));
  // January's meeting is on Thursday 02/01/2025: its 3-day reminder falls in December.
  assert.equal(keysOf(sim, ':r202501:d3@202501021400:').length, 11);
  for (const k of keysOf(sim, ':r202501:')) assert.equal(sim.sent.get(k), at('2024-12-30T14:00:00+07:00'));
  assert.equal(sim.sent.size, 11 + 4 + 1 + 1 + (11 + 10 + 1 + 1) + 11, 'nothing else');
});

/** Data is never changed in place (the store makes a new version on every change; the planner relies on it). */
function setRecord(sim: Sim, rec: MeetingRecord): void {
  sim.data = { ...sim.data, meetings: { ...sim.data.meetings, records: { ...sim.data.meetings.records, [rec.id]: rec } } };
}

function addRsvp(rec: MeetingRecord | undefined, id: string): MeetingRecord {
  const r = rec ?? { id: 'r202412', kind: 'regular', rev: 0, rsvp: {} };
  return { ...r, rsvp: { ...r.rsvp, [id]: { answer: 'yes', at: 'x' } } };
}

test('restarts at awkward moments: a missed 3-day reminder still goes 2 days before, a missed 2-hour one never after the start', () => {
  const sim = newSim();
  simulate(sim, '2024-11-30T00:00:00+07:00', '2024-12-06T00:00:00+07:00', [
    ['2024-12-02T13:59:00+07:00', '2024-12-03T14:00:00+07:00'], // down over the 3-day reminder, up 2 days before
    ['2024-12-05T11:59:00+07:00', '2024-12-05T14:05:00+07:00'], // down over the 2-hour reminder until after the start
  ]);
  const d3 = keysOf(sim, ':d3@');
  assert.equal(d3.length, 11);
  for (const k of d3) assert.equal(sim.sent.get(k), at('2024-12-03T14:00:00+07:00'), 'late, at restart');
  assert.equal(keysOf(sim, ':d1@').length, 10, 'nobody answered: all ten');
  assert.deepEqual(keysOf(sim, ':h2@'), [], 'never after the start');
  assert.equal(keysOf(sim, ':start@').length, 1);
});

test('a late reminder is dropped once half of its lead has passed; a restart right after sending repeats nothing', () => {
  const sim = newSim();
  simulate(sim, '2024-11-30T00:00:00+07:00', '2024-12-06T00:00:00+07:00', [
    ['2024-12-02T13:00:00+07:00', '2024-12-04T03:00:00+07:00'], // back 1 day 11 hours before: the 3-day reminder is stale
    ['2024-12-04T14:01:00+07:00', '2024-12-04T14:30:00+07:00'], // a restart right after the 1-day reminder
    ['2024-12-05T12:30:00+07:00', '2024-12-05T12:31:00+07:00'], // and one in the 2-hour window
  ]);
  assert.deepEqual(keysOf(sim, ':d3@'), []);
  assert.equal(keysOf(sim, ':d1@').length, 10);
  for (const k of keysOf(sim, ':d1@')) assert.equal(sim.sent.get(k), at('2024-12-04T14:00:00+07:00'));
  assert.equal(keysOf(sim, ':h2@').length, 1);
});

test('a moved meeting is reminded again for its new time; a cancelled one is not reminded', () => {
  const sim = newSim();
  simulate(sim, '2024-12-01T00:00:00+07:00', '2024-12-03T00:00:00+07:00');
  assert.equal(keysOf(sim, ':d3@202412051400:').length, 11);
  setRecord(sim, { id: 'r202412', kind: 'regular', rev: 1, rsvp: {}, date: '2024-12-12' });
  simulate(sim, '2024-12-03T00:00:00+07:00', '2024-12-13T00:00:00+07:00');
  assert.equal(keysOf(sim, ':d3@202412121400:').length, 11);
  for (const k of keysOf(sim, ':d3@202412121400:')) assert.equal(sim.sent.get(k), at('2024-12-09T14:00:00+07:00'));
  assert.equal(keysOf(sim, ':h2@202412051400:').length, 0, 'nothing for the old time after the move');

  const sim2 = newSim();
  setRecord(sim2, { id: 'r202412', kind: 'regular', rev: 1, rsvp: {}, cancelled: { at: 'x', by: '1' } });
  simulate(sim2, '2024-12-01T00:00:00+07:00', '2024-12-06T00:00:00+07:00');
  assert.equal(sim2.sent.size, 0);
});

test('no group linked: private reminders only; exempted, departed and unreachable members get none', () => {
  const sim = newSim();
  sim.data.cell = { ...cell, groupChatId: undefined };
  sim.data.members['8'] = member(8, { state: 'temp_exempt' });
  sim.data.members['9'] = member(9, { state: 'transferred' });
  sim.data.members['10'] = member(10, { reachable: false });
  simulate(sim, '2024-12-02T13:00:00+07:00', '2024-12-02T15:00:00+07:00');
  assert.deepEqual(
    keysOf(sim, ':d3@')
      .map((k) => k.split(':').at(-1))
      .sort(),
    ['1', '2', '3', '4', '5', '6', '7'],
  );
});

// ---------------------------------------------------------------- attendance and figures

function held(d: MeetingsData, id: string, marks: Record<string, Presence>): void {
  const rec = (d.records[id] ??= { id, kind: 'regular', rev: 0, rsvp: {} });
  rec.attendance = { takenAt: 'x', by: '1', marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, { status: v }])) };
}

test('attendance is prefilled from the RSVPs and toggles through the three states', () => {
  const d = withRule();
  d.records.r202412 = {
    id: 'r202412',
    kind: 'regular',
    rev: 0,
    rsvp: { '2': { answer: 'yes', at: 'x' }, '3': { answer: 'no', reason: 'Đi công tác', at: 'x' } },
  };
  const marks = prefillAttendance(occurrence(d, 'r202412')!, [member(2), member(3), member(4)]);
  assert.deepEqual(marks, { '2': { status: 'present' }, '3': { status: 'excused', reason: 'Đi công tác' }, '4': { status: 'present' } });
  assert.equal(nextPresence('present'), 'excused');
  assert.equal(nextPresence('excused'), 'unexcused');
  assert.equal(nextPresence('unexcused'), 'present');
});

test('members exempted from activity on the day are not expected', () => {
  const a = member(2);
  const b = member(3, {
    state: 'temp_exempt',
    history: [
      { on: '2020-01-01', state: 'active' },
      { on: '2024-10-01', state: 'temp_exempt' },
    ],
  });
  const c = member(4, { history: [{ on: '2024-12-10', state: 'active' }] }); // joined after
  assert.deepEqual(
    expectedMembers([a, b, c], '2024-09-05').map((m) => m.id),
    ['2', '3'],
  );
  assert.deepEqual(
    expectedMembers([a, b, c], '2024-12-05').map((m) => m.id),
    ['2'],
  );
});

test('year figures: held vs planned, themed per quarter, attendance, absences and the 3-month flag', () => {
  const d = withRule(thursdayFirst, '2024-01');
  const members = [member(1), member(2), member(3), member(4)];
  // Jan, Feb, Apr, May held; Mar cancelled; the rest up to asOf not held.
  held(d, 'r202401', { '1': 'present', '2': 'unexcused', '3': 'present', '4': 'present' });
  held(d, 'r202402', { '1': 'present', '2': 'unexcused', '3': 'excused', '4': 'present' });
  d.records.r202403 = { id: 'r202403', kind: 'regular', rev: 1, rsvp: {}, cancelled: { at: 'x', by: '1' } };
  held(d, 'r202404', { '1': 'present', '2': 'present', '3': 'present', '4': 'present' });
  held(d, 'r202405', { '1': 'present', '2': 'unexcused', '3': 'present' });
  // Themed: one on its own in Q1 (held), one combined with the May meeting (Q2); one cancelled.
  d.records.t1 = { id: 't1', kind: 'themed', rev: 0, rsvp: {}, date: '2024-02-20', time: '08:00', place: 'Hội trường', topic: 'Chuyên đề 1' };
  held(d, 't1', { '1': 'present', '2': 'present', '3': 'present', '4': 'unexcused' });
  d.records.r202405!.topic = 'Chuyên đề 2';
  d.records.t2 = { id: 't2', kind: 'themed', rev: 0, rsvp: {}, date: '2024-06-20', time: '08:00', place: 'Hội trường', topic: 'x', cancelled: { at: 'x', by: '1' } };
  d.records.x1 = { id: 'x1', kind: 'extraordinary', rev: 0, rsvp: {}, date: '2024-07-20', time: '08:00', place: 'Hội trường' };

  const f = meetingYearFigures(d, members, 2024, '2024-07-31');
  assert.deepEqual(f.regular, { planned: 7, held: 4, cancelled: 1 });
  assert.deepEqual(f.themed, { planned: 2, held: 2 });
  assert.deepEqual(f.extraordinary, { planned: 1, held: 0 });
  assert.deepEqual(f.total, { planned: 9, held: 5 });
  assert.deepEqual(
    f.byMonth.map((m) => `${m.month}:${m.held}/${m.planned}`),
    ['2024-01:1/1', '2024-02:2/2', '2024-03:0/1', '2024-04:1/1', '2024-05:1/1', '2024-06:0/1', '2024-07:0/2'],
  );
  assert.deepEqual(
    f.quarters.map((q) => [q.quarter, q.themedHeld, q.ended, q.flagged]),
    [
      [1, 1, true, false],
      [2, 1, true, false],
      [3, 0, false, false],
      [4, 0, false, false],
    ],
  );
  assert.deepEqual(
    f.meetings.map((m) => [m.id, m.present, m.expected]),
    [
      ['r202401', 3, 4],
      ['r202402', 2, 4],
      ['t1', 3, 4],
      ['r202404', 4, 4],
      ['r202405', 2, 3],
    ],
  );
  assert.ok(Math.abs(f.averageRate! - (0.75 + 0.5 + 0.75 + 1 + 2 / 3) / 5) < 1e-9);
  assert.equal(f.averagePresent, 14 / 5);
  assert.deepEqual(
    f.absences.map((a) => [a.memberId, a.excused, a.unexcused, a.unexcusedMonths.length, a.flagged]),
    [
      ['2', 0, 3, 3, true],
      ['3', 1, 0, 0, false],
      ['4', 0, 1, 1, false],
    ],
  );
  assert.deepEqual(f.flagged, ['2']);
  // The alert goes once per member per year.
  assert.deepEqual(
    newAbsenceFlags(d, members, 2024, '2024-07-31').map((a) => a.memberId),
    ['2'],
  );
  d.absenceAlerts['2024'] = ['2'];
  assert.deepEqual(newAbsenceFlags(d, members, 2024, '2024-07-31'), []);

  // At year end, a quarter without a themed meeting is flagged.
  const end = meetingYearFigures(d, members, 2024, '2024-12-31');
  assert.deepEqual(
    end.quarters.map((q) => q.flagged),
    [false, false, true, false],
    'Q4 ends on 31/12, not yet over that day',
  );
  assert.deepEqual(
    meetingYearFigures(d, members, 2024, '2025-01-15').quarters.map((q) => q.flagged),
    [false, false, true, true],
  );
});

test('two unexcused absences in the same month count as one month', () => {
  const d = withRule(thursdayFirst, '2024-01');
  held(d, 'r202401', { '2': 'unexcused' });
  d.records.x1 = { id: 'x1', kind: 'extraordinary', rev: 0, rsvp: {}, date: '2024-01-20', time: '08:00', place: 'P' };
  held(d, 'x1', { '2': 'unexcused' });
  held(d, 'r202402', { '2': 'unexcused' });
  const f = meetingYearFigures(d, [member(2)], 2024, '2024-03-01');
  assert.deepEqual(f.absences[0]!.unexcusedMonths, ['2024-01', '2024-02']);
  assert.equal(f.absences[0]!.flagged, false);
});

test('month summary: held with attendance, not held, cancelled, upcoming', () => {
  const d = withRule(thursdayFirst, '2024-09');
  held(d, 'r202411', { '1': 'present', '2': 'excused' });
  d.records.r202410 = { id: 'r202410', kind: 'regular', rev: 1, rsvp: {}, cancelled: { at: 'x', by: '1' } };
  const nov = meetingMonthSummary(d, '2024-11', '2024-11-30');
  assert.equal(nov.regular.status, 'held');
  assert.equal(nov.regular.date, '2024-11-07');
  assert.deepEqual([nov.regular.attendance!.present, nov.regular.attendance!.expected], [1, 2]);
  assert.deepEqual([nov.held, nov.planned], [1, 1]);
  assert.equal(meetingMonthSummary(d, '2024-10', '2024-11-30').regular.status, 'cancelled');
  assert.equal(meetingMonthSummary(d, '2024-09', '2024-11-30').regular.status, 'notHeld');
  assert.equal(meetingMonthSummary(d, '2024-12', '2024-11-30').regular.status, 'upcoming');
  assert.equal(meetingMonthSummary(d, '2024-08', '2024-11-30').regular.status, 'noRule');
});

test('minutes of the year, by date, for the journal under "Xây dựng Đảng"', () => {
  const d = withRule();
  held(d, 'r202412', {});
  d.records.r202412!.minutes = { content: 'Triển khai nhiệm vụ tháng 12', resolution: 'Hoàn thành kiểm điểm', by: '1', at: '2024-12-05T09:00:00Z' };
  held(d, 'r202411', {});
  d.records.r202411!.minutes = { content: 'Nội dung 11', resolution: 'NQ 11', by: '1', at: '2024-11-07T09:00:00Z' };
  const m = meetingMinutes(d, 2024);
  assert.deepEqual(
    m.map((e) => [e.date, e.section, e.content]),
    [
      ['2024-11-07', 'xay_dung_dang', 'Nội dung 11'],
      ['2024-12-05', 'xay_dung_dang', 'Triển khai nhiệm vụ tháng 12'],
    ],
  );
  assert.deepEqual(meetingMinutes(d, 2023), []);
});
