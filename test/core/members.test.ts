import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, civilKindOf, givenName, isCivilServant, partyStatusOn, probationEnds, rosterFigures, sortRoster, stateOn, unitNameOf, validUnitName, type Member } from '../../src/core/members.ts';
import { aMember } from '../support/fixtures.ts';

let next = 1;
function member(over: Partial<Member> = {}): Member {
  const id = next++;
  return aMember(id, { name: `Nguyễn Văn ${id}`, ...over }, '2024-01-10');
}

test('who may do what', () => {
  const sec = member({ role: 'secretary' });
  const deputy = member({ role: 'deputy' });
  const plain = member();
  const collector = member({ collector: true });
  const pending = member({ state: 'pending', role: 'secretary' });
  const gone = member({ state: 'transferred', role: 'committee' });
  assert.equal(can(sec, 'cell.manage'), true);
  assert.equal(can(deputy, 'cell.manage'), false);
  assert.equal(can(deputy, 'cell.read'), true);
  assert.equal(can(plain, 'cell.read'), false);
  assert.equal(can(plain, 'member'), true);
  assert.equal(can(plain, 'dues.collect'), false);
  assert.equal(can(collector, 'dues.collect'), true);
  assert.equal(can(deputy, 'dues.collect'), true);
  assert.equal(can(pending, 'member'), false, 'an applicant waiting for approval sees nothing of the cell');
  assert.equal(can(gone, 'cell.read'), false, 'a member who left keeps no rights');
  assert.equal(can(undefined, 'member'), false);
  assert.equal(can(member({ state: 'exempt' }), 'member'), true, 'exempted from activity is still a member');
});

test('roster figures count current members only, by status, gender and theory level', () => {
  const ms = [
    member({ gender: 'nu', theory: 'trung_cap' }),
    member({ gender: 'nu', theory: 'trung_cap' }),
    member({ gender: 'nam', partyStatus: 'du_bi', admittedOn: '2024-06-01' }),
    member({ gender: 'nu', state: 'temp_exempt', theory: 'cao_cap', reachable: false }),
    member({ state: 'transferred' }),
    member({ state: 'pending' }),
    member({ state: 'refused' }),
  ];
  const f = rosterFigures(ms);
  assert.equal(f.total, 4);
  assert.equal(f.full, 3);
  assert.equal(f.probationary, 1);
  assert.equal(f.male, 1);
  assert.equal(f.female, 3);
  assert.deepEqual(f.theory, { so_cap: 1, trung_cap: 2, cao_cap: 1, cu_nhan: 0, chua_dao_tao: 0 });
  assert.equal(f.exempt, 1);
  assert.equal(f.unreachable, 1);
});

test('state and party status on a given day follow the dated history', () => {
  const m = member({
    history: [
      { on: '2024-01-10', state: 'active' },
      { on: '2024-07-01', state: 'transferred' },
    ],
    state: 'transferred',
  });
  assert.equal(stateOn(m, '2024-01-09'), undefined);
  assert.equal(stateOn(m, '2024-06-30'), 'active');
  assert.equal(stateOn(m, '2024-07-01'), 'transferred');
  assert.equal(rosterFigures([m], '2024-06-30').total, 1);
  assert.equal(rosterFigures([m], '2024-12-31').total, 0);
  const madeFull = member({ partyStatus: 'chinh_thuc', fullOn: '2024-09-02' });
  assert.equal(partyStatusOn(madeFull, '2024-09-01'), 'du_bi');
  assert.equal(partyStatusOn(madeFull, '2024-09-02'), 'chinh_thuc');
});

test('a dự bị member is due for review 12 months after admission', () => {
  assert.equal(probationEnds(member({ partyStatus: 'du_bi', admittedOn: '2024-06-12' })), '2025-06-12');
  assert.equal(probationEnds(member({ partyStatus: 'du_bi', admittedOn: '2024-02-29' })), '2025-03-01');
  assert.equal(probationEnds(member({ partyStatus: 'chinh_thuc', admittedOn: '2020-01-01' })), undefined);
  assert.equal(probationEnds(member({ partyStatus: 'du_bi' })), undefined);
});

