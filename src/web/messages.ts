/**
 * Vietnamese messages of the web pages: the notices after a redirect, and validation problems and
 * domain errors (the shared schemas speak English to API clients) turned into Vietnamese for people.
 * The labels of codes (statuses, kinds, roles) and dates are the shared wording's
 * (src/shared/wording.ts), one wording everywhere.
 */
import type { FieldProblem } from '../shared/errors';

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
  import: 'Đã nhập chương trình từ văn bản.',
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
  [/^must be between (\d{4})-01-01 and (\d{4})-12-31$/, 'phải trong khoảng từ 1/1/$1 đến 31/12/$2'],
  [/^must be a single line/, 'phải viết trên một dòng (không xuống dòng)'],
  [/^must not contain control characters/, 'không được chứa ký tự điều khiển'],
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
  [/^must be a version number/, 'phải là số thứ tự của bản: 1, 2, ...'],
  [/must be a number of minutes/, 'phải là số phút'],
  [/expected number to be >=\s*(\d+)/, 'phải từ $1 trở lên'],
  [/expected number to be <=\s*(\d+)/, 'không được quá $1'],
  [/Invalid option/, 'lựa chọn không hợp lệ'],
  [/^is not a valid /, 'giá trị không hợp lệ'],
  [/must contain \{number\}/, 'phải có {number} ở chỗ ghi số văn bản'],
  [/^item (\d+) already exists$/, 'nội dung $1 đã có'],
  [/^already published$/, 'vừa được người khác ban hành; hãy tải lại trang rồi thử lại'],
  [/is already taken/, 'đã được dùng'],
  [/must list at least one recipient/, 'cần ít nhất một nơi nhận'],
  [/must change at least one field/, 'chưa thay đổi gì'],
  // directives (issue 9)
  [/a notice needs its number to be issued/, 'cần có số văn bản trước khi ban hành'],
  [/a notice needs its date to be issued/, 'cần có ngày ban hành'],
  [/a notice needs at least one directive to be issued/, 'cần có ít nhất một nhiệm vụ'],
  [/must look like 123-TB\/HU/, 'số văn bản phải có dạng 123-TB/HU hoặc 45/TB-UBND'],
  [/a reason is required to cancel a directive/, 'cần ghi lý do khi hủy nhiệm vụ'],
  [/must be later than the current deadline/, 'phải sau thời hạn hiện tại'],
  [/^cannot go from (.*) to (.*)$/, 'không chuyển được từ trạng thái này sang trạng thái đã chọn'],
  [/^there are only (\d+) sections$/, 'thông báo chỉ có $1 mục'],
  [/^is empty$/, 'chưa có nội dung'],
  [/is not a readable \.docx file/, 'không đọc được tệp .docx'],
  [/the file is too large/, 'tệp quá lớn (tối đa 5 MB)'],
  [/^(The rule|FREQ|INTERVAL|COUNT|UNTIL|BY|WKST|DTSTART|TZID|The rule never)/, 'quy tắc lặp không hợp lệ: $&'],
];

/** Messages of domain errors (English for API clients) that people meet on the pages. */
const MESSAGES: [RegExp, string][] = [
  [
    /^Nothing changed since version (\d+) \((.*?)\)/,
    'Không có gì thay đổi so với bản $1 ($2), nên chưa có gì để ban hành.',
  ],
  [
    /^Version (\d+) of this document was just published by someone else/,
    'Bản $1 của văn bản này vừa được người khác ban hành; hãy tải lại trang rồi thử lại.',
  ],
  [/^Item numbers already used on this agenda: (.*)\.$/, 'Số nội dung đã có trong chương trình họp: $1.'],
  [/^Occurrence '.*' is not cancelled/, 'Buổi họp này chưa bị hủy nên không cần khôi phục.'],
  [/^(Series|Meeting) '(.*)' already exists/, "Mã '$2' đã được dùng."],
  [/^An agency key may only update its own agency's items/, 'Cơ quan chỉ được cập nhật nội dung do mình chuẩn bị.'],
  [/^An agency may set only/, 'Cơ quan chỉ được chuyển nội dung sang "Đang chuẩn bị" hoặc "Đã nộp".'],
  [/only a deferred item can be carried over/, 'Chỉ nội dung đã hoãn mới chuyển sang phiên sau được.'],
  [/^Item (\d+) was already carried to/, 'Nội dung $1 đã được chuyển sang phiên khác.'],
  [/there is no next occurrence|has no later occurrence/, 'Không có phiên họp sau để chuyển nội dung sang.'],
  [/^Body '(.*)' was not found/, "Không có cơ quan họp mã '$1'."],
  [/^Published version '(.*)' was not found/, 'Văn bản này chưa được ban hành bản nào.'],
  [/^(Programme|Schedule) version '.*\/(\d+)' was not found/, 'Không có bản số $2 của văn bản này.'],
  [/^Occurrence '.*' was not found/, 'Không có buổi họp này.'],
  [/^Agenda item '.*' was not found/, 'Không có nội dung trình này.'],
  // directives (issue 9)
  [
    /^An agency key may act only on its own agency's directives/,
    'Cơ quan chỉ được cập nhật nhiệm vụ được giao cho mình.',
  ],
  [/^Only the Office/, 'Chỉ Văn phòng được thực hiện việc này.'],
  [/no more progress reports/, 'Nhiệm vụ đã hoàn thành hoặc đã hủy: không nhận thêm báo cáo.'],
  [/^An extension request is already waiting/, 'Đã có đề nghị gia hạn đang chờ Văn phòng xem xét.'],
  [/^There is no extension request waiting/, 'Không có đề nghị gia hạn nào đang chờ.'],
  [/^The notice is still a draft/, 'Thông báo chưa ban hành: chưa theo dõi nhiệm vụ.'],
  [/^Notice .* is already issued/, 'Thông báo đã được ban hành.'],
  [
    /no later occurrence|no series to take the next briefing from|belongs to no series/,
    'Không có buổi họp sau của cùng lịch họp để đưa báo cáo vào.',
  ],
  [/^(Notice|Directive) '.*' was not found/, 'Không có thông báo hoặc nhiệm vụ này.'],
];

/** Letters only Vietnamese uses among the languages our messages are written in. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

const fill = (template: string, m: RegExpExecArray, whole: string) =>
  template.replace(/\$(\d|&)/g, (_, g: string) => (g === '&' ? whole : (m[Number(g)] ?? '')));

/**
 * An error's message for a page: the Vietnamese translation of a known domain message, the message
 * itself when the web layer already wrote it in Vietnamese, else null (the caller shows a fixed text).
 */
export function messageVi(err: unknown): string | null {
  const message = err instanceof Error ? err.message.normalize('NFC') : '';
  if (!message) return null;
  for (const [re, vi] of MESSAGES) {
    const m = re.exec(message);
    if (m) return fill(vi, m, message);
  }
  return VIETNAMESE.test(message) ? message : null;
}

/** A validation problem in Vietnamese (the original English when no translation is known). */
export function problemVi(problem: string): string {
  for (const [re, vi] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return fill(vi, m, problem);
  }
  return problem;
}

export function problemsVi(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: p.field, problem: problemVi(p.problem) }));
}
