/**
 * The warnings the directives importer and loader attach, in Vietnamese. Pure. The labels of
 * notice kinds, statuses, roles, cadences and classifications are the shared wording
 * (src/shared/wording.ts).
 */

/** Warnings (shown to the Office, never printed in the official document). */
export const WARNINGS = {
  noAssignee: 'Văn bản không nêu cơ quan, đơn vị thực hiện: Văn phòng cần giao.',
  unknownAssignee: (words: string) => `Không nhận ra cơ quan, đơn vị được giao: “${words}”; Văn phòng cần giao.`,
  noDeadline: 'Văn bản không nêu thời hạn.',
  monthOnly: (months: string[]) =>
    `Văn bản không nêu thời hạn (có nêu ${months.map((m) => `“${m}”`).join(', ')} nhưng không có ngày cụ thể).`,
  severalDates: (dates: string[]) =>
    `Văn bản nêu nhiều ngày (${dates.join(', ')}): không tự chọn thời hạn; Văn phòng cần xác định.`,
  standing: 'Nhiệm vụ thường xuyên: kỳ báo cáo mặc định hằng tháng; Văn phòng xác nhận.',
  noNumber: 'Văn bản không ghi số.',
  noDate: (meetingDate: string | null) =>
    meetingDate
      ? `Văn bản không ghi ngày ban hành (chỉ nêu ngày họp ${meetingDate}).`
      : 'Văn bản không ghi ngày ban hành.',
  noBody: 'Không xác định được cơ quan ban hành: Văn phòng cần chọn.',
  noKind: 'Không nhận ra loại thông báo (ý kiến chỉ đạo, kết luận, giao nhiệm vụ): mặc định “ý kiến chỉ đạo”.',
  noOccurrence: (date: string) => `Không tìm thấy cuộc họp ngày ${date} của cơ quan ban hành: chưa gắn với buổi họp.`,
  severalOccurrences: (date: string) => `Có nhiều cuộc họp ngày ${date}: Văn phòng chọn buổi họp.`,
  noDirectives: 'Không nhận ra nhiệm vụ nào trong văn bản.',
  noSignature: 'Không nhận ra khối chữ ký.',
  noRecipients: 'Không nhận ra phần “Nơi nhận”.',
} as const;
