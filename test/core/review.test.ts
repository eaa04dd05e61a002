import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Member } from '../../src/core/members.ts';
import {
  addVersion,
  checkSubmission,
  closeYear,
  comment,
  decide,
  defaultReviewYear,
  emptyReview,
  FORM_SECTIONS,
  normalizeReview,
  openYear,
  parseScorePart,
  planReview,
  progressOf,
  quotaCheck,
  ratingCopy,
  ratingVersion,
  reminderDays,
  reviewFigures,
  reviewTexts,
  scoreBand,
  scoreMismatch,
  type ReviewData,
  type ReviewDraft,
  type SectionId,
  type SubmissionInput,
} from '../../src/core/review/index.ts';
import { answersToSubmission, versionToAnswers } from '../../src/telegram/dialogs/evaluate.ts';
import type { Cell } from '../../src/core/members.ts';
import { aMember } from '../support/fixtures.ts';

function member(id: string, o: Partial<Member> = {}): Member {
  return aMember(id, o);
}

const sections = (o: Partial<Record<SectionId, string>> = {}): Record<SectionId, string> => ({
  s11: 'Tư tưởng vững vàng.',
  s12: 'Dạy Toán 8A, 8B; 92% đạt yêu cầu.',
  s13: 'Thực hiện đủ cam kết.',
  s21: 'Chưa mạnh dạn phê bình.',
  s22: 'Còn nể nang.',
  s3: 'Đã khắc phục việc chậm nộp hồ sơ.',
  s4: '',
  s5: '',
  s6: 'Tích cực tự phê bình và phê bình.',
  ...o,
});

const input = (o: Partial<SubmissionInput> = {}): SubmissionInput => ({ sections: sections(), partyRating: 'tot', ...o });

const OPEN_AT = new Date('2024-11-04T09:00:00+07:00');

function opened(deadline = '2024-11-19'): ReviewData {
  const data = emptyReview();
  const r = openYear(data, 2024, '1', OPEN_AT, deadline);
  assert.ok(r.ok);
  return data;
}

test('score bands: ≥ 90 xuất sắc, 70–89 tốt, 50–69 hoàn thành, < 50 không hoàn thành', () => {
  assert.equal(scoreBand(100), 'xuat_sac');
  assert.equal(scoreBand(90), 'xuat_sac');
  assert.equal(scoreBand(89), 'tot');
  assert.equal(scoreBand(70), 'tot');
  assert.equal(scoreBand(69), 'hoan_thanh');
  assert.equal(scoreBand(50), 'hoan_thanh');
  assert.equal(scoreBand(49), 'khong_hoan_thanh');
  assert.equal(scoreBand(0), 'khong_hoan_thanh');
});

test('a self-score whose band disagrees with the proposed level is pointed out; no score, no remark', () => {
  assert.equal(scoreMismatch({ general: 28, tasks: 65 }, 'tot'), 'xuat_sac');
  assert.equal(scoreMismatch({ general: 25, tasks: 50 }, 'tot'), undefined);
  assert.equal(scoreMismatch({ general: 20, tasks: 40 }, 'xuat_sac'), 'hoan_thanh');
  assert.equal(scoreMismatch(undefined, 'xuat_sac'), undefined);
});

test('score parts: whole numbers within their maximum, "27 điểm" and "27/30" accepted', () => {
  assert.deepEqual(parseScorePart('27', 30), { ok: true, value: 27 });
  assert.deepEqual(parseScorePart(' 27 điểm ', 30), { ok: true, value: 27 });
  assert.deepEqual(parseScorePart('27/30', 30), { ok: true, value: 27 });
  assert.deepEqual(parseScorePart('0', 70), { ok: true, value: 0 });
  assert.deepEqual(parseScorePart('70', 70), { ok: true, value: 70 });
  assert.equal((parseScorePart('31', 30) as { error: { code: string } }).error.code, 'review.scoreRange');
  assert.equal((parseScorePart('27,5', 30) as { error: { code: string } }).error.code, 'review.scoreFormat');
  assert.equal((parseScorePart('hai mươi', 30) as { error: { code: string } }).error.code, 'review.scoreFormat');
});

