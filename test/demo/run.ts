/**
 * `npm run demo`: a year of a 12-member cell, offline. The real bot runs against the local
 * fake Telegram Bot API (the one the tests use) on a moving clock; simulated people join,
 * answer meeting reminders, pay dues (a few late), the committee takes attendance and
 * minutes and keeps the journal, everyone writes a self-evaluation, the cell rates them —
 * then the secretary types /report. The summary is printed and the draft report (.docx)
 * is written to data/demo/. `runDemo` builds the same year into a data folder of the caller's
 * (the migration's test copies it to PostgreSQL).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHarness, createCellWithSecretary, joinAndApprove, type Harness, type JoinAnswers } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { random } from '../support/seed.ts';

const PEOPLE: (JoinAnswers & { first: string })[] = [
  { first: 'Hùng', name: 'Nguyễn Văn Hùng', gender: 'Nam', birthYear: '1975', status: 'Chính thức', theory: 'Trung cấp', dues: '65.000' },
  { first: 'Mai', name: 'Trần Thị Mai', gender: 'Nữ', birthYear: '1982', status: 'Chính thức', theory: 'Sơ cấp', dues: '52k' },
  { first: 'Tuấn', name: 'Phạm Văn Tuấn', gender: 'Nam', birthYear: '1979', status: 'Chính thức', theory: 'Sơ cấp', dues: '58.000đ' },
  { first: 'Lan', name: 'Hoàng Thị Lan', gender: 'Nữ', status: 'Chính thức', theory: 'Sơ cấp', dues: '49 nghìn' },
  { first: 'Nam', name: 'Võ Văn Nam', gender: 'Nam', birthYear: '1988', status: 'Chính thức', theory: 'Chưa qua đào tạo', dues: '47000' },
  { first: 'Thu', name: 'Đặng Thị Thu', gender: 'Nữ', birthYear: '1990', status: 'Chính thức', theory: 'Sơ cấp', dues: '45,000' },
  { first: 'Sơn', name: 'Bùi Văn Sơn', gender: 'Nam', birthYear: '1985', status: 'Chính thức', theory: 'Trung cấp', dues: '61.000' },
  { first: 'Hoa', name: 'Ngô Thị Hoa', gender: 'Nữ', birthYear: '1993', status: 'Dự bị', admittedOn: '19/05/2023', theory: 'Chưa qua đào tạo', dues: '42.000' },
  { first: 'Yến', name: 'Lý Thị Yến', gender: 'Nữ', birthYear: '1987', status: 'Chính thức', theory: 'Sơ cấp', dues: '50.000' },
  { first: 'Khánh', name: 'Đỗ Văn Khánh', gender: 'Nam', birthYear: '1991', status: 'Chính thức', theory: 'Sơ cấp', dues: '46.000' },
  { first: 'Ngân', name: 'Hồ Thị Ngân', gender: 'Nữ', birthYear: '1995', status: 'Dự bị', admittedOn: '02/09/2023', theory: 'Chưa qua đào tạo', dues: '40.000' },
];

/**
 * What members write in their self-evaluations, as people do: each shared point in several
 * wordings (paraphrases the report must merge), first person here and there, details of
 * their own (a class, a number of pupils) and, once, a colleague named — which must not
 * reach the collective report.
 */
