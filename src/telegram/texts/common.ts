/** Wording shared by every feature: labels of domain values, buttons, refusals, problems. */
import type { Gender, MemberState, PartyStatus, Role, TheoryLevel } from '../../core/members.ts';

export const labels = {
  gender: { nam: 'Nam', nu: 'Nữ' } satisfies Record<Gender, string>,
  partyStatus: { chinh_thuc: 'Chính thức', du_bi: 'Dự bị' } satisfies Record<PartyStatus, string>,
  partyStatusLong: { chinh_thuc: 'Đảng viên chính thức', du_bi: 'Đảng viên dự bị' } satisfies Record<PartyStatus, string>,
  theory: {
    so_cap: 'Sơ cấp',
    trung_cap: 'Trung cấp',
    cao_cap: 'Cao cấp',
    cu_nhan: 'Cử nhân',
    chua_dao_tao: 'Chưa qua đào tạo',
  } satisfies Record<TheoryLevel, string>,
  role: { secretary: 'Bí thư', deputy: 'Phó Bí thư', committee: 'Chi ủy viên', member: 'Đảng viên' } satisfies Record<Role, string>,
  state: {
    applying: 'Đang khai hồ sơ',
    pending: 'Chờ duyệt',
    refused: 'Không được duyệt',
    active: 'Đang sinh hoạt',
    exempt: 'Miễn sinh hoạt',
    temp_exempt: 'Tạm miễn sinh hoạt',
    transferred: 'Đã chuyển sinh hoạt',
    removed: 'Đã xóa tên',
    deceased: 'Từ trần',
  } satisfies Record<MemberState, string>,
};

export const buttons = {
  back: '← Quay lại',
  skip: 'Bỏ qua',
  none: 'Không có',
  done: 'Xong phần này',
  submit: 'Gửi',
  edit: 'Sửa',
  saveDraft: 'Lưu nháp',
  cancel: 'Hủy',
  today: 'Hôm nay',
  yes: 'Đồng ý',
  no: 'Không',
  prev: '‹ Trước',
  next: 'Sau ›',
  close: 'Đóng',
};

/** The dialog engine's own sentences. */
export const dialog = {
  added: (chars: number, max: number) => `Đã thêm. Phần này hiện có ${chars}/${max} ký tự. Gửi tiếp nếu còn, hoặc bấm “Xong phần này”.`,
  useButtons: 'Xin đồng chí dùng các nút bên dưới.',
  pickEdit: 'Chọn mục cần sửa:',
  backToReview: '← Về màn hình xem lại',
  draftSaved: 'Đã lưu nháp. Khi muốn viết tiếp, đồng chí gõ lại lệnh cũ (ví dụ /evaluate); bot sẽ mở đúng chỗ đang dừng.',
  resumed: 'Tiếp tục từ chỗ đang dừng:',
  chosen: (label: string) => `→ ${label}`,
  skipped: '→ (bỏ qua)',
};

export const common = {
  /** How a sender with no name on Telegram is called. */
  noName: 'đồng chí',
  apology: 'Xin lỗi đồng chí, bot gặp sự cố khi xử lý yêu cầu này. Dữ liệu đã lưu không bị ảnh hưởng; xin thử lại sau ít phút.',
  writeFailed: 'Xin lỗi đồng chí, bot không lưu được thay đổi này nên chưa ghi nhận gì. Xin thử lại sau ít phút; nếu vẫn lỗi, xin báo người quản trị bot.',
  staleButton: 'Nút này đã cũ, không còn dùng được.',
  unknownText: 'Bot chưa hiểu tin nhắn này. Đồng chí gõ /help để xem các việc có thể làm.',
  privateOnly: 'Việc này chỉ làm trong tin nhắn riêng với bot, để giữ kín thông tin cá nhân.',
  groupOnly: 'Lệnh này dùng trong nhóm của chi bộ.',
  notMember: 'Đồng chí chưa là thành viên của chi bộ nào trên bot. Xin mở liên kết mời do bí thư chi bộ gửi.',
  cancelled: 'Đã dừng.',
  cancelledDraft: 'Đã dừng; những gì đồng chí đã nhập được giữ lại làm bản nháp.',
  nothingToCancel: 'Hiện không có việc nào đang làm dở.',
  saved: 'Đã lưu.',
};

