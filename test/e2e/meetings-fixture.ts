/** A cell of ten members built through the real flows (joining, approval, /linkgroup, /settings), for the meetings tests. */
import { createCellWithSecretary, joinAndApprove, type Harness } from '../support/harness.ts';
import type { FakeUser, TgChat } from '../support/fake-bot-api.ts';

export const MEMBER_NAMES = ['Nguyễn Văn An', 'Lê Thị Cúc', 'Phạm Văn Dũng', 'Hoàng Thị Hoa', 'Vũ Văn Khánh', 'Đặng Thị Lan', 'Bùi Văn Minh', 'Đỗ Thị Nga', 'Ngô Văn Phúc'];

export interface MeetingCell {
  cellId: string;
  sec: FakeUser;
  members: FakeUser[];
  group: TgChat;
}

/** The secretary (Trần Thị Bình, id 101) and `count` members (ids 102…), the group linked. */
export async function meetingCell(h: Harness, count = 9, opts: { group?: boolean } = {}): Promise<MeetingCell> {
  const sec = h.api.user({ id: 101, first_name: 'Bình' });
  const cellId = await createCellWithSecretary(h, sec);
  const members: FakeUser[] = [];
  for (let i = 0; i < count; i++) {
    const u = h.api.user({ id: 102 + i, first_name: MEMBER_NAMES[i]!.split(' ').at(-1)! });
    await joinAndApprove(h, sec, u, { name: MEMBER_NAMES[i]!, gender: i % 2 ? 'Nữ' : 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    members.push(u);
  }
  const group = h.api.group({ id: -1001, title: 'Chi bộ Phong Hải' });
  if (opts.group !== false) await sec.sendIn(group, '/linkgroup');
  await h.settle();
  return { cellId, sec, members, group };
}

/** The secretary sets the regular rule "thứ Năm tuần đầu tiên, 14:00, Phòng họp" through /settings. */
export async function setThursdayRule(sec: FakeUser): Promise<void> {
  await sec.send('/settings');
  await sec.press('Lịch sinh hoạt và nhắc nhở');
  await sec.press(/Đặt lịch định kỳ|Sửa lịch định kỳ/);
  await sec.press('Một thứ trong tuần');
  await sec.press('Thứ Năm');
  await sec.press('Tuần đầu tiên');
  await sec.send('14:00');
  await sec.send('Phòng họp');
  await sec.press('Gửi');
}

/** Texts the bot sent to a chat that contain `part`. */
export function sentTo(h: Harness, chatId: number, part: string | RegExp): string[] {
  return h.api
    .botMessages(chatId)
    .map((m) => m.text)
    .filter((t) => (typeof part === 'string' ? t.includes(part) : part.test(t)));
}