const WRITES: Record<'s11' | 's12' | 's21' | 's22' | 's6', string[][]> = {
  s11: [
    [
      'Luôn chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.',
      'Chấp hành nghiêm túc chủ trương, đường lối của Đảng và chính sách, pháp luật của Nhà nước.',
      'Bản thân luôn chấp hành tốt chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước.',
    ],
    ['Giữ gìn phẩm chất đạo đức, lối sống lành mạnh, giản dị.', 'Có lối sống lành mạnh, giản dị, giữ gìn phẩm chất đạo đức của người đảng viên.'],
    ['Có ý thức tổ chức kỷ luật, chấp hành sự phân công của chi bộ.', 'Chấp hành tốt sự phân công của tổ chức, có ý thức tổ chức kỷ luật.'],
  ],
  s12: [
    ['Hoàn thành tốt nhiệm vụ giảng dạy được giao, đảm bảo chương trình.', 'Hoàn thành tốt nhiệm vụ giảng dạy, thực hiện đúng, đủ chương trình.'],
    ['Tích cực đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin.', 'Tích cực ứng dụng công nghệ thông tin, đổi mới phương pháp dạy học.'],
  ],
  s21: [
    ['Tinh thần tự phê bình và phê bình còn chưa cao, đôi lúc còn nể nang.', 'Tự phê bình và phê bình chưa cao, đôi lúc còn nể nang, ngại va chạm.'],
    ['Việc tự học, tự bồi dưỡng chuyên môn chưa thường xuyên.', 'Chưa thường xuyên tự học, tự bồi dưỡng chuyên môn.'],
    ['Ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế.', 'Kỹ năng ứng dụng công nghệ thông tin trong giảng dạy còn hạn chế.'],
  ],
  s22: [
    ['Khối lượng công việc chuyên môn nhiều nên thời gian tự học còn ít.', 'Công việc chuyên môn nhiều nên thời gian tự học còn ít.'],
    ['Bản thân chưa thật sự chủ động trong công việc.', 'Tôi chưa thật sự chủ động trong công việc được giao.'],
  ],
  s6: [
    ['Tăng cường tự học, tự bồi dưỡng để nâng cao trình độ chuyên môn.', 'Tích cực tự học, tự bồi dưỡng để nâng cao trình độ chuyên môn, nghiệp vụ.'],
    ['Mạnh dạn tự phê bình và phê bình trong sinh hoạt chi bộ.', 'Thẳng thắn, mạnh dạn tự phê bình và phê bình trong sinh hoạt chi bộ.'],
    ['Sắp xếp thời gian hợp lý giữa công việc và gia đình.'],
  ],
};
/** A member's own line for a section, or none: their class and pupils, a colleague named once. */
const OWN: Partial<Record<keyof typeof WRITES, (i: number) => string | undefined>> = {
  s12: (i) => (i % 3 === 0 ? `Chủ nhiệm lớp ${6 + (i % 4)}A${1 + (i % 3)}, lớp đạt danh hiệu tập thể lớp tiên tiến; ${1 + (i % 5)} học sinh đạt giải học sinh giỏi cấp huyện.` : undefined),
  s21: (i) => (i === 4 ? 'Cô Lan trong tổ Toán còn phải nhắc nhở về hồ sơ chuyên môn.' : undefined),
};

const pad = (n: number) => String(n).padStart(2, '0');

export interface DemoOptions {
  /** The bot's data folder: the demo's year stays in it. */
  dataDir: string;
  /** Where the report's documents are written. */
  out: string;
  /** The demo's narration, line by line (none when absent). */
  say?: (line: string) => void;
}

