import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Member } from '../../src/core/members.ts';
import { buildReport, changesIn, type GroupedTexts, type ReportSources } from '../../src/core/report.ts';
import { inspectionFigures } from '../../src/core/journal.ts';
import { groupPoints } from '../../src/core/textgroup.ts';
import { aMember } from '../support/fixtures.ts';

function m(id: number, over: Partial<Member> = {}): Member {
  return aMember(id, { gender: id % 2 ? 'nam' : 'nu', role: id === 1 ? 'secretary' : 'member', ...over }, '2023-05-01');
}

const base = (members: Member[], over: Partial<ReportSources> = {}): ReportSources => ({
  year: 2024,
  asOf: '2024-12-31',
  cell: { id: 'c', name: 'Chi bộ X', parentName: 'Đảng ủy xã Y', createdAt: '', createdBy: 1, inviteCode: 'i' },
  members,
  minutes: [],
  journal: [],
  inputs: {},
  inspections: inspectionFigures({ entries: [] }, 2024),
  ...over,
});

test('members at the report date, and the year’s changes: transferred out mid-year, made full, admitted, exempted', () => {
  const members = [
    m(1),
    m(2, {
      state: 'transferred',
      history: [
        { on: '2023-05-01', state: 'active' },
        { on: '2024-06-30', state: 'transferred' },
      ],
    }),
    m(3, { partyStatus: 'chinh_thuc', admittedOn: '2023-09-02', fullOn: '2024-09-02' }),
    m(4, { partyStatus: 'du_bi', admittedOn: '2024-03-10', history: [{ on: '2024-03-12', state: 'active' }] }),
    m(5, {
      state: 'exempt',
      history: [
        { on: '2023-05-01', state: 'active' },
        { on: '2024-02-01', state: 'exempt' },
      ],
    }),
    m(6, {
      state: 'deceased',
      history: [
        { on: '2020-01-01', state: 'active' },
        { on: '2023-12-01', state: 'deceased' },
      ],
    }),
    m(7, { theory: 'trung_cap', history: [{ on: '2025-01-05', state: 'active' }] }),
  ];
  const r = buildReport(base(members));
  assert.equal(r.roster.total, 4, '1, 3, 4, 5: not the one who left, not the one who died last year, not one who came after');
  assert.equal(r.roster.full, 3);
  assert.equal(r.roster.probationary, 1);
  assert.equal(r.roster.exempt, 1);
  assert.deepEqual(r.changes, { admitted: 1, madeFull: 1, transferred: 1, removed: 0, deceased: 0 });
  // in June the one who left was still there, and member 3 was still dự bị
  const june = buildReport(base(members, { asOf: '2024-06-15' }));
  assert.equal(june.roster.total, 5);
  assert.equal(june.roster.probationary, 2);
  assert.deepEqual(changesIn(members, 2024, '2024-06-15'), { admitted: 1, madeFull: 0, transferred: 0, removed: 0, deceased: 0 });
});

test('the signer is the secretary; without one, a deputy signs for the secretary', () => {
  assert.deepEqual(buildReport(base([m(1), m(2, { role: 'deputy' })])).signer, { name: 'Đảng viên 1', deputy: false });
  assert.deepEqual(buildReport(base([m(1, { role: 'member' }), m(2, { role: 'deputy' })])).signer, { name: 'Đảng viên 2', deputy: true });
  assert.equal(buildReport(base([m(1, { role: 'member' })])).signer, undefined);
});

test('prose: the committee’s notes as written, self-evaluations grouped into the right parts, inspections counted apart', () => {
  const by = (xs: string[]) => groupPoints(xs.map((text, i) => ({ author: String(i + 1), text })));
  const grouped: GroupedTexts = {
    conduct: by(['Luôn chấp hành tốt chủ trương của Đảng.', 'Luôn chấp hành tốt các chủ trương của Đảng; sống giản dị.']),
    duties: by([]),
    shortcomings: by(['Tinh thần tự phê bình chưa cao.', 'Tinh thần tự phê bình còn chưa cao.', 'Chưa thường xuyên tự học, tự bồi dưỡng.']),
    causes: by(['Khối lượng công việc nhiều.']),
    remedies: by([]),
  };
  const r = buildReport(
    base([m(1), m(2), m(3)], {
      grouped,
      journal: [
        { id: 'a', on: '2024-02-01', section: 'thuan_loi', text: 'Tập thể đoàn kết.', by: '1', at: '' },
        { id: 'b', on: '2024-05-15', section: 'kiem_tra', text: 'Giám sát 1 đảng viên', by: '1', at: '', inspection: { kind: 'giam_sat', members: 1 } },
        { id: 'c', on: '2024-06-15', section: 'kiem_tra', text: 'Chi bộ ban hành quy chế kiểm tra.', by: '1', at: '' },
      ],
      inputs: { targets: 'Công đoàn vững mạnh\n\n Chi đoàn vững mạnh ' },
    }),
  );
  assert.deepEqual(r.prose.thuanLoi.notes, ['Tập thể đoàn kết.']);
  assert.deepEqual(r.prose.kiemTra.notes, ['Chi bộ ban hành quy chế kiểm tra.'], 'the inspection is worded from its figures, not repeated');
  assert.equal(r.prose.tuTuong.points[0]!.members, 2);
  assert.equal(r.prose.tuTuong.of, 3, 'the quantifiers count against every member whose self-evaluation was read');
  assert.deepEqual(
    r.prose.khuyetDiem.points.map((p) => p.members),
    [2, 1],
  );
  assert.equal(r.prose.khuyetDiem.of, 3);
  assert.deepEqual(r.prose.chuyenMon, { notes: [], points: [], shown: [], of: 3, leftOut: 0 }, 'nothing: the document will hold a placeholder');
  assert.ok(
    r.gaps.some((g) => g.kind === 'section' && g.key === 'chuyenMon'),
    'and lists it among what is missing',
  );
  assert.deepEqual(r.targets, ['Công đoàn vững mạnh', 'Chi đoàn vững mạnh']);
});

test('flags: unreachable members and dự bị members due for review', () => {
  const r = buildReport(base([m(1), m(2, { partyStatus: 'du_bi', admittedOn: '2023-11-20' }), m(3, { reachable: false })]));
  assert.deepEqual(r.flags.probationDue, [{ name: 'Đảng viên 2', due: '2024-11-20' }]);
  assert.deepEqual(r.flags.unreachable, ['Đảng viên 3']);
  assert.deepEqual(r.flags.arrears, []);
});
