/** The short name of each dialog step, shown in the review before sending (per dialog, by step id). */
export const steps = {
  join: {
    name: 'Họ và tên',
    gender: 'Giới tính',
    birthYear: 'Năm sinh',
    partyStatus: 'Chính thức/Dự bị',
    admittedOn: 'Ngày kết nạp',
    theory: 'Lý luận chính trị',
    civilKind: 'Cán bộ, công chức, viên chức',
    workplace: 'Đơn vị công tác',
    dues: 'Đảng phí',
    salary: 'Tính theo lương',
  },
  meetingRule: {
    kind: 'Kiểu lịch',
    day: 'Ngày trong tháng',
    weekday: 'Thứ',
    week: 'Tuần',
    time: 'Giờ họp',
    place: 'Địa điểm',
  },
  meetingMove: {
    when: 'Ngày giờ',
    place: 'Địa điểm',
  },
  meetingAdd: {
    combine: 'Kết hợp',
    topic: 'Chuyên đề',
    about: 'Nội dung',
    when: 'Ngày giờ',
    place: 'Địa điểm',
  },
  minutes: {
    content: 'Nội dung',
    resolution: 'Nghị quyết',
  },
  newcell: {
    name: 'Tên chi bộ',
    parent: 'Đảng ủy cấp trên',
    secretary: 'Bí thư',
  },
  note: {
    group: 'Phần',
    section: 'Mục',
    kind: 'Loại',
    target: 'Đối tượng',
    count: 'Số đảng viên',
    on: 'Ngày',
    text: 'Nội dung',
  },
  cellInfo: {
    name: 'Tên chi bộ',
    parent: 'Đảng ủy cấp trên',
    place: 'Địa danh',
    unit: 'Đơn vị',
  },
};