test('quota: xuất sắc may not exceed 20% of tốt — small and awkward numbers', () => {
  // no "tốt" at all: any "xuất sắc" is over
  assert.deepEqual(quotaCheck(0, 0), { xuatSac: 0, tot: 0, max: 0, exceeded: false });
  assert.deepEqual(quotaCheck(1, 0), { xuatSac: 1, tot: 0, max: 0, exceeded: true });
  // 1 of 4: 20% of 4 is 0.8, so one is already too many
  assert.deepEqual(quotaCheck(1, 4), { xuatSac: 1, tot: 4, max: 0, exceeded: true });
  // exactly 20%
  assert.deepEqual(quotaCheck(1, 5), { xuatSac: 1, tot: 5, max: 1, exceeded: false });
  assert.deepEqual(quotaCheck(2, 9), { xuatSac: 2, tot: 9, max: 1, exceeded: true });
  assert.deepEqual(quotaCheck(2, 10), { xuatSac: 2, tot: 10, max: 2, exceeded: false });
  assert.deepEqual(quotaCheck(3, 14), { xuatSac: 3, tot: 14, max: 2, exceeded: true });
});

test('opening: one open review per cell, a deadline after today, reopening keeps what was sent', () => {
  const data = emptyReview();
  assert.equal((openYear(data, 2024, '1', OPEN_AT, '2024-11-04') as { error: { code: string } }).error.code, 'review.deadlinePast');
  assert.equal((openYear(data, 2024, '1', OPEN_AT, '2025-03-01') as { error: { code: string } }).error.code, 'review.deadlineFar');
  const r = openYear(data, 2024, '1', OPEN_AT, '2024-11-19');
  assert.ok(r.ok);
  assert.equal(r.value.openedOn, '2024-11-04');
  assert.equal((openYear(data, 2024, '1', OPEN_AT, '2024-11-20') as { error: { code: string } }).error.code, 'review.alreadyOpen');
  assert.equal((openYear(data, 2025, '1', OPEN_AT, '2024-11-20') as { error: { code: string } }).error.code, 'review.otherOpen');

  const a = member('11');
  assert.ok(addVersion(data, 2024, a, input(), OPEN_AT).ok);
  assert.ok(closeYear(data, 2024, '1', OPEN_AT).ok);
  assert.equal(data.reviews['2024']!.state, 'closed');
  const again = openYear(data, 2024, '1', new Date('2024-11-25T09:00:00+07:00'), '2024-11-30');
  assert.ok(again.ok);
  assert.equal(again.value.submissions['11']!.length, 1);
  assert.equal(again.value.openedOn, '2024-11-25');
  assert.equal(again.value.closedAt, undefined);
});

test('sending: each send is a new version; required sections, levels and the review being open are checked', () => {
  const data = opened();
  const a = member('11');
  const v1 = addVersion(data, 2024, a, input(), OPEN_AT);
  assert.ok(v1.ok);
  assert.equal(v1.value.n, 1);
  assert.equal(v1.value.sections.s4, '');
  const v2 = addVersion(data, 2024, a, input({ partyRating: 'xuat_sac', sections: sections({ s4: ' Giải trình việc X. ' }) }), new Date('2024-11-06T10:00:00+07:00'));
  assert.ok(v2.ok);
  assert.equal(v2.value.n, 2);
  assert.equal(v2.value.sections.s4, 'Giải trình việc X.');
  assert.equal(data.reviews['2024']!.submissions['11']!.length, 2);

  const missing = addVersion(data, 2024, a, input({ sections: sections({ s22: '  ' }) }), OPEN_AT);
  assert.deepEqual(missing, { ok: false, error: { code: 'review.sectionMissing', params: { section: 'II.2' } } });
  const tooLong = addVersion(data, 2024, a, input({ sections: sections({ s12: 'x'.repeat(4001) }) }), OPEN_AT);
  assert.equal((tooLong as { error: { code: string } }).error.code, 'review.sectionTooLong');

  const teacher = member('12', { civilKind: 'vien_chuc' });
  assert.equal((addVersion(data, 2024, teacher, input(), OPEN_AT) as { error: { code: string } }).error.code, 'review.civilRatingMissing');
  const ok = addVersion(data, 2024, teacher, input({ civilRating: 'tot' }), OPEN_AT);
  assert.ok(ok.ok && ok.value.civilRating === 'tot');
  // the civil rating of a member who is not a civil servant is not kept
  const other = addVersion(data, 2024, member('13'), input({ civilRating: 'tot' }), OPEN_AT);
  assert.ok(other.ok && other.value.civilRating === undefined);

  assert.equal((addVersion(data, 2024, member('14', { state: 'exempt' }), input(), OPEN_AT) as { error: { code: string } }).error.code, 'review.notExpected');
  assert.ok(closeYear(data, 2024, '1', OPEN_AT).ok);
  assert.equal((addVersion(data, 2024, a, input(), OPEN_AT) as { error: { code: string } }).error.code, 'review.closed');
});

