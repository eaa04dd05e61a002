/**
 * A synthetic year of one cell, built directly as data through the core rules (no bot,
 * no writes): members, the meeting rule with held meetings, RSVPs, attendance and
 * minutes, themed meetings, dues amounts and payments with a few late payers, journal
 * notes and a review with sent self-evaluations and the cell's ratings. Deterministic for
 * a seed. Used by the report's end-to-end test and the bench.
 */
import { isCivilServant, type Member, type Cell, type Gender, type TheoryLevel } from '../../src/core/members.ts';
import { newCellFile, type CellFile } from '../../src/store/schema.ts';
import { applyRule, regularId, type MeetingRecord, type Mark } from '../../src/core/meetings/index.ts';
import { duesView, setAmount, type Payment } from '../../src/core/dues/index.ts';
import { addVersion, decide, normalizeReview, openYear, type Rating, type SectionId } from '../../src/core/review/index.ts';
import { emptyJournal, type JournalEntry } from '../../src/core/journal.ts';
import { addDays, instantAt, monthRange, type LocalDate } from '../../src/core/time.ts';

export interface SeedOptions {
  cellId: string;
  cellName?: string;
  year: number;
  /** The day the data runs to (meetings and dues up to its month). */
  asOf: LocalDate;
  members: number;
  /** First Telegram id; members get consecutive ids. */
  firstId: number;
  seed?: number;
  /** Whether the review is open with sent self-evaluations and ratings. */
  review?: boolean;
}

/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Hồng', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tuấn', 'Việt'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hoa', 'Lan', 'Mai', 'Ngân', 'Oanh', 'Phương', 'Thảo', 'Yến'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Phrases members write in their self-evaluations: shared ones (to be merged) and personal ones. */
const PHRASES: Record<'s11' | 's12' | 's21' | 's22' | 's6', { common: string[]; own: string[] }> = {
  s11: {
    common: [
      'Luôn chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước',
      'Giữ gìn phẩm chất đạo đức, lối sống lành mạnh, giản dị',
      'Có ý thức tổ chức kỷ luật tốt, chấp hành sự phân công của tổ chức',
    ],
    own: ['Tích cực tham gia học tập, quán triệt các nghị quyết của Đảng', 'Giữ mối liên hệ tốt với chi ủy nơi cư trú', 'Tác phong làm việc nghiêm túc, đúng giờ'],
  },
  s12: {
    common: ['Hoàn thành tốt nhiệm vụ giảng dạy được giao, đảm bảo chương trình', 'Tích cực đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin'],
    own: ['Có học sinh đạt giải trong kỳ thi học sinh giỏi cấp huyện', 'Hoàn thành công tác chủ nhiệm lớp, lớp đạt danh hiệu tiên tiến', 'Tham gia bồi dưỡng học sinh giỏi và phụ đạo học sinh yếu'],
  },
  s21: {
    common: ['Tinh thần tự phê bình và phê bình còn chưa cao, đôi lúc còn nể nang', 'Việc tự học, tự bồi dưỡng chuyên môn chưa thường xuyên'],
    own: ['Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế', 'Có lúc chưa hoàn thành hồ sơ đúng hạn'],
  },
  s22: {
    common: ['Khối lượng công việc chuyên môn nhiều nên thời gian tự học còn ít', 'Bản thân chưa thật sự chủ động trong công việc'],
    own: ['Điều kiện gia đình còn khó khăn', 'Cơ sở vật chất, thiết bị dạy học còn thiếu'],
  },
  s6: {
    common: ['Tăng cường tự học, tự bồi dưỡng để nâng cao trình độ chuyên môn', 'Mạnh dạn tự phê bình và phê bình trong sinh hoạt chi bộ'],
    own: ['Sắp xếp thời gian hợp lý giữa công việc và gia đình', 'Tích cực ứng dụng công nghệ thông tin vào giảng dạy'],
  },
};

function sectionText(r: () => number, id: keyof typeof PHRASES): string {
  const p = PHRASES[id];
  const lines = [...p.common.filter(() => r() < 0.6), ...p.own.filter(() => r() < 0.35)];
  if (!lines.length) lines.push(pick(r, p.common));
  return lines.map((l) => `- ${l}.`).join('\n');
}

