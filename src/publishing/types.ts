/**
 * The document model of published documents: the monthly work programme (Chương trình công tác
 * tháng) and the weekly schedule (Lịch công tác tuần). Builders turn occurrences, agendas, the
 * directory and the working calendar into these plain objects; renderers turn them into HTML,
 * DOCX and JSON; a published version stores one of them, frozen, as its snapshot.
 *
 * Everything is plain JSON (strings, numbers, arrays): no Dates, no maps, no keys containing `.`
 * or `$`, so a snapshot round-trips through JSON and any database unchanged.
 */

export const DOCUMENT_KINDS = ['programme', 'schedule'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The issuing body as printed in the header. */
export interface DocumentBody {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  place: string;
  parentName: string;
  timeZone: string;
}

/** The header of Nghị định 30/2020/NĐ-CP: issuer (left), national motto (right), number and place-date. */
export interface DocumentHeader {
  /** Line above the issuer, e.g. "TỈNH BẮC GIANG" (may be empty). */
  issuerParent: string;
  /**
   * The issuing body in capitals, one printed line per `\n`: "ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN"
   * (no parent above it), "HUYỆN ỦY LỤC NGẠN" (under "ĐẢNG BỘ TỈNH BẮC GIANG").
   */
  issuer: string;
  /** "Số: .../CTr-UBND" before publication, "Số: 45/CTr-UBND" after; empty when the document has no number. */
  numberLine: string;
  /** "Lục Ngạn, ngày 05 tháng 5 năm 2023". */
  placeDateLine: string;
  nation: string;
  motto: string;
}

/** One inline run of part A text. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A block of part A (key tasks), as read from the Office's Markdown: enough for a DOCX. */
export type TextBlock =
  | { type: 'heading'; level: number; runs: TextRun[] }
  | { type: 'paragraph'; runs: TextRun[] }
  | { type: 'list'; ordered: boolean; start: number; items: TextRun[][] };

export interface PartA {
  /** What the Office wrote (Markdown). */
  markdown: string;
  /** Sanitised HTML of the Markdown. */
  html: string;
  blocks: TextBlock[];
}

/** A line under a session in part B: a numbered item, or the grouped preparing-agency note after it. */
export type AgendaLine = { type: 'item'; number: number; text: string } | { type: 'preparing'; text: string };

/** One numbered section of part B (I., II., III., ...). */
export interface ProgrammeSection {
  kind: 'session' | 'conferences' | 'standing';
  numeral: string;
  /** The section's sentence, e.g. "Phiên họp thường kỳ UBND huyện tháng 5/2023: Ngày 23/5/2023 (Thứ Ba); dự kiến ...". */
  text: string;
  lines: AgendaLine[];
  /** Further sentences (a list of conferences), printed after the lines. */
  entries: string[];
  occurrenceIds: string[];
}

export interface SignatureBlock {
  /** "TL. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN". */
  authority: string;
  /** "CHÁNH VĂN PHÒNG", "CHỦ TỊCH". */
  title: string;
  /** Name of the signer, printed under the space for the signature (may be empty). */
  signerName: string;
}

/** An agenda item as compared between versions. */
export interface MeetingItem {
  number: number;
  title: string;
  agencies: { code: string; name: string; role: string }[];
}

/** Every meeting of the period (cancelled included): what versions are compared on. */
export interface MeetingEntry {
  id: string;
  seriesId: string | null;
  title: string;
  kind: string;
  /** Local `YYYY-MM-DDTHH:mm` in the body's zone. */
  start: string;
  end: string;
  status: string;
  location: string;
  chair: { code: string; name: string } | null;
  officials: { code: string; name: string }[];
  agencies: { code: string; name: string }[];
  reason: string | null;
  items: MeetingItem[];
  /** Present (true) when the time is an estimate, not stated by the source: printed "giờ dự kiến". */
  timeAssumed?: true;
}

/** Set on a published version only. */
export interface PublicationInfo {
  version: number;
  /** "Ban hành lần đầu" or "Điều chỉnh lần N". */
  label: string;
  documentNumber: string | null;
  /** Local date `YYYY-MM-DD` printed in the place-date line (absent in versions frozen before it was recorded). */
  issueDate: string;
  /** ISO instant with the body's offset. */
  publishedAt: string;
  publishedBy: string;
}

interface DocumentBase {
  schemaVersion: 1;
  body: DocumentBody;
  header: DocumentHeader;
  title: string;
  /** "(Điều chỉnh lần 1)" on a revision; null on a first issue and on a draft. */
  revisionLabel: string | null;
  signature: SignatureBlock;
  /** Distribution list (Nơi nhận) as written: "- TT Huyện ủy, TT HĐND huyện;", "+ Phòng Tổng hợp;", ..., "- Lưu: VT." */
  recipients: string[];
  meetings: MeetingEntry[];
  /** For the Office (inconsistencies, missing parts); never printed, stripped from public output. */
  warnings: string[];
  publication: PublicationInfo | null;
}

export interface ProgrammeDocument extends DocumentBase {
  type: 'programme';
  /** `YYYY-MM`. */
  period: string;
  year: number;
  month: number;
  partA: PartA;
  partB: { heading: string; sections: ProgrammeSection[] };
}

export interface ScheduleEntry {
  occurrenceId: string;
  /** "Sáng", "Chiều", "Tối". */
  period: string;
  /** "8h00". */
  time: string;
  content: string;
  chair: string;
  attendees: string;
  preparing: string;
  place: string;
  status: string;
  /** "Dời từ 25/5/2023", "Đã hủy: ...", or empty. */
  note: string;
}

export interface ScheduleDay {
  date: string;
  weekday: string;
  /** "22/5/2023". */
  dateLabel: string;
  /** "4/4 ÂL". */
  lunar: string;
  /** Name of a holiday or decided day off (not plain weekends), or null. */
  dayOff: string | null;
  entries: ScheduleEntry[];
}

export interface ScheduleDocument extends DocumentBase {
  type: 'schedule';
  /** ISO week `YYYY-Www`. */
  period: string;
  from: string;
  to: string;
  subtitle: string;
  days: ScheduleDay[];
  /** "Lịch này thay thư mời họp." */
  note: string;
}

export type PublishedDocument = ProgrammeDocument | ScheduleDocument;