test('a self-score outside 0–30 / 0–70 is refused when sending', () => {
  assert.equal(checkSubmission(input({ score: { general: 31, tasks: 10 } }), false).ok, false);
  assert.equal(checkSubmission(input({ score: { general: 30, tasks: 71 } }), false).ok, false);
  assert.equal(checkSubmission(input({ score: { general: 30, tasks: 70 } }), false).ok, true);
});

test('decisions: recorded with who and when, changeable while open, comments after the level', () => {
  const data = opened();
  const a = member('11');
  assert.equal((comment(data, 2024, '11', 'Tốt.', '1', OPEN_AT) as { error: { code: string } }).error.code, 'review.rateFirst');
  const d = decide(data, 2024, a, 'tot', '1', OPEN_AT);
  assert.deepEqual(d, { ok: true, value: { rating: 'tot', by: '1', at: OPEN_AT.toISOString(), v: 1 } });
  assert.ok(comment(data, 2024, '11', '  Có trách nhiệm.  ', '2', OPEN_AT).ok);
  const changed = decide(data, 2024, a, 'xuat_sac', '1', OPEN_AT);
  assert.ok(changed.ok);
  assert.equal(changed.value.comment, 'Có trách nhiệm.');
  assert.equal(data.reviews['2024']!.decisions['11']!.rating, 'xuat_sac');
  assert.equal(changed.value.v, 2, 'a change of the level is a new version');
  const again = decide(data, 2024, a, 'xuat_sac', '3', new Date(OPEN_AT.getTime() + 86_400_000));
  assert.ok(again.ok);
  assert.deepEqual(again.value, changed.value, 'the same level again changes nothing: same version, who and when');
  // exempted members are not rated
  assert.equal((decide(data, 2024, member('12', { state: 'temp_exempt' }), 'tot', '1', OPEN_AT) as { error: { code: string } }).error.code, 'review.notExpected');
  closeYear(data, 2024, '1', OPEN_AT);
  assert.equal((decide(data, 2024, a, 'tot', '1', OPEN_AT) as { error: { code: string } }).error.code, 'review.closed');
});

test('progress: sent, draft (a dialog state of this year) and not started; exempted members not expected', () => {
  const data = opened();
  const members = [
    member('11', { name: 'Nguyễn Văn An' }),
    member('12', { name: 'Lê Thị Cúc' }),
    member('13', { name: 'Trần Văn Bảo' }),
    member('14', { name: 'Phạm Văn Miễn', state: 'exempt' }),
    member('15', { name: 'Hồ Thị Tạm', state: 'temp_exempt' }),
    member('16', { name: 'Đỗ Văn Đi', state: 'transferred' }),
  ];
  addVersion(data, 2024, members[0]!, input(), OPEN_AT);
  const drafts: ReviewDraft[] = [
    { memberId: '12', year: 2024 },
    // a draft of another year is not this year's draft
    { memberId: '13', year: 2023 },
  ];
  const p = progressOf(data.reviews['2024']!, members, drafts);
  assert.deepEqual(p.expected.map((m) => m.id).sort(), ['11', '12', '13']);
  assert.deepEqual(
    p.sent.map((m) => m.name),
    ['Nguyễn Văn An'],
  );
  assert.deepEqual(
    p.drafts.map((m) => m.name),
    ['Lê Thị Cúc'],
  );
  assert.deepEqual(
    p.notStarted.map((m) => m.name),
    ['Trần Văn Bảo'],
  );
});