/** Runs the demo's year on the real bot; resolves with the log's error lines (none when all went well). */
export async function runDemo(opts: DemoOptions): Promise<{ errors: string[] }> {
  const started = Date.now();
  const say = opts.say ?? (() => undefined);
  const out = opts.out;
  const r = random(2024);
  const h = await startHarness({ now: '2024-01-02T08:00:00+07:00', dataDir: opts.dataDir });
  try {
    say('chibo-bot demo — một năm của chi bộ 12 đảng viên, chạy offline với máy chủ Bot API giả.');
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    await createCellWithSecretary(h, sec, { name: 'Chi bộ Trường THCS Phong Hải', parent: 'Đảng ủy xã Phong Hải' });
    const members: FakeUser[] = [];
    for (const [i, p] of PEOPLE.entries()) {
      const u = h.api.user({ id: 201 + i, first_name: p.first });
      // Teachers of a public school: viên chức, working at the cell's unit (the default).
      await joinAndApprove(h, sec, u, { civil: 'Viên chức', ...p });
      members.push(u);
    }
    const everyone = [sec, ...members];
    const group = h.api.group({ id: -100200300, title: 'Chi bộ THCS Phong Hải' });
    await sec.sendIn(group, '/linkgroup');
    // Nguyễn Văn Hùng collects the dues.
    await sec.send('/member');
    await sec.press('Nguyễn Văn Hùng');
    await sec.press('Thu đảng phí');
    await sec.press('Giao thu đảng phí');
    const collector = members[0]!;
    // The secretary gave no amount when joining: the collector sets 1% of her salary.
    await collector.send('/dues');
    await collector.press('👥 Đảng viên');
    await collector.press('Trần Thị Bình');
    await collector.press('✏️ Mức đóng');
    await collector.press('Tính theo lương');
    await collector.send('7.200.000');
    await collector.press(/^Tháng này/);
    // The regular meeting: the 5th of each month at 14:00.
    await sec.send('/settings');
    await sec.press('Lịch sinh hoạt và nhắc nhở');
    await sec.press(/Đặt lịch định kỳ/);
    await sec.press('Một ngày cố định trong tháng');
    await sec.send('5');
    await sec.send('14:00');
    await sec.send('Phòng họp nhà trường');
    await sec.press('Gửi');
    await h.settle();
    say(`• 01/2024: chi bộ được tạo, ${everyone.length} đảng viên tham gia qua liên kết mời, lịch họp ngày 5 hằng tháng.`);

    const late = new Set([members[4]!.id, members[9]!.id]);
    const notes: Record<number, [string, string]> = {
      1: ['Thuận lợi', 'Chi bộ luôn nhận được sự quan tâm lãnh đạo, chỉ đạo trực tiếp của Đảng ủy xã Phong Hải; tập thể đảng viên đoàn kết, thống nhất.'],
      2: ['Khó khăn', 'Cơ sở vật chất chưa được đầu tư đồng bộ, thiết bị dạy học một số bộ môn hư hỏng.'],
      3: ['Đoàn thể', 'Chỉ đạo Đoàn thanh niên tổ chức tốt các hoạt động chào mừng ngày thành lập Đoàn 26/3.'],
      4: ['Tư tưởng chính trị', 'Tổ chức cho đảng viên học tập, quán triệt các nghị quyết mới của Đảng các cấp.'],
      6: ['Chuyên môn', 'Nhà trường có 12 học sinh đạt giải học sinh giỏi cấp huyện, 3 học sinh đạt giải cấp tỉnh.'],
      9: ['Xây dựng Đảng', 'Chi bộ giới thiệu 02 quần chúng ưu tú đi học lớp bồi dưỡng nhận thức về Đảng.'],
      11: ['Phương hướng chung', 'Tiếp tục nâng cao chất lượng sinh hoạt chi bộ, làm tốt công tác phát triển đảng viên.'],
    };

    /** One month: reminders and RSVPs, the meeting with attendance and minutes, dues, a journal note. */
    const runMonth = async (month: number): Promise<void> => {
      const mm = pad(month);
      // 3 days before: reminders in the group and to each member; RSVPs (a few absent, with a reason)
      await h.tickAt(`2024-${mm}-02T15:00:00+07:00`);
      const absent = new Set(members.filter(() => r() < 0.12).map((u) => u.id));
      for (const u of everyone) {
        if (r() < 0.1) continue; // some never answer
        const reminder = u.messages().findLast((m) => m.text.includes(`05/${mm}/2024`) && m.keyboard?.flat().some((b) => b.text === '✅ Tham dự'));
        if (!reminder) continue;
        if (absent.has(u.id)) {
          await u.press('❌ Vắng', reminder);
          await u.press(r() < 0.5 ? 'Đi công tác' : 'Việc gia đình');
        } else {
          await u.press('✅ Tham dự', reminder);
        }
      }
      if (month % 3 === 0) await themed(sec, month);
      await h.tickAt(`2024-${mm}-04T08:00:00+07:00`);
      await h.tickAt(`2024-${mm}-05T12:00:00+07:00`);
      // the meeting starts: the secretary is asked to take attendance, prefilled from the answers
      await h.tickAt(`2024-${mm}-05T14:00:00+07:00`);
      h.clock.set(`2024-${mm}-05T16:00:00+07:00`);
      await sec.press('📋 Điểm danh');
      if (r() < 0.3) {
        // one member did not come and gave no reason: two taps on their line
        const name = PEOPLE[Math.floor(r() * PEOPLE.length)]!.name;
        const list = sec.last()!;
        if (list.keyboard?.flat().some((b) => b.text === `✅ ${name}`)) {
          await sec.press(`✅ ${name}`, list);
          await sec.press(new RegExp(`^🟡 ${name} — vắng có lý do`), list);
        }
      }
      await sec.press('✔️ Xong điểm danh');
      await sec.press('🖊 Ghi biên bản');
      await sec.send(`Đánh giá kết quả công tác tháng ${month}; quán triệt văn bản cấp trên; thu đảng phí.`);
      await sec.press('Xong phần này');
      await sec.send(`Thực hiện tốt nhiệm vụ dạy học và công tác xây dựng Đảng tháng ${month === 12 ? 1 : month + 1}.`);
      await sec.press('Xong phần này');
      await sec.press('Gửi');
      // dues at the meeting: the collector records cash; two members pay late, one claims online
      await collector.send('/dues');
      for (const [i, u] of everyone.entries()) {
        if (late.has(u.id) && r() < 0.5) continue;
        const name = i === 0 ? 'Trần Thị Bình' : PEOPLE[i - 1]!.name;
        if (i === 5 && month % 4 === 0) {
          await u.send('/dues');
          await u.press('✋ Tôi đã đóng');
          await u.press(/^☐ /);
          await u.press('🌐 Cổng DVC quốc gia');
          continue;
        }
        const table = collector.messages().findLast((m) => m.keyboard?.flat().some((b) => b.text === `❌ ${name}`));
        if (!table) continue;
        await collector.press(`❌ ${name}`, table);
        await collector.press('💵 Ghi đóng');
        await collector.press('💵 Tiền mặt');
        await collector.press('← Bảng tháng');
      }
      await h.settle();
      // claims are confirmed by the collector from the notice
      for (const notice of collector.messages().filter((m) => m.keyboard?.flat().some((b) => /^✅ \d\d\/2024$/.test(b.text)))) {
        const b = notice.keyboard!.flat().find((x) => /^✅ \d\d\/2024$/.test(x.text))!;
        await collector.press(b.text, notice);
      }
      if (notes[month]) await note(sec, ...notes[month]!, `2024-${mm}-06T09:00:00+07:00`, h);
      say(`• ${mm}/2024: nhắc họp, báo tham dự, điểm danh, biên bản${month % 3 === 0 ? ', sinh hoạt chuyên đề' : ''}, thu đảng phí${notes[month] ? `, sổ tay: ${notes[month]![0]}` : ''}.`);
    };
    for (let month = 1; month <= 11; month++) await runMonth(month);

    // Supervision and an inspection recorded in the journal.
    await inspection(sec, 'Giám sát', '15/05/2024', 'Giám sát về vai trò và trách nhiệm của đảng viên trong việc thực hiện chức trách, nhiệm vụ', h);
    await inspection(sec, 'Kiểm tra', '08/10/2024', 'Kiểm tra việc chấp hành Điều lệ Đảng', h);

    // The review: opened on 15/11, everyone writes, the cell rates.
    h.clock.set('2024-11-15T08:00:00+07:00');
    await sec.send('/evaluate');
    await sec.press('Mở kiểm điểm năm 2024');
    await sec.press(/\(sau 15 ngày\)/);
    await h.settle();
    for (const [i, u] of everyone.entries()) {
      h.clock.set(`2024-11-${pad(16 + (i % 10))}T20:00:00+07:00`);
      await evaluate(u, i, r, i < 2 ? 'Hoàn thành xuất sắc nhiệm vụ' : i === everyone.length - 1 ? 'Hoàn thành nhiệm vụ' : 'Hoàn thành tốt nhiệm vụ');
    }
    h.clock.set('2024-12-02T14:00:00+07:00');
    await sec.send('/evaluate');
    await sec.press('Xem, xếp loại từng đồng chí');
    // Rate each member from the list (paged): the first two "xuất sắc", the newest member "hoàn thành".
    const levelOf = (name: string) => (['Trần Thị Bình', 'Nguyễn Văn Hùng'].includes(name) ? 'Xuất sắc' : name === 'Hồ Thị Ngân' ? 'Hoàn thành' : 'Tốt');
    for (;;) {
      const list = sec.last()!;
      const next = list.keyboard?.flat().find((b) => b.text.startsWith('✅ ') && !b.text.endsWith('★'));
      if (!next) {
        if (!list.keyboard?.flat().some((b) => b.text === 'Sau ›')) break;
        await sec.press('Sau ›', list);
        continue;
      }
      await sec.press(next.text, list);
      await sec.press(levelOf(next.text.slice(2)));
      await sec.press('← Danh sách');
    }
    await note(sec, 'Kiểm tra, giám sát', 'Trong năm không có đảng viên vi phạm Điều lệ Đảng; không có đơn thư khiếu nại, tố cáo.', '2024-12-03T09:00:00+07:00', h);
    say('• 11–12/2024: kiểm điểm cuối năm — 12/12 bản kiểm điểm đã gửi, chi bộ đã xếp loại.');
    await runMonth(12);

    // What the report answers to, its number and the cell's own level (the targets are left for the secretary).
    h.clock.set('2024-12-09T09:00:00+07:00');
    await sec.send('/note');
    await sec.press('Căn cứ báo cáo');
    await sec.send('Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã Phong Hải về việc kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2024.');
    await sec.send('/note');
    await sec.press('Số báo cáo');
    await sec.send('05');
    await sec.send('/note');
    await sec.press('Chi bộ tự xếp loại');
    await sec.press('Hoàn thành tốt nhiệm vụ');

    // The cell's own voice for III and PHẦN THỨ HAI, written by the secretary after the review meeting.
    const own: [string, string, string?][] = [
      ['Khuyết điểm, tồn tại', 'Chất lượng sinh hoạt chi bộ có lúc chưa cao, nội dung sinh hoạt chuyên đề chưa phong phú. Công tác phát triển đảng viên chưa đạt chỉ tiêu đề ra.'],
      ['Nguyên nhân', 'Một số đảng viên chưa thật sự chủ động nghiên cứu tài liệu trước các buổi sinh hoạt; khối lượng công việc chuyên môn nhiều, thời gian sinh hoạt còn hạn chế.'],
      [
        'Bài học kinh nghiệm',
        'Phải thường xuyên đổi mới nội dung, hình thức sinh hoạt chi bộ; phát huy vai trò gương mẫu của đảng viên; giữ mối liên hệ chặt chẽ với Đảng ủy, chính quyền địa phương và cha mẹ học sinh.',
      ],
      ['Tư tưởng chính trị', 'Tiếp tục học tập, quán triệt các nghị quyết của Đảng; đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.', 'Phương hướng năm sau'],
      ['Chuyên môn', 'Thực hiện nghiêm quy chế chuyên môn; nâng cao chất lượng mũi nhọn và đại trà; phấn đấu giữ vững danh hiệu tập thể lao động tiên tiến.', 'Phương hướng năm sau'],
      ['Đoàn thể', 'Phát huy vai trò của Công đoàn, Đoàn, Đội; tổ chức tốt các phong trào thi đua chào mừng các ngày lễ lớn.', 'Phương hướng năm sau'],
      ['Xây dựng Đảng', 'Duy trì nền nếp sinh hoạt chi bộ, mỗi quý ít nhất một buổi sinh hoạt chuyên đề; bồi dưỡng, giới thiệu quần chúng ưu tú để kết nạp 01 đảng viên mới.', 'Phương hướng năm sau'],
      ['Biện pháp thực hiện', 'Xây dựng kế hoạch cụ thể từng tháng, phân công nhiệm vụ cho từng đảng viên; tăng cường kiểm tra, giám sát việc thực hiện nghị quyết của chi bộ.'],
    ];
    for (const [section, text, part] of own) await note(sec, section, text, '2024-12-09T10:00:00+07:00', h, part);
    await sec.send('/note');
    await sec.press('Chỉ tiêu năm sau');
    await sec.send('100% đảng viên hoàn thành tốt nhiệm vụ trở lên\nChi bộ hoàn thành tốt nhiệm vụ\nCông đoàn vững mạnh, Chi đoàn vững mạnh');
    // The cell kept January's dues on paper before its members were on the bot: the opening figures.
    await sec.send('/note');
    await sec.press('📊 Số liệu đầu kỳ');
    await sec.press(/01\/2024$/);
    for (const answer of ['1', '0', '0']) await sec.send(answer);
    await sec.send('620.000');
    for (const answer of ['0', '0']) await sec.send(answer);
    await sec.press('Gửi');
    say('• 12/2024: bí thư ghi lời của chi bộ vào các mục khuyết điểm, nguyên nhân, bài học, phương hướng, biện pháp, chỉ tiêu, và số liệu đầu kỳ (đảng phí tháng 01 ghi sổ giấy).');

    // The report.
    h.clock.set('2024-12-10T16:00:00+07:00');
    await sec.send('/report');
    const summary = sec.messages().findLast((m) => m.text.startsWith('📊 Báo cáo năm 2024'))!.text;
    const docx = sec.documents().findLast((d) => d.fileName.startsWith('bao-cao-tong-ket'))!;
    const annex = sec.documents().findLast((d) => d.fileName.startsWith('tong-hop-y-kien'))!;
    await mkdir(out, { recursive: true });
    const file = path.join(out, docx.fileName);
    await writeFile(file, docx.bytes);
    await writeFile(path.join(out, annex.fileName), annex.bytes);
    const ownDoc = members[1]!.documents().findLast((d) => d.fileName.startsWith('ban-kiem-diem'));
    if (ownDoc) await writeFile(path.join(out, ownDoc.fileName), ownDoc.bytes);
    say('');
    say('Bí thư gõ /report, bot trả lời:');
    say('');
    say(summary);
    say('');
    say(`Dự thảo báo cáo: ${file}`);
    say(`Tổng hợp ý kiến (của chi ủy): ${path.join(out, annex.fileName)}`);
    if (ownDoc) say(`Một bản kiểm điểm cá nhân: ${path.join(out, ownDoc.fileName)}`);
    const chart = sec.documents().findLast((d) => d.fileName.startsWith('bieu-do-'));
    if (chart) {
      await writeFile(path.join(out, chart.fileName), chart.bytes);
      say(`Biểu đồ cả năm (gửi kèm /report): ${path.join(out, chart.fileName)}`);
    }
    say('Biểu mẫu Mini App trên máy này (đặt WEBAPP_URL khi chạy thật): node --import tsx test/webapp/preview.ts — in ra địa chỉ mở bằng trình duyệt.');
    say(`(${h.api.sentByBot().length} tin nhắn của bot, ${h.api.messages.filter((m) => !m.fromBot).length} tin nhắn của người dùng; ${((Date.now() - started) / 1000).toFixed(1)} giây)`);
    return { errors: h.logs.filter((l) => / ERROR /.test(l)) };
  } finally {
    await h.stop();
  }
}

