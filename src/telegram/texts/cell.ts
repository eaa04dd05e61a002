/** Wording of the foundation: start, help, joining, approval, roster, member edits, the group. */
import { civilKindOf, unitNameOf, type Cell, type CivilKind, type Member, type RosterFigures } from '../../core/members.ts';
import { formatDate, localDate, localTime, pad2 } from '../../core/time.ts';
import { formatMoney } from '../../core/money.ts';
import { labels } from './common.ts';

export const start = {
  welcome: (name: string) =>
    `Xin chào đồng chí ${name}!\n\nĐây là trợ lý của chi bộ trên Telegram: nhắc lịch sinh hoạt, nhắc đảng phí, thu bản kiểm điểm cuối năm và soạn dự thảo báo cáo tổng kết.\n\nĐể tham gia, xin mở liên kết mời do bí thư chi bộ gửi. Gõ /help để xem hướng dẫn.`,
  welcomeMember: (name: string, cell: string) => `Xin chào đồng chí ${name}! Đồng chí đang sinh hoạt tại ${cell}. Gõ /help để xem các việc có thể làm.`,
  welcomeAdmin: 'Đồng chí là người quản trị bot: gõ /newcell để tạo một chi bộ.',
  setupClaimed: 'Đồng chí đã trở thành người quản trị bot. Bây giờ xin tạo chi bộ đầu tiên.',
  invalidInvite: 'Liên kết mời này không còn hiệu lực (có thể bí thư đã tạo liên kết mới). Xin đồng chí liên hệ bí thư chi bộ để nhận liên kết mới.',
  alreadyMember: (cell: string) => `Đồng chí đã là thành viên của ${cell}. Mỗi đảng viên chỉ sinh hoạt ở một chi bộ.`,
  leftCell: (cell: string) => `Đồng chí đã từng sinh hoạt tại ${cell} và đã rời chi bộ. Nếu đồng chí trở lại sinh hoạt tại đây, xin báo đồng chí bí thư chi bộ cập nhật lại trạng thái bằng /member.`,
  alreadyPending: (cell: string) => `Hồ sơ của đồng chí đã gửi tới ${cell} và đang chờ bí thư duyệt. Bot sẽ báo khi có kết quả.`,
  resumeJoin: 'Đồng chí đang khai dở hồ sơ tham gia chi bộ; bot tiếp tục từ câu hỏi đang dừng.',
};

/** Cán bộ, công chức, viên chức: the buttons, and the line of a profile. */
export const civil = {
  button: { can_bo: 'Cán bộ', cong_chuc: 'Công chức', vien_chuc: 'Viên chức', none: 'Không' } satisfies Record<CivilKind, string>,
  line: { can_bo: 'Cán bộ', cong_chuc: 'Công chức', vien_chuc: 'Viên chức', none: 'Không phải cán bộ, công chức, viên chức' } satisfies Record<CivilKind, string>,
  of: (k: CivilKind | null | undefined) => (k ? civil.line[k] : '(chưa khai)'),
};