test('figures for the report: expected, sent, drafts, both distributions and the quota checks', () => {
  const data = opened();
  const ms = ['11', '12', '13', '14', '15', '16'].map((id) => member(id));
  addVersion(data, 2024, ms[0]!, input({ partyRating: 'xuat_sac' }), OPEN_AT);
  addVersion(data, 2024, ms[1]!, input({ partyRating: 'xuat_sac' }), OPEN_AT);
  addVersion(data, 2024, ms[2]!, input({ partyRating: 'tot' }), OPEN_AT);
  addVersion(data, 2024, ms[2]!, input({ partyRating: 'hoan_thanh' }), OPEN_AT); // latest version counts
  decide(data, 2024, ms[0]!, 'xuat_sac', '1', OPEN_AT);
  for (const m of ms.slice(1, 5)) decide(data, 2024, m, 'tot', '1', OPEN_AT);
  const f = reviewFigures(data, 2024, ms)!;
  assert.equal(f.expected, 6);
  assert.equal(f.sent, 3);
  assert.equal(f.drafts, 0);
  assert.equal(f.notStarted, 3);
  assert.deepEqual(f.proposed, { xuat_sac: 2, tot: 0, hoan_thanh: 1, khong_hoan_thanh: 0 });
  assert.deepEqual(f.decided, { xuat_sac: 1, tot: 4, hoan_thanh: 0, khong_hoan_thanh: 0 });
  assert.equal(f.undecided, 1);
  assert.deepEqual(f.quotaDecided, { xuatSac: 1, tot: 4, max: 0, exceeded: true });
  assert.equal(f.quotaProposed.exceeded, true);
  assert.equal(reviewFigures(data, 2023, ms), undefined);
});

test('section texts for the report: latest sent version of each member, in the order sent, without names', () => {
  const data = opened();
  const a = member('11', { name: 'Nguyễn Văn An' });
  const b = member('12', { name: 'Lê Thị Cúc' });
  addVersion(data, 2024, a, input({ sections: sections({ s21: 'Bản cũ.' }) }), new Date('2024-11-05T09:00:00+07:00'));
  addVersion(data, 2024, b, input({ sections: sections({ s21: 'Chậm ứng dụng công nghệ.' }) }), new Date('2024-11-06T09:00:00+07:00'));
  assert.ok(addVersion(data, 2024, a, input({ sections: sections({ s21: 'Chưa mạnh dạn phê bình.', s22: 'Thiếu thời gian.' }) }), new Date('2024-11-07T09:00:00+07:00')).ok);
  addVersion(data, 2024, member('13', { state: 'exempt' }), input({ sections: sections({ s21: 'Không được tính.' }) }), OPEN_AT);
  const texts = reviewTexts(data, 2024);
  assert.deepEqual(texts.shortcomings, ['Chậm ứng dụng công nghệ.', 'Chưa mạnh dạn phê bình.']);
  assert.deepEqual(texts.causes, ['Còn nể nang.', 'Thiếu thời gian.']);
  assert.equal(texts.conduct.length, 2);
  assert.equal(texts.duties.length, 2);
  assert.equal(texts.remedies.length, 2);
  assert.ok(!JSON.stringify(texts).includes('Nguyễn') && !JSON.stringify(texts).includes('Cúc'));
  assert.deepEqual(reviewTexts(data, 2023), { conduct: [], duties: [], shortcomings: [], causes: [], remedies: [] });
});