async function main(): Promise<void> {
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const dataDir = path.join(tmpdir(), `chibo-demo-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  try {
    const { errors } = await runDemo({ dataDir, out: path.resolve('data/demo'), say });
    if (errors.length) {
      say(`\nLỗi trong nhật ký:\n${errors.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function themed(sec: FakeUser, month: number): Promise<void> {
  const topics = ['Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'Nâng cao chất lượng sinh hoạt chi bộ', 'Đổi mới phương pháp dạy học'];
  await sec.send('/meeting');
  await sec.press('➕ Thêm buổi chuyên đề');
  await sec.press(/^Kết hợp/);
  await sec.send(topics[(month / 3 - 1) % topics.length]!);
  await sec.press('Gửi');
}

/** The part of the report each section of the demo's notes is in (/note asks the part, then the section). */
const PART_OF: Record<string, string> = {
  'Thuận lợi': 'Đặc điểm tình hình',
  'Khó khăn': 'Đặc điểm tình hình',
  'Khuyết điểm, tồn tại': 'Khuyết điểm – Nguyên nhân – Bài học',
  'Nguyên nhân': 'Khuyết điểm – Nguyên nhân – Bài học',
  'Bài học kinh nghiệm': 'Khuyết điểm – Nguyên nhân – Bài học',
  'Phương hướng chung': 'Phương hướng năm sau',
  'Biện pháp thực hiện': 'Phương hướng năm sau',
};

async function note(sec: FakeUser, section: string, text: string, at: string, h: Harness, part = PART_OF[section] ?? 'Kết quả đạt được'): Promise<void> {
  h.clock.set(at);
  await sec.send('/note');
  await sec.press('➕ Ghi mục mới');
  await sec.press(part);
  await sec.press(section);
  if (section === 'Kiểm tra, giám sát') await sec.press('Ghi chú khác');
  // the date typed (in January and February /note offers the end of last year instead of today)
  await sec.send(`${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)}`);
  await sec.send(text);
  await sec.press('Gửi');
}

async function inspection(sec: FakeUser, kind: 'Kiểm tra' | 'Giám sát', on: string, text: string, h: Harness): Promise<void> {
  h.clock.set('2024-11-10T09:00:00+07:00');
  await sec.send('/note');
  await sec.press('➕ Ghi mục mới');
  await sec.press('Kết quả đạt được');
  await sec.press('Kiểm tra, giám sát');
  await sec.press(kind);
  await sec.press('Đảng viên');
  await sec.send('1');
  await sec.send(on);
  await sec.send(text);
  await sec.press('Gửi');
}

async function evaluate(u: FakeUser, i: number, r: () => number, level: string): Promise<void> {
  // Some of the section's shared points, each in one of its wordings, then the member's own line.
  const some = (section: keyof typeof WRITES) => {
    const points = WRITES[section];
    const chosen = points.filter(() => r() < 0.6);
    const lines = (chosen.length ? chosen : [points[0]!]).map((variants) => variants[Math.floor(r() * variants.length)]!);
    const own = OWN[section]?.(i);
    return own ? [...lines, own] : lines;
  };
  await u.send('/evaluate');
  const start = u.messages().findLast((m) => m.keyboard?.flat().some((b) => b.text === 'Bắt đầu kiểm điểm'));
  if (start) await u.press('Bắt đầu kiểm điểm', start);
  for (const section of ['s11', 's12', 's13', 's21', 's22', 's3'] as const) {
    const lines =
      section === 's13' ? ['Thực hiện tốt các nội dung cam kết tu dưỡng, rèn luyện đầu năm.'] : section === 's3' ? ['Đã khắc phục các hạn chế được chỉ ra ở kỳ kiểm điểm trước.'] : some(section);
    for (const line of lines) await u.send(line);
    await u.press('Xong phần này');
  }
  await u.press('Không có');
  await u.press('Không có');
  for (const line of some('s6')) await u.send(line);
  await u.press('Xong phần này');
  await u.press(level);
  const civil = u
    .messages()
    .at(-1)
    ?.keyboard?.flat()
    .some((b) => b.text === level);
  if (civil) await u.press(level);
  await u.press('Không tự chấm điểm');
  await u.press('Gửi');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