function makeMembers(o: SeedOptions, r: () => number): Member[] {
  const since = `${o.year - 1}-12-20`;
  return Array.from({ length: o.members }, (_, i) => {
    const gender: Gender = r() < 0.55 ? 'nu' : 'nam';
    const name = `${pick(r, FAMILY)} ${pick(r, gender === 'nam' ? MIDDLE_M : MIDDLE_F)} ${pick(r, gender === 'nam' ? GIVEN_M : GIVEN_F)}`;
    const probationary = i >= 3 && r() < 0.1;
    const theory: TheoryLevel = pick(r, ['so_cap', 'so_cap', 'trung_cap', 'chua_dao_tao', 'cao_cap'] as const);
    const m: Member = {
      id: String(o.firstId + i),
      tgId: o.firstId + i,
      name,
      gender,
      birthYear: 1965 + Math.floor(r() * 35),
      partyStatus: probationary ? 'du_bi' : 'chinh_thuc',
      theory,
      role: i === 0 ? 'secretary' : i === 1 ? 'deputy' : i === 2 ? 'committee' : 'member',
      collector: i === 1,
      state: 'active',
      history: [{ on: since, state: 'active' }],
      approvedOn: since,
      reachable: true,
      civilKind: r() < 0.8 ? 'vien_chuc' : 'none',
      workplace: 'Trường THCS Phong Hải',
    };
    if (probationary) m.admittedOn = addDays(`${o.year - 1}-03-01`, Math.floor(r() * 200));
    return m;
  });
}