export const join = {
  intro: (cell: string, secretary: boolean) =>
    secretary
      ? `Đồng chí được mời làm bí thư của ${cell}. Xin khai vài thông tin, mỗi lần một câu; có thể gõ /cancel để dừng và quay lại sau.`
      : `Đồng chí được mời tham gia ${cell}. Xin khai vài thông tin, mỗi lần một câu; có thể gõ /cancel để dừng và quay lại sau.`,
  name: 'Họ và tên của đồng chí (đầy đủ, có dấu)?',
  gender: 'Giới tính?',
  birthYear: 'Năm sinh (4 chữ số, ví dụ 1985)? Có thể bỏ qua.',
  partyStatus: 'Đồng chí là đảng viên chính thức hay dự bị?',
  admittedOn: 'Ngày kết nạp Đảng (dd/mm/yyyy)?',
  theory: 'Trình độ lý luận chính trị?',
  civilKind: 'Đồng chí là cán bộ, công chức hay viên chức? (Giáo viên trường công lập là viên chức.) Nếu không thuộc diện nào, bấm “Không”.',
  workplace: (unit: string) => `Đơn vị công tác của đồng chí? Nếu là ${unit}, bấm nút bên dưới; nếu khác, xin gõ tên đơn vị (ví dụ: Trường Tiểu học Phong Hải).`,
  keepUnit: (unit: string) => `Giữ: ${unit}`,
  dues: 'Mức đảng phí hằng tháng của đồng chí (ví dụ 45.000)? Có thể bỏ qua, đồng chí thu đảng phí sẽ nhập sau; hoặc bấm “Tính theo lương”.',
  salary: 'Mức lương đóng bảo hiểm xã hội tháng trước (ví dụ 4.500.000)? Bot chỉ tính 1% làm mức đảng phí, không lưu mức lương.',
  fromSalary: 'Tính theo lương',
  review: (a: {
    name: string;
    gender: string;
    birthYear: number | null;
    status: string;
    admittedOn: string | null;
    theory: string;
    civilKind: CivilKind | null;
    workplace: string | null;
    dues: number | null;
  }) =>
    [
      'Xin đồng chí kiểm tra lại hồ sơ:',
      `• Họ và tên: ${a.name}`,
      `• Giới tính: ${a.gender}`,
      `• Năm sinh: ${a.birthYear ?? '(bỏ qua)'}`,
      `• ${a.status}${a.admittedOn ? `, kết nạp ngày ${formatDate(a.admittedOn)}` : ''}`,
      `• Lý luận chính trị: ${a.theory}`,
      `• Cán bộ, công chức, viên chức: ${civil.of(a.civilKind)}`,
      `• Đơn vị công tác: ${a.workplace ?? '(chưa khai)'}`,
      `• Đảng phí hằng tháng: ${a.dues ? formatMoney(a.dues) : '(chưa nhập)'}`,
      '',
      'Bấm “Gửi” để gửi hồ sơ, hoặc “Sửa” để sửa một mục.',
    ].join('\n'),
  sent: (cell: string) => `Đã gửi hồ sơ tới ${cell}. Bí thư chi bộ sẽ duyệt; bot sẽ báo kết quả cho đồng chí.`,
  secretaryDone: (cell: string) =>
    `Đồng chí đã là bí thư của ${cell}.\n\nViệc tiếp theo:\n• /invite — lấy liên kết mời đảng viên;\n• /linkgroup — gõ trong nhóm Telegram của chi bộ để gắn nhóm;\n• /settings — lịch sinh hoạt, nhắc nhở, đảng phí.`,
  approved: (cell: string) => `Hồ sơ của đồng chí đã được duyệt: đồng chí là thành viên của ${cell} trên bot. Gõ /help để xem các việc có thể làm.`,
  refused: (cell: string) => `Hồ sơ tham gia ${cell} chưa được duyệt. Xin đồng chí liên hệ bí thư chi bộ nếu cần trao đổi thêm.`,
  request: (name: string) => `Đồng chí ${name} xin tham gia chi bộ trên bot. Xin đồng chí bí thư xem hồ sơ và duyệt.`,
  requestCard: (m: Pick<Member, 'name' | 'gender' | 'birthYear' | 'partyStatus' | 'admittedOn' | 'theory' | 'civilKind' | 'workplace'>) =>
    [
      `Hồ sơ xin tham gia chi bộ:`,
      `• Họ và tên: ${m.name}`,
      `• Giới tính: ${labels.gender[m.gender]}`,
      `• Năm sinh: ${m.birthYear ?? '—'}`,
      `• ${labels.partyStatusLong[m.partyStatus]}${m.admittedOn ? `, kết nạp ngày ${formatDate(m.admittedOn)}` : ''}`,
      `• Lý luận chính trị: ${labels.theory[m.theory]}`,
      `• Cán bộ, công chức, viên chức: ${civil.of(civilKindOf(m))}`,
      `• Đơn vị công tác: ${m.workplace ?? '—'}`,
    ].join('\n'),
  approve: 'Duyệt',
  refuse: 'Từ chối',
  approvedByYou: (name: string) => `Đã duyệt đồng chí ${name} vào chi bộ.`,
  refusedByYou: (name: string) => `Đã từ chối hồ sơ của ${name}.`,
  alreadyDecided: (name: string) => `Hồ sơ ${name ? `của ${name} ` : ''}đã được xử lý trước đó.`,
  noApplication: 'Không tìm thấy hồ sơ đang khai của đồng chí; xin mở lại liên kết mời.',
  inviteUsed: 'Liên kết mời bí thư này không còn hiệu lực (đã được dùng, đã hết hạn hoặc đã bị thu hồi). Xin đồng chí liên hệ người quản trị bot để nhận liên kết mới.',
};