/** Polite refusals for who may not do what. */
export const refusals: Record<string, string> = {
  'forbidden.admin': 'Xin lỗi, chỉ người quản trị bot mới tạo được chi bộ.',
  'forbidden.secretary': 'Xin lỗi, việc này chỉ bí thư chi bộ thực hiện được.',
  'forbidden.committee': 'Xin lỗi, việc này chỉ dành cho chi ủy (bí thư, phó bí thư, chi ủy viên).',
  'forbidden.collector': 'Xin lỗi, việc này chỉ dành cho đồng chí thu đảng phí và chi ủy.',
  'forbidden.member': 'Xin lỗi, việc này chỉ dành cho đảng viên của chi bộ đã được duyệt.',
  'forbidden.otherCell': 'Xin lỗi, nút này thuộc một chi bộ khác nên không thực hiện được.',
  'forbidden.notYours': 'Xin lỗi, nút này không dành cho đồng chí.',
};

/** One sentence per problem code of the core rules: what is wrong and what is accepted. */
export const problems: Record<string, (p: Record<string, string | number>) => string> = {
  'name.empty': () => 'Họ và tên không được để trống; xin nhập họ và tên đầy đủ, ví dụ: Nguyễn Văn An.',
  'name.short': () => 'Họ và tên quá ngắn: cần ít nhất 2 chữ cái.',
  'name.long': (p) => `Họ và tên quá dài (${p.length} ký tự): tối đa 80 ký tự.`,
  'name.chars': () => 'Họ và tên chỉ gồm chữ cái (có dấu), khoảng trắng và các dấu chấm, gạch ngang, nháy đơn; không có chữ số hay ký hiệu khác.',
  'year.format': () => 'Năm sinh cần là 4 chữ số, ví dụ 1985.',
  'year.range': (p) => `Năm sinh cần trong khoảng từ ${p.min} đến ${p.max}.`,
  'date.format': () => 'Ngày cần ghi theo dạng ngày/tháng/năm, ví dụ 05/12/2024.',
  'date.invalid': () => 'Ngày này không có trên lịch; xin kiểm tra lại ngày và tháng (dạng dd/mm/yyyy).',
  'date.future': () => 'Ngày này chưa tới; xin nhập hôm nay hoặc một ngày đã qua (dd/mm/yyyy).',
  'date.tooOld': () => 'Ngày này quá xa, trước ngày thành lập Đảng 03/02/1930; xin kiểm tra lại.',
  'date.past': () => 'Ngày này đã qua; xin nhập hôm nay hoặc một ngày sắp tới (dd/mm/yyyy).',
  'time.format': () => 'Giờ cần ghi theo dạng giờ:phút, ví dụ 14:00.',
  'time.range': () => 'Giờ không hợp lệ: giờ từ 0 đến 23, phút từ 00 đến 59, ví dụ 14:30.',
  'text.empty': () => 'Nội dung không được để trống.',
  'text.long': (p) => `Nội dung quá dài (${p.length} ký tự): tối đa ${p.max} ký tự.`,
  'money.empty': () => 'Xin nhập số tiền, ví dụ 45000, 45.000 hoặc 45k.',
  'money.negative': () => 'Số tiền không thể âm; xin nhập một số dương, ví dụ 45.000.',
  'money.zero': () => 'Số tiền phải lớn hơn 0 đ.',
  'money.fraction': () => 'Số tiền tính tròn đồng, không có phần lẻ; ví dụ 45.000 hoặc 45k.',
  'money.format': () => 'Bot không đọc được số tiền này; xin ghi như 45000, 45.000, 45,000, 45k hoặc 45 nghìn.',
  'money.tooLarge': (p) => `Số tiền quá lớn: tối đa ${p.max}.`,
  'choice.useButtons': () => 'Xin đồng chí chọn một trong các nút bên dưới.',
  'multi.empty': () => 'Phần này chưa có nội dung; xin gửi ít nhất một tin nhắn trước khi bấm “Xong phần này”.',
  'multi.tooLong': (p) =>
    `Phần này đã có ${p.have} ký tự, thêm tin nhắn ${p.adding} ký tự sẽ vượt giới hạn ${p.max} ký tự; tin nhắn này chưa được thêm, nội dung cũ vẫn giữ nguyên. Xin gửi ngắn gọn hơn.`,
};
