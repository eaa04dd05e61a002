/** The command menu (registered with setMyCommands) and /help, by audience. */
export type Audience = 'anyone' | 'admin' | 'member' | 'committee' | 'secretary';

export interface CommandInfo {
  command: string;
  /** Shown in Telegram's menu. */
  description: string;
  /** Who sees it: each audience also sees everything of the audiences before it in RANK. */
  audience: Audience;
}

export const COMMANDS: readonly CommandInfo[] = [
  { command: 'meeting', description: 'Lịch sinh hoạt chi bộ, báo tham dự', audience: 'member' },
  { command: 'dues', description: 'Đảng phí: đã đóng, còn nợ, báo đã đóng', audience: 'member' },
  { command: 'evaluate', description: 'Kiểm điểm cuối năm', audience: 'member' },
  { command: 'members', description: 'Danh sách đảng viên', audience: 'member' },
  { command: 'note', description: 'Ghi sổ tay chi bộ (cho báo cáo)', audience: 'committee' },
  { command: 'report', description: 'Báo cáo tổng kết, báo cáo tháng', audience: 'committee' },
  { command: 'member', description: 'Sửa thông tin, vai trò đảng viên', audience: 'secretary' },
  { command: 'invite', description: 'Liên kết mời đảng viên', audience: 'secretary' },
  { command: 'settings', description: 'Cài đặt: lịch họp, nhắc nhở, đảng phí', audience: 'secretary' },
  { command: 'linkgroup', description: 'Gắn nhóm chi bộ (gõ trong nhóm)', audience: 'secretary' },
  { command: 'newcell', description: 'Tạo chi bộ mới', audience: 'admin' },
  { command: 'cells', description: 'Các chi bộ đã tạo, liên kết mời bí thư', audience: 'admin' },
  { command: 'overview', description: 'Tổng quan các chi bộ trong năm (kèm tệp Excel)', audience: 'admin' },
  { command: 'whoami', description: 'Thông tin của tôi', audience: 'anyone' },
  { command: 'help', description: 'Hướng dẫn sử dụng', audience: 'anyone' },
  { command: 'cancel', description: 'Dừng việc đang làm', audience: 'anyone' },
];

const RANK: Record<Audience, number> = { anyone: 0, admin: 1, member: 2, committee: 3, secretary: 4 };

/** Commands for a user who is all of `audiences` (e.g. ['member', 'committee', 'admin']). */
export function commandsFor(audiences: readonly Audience[]): CommandInfo[] {
  const member = Math.max(...audiences.filter((a) => a !== 'admin').map((a) => RANK[a]), 0);
  const admin = audiences.includes('admin');
  return COMMANDS.filter((c) => (c.audience === 'admin' ? admin : RANK[c.audience] <= member));
}

/** The menu in groups: what may be typed there (everything personal is private). */
export const GROUP_COMMANDS: readonly CommandInfo[] = COMMANDS.filter((c) => ['meeting', 'linkgroup', 'help'].includes(c.command));

export const help = {
  text: (audiences: readonly Audience[], inCell: boolean) =>
    [
      'Các việc đồng chí có thể làm với bot:',
      ...commandsFor(audiences).map((c) => `/${c.command} — ${c.description}`),
      '',
      inCell ? 'Mọi câu trả lời có nút bấm thì chỉ cần bấm nút; ngày ghi dạng dd/mm/yyyy, tiền ghi như 45.000 hoặc 45k.' : 'Để tham gia chi bộ, xin mở liên kết mời do bí thư chi bộ gửi.',
      'Alias tiếng Việt: /hop, /dangphi, /kiemdiem, /baocao.',
    ].join('\n'),
};