export const newcell = {
  name: 'Tên chi bộ (ví dụ: Chi bộ Trường THCS Phong Hải)?',
  parent: 'Tên đảng ủy cấp trên (ví dụ: Đảng ủy xã Phong Hải)?',
  who: 'Ai là bí thư chi bộ?',
  me: 'Tôi là bí thư',
  invite: 'Tạo liên kết mời bí thư',
  review: (name: string, parent: string, me: boolean) =>
    `Tạo chi bộ mới:\n• Tên: ${name}\n• Đảng ủy cấp trên: ${parent}\n• Bí thư: ${me ? 'đồng chí (người tạo)' : 'mời qua liên kết'}\n\nBấm “Gửi” để tạo.`,
  meAlreadyInCell: 'Đồng chí đã sinh hoạt ở một chi bộ trên bot nên không thể làm bí thư chi bộ khác; xin chọn tạo liên kết mời bí thư.',
  created: (name: string) => `Đã tạo ${name}.`,
  secretaryLink: (name: string, link: string, until: string) =>
    `Đã tạo ${name}. Xin gửi liên kết sau cho đồng chí bí thư (chỉ một người dùng được, hết hiệu lực lúc ${until}):\n${link}\n\nKhi bí thư khai xong hồ sơ, bot sẽ báo cho đồng chí. Gửi nhầm người thì bấm “Thu hồi liên kết”; gõ /cells để tạo liên kết mới.`,
  secretaryAssigned: (name: string, cell: string) => `Đồng chí ${name} đã nhận làm bí thư ${cell}.`,
};

/** /cells: an admin's cells and their secretary invites. */
export const adminCells = {
  none: 'Đồng chí chưa tạo chi bộ nào. Gõ /newcell để tạo chi bộ.',
  list: (lines: readonly string[]) =>
    ['Các chi bộ đồng chí đã tạo:', ...lines, '', 'Liên kết mời bí thư chỉ một người dùng được và có hiệu lực 7 ngày; tạo liên kết mới thì liên kết cũ hết hiệu lực.'].join('\n'),
  line: (cell: string, secretary: string | undefined, inviteUntil: string | undefined, opened: boolean) =>
    `• ${cell} — bí thư: ${secretary ?? 'chưa có'}; liên kết mời bí thư: ${inviteUntil ? `còn hiệu lực đến ${inviteUntil}${opened ? ' (đã có người mở)' : ''}` : 'không có'}`,
  newLink: (cell: string) => `🔗 Liên kết mới: ${cell}`,
  revoke: (cell: string) => `✖ Thu hồi: ${cell}`,
  revokeButton: 'Thu hồi liên kết',
  newLinkText: (cell: string, link: string, until: string) =>
    `Liên kết mời bí thư mới của ${cell} (chỉ một người dùng được, hết hiệu lực lúc ${until}):\n${link}\n\nLiên kết cũ, nếu có, không còn dùng được. Gửi nhầm người thì bấm “Thu hồi liên kết”.`,
  revoked: (cell: string) => `Đã thu hồi liên kết mời bí thư của ${cell}: liên kết không còn dùng được. Gõ /cells để tạo liên kết mới.`,
  nothingToRevoke: (cell: string) => `${cell} không có liên kết mời bí thư nào đang hiệu lực.`,
  revokedAnswer: 'Đã thu hồi liên kết.',
  /** An instant in Vietnam: "09:00 ngày 11/11/2024". */
  moment: (at: Date) => `${localTime(at)} ngày ${formatDate(localDate(at))}`,
};

export const invite = {
  link: (cell: string, link: string) =>
    `Liên kết mời đảng viên tham gia ${cell}:\n${link}\n\nXin gửi liên kết này cho đảng viên của chi bộ (qua nhóm hoặc tin nhắn riêng). Mỗi hồ sơ gửi tới đều chờ đồng chí duyệt. Gõ /invite new để hủy liên kết cũ và tạo liên kết mới.`,
  rotated: 'Liên kết cũ đã bị hủy. ',
};

export const whoami = (tgId: number, name: string, w?: { cell: Cell; member: Member }, isAdmin = false) =>
  [
    `Mã Telegram: ${tgId}`,
    `Tên: ${w ? w.member.name : name}`,
    w ? `Chi bộ: ${w.cell.name}` : 'Chi bộ: chưa tham gia',
    w ? `Vai trò: ${labels.role[w.member.role]}${w.member.collector ? ', thu đảng phí' : ''} — ${labels.state[w.member.state]}` : undefined,
    isAdmin ? 'Đồng chí là người quản trị bot.' : undefined,
  ]
    .filter(Boolean)
    .join('\n');

function theoryLine(f: RosterFigures): string {
  const parts = (['cao_cap', 'cu_nhan', 'trung_cap', 'so_cap', 'chua_dao_tao'] as const).filter((k) => f.theory[k] > 0).map((k) => `${labels.theory[k].toLowerCase()} ${pad2(f.theory[k])}`);
  return parts.length ? parts.join('; ') : 'chưa có';
}