test('roster order: secretary, deputy, committee, then members by given name', () => {
  const ms = [
    member({ name: 'Trần Văn Bình' }),
    member({ name: 'Lê Thị An' }),
    member({ name: 'Phạm Đức Đông', role: 'committee' }),
    member({ name: 'Ngô Văn Yên', role: 'secretary' }),
    member({ name: 'Vũ Thị Ánh', role: 'deputy' }),
  ];
  assert.deepEqual(
    sortRoster(ms).map((m) => m.name),
    ['Ngô Văn Yên', 'Vũ Thị Ánh', 'Phạm Đức Đông', 'Lê Thị An', 'Trần Văn Bình'],
  );
  assert.equal(givenName('  Nguyễn Thị Minh Khai '), 'Khai');
});

test('cán bộ, công chức, viên chức: the kind, and files from before it (a boolean) read tolerantly', () => {
  assert.equal(isCivilServant(member({ civilKind: 'vien_chuc' })), true);
  assert.equal(isCivilServant(member({ civilKind: 'can_bo' })), true);
  assert.equal(isCivilServant(member({ civilKind: 'cong_chuc' })), true);
  assert.equal(isCivilServant(member({ civilKind: 'none' })), false);
  assert.equal(isCivilServant(member()), false, 'not recorded: not rated as a civil servant');
  const legacy = (flag: boolean) => ({ ...member(), civilServant: flag }) as Member;
  assert.equal(civilKindOf(legacy(true)), 'vien_chuc');
  assert.equal(civilKindOf(legacy(false)), 'none');
  assert.equal(isCivilServant(legacy(true)), true);
  assert.equal(civilKindOf({ ...legacy(true), civilKind: 'can_bo' }), 'can_bo', 'the kind wins over the old flag');
});

test('the cell\'s unit: set, or the cell\'s name without "Chi bộ"', () => {
  assert.equal(unitNameOf({ name: 'Chi bộ Trường THCS Phong Hải' }), 'Trường THCS Phong Hải');
  assert.equal(unitNameOf({ name: 'CHI BỘ Trường Tiểu học Phong Hải' }), 'Trường Tiểu học Phong Hải');
  assert.equal(unitNameOf({ name: 'Chi bộ  Khu phố 3' }), 'Khu phố 3');
  assert.equal(unitNameOf({ name: 'Trường THPT Hóa Châu' }), 'Trường THPT Hóa Châu', 'no "Chi bộ": the name itself');
  assert.equal(unitNameOf({ name: 'Chi bộ Trường THCS Phong Hải', unitName: 'Trường Trung học cơ sở Phong Hải' }), 'Trường Trung học cơ sở Phong Hải');
  assert.equal(unitNameOf({ name: 'Chi bộ Trường THCS Phong Hải', unitName: '  ' }), 'Trường THCS Phong Hải');
});

test('a typed unit name: letters, digits and the punctuation of names; 2 to 120 characters', () => {
  const ok = (s: string, v = s) => assert.deepEqual(validUnitName(s), { ok: true, value: v }, s);
  const no = (s: string, code: string) => assert.equal((validUnitName(s) as { error: { code: string } }).error.code, code, s);
  ok('Trường THCS Phong Hải');
  ok('  UBND   xã Phong Hải ', 'UBND xã Phong Hải');
  ok('Trường THCS số 2, phường 3 (cơ sở A)');
  ok('Trạm Y tế xã Phong Hải - Quảng Điền');
  no('', 'text.empty');
  no('x', 'unit.short');
  no('123', 'unit.chars');
  no('🏫 Trường', 'unit.chars');
  no('Trường\u200bTHCS', 'unit.chars');
  no('<b>Trường</b>', 'unit.chars');
  no(`Trường ${'a'.repeat(120)}`, 'text.long');
});
