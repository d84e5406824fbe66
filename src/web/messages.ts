/**
 * Vietnamese words of the web pages in one place: labels of codes, and validation problems (the
 * shared schemas speak English to API clients) turned into Vietnamese for people.
 */
import type { FieldProblem } from '../shared/errors';

export const STATUS_LABELS: Record<string, string> = {
  assigned: 'Đã giao',
  preparing: 'Đang chuẩn bị',
  submitted: 'Đã nộp',
  returned: 'Trả lại',
  ready: 'Sẵn sàng',
  considered: 'Đã xem xét',
  deferred: 'Hoãn',
};

export const MEETING_KIND_LABELS: Record<string, string> = {
  'regular-session': 'Phiên họp thường kỳ',
  'extraordinary-session': 'Phiên họp bất thường',
  briefing: 'Giao ban',
  'thematic-conference': 'Hội nghị chuyên đề',
  'council-session': 'Kỳ họp HĐND',
  other: 'Khác',
};

export const ITEM_KIND_LABELS: Record<string, string> = { report: 'Báo cáo', 'draft-decision': 'Dự thảo quyết định', plan: 'Kế hoạch', other: 'Khác' };

export const OCCURRENCE_STATUS_LABELS: Record<string, string> = { scheduled: 'Theo lịch', moved: 'Đã dời', cancelled: 'Đã hủy' };

export const HOLIDAY_POLICY_LABELS: Record<string, string> = {
  skip: 'Bỏ buổi họp trùng ngày nghỉ',
  'previous-working-day': 'Dời về ngày làm việc liền trước',
  'next-working-day': 'Dời sang ngày làm việc liền sau',
  keep: 'Giữ nguyên ngày',
};

export const ROLE_LABELS: Record<string, string> = { lead: 'Chủ trì', coordinating: 'Phối hợp' };

/** Messages after a redirect (`?ok=<key>`). */
export const DONE_MESSAGES: Record<string, string> = {
  moved: 'Đã dời buổi họp.',
  cancelled: 'Đã hủy buổi họp.',
  restored: 'Đã khôi phục buổi họp.',
  details: 'Đã lưu thông tin buổi họp.',
  'item-added': 'Đã thêm nội dung.',
  'item-saved': 'Đã lưu nội dung.',
  assigned: 'Đã giao cơ quan chuẩn bị.',
  status: 'Đã cập nhật trạng thái.',
  'series-created': 'Đã tạo lịch họp định kỳ.',
  'series-saved': 'Đã lưu lịch họp định kỳ.',
  'meeting-created': 'Đã thêm cuộc họp.',
  'extra-created': 'Đã thêm phiên họp bổ sung.',
  'part-a': 'Đã lưu phần A.',
  settings: 'Đã lưu thiết lập văn bản.',
  published: 'Đã ban hành.',
};

const PROBLEMS: [RegExp, string][] = [
  [/^must not be empty$/, 'không được để trống'],
  [/must be a date YYYY-MM-DD/, 'phải là một ngày (năm-tháng-ngày)'],
  [/is not a real calendar date/, 'không phải ngày có thật'],
  [/must be a time HH:mm/, 'phải là giờ:phút, ví dụ 08:00'],
  [/must be a month YYYY-MM/, 'phải là tháng dạng năm-tháng, ví dụ 2023-05'],
  [/must be an ISO week YYYY-Www/, 'phải là tuần dạng năm-W-số tuần, ví dụ 2023-W21'],
  [/this year has no such week/, 'năm này không có tuần đó'],
  [/^must be between (\d+) and (\d+)$/, 'phải trong khoảng $1 đến $2'],
  [/must be at most (\d+) characters/, 'tối đa $1 ký tự'],
  [/must be 1-63 lower-case letters/, 'mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang'],
  [/^unknown agency '(.*)'$/, "không có cơ quan '$1'"],
  [/^unknown official '(.*)'$/, "không có cán bộ '$1'"],
  [/^unknown body '(.*)'$/, "không có cơ quan họp '$1'"],
  [/^no item (.*) on this agenda$/, 'chương trình họp không có nội dung số $1'],
  [/^cannot read '(.*)': use numbers/, 'không đọc được "$1": ghi số và khoảng như "1-6" hoặc "7, 8"'],
  [/runs backwards/, 'khoảng số bị ngược'],
  [/item numbers start at 1/, 'số nội dung bắt đầu từ 1'],
  [/^the range is empty$/, 'chưa ghi nội dung nào'],
  [/is required for the first publication/, 'bắt buộc khi ban hành lần đầu: số văn bản do văn thư cấp, ví dụ 45'],
  [/must be a document number/, 'số văn bản không hợp lệ (ví dụ 45)'],
  [/must not be before startDate/, 'không được trước ngày bắt đầu'],
  [/must be a whole number/, 'phải là số nguyên'],
  [/must be a number of minutes/, 'phải là số phút'],
  [/expected number to be >=\s*(\d+)/, 'phải từ $1 trở lên'],
  [/expected number to be <=\s*(\d+)/, 'không được quá $1'],
  [/Invalid option/, 'lựa chọn không hợp lệ'],
  [/must contain \{number\}/, 'phải có {number} ở chỗ ghi số văn bản'],
  [/^item (\d+) already exists$/, 'nội dung $1 đã có'],
  [/is already taken/, 'đã được dùng'],
  [/must list at least one recipient/, 'cần ít nhất một nơi nhận'],
  [/must change at least one field/, 'chưa thay đổi gì'],
  [/^(The rule|FREQ|INTERVAL|COUNT|UNTIL|BY|WKST|DTSTART|TZID|The rule never)/, 'quy tắc lặp không hợp lệ: $&'],
];

/** A validation problem in Vietnamese (the original English when no translation is known). */
export function problemVi(problem: string): string {
  for (const [re, vi] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return vi.replace(/\$(\d|&)/g, (_, g: string) => (g === '&' ? problem : (m[Number(g)] ?? '')));
  }
  return problem;
}

export function problemsVi(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: p.field, problem: problemVi(p.problem) }));
}
