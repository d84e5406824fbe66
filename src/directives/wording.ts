/**
 * The Vietnamese words of the directives component in one place: kinds, statuses, roles,
 * classifications and the warnings the importer and the loader attach. Pure.
 */
import type { AssigneeRole, Cadence, DirectiveStatus, ExtensionState, NoticeKind, NoticeStatus } from './types';
import type { Progress } from './deadlines';

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  'directive-opinions': 'Thông báo ý kiến chỉ đạo',
  conclusions: 'Thông báo kết luận',
  'task-assignment': 'Thông báo giao nhiệm vụ',
};

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: 'Dự thảo', issued: 'Đã ban hành' };

export const DIRECTIVE_STATUS_LABELS: Record<DirectiveStatus, string> = {
  assigned: 'Đã giao',
  'in-progress': 'Đang thực hiện',
  'reported-done': 'Báo cáo hoàn thành',
  done: 'Hoàn thành (Văn phòng xác nhận)',
  cancelled: 'Đã hủy',
};

export const ROLE_LABELS: Record<AssigneeRole, string> = { lead: 'chủ trì', coordinating: 'phối hợp' };

export const CADENCE_LABELS: Record<Cadence, string> = { weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý' };

export const EXTENSION_LABELS: Record<ExtensionState, string> = { requested: 'Đang xin gia hạn', granted: 'Đã được gia hạn', refused: 'Không được gia hạn' };

/** The classification follow-up reports use (see domain.md). */
export const PROGRESS_LABELS: Record<Progress, string> = {
  'done-on-time': 'Hoàn thành đúng hạn',
  'done-late': 'Hoàn thành quá hạn',
  'on-track': 'Đang thực hiện trong hạn',
  overdue: 'Đang thực hiện quá hạn',
  'not-due': 'Chưa đến hạn',
  standing: 'Thường xuyên',
  'no-deadline': 'Chưa có thời hạn',
  cancelled: 'Đã hủy',
};

/** Warnings (shown to the Office, never printed in the official document). */
export const WARNINGS = {
  noAssignee: 'Văn bản không nêu cơ quan, đơn vị thực hiện: Văn phòng cần giao.',
  unknownAssignee: (words: string) => `Không nhận ra cơ quan, đơn vị được giao: “${words}”; Văn phòng cần giao.`,
  noDeadline: 'Văn bản không nêu thời hạn.',
  monthOnly: (months: string[]) => `Văn bản không nêu thời hạn (có nêu ${months.map((m) => `“${m}”`).join(', ')} nhưng không có ngày cụ thể).`,
  severalDates: (dates: string[]) => `Văn bản nêu nhiều ngày (${dates.join(', ')}): không tự chọn thời hạn; Văn phòng cần xác định.`,
  standing: 'Nhiệm vụ thường xuyên: kỳ báo cáo mặc định hằng tháng; Văn phòng xác nhận.',
  noNumber: 'Văn bản không ghi số.',
  noDate: (meetingDate: string | null) => (meetingDate ? `Văn bản không ghi ngày ban hành (chỉ nêu ngày họp ${meetingDate}).` : 'Văn bản không ghi ngày ban hành.'),
  noBody: 'Không xác định được cơ quan ban hành: Văn phòng cần chọn.',
  noKind: 'Không nhận ra loại thông báo (ý kiến chỉ đạo, kết luận, giao nhiệm vụ): mặc định “ý kiến chỉ đạo”.',
  noOccurrence: (date: string) => `Không tìm thấy cuộc họp ngày ${date} của cơ quan ban hành: chưa gắn với buổi họp.`,
  severalOccurrences: (date: string) => `Có nhiều cuộc họp ngày ${date}: Văn phòng chọn buổi họp.`,
  noDirectives: 'Không nhận ra nhiệm vụ nào trong văn bản.',
  noSignature: 'Không nhận ra khối chữ ký.',
  noRecipients: 'Không nhận ra phần “Nơi nhận”.',
} as const;