export const roster = {
  figures: (cell: string, f: RosterFigures) =>
    [
      `${cell}`,
      `Tổng số đảng viên: ${pad2(f.total)}, trong đó chính thức ${pad2(f.full)}, dự bị ${pad2(f.probationary)}.`,
      `Nam ${pad2(f.male)}; nữ ${pad2(f.female)}.`,
      `Lý luận chính trị: ${theoryLine(f)}.`,
      f.exempt ? `Miễn, tạm miễn sinh hoạt: ${pad2(f.exempt)}.` : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
  line: (i: number, m: Member) =>
    `${i}. ${m.name} — ${labels.role[m.role]}${m.collector ? ', thu đảng phí' : ''}; ${labels.partyStatus[m.partyStatus].toLowerCase()}${m.state !== 'active' ? `; ${labels.state[m.state].toLowerCase()}` : ''}${m.reachable ? '' : ' ⚠️ không nhận được tin nhắn của bot'}`,
  committeeLine: (m: Member) => `• ${labels.role[m.role]}: ${m.name}`,
  unreachableNote: (n: number) => `⚠️ ${pad2(n)} đồng chí đã chặn bot hoặc chưa mở bot, nên không nhận được nhắc nhở.`,
  pending: (n: number) => `Có ${n} hồ sơ đang chờ duyệt.`,
  empty: 'Chi bộ chưa có đảng viên nào được duyệt.',
  committeeTitle: 'Chi ủy:',
  unreachable: (name: string) => `Đồng chí ${name} đã chặn bot (hoặc không mở được tin nhắn riêng), nên sẽ không nhận được nhắc nhở. Xin nhắc đồng chí ấy mở lại bot và bấm Start.`,
};

export const memberEdit = {
  pick: 'Chọn đảng viên cần sửa thông tin:',
  /** A member's details; `unit`: the cell's, printed on the bản kiểm điểm when the member has none of their own. */
  card: (m: Member, unit?: string) =>
    [
      `${m.name}`,
      `• Giới tính: ${labels.gender[m.gender]}; năm sinh: ${m.birthYear ?? '—'}`,
      `• ${labels.partyStatusLong[m.partyStatus]}${m.admittedOn ? `, kết nạp ${formatDate(m.admittedOn)}` : ''}${m.fullOn ? `, chính thức từ ${formatDate(m.fullOn)}` : ''}`,
      `• Lý luận chính trị: ${labels.theory[m.theory]}`,
      `• Vai trò: ${labels.role[m.role]}${m.collector ? ', thu đảng phí' : ''}`,
      `• Trạng thái: ${labels.state[m.state]}`,
      `• Đơn vị công tác: ${m.workplace ?? (unit ? `${unit} (theo chi bộ)` : '—')}; chức vụ chính quyền: ${m.govPosition ?? '—'}; chức vụ đoàn thể: ${m.unionPosition ?? '—'}`,
      `• Cán bộ, công chức, viên chức: ${civil.of(civilKindOf(m))}; giữ chức vụ lãnh đạo, quản lý: ${m.leader ? 'có' : 'không'}`,
      m.reachable ? undefined : '⚠️ Không nhận được tin nhắn của bot.',
    ]
      .filter(Boolean)
      .join('\n'),
  fields: {
    name: 'Họ tên',
    gender: 'Giới tính',
    birthYear: 'Năm sinh',
    partyStatus: 'Chính thức/Dự bị',
    admittedOn: 'Ngày kết nạp',
    theory: 'Lý luận',
    role: 'Vai trò',
    collector: 'Thu đảng phí',
    state: 'Trạng thái',
    workplace: 'Đơn vị công tác',
    govPosition: 'Chức vụ chính quyền',
    unionPosition: 'Chức vụ đoàn thể',
    civilKind: 'CB, CC, VC',
    leader: 'Lãnh đạo, quản lý',
  },
  askText: (field: string) => `Nhập ${field.toLowerCase()} mới:`,
  chooseValue: (field: string) => `Chọn ${field.toLowerCase()}:`,
  chooseCivilKind: 'Cán bộ, công chức hay viên chức? (Giáo viên trường công lập là viên chức; chọn “Không” nếu không thuộc diện nào.)',
  stateDate: 'Ngày có hiệu lực (dd/mm/yyyy)?',
  collectorOn: 'Giao thu đảng phí',
  collectorOff: 'Thôi thu đảng phí',
  toggledYes: 'Có',
  toggledNo: 'Không',
  updated: (name: string) => `Đã cập nhật thông tin đồng chí ${name}.`,
  unknown: 'Không tìm thấy đảng viên này trong chi bộ.',
  lastSecretary: 'Chi bộ cần một bí thư: muốn đổi vai trò của bí thư, xin chọn đảng viên khác làm bí thư trước.',
  secretaryState: 'Bí thư phải đang sinh hoạt; xin giao vai trò bí thư cho đồng chí khác trước.',
  inOtherCell: 'Đồng chí này hiện đang sinh hoạt hoặc xin tham gia một chi bộ khác trên bot, nên chưa thể trở lại sinh hoạt tại chi bộ này (mỗi đảng viên chỉ sinh hoạt ở một chi bộ).',
  back: '← Danh sách',
  duesButton: 'Đảng phí: mức đóng, miễn, giảm',
};

export const group = {
  linked: (cell: string) => `Nhóm này đã được gắn với ${cell}. Thông báo lịch sinh hoạt sẽ gửi vào đây; mọi việc riêng (đảng phí, kiểm điểm) chỉ gửi tin nhắn riêng.`,
  taken: 'Nhóm này đã gắn với một chi bộ khác.',
  notInGroup: 'Xin gõ /linkgroup trong nhóm Telegram của chi bộ (sau khi thêm bot vào nhóm).',
  removed: (group: string, cell: string) =>
    `Bot đã bị gỡ khỏi nhóm “${group}”, nên nhóm không còn gắn với ${cell} và thông báo lịch sinh hoạt không gửi vào nhóm nữa. Muốn gắn lại, xin thêm bot vào nhóm rồi gõ /linkgroup trong nhóm.`,
  greeting:
    'Xin chào các đồng chí! Bot giúp việc giấy tờ của chi bộ. Để nhận thông báo lịch sinh hoạt trong nhóm này, đồng chí bí thư xin gõ /linkgroup ngay trong nhóm. Mọi việc riêng (đảng phí, kiểm điểm) bot chỉ nhắn riêng.',
};

export const probation = {
  due: (name: string, since: string, due: string) =>
    `Đồng chí ${name} kết nạp ngày ${formatDate(since)}, đủ 12 tháng dự bị vào ngày ${formatDate(due)}. Xin chi bộ xem xét, đề nghị công nhận đảng viên chính thức. Khi có quyết định, cập nhật bằng /member.`,
};

/** Sentences for the problem codes the foundation's services raise. */
export const cellProblems: Record<string, (p: Record<string, string | number>) => string> = {
  'join.alreadyDecided': (p) => join.alreadyDecided(String(p.name ?? '')),
  'join.noApplication': () => join.noApplication,
  'join.inviteUsed': () => join.inviteUsed,
  'member.unknown': () => memberEdit.unknown,
  'member.lastSecretary': () => memberEdit.lastSecretary,
  'member.secretaryState': () => memberEdit.secretaryState,
  'member.inOtherCell': () => memberEdit.inOtherCell,
  'group.taken': () => group.taken,
  'unit.short': () => 'Tên đơn vị quá ngắn: cần ít nhất 2 ký tự.',
  'unit.chars': () => 'Tên đơn vị chỉ gồm chữ, số, dấu cách và các dấu . , - ( ) /; xin gõ lại.',
};

export const settings = {
  hub: 'Cài đặt của chi bộ — chọn mục:',
  cellInfo: 'Thông tin chi bộ',
  cellInfoText: (c: Cell) =>
    `Thông tin chi bộ:\n• Tên: ${c.name}\n• Đảng ủy cấp trên: ${c.parentName}\n• Địa danh ghi trên văn bản: ${c.placeName ?? '(chưa đặt)'}\n• Đơn vị (đơn vị công tác mặc định của đảng viên): ${unitNameOf(c)}${c.groupTitle ? `\n• Nhóm chi bộ: ${c.groupTitle}` : '\n• Nhóm chi bộ: chưa gắn (gõ /linkgroup trong nhóm)'}`,
  placeName: 'Địa danh ghi ở đầu văn bản, trước “ngày … tháng … năm …” (ví dụ: Phong Hải)? Có thể bỏ qua.',
  unitName: (derived: string) => `Tên đơn vị của chi bộ, in ở dòng “Đơn vị công tác” của bản kiểm điểm và đề xuất khi đảng viên tham gia? Bấm nút để dùng “${derived}” (theo tên chi bộ).`,
  unitDerived: (derived: string) => `Theo tên chi bộ: ${derived}`,
  cellInfoReview: (name: string, parent: string, place: string | undefined, unit: string) =>
    `Thông tin chi bộ:\n• Tên: ${name}\n• Đảng ủy cấp trên: ${parent}\n• Địa danh: ${place ?? '(chưa đặt)'}\n• Đơn vị: ${unit}\n\nBấm “Gửi” để lưu, hoặc “Sửa” để sửa một mục.`,
};