test('the dialog answers become a submission and a sent version becomes answers again', () => {
  const a = {
    s11: ['Tư tưởng vững vàng.', ' Lối sống giản dị. '],
    s12: ['Dạy Toán.'],
    s13: ['Đủ cam kết.'],
    s21: ['Hạn chế.'],
    s22: ['Nguyên nhân.'],
    s3: ['Khắc phục.'],
    s4: null,
    s5: [],
    s6: ['Phương hướng.'],
    partyRating: 'tot',
    civilRating: 'xuat_sac',
    scoreGeneral: 27,
    scoreTasks: 60,
  };
  const sub = answersToSubmission(a);
  assert.equal(sub.sections!.s11, 'Tư tưởng vững vàng.\nLối sống giản dị.');
  assert.equal(sub.sections!.s4, '');
  assert.equal(sub.sections!.s5, '');
  assert.deepEqual(sub.score, { general: 27, tasks: 60 });
  assert.equal(sub.civilRating, 'xuat_sac');
  const data = opened();
  const v = addVersion(data, 2024, member('11', { civilKind: 'vien_chuc' }), sub as SubmissionInput, OPEN_AT);
  assert.ok(v.ok);
  const back = answersToSubmission(versionToAnswers(v.value));
  assert.deepEqual(back, sub);
  // without a score, none is carried
  assert.equal(answersToSubmission({ ...a, scoreGeneral: null }).score, undefined);
});

test('reminder days: every 3 days from the opening and the day before the deadline', () => {
  assert.deepEqual(reminderDays('2024-11-04', '2024-11-19'), ['2024-11-07', '2024-11-10', '2024-11-13', '2024-11-16', '2024-11-18']);
  assert.deepEqual(reminderDays('2024-11-04', '2024-11-13'), ['2024-11-07', '2024-11-10', '2024-11-12']);
  assert.deepEqual(reminderDays('2024-11-04', '2024-11-06'), ['2024-11-05']);
  assert.deepEqual(reminderDays('2024-11-04', '2024-11-05'), []);
});

test('the default year: this year from July, else last year', () => {
  assert.equal(defaultReviewYear('2024-11-04'), 2024);
  assert.equal(defaultReviewYear('2024-07-01'), 2024);
  assert.equal(defaultReviewYear('2025-01-10'), 2024);
});

test('an old cell file whose review slot is {} is filled with defaults', () => {
  const d = normalizeReview({} as ReviewData);
  assert.deepEqual(d, { settings: { deadlineDays: 15 }, reviews: {} });
});

// ---------------------------------------------------------------- the planner

const cell: Cell = { id: 'c1', name: 'Chi bộ A', parentName: 'Đảng ủy xã A', createdAt: '', createdBy: 900, inviteCode: 'x' };

function plannerData(review: ReviewData, drafts: ReviewDraft[] = []) {
  const members = Object.fromEntries(
    [
      member('1', { role: 'secretary', name: 'Bí thư' }),
      member('2', { role: 'committee', name: 'Chi ủy' }),
      member('11', { name: 'An' }),
      member('12', { name: 'Cúc' }),
      member('14', { name: 'Miễn', state: 'exempt' }),
      member('15', { name: 'Tạm', state: 'temp_exempt' }),
    ].map((m) => [m.id, m]),
  );
  return { cell, members, review, drafts };
}

const kinds = (planned: { key: string; notice: { kind: string } }[], kind: string) => planned.filter((p) => p.notice.kind === kind).map((p) => p.key.split(':').at(-1));