export function seedCell(o: SeedOptions): CellFile {
  const r = random(o.seed ?? o.firstId);
  const at = (d: LocalDate, time = '09:00') => instantAt(d, time).toISOString();
  const cell: Cell = {
    id: o.cellId,
    name: o.cellName ?? `Chi bộ Trường THCS số ${o.cellId}`,
    parentName: 'Đảng ủy xã Phong Hải',
    placeName: 'Phong Hải',
    createdAt: at(`${o.year - 1}-12-15`),
    createdBy: o.firstId,
    inviteCode: `inv${o.cellId}`,
  };
  const file = newCellFile(cell);
  const members = makeMembers(o, r);
  for (const m of members) file.members[m.id] = m;
  const secretary = members[0]!.id;
  const months = monthRange(`${o.year}-01`, o.asOf.slice(0, 7));

  // Meetings: the 5th of each month at 14:00, a themed topic each quarter, attendance and minutes.
  applyRule(file.meetings, { from: `${o.year}-01`, rule: { on: { kind: 'day', day: 5 }, time: '14:00', place: 'Phòng họp nhà trường' }, setAt: at(`${o.year - 1}-12-20`), by: secretary });
  for (const month of months) {
    const date = `${month}-05`;
    if (date > o.asOf) break;
    const marks: Record<string, Mark> = {};
    const rsvp: MeetingRecord['rsvp'] = {};
    for (const m of members) {
      const x = r();
      const status = x < 0.9 ? 'present' : x < 0.97 ? 'excused' : 'unexcused';
      marks[m.id] = status === 'present' ? { status } : status === 'excused' ? { status, reason: 'Đi công tác' } : { status };
      if (r() < 0.8) rsvp[m.id] = status === 'present' ? { answer: 'yes', at: at(addDays(date, -2)) } : { answer: 'no', reason: 'Đi công tác', at: at(addDays(date, -2)) };
    }
    const themed = ['03', '06', '09', '11'].includes(month.slice(5));
    file.meetings.records[regularId(month)] = {
      id: regularId(month),
      kind: 'regular',
      rev: 0,
      ...(themed ? { topic: pick(r, ['Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'Nâng cao chất lượng sinh hoạt chi bộ', 'Đổi mới phương pháp dạy học']) } : {}),
      rsvp,
      attendance: { takenAt: at(date, '14:10'), by: secretary, marks, closedAt: at(date, '16:00') },
      minutes: {
        content: `Đánh giá kết quả công tác tháng ${Number(month.slice(5))}; triển khai nhiệm vụ tháng tới; thu đảng phí.`,
        resolution: `Thực hiện tốt nhiệm vụ dạy học và công tác xây dựng Đảng tháng ${Number(month.slice(5)) === 12 ? 1 : Number(month.slice(5)) + 1}.`,
        by: secretary,
        at: at(date, '16:05'),
      },
    };
  }

  // Dues: 1% of a salary; most pay each month at the meeting, a few are late.
  const dues = duesView(file.dues);
  const now = new Date(at(`${o.year}-01-02`));
  let seq = 0;
  for (const m of members) {
    setAmount(dues, m.id, 30_000 + Math.floor(r() * 50) * 1_000, `${o.year}-01`, 'salary', { by: members[1]!.id, now });
    const late = r() < 0.12;
    for (const month of months) {
      if (`${month}-05` > o.asOf) break;
      if (late && r() < 0.4) continue;
      const amount = dues.members[m.id]!.amounts.at(-1)!.amount;
      const payment: Payment = {
        id: `p${o.cellId}-${++seq}`,
        kind: 'payment',
        memberId: m.id,
        month,
        amount,
        method: r() < 0.8 ? 'cash' : 'portal',
        offTurn: false,
        by: members[1]!.id,
        at: at(`${month}-05`, '14:05'),
      };
      dues.entries.push(payment);
    }
  }
  file.dues = dues;

  // Journal: a few notes per section, an inspection and a supervision.
  const journal = emptyJournal();
  const note = (section: JournalEntry['section'], on: LocalDate, text: string, inspection?: JournalEntry['inspection']): void => {
    journal.entries.push({ id: `j${o.cellId}-${journal.entries.length + 1}`, on, section, text, by: secretary, at: at(on), ...(inspection ? { inspection } : {}) });
  };
  note('thuan_loi', `${o.year}-01-10`, 'Chi bộ luôn nhận được sự quan tâm lãnh đạo, chỉ đạo trực tiếp của Đảng ủy xã. Tập thể đảng viên đoàn kết, thống nhất.');
  note('kho_khan', `${o.year}-02-10`, 'Cơ sở vật chất chưa được đầu tư đồng bộ, thiết bị dạy học một số bộ môn hư hỏng.');
  note('tu_tuong', `${o.year}-04-12`, 'Tổ chức cho đảng viên học tập, quán triệt các nghị quyết mới của Đảng các cấp.');
  note('chuyen_mon', `${o.year}-05-20`, 'Nhà trường có 12 học sinh đạt giải học sinh giỏi cấp huyện.');
  note('doan_the', `${o.year}-03-26`, 'Chỉ đạo Đoàn thanh niên tổ chức tốt các hoạt động chào mừng ngày thành lập Đoàn 26/3.');
  note('kiem_tra', `${o.year}-05-15`, 'Giám sát về vai trò và trách nhiệm của đảng viên trong việc thực hiện chức trách, nhiệm vụ', { kind: 'giam_sat', members: 1 });
  note('kiem_tra', `${o.year}-10-08`, 'Kiểm tra việc chấp hành Điều lệ Đảng', { kind: 'kiem_tra', members: 1 });
  note('phuong_huong', `${o.year}-11-01`, 'Tiếp tục nâng cao chất lượng sinh hoạt chi bộ, làm tốt công tác phát triển đảng viên.');
  journal.inputs[String(o.year)] = {
    basis: `Căn cứ Công văn số 87-CV/ĐU ngày 08/11/${o.year} của Đảng ủy xã Phong Hải về việc kiểm điểm, đánh giá, xếp loại chất lượng năm ${o.year}.`,
    targets: 'Công đoàn vững mạnh\nChi đoàn vững mạnh',
    cellLevel: 'tot',
    number: '05',
  };
  file.journal = journal;

  // The review: opened in November, everyone sent, the cell's ratings recorded.
  if (o.review !== false) {
    const review = normalizeReview(file.review);
    const opened = new Date(at(`${o.year}-11-10`));
    openYear(review, o.year, secretary, opened, `${o.year}-11-25`);
    members.forEach((m, i) => {
      const sections: Record<SectionId, string> = {
        s11: sectionText(r, 's11'),
        s12: sectionText(r, 's12'),
        s13: 'Thực hiện tốt các nội dung cam kết tu dưỡng, rèn luyện đầu năm.',
        s21: sectionText(r, 's21'),
        s22: sectionText(r, 's22'),
        s3: 'Đã khắc phục các hạn chế được chỉ ra ở kỳ kiểm điểm trước.',
        s4: '',
        s5: '',
        s6: sectionText(r, 's6'),
      };
      const rating: Rating = i < 2 ? 'xuat_sac' : i === members.length - 1 ? 'hoan_thanh' : 'tot';
      addVersion(review, o.year, m, { sections, partyRating: rating, ...(isCivilServant(m) ? { civilRating: rating } : {}) }, new Date(opened.getTime() + (i + 1) * 3_600_000));
      decide(review, o.year, m, rating, secretary, new Date(at(`${o.year}-11-28`)));
    });
    file.review = review;
  }
  return file;
}