test('planner: invitations to active members only; reminders on reminder days from 08:00 to those not sent', () => {
  const review = opened('2024-11-19');
  addVersion(review, 2024, member('11'), input(), OPEN_AT);
  const drafts: ReviewDraft[] = [{ memberId: '12', year: 2024 }];
  const data = plannerData(review, drafts);

  const atOpen = planReview(data, OPEN_AT);
  assert.deepEqual(kinds(atOpen, 'review.invite').sort(), ['1', '2']); // 11 sent, 12 writing, 14/15 exempted
  assert.deepEqual(kinds(atOpen, 'review.reminder'), []);

  assert.deepEqual(kinds(planReview(data, new Date('2024-11-07T07:59:00+07:00')), 'review.reminder'), []);
  const day3 = planReview(data, new Date('2024-11-07T08:00:00+07:00'));
  assert.deepEqual(kinds(day3, 'review.reminder').sort(), ['1', '12', '2']);
  const toDraft = day3.find((p) => p.key.endsWith(':12') && p.notice.kind === 'review.reminder')!;
  assert.deepEqual(toDraft.notice, { kind: 'review.reminder', cellId: 'c1', year: 2024, deadline: '2024-11-19', daysLeft: 12, draft: true });
  assert.equal(toDraft.key, 'c1:review:2024:remind:2024-11-07:12');
  assert.equal(toDraft.expiresAt, new Date('2024-11-08T00:00:00+07:00').toISOString());
  // not a reminder day
  assert.deepEqual(kinds(planReview(data, new Date('2024-11-08T10:00:00+07:00')), 'review.reminder'), []);
  // the day before the deadline
  assert.deepEqual(kinds(planReview(data, new Date('2024-11-18T09:00:00+07:00')), 'review.reminder').sort(), ['1', '12', '2']);
});

test('planner: a summary to the committee on the deadline from 17:00; nothing after the deadline or the close', () => {
  const review = opened('2024-11-19');
  addVersion(review, 2024, member('11'), input(), OPEN_AT);
  const data = plannerData(review);
  assert.deepEqual(kinds(planReview(data, new Date('2024-11-19T16:59:00+07:00')), 'review.summary'), []);
  const summary = planReview(data, new Date('2024-11-19T17:00:00+07:00')).filter((p) => p.notice.kind === 'review.summary');
  assert.deepEqual(summary.map((p) => p.chatId).sort(), [1, 2]);
  assert.deepEqual(summary[0]!.notice, { kind: 'review.summary', cellId: 'c1', year: 2024, deadline: '2024-11-19', expected: 4, sent: 1, drafts: [], notStarted: ['Bí thư', 'Chi ủy', 'Cúc'] });
  assert.deepEqual(planReview(data, new Date('2024-11-20T09:00:00+07:00')), []);

  const closed = opened('2024-11-19');
  closeYear(closed, 2024, '1', OPEN_AT);
  assert.deepEqual(planReview(plannerData(closed), new Date('2024-11-07T09:00:00+07:00')), []);
  assert.deepEqual(planReview(plannerData(emptyReview()), OPEN_AT), []);
  assert.equal(FORM_SECTIONS.length, 9);
});

test('the filled copy: one outbox item per version of the level, a document reference in it; none without a sent self-evaluation', () => {
  const data = opened();
  const a = member('11', { tgId: 11 });
  const b = member('12', { tgId: 12 });
  addVersion(data, 2024, a, input(), OPEN_AT);
  decide(data, 2024, a, 'tot', '1', OPEN_AT);
  decide(data, 2024, b, 'tot', '1', OPEN_AT);
  const r = data.reviews['2024']!;
  assert.deepEqual(ratingCopy('c1', r, a), {
    key: 'c1:rvcopy:2024:11:1',
    chatId: 11,
    memberId: '11',
    notice: { kind: 'review.copy', year: 2024, rating: 'tot' },
    document: { kind: 'evaluationCopy', memberId: '11', year: 2024, version: 1 },
  });
  assert.equal(ratingCopy('c1', r, b), undefined, 'nothing to fill for a member who has not sent');
  decide(data, 2024, a, 'tot', '2', OPEN_AT);
  assert.equal(ratingCopy('c1', r, a)!.key, 'c1:rvcopy:2024:11:1', 'the same level: the same key, so nothing is sent again');
  decide(data, 2024, a, 'hoan_thanh', '2', OPEN_AT);
  assert.equal(ratingCopy('c1', r, a)!.key, 'c1:rvcopy:2024:11:2');
  assert.equal(ratingCopy('c1', r, a)!.document!.version, 2);
  // a decision stored before versions existed counts as version 1
  r.decisions['11'] = { rating: 'tot', by: '1', at: OPEN_AT.toISOString() };
  assert.equal(ratingVersion(r.decisions['11']), 1);
  assert.equal(decide(data, 2024, a, 'xuat_sac', '1', OPEN_AT).ok && r.decisions['11']!.v, 2);
});
