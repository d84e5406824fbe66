/**
 * Reads the text of a monthly work programme (Chương trình công tác tháng) as the Office pastes
 * it, or as it comes out of a .txt or .docx: part A (key tasks) as Markdown, part B's sessions
 * with their date, time and body, their numbered items and the assignment sentences
 * ("(Phòng Tài chính - Kế hoạch chuẩn bị nội dung từ 1-6)"), the other entries of part B (thematic
 * conferences, the Thursday briefing), and the distribution list and signature. Pure: no data
 * lookups; matching agencies and occurrences is import-plan.ts's job.
 *
 * It keeps what the document says: a numbering gap, an assignment of a number that is not listed
 * or a line damaged by PDF extraction ("thƣờn  kỳ", "hu  n") are reported as warnings, never
 * repaired. Recognition is tolerant of that damage where the structure depends on it (a session
 * heading still reads as a regular session when "thường" lost letters).
 *
 * @example parseProgrammeText(readFileSync('003_bed89d1f3f7829d9.txt', 'utf8')).sessions[0]
 *   // {kind: 'regular-session', date: '2023-05-23', items: [14 items], assignments: [5 sentences], ...}
 */
import { parseItemRange } from '../agenda/ranges';
import type { ItemKind } from '../agenda/types';
import type { MeetingKind } from '../meetings/types';
import type { BodyKind } from '../organisation/types';

export interface ParsedItem {
  number: number;
  title: string;
  kind: ItemKind;
  /** 1-based line of the source where the item starts. */
  line: number;
}

/** One "(X chuẩn bị nội dung …)" sentence, as written. */
export interface ParsedAssignment {
  /** The sentence without its brackets, as warnings quote it: "Thanh tra huyện chuẩn bị nội dung 7, 8". */
  text: string;
  /** The preparing (lead) agency as named: "Thanh tra huyện". */
  agencyText: string;
  /** Agencies named after "phối hợp (với)": coordinating. */
  coordinatingTexts: string[];
  /** The numbers as written ("từ 1-6"), or the item the sentence closes when it names none. */
  items: string;
  line: number;
}

export interface ParsedSession {
  /** The heading as written (one line), e.g. "Phiên họp thƣờn kỳ UBND hu n tháng 5/2023: Ngày 23/5/2023 (Thứ Ba); …". */
  heading: string;
  /** The Roman numeral of its entry in part B ("I"), if any. */
  label: string | null;
  line: number;
  kind: MeetingKind;
  /** The kind of body the heading names ("UBND" → people-committee), null when it names none. */
  bodyKind: BodyKind | null;
  /** `YYYY-MM-DD`, null when the heading gives no date. */
  date: string | null;
  /** The weekday as written ("Thứ Ba"), to check against the date. */
  weekday: string | null;
  /** `HH:mm` when the heading gives an hour ("8 giờ 00", "14h"), else null. */
  time: string | null;
  /** "sáng" / "chiều" when the heading says only which half of the day. */
  halfDay: 'morning' | 'afternoon' | null;
  items: ParsedItem[];
  assignments: ParsedAssignment[];
}

/** An entry of part B with no agenda: thematic conferences "scheduled separately", a weekly briefing. */
export interface ParsedNote {
  label: string | null;
  text: string;
  line: number;
  /** 'weekly' when it describes a standing slot ("hằng tuần"), with the weekday (1 = Monday) and half-day when readable. */
  kind: 'weekly' | 'thematic' | 'other';
  weekday: number | null;
  halfDay: 'morning' | 'afternoon' | null;
}

export interface ParsedProgramme {
  /** "Số: 45/CTr-UBND" when the text starts with the document's header. */
  documentNumber: string | null;
  /** `YYYY-MM` of "Công tác tháng 5 năm 2023" in the header, if present. */
  month: string | null;
  /** Part A as Markdown (### for its numbered headings), null when the text has none. */
  partA: string | null;
  sessions: ParsedSession[];
  notes: ParsedNote[];
  /** "Nơi nhận" lines, without their dashes. */
  recipients: string[];
  /** Signature block lines ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"). */
  signature: string[];
  /** Vietnamese: what could not be read, or looks damaged; shown to the Office. */
  warnings: string[];
}

interface Line {
  n: number;
  text: string;
}

/** Letters a PDF extraction put in place of Vietnamese ones (ƣ for ư, Ƣ for Ư). */
const recognisable = (s: string) => s.replace(/ƣ/g, 'ư').replace(/Ƣ/g, 'Ư').toLowerCase();

const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))\s*\.\s+(\S.*)$/;
const PART = /^([AB])\s*\.\s+(\S.*)$/;
const NUMBERED = /^(\d{1,3})\s*\.\s+(\S.*)$/;
const SENTENCE_END = /[.;:!?…]["”’)]*\s*$|\.\/\.\s*$/;
const WEEKDAYS: [RegExp, number, string][] = [
  [/^hai$/, 1, 'Thứ Hai'],
  [/^ba$/, 2, 'Thứ Ba'],
  [/^t\s*[ưư]$/, 3, 'Thứ Tư'],
  [/^n\s*[ăa]?\s*m$/, 4, 'Thứ Năm'],
  [/^s\s*[áa]?\s*u$/, 5, 'Thứ Sáu'],
  [/^b\s*[ảa]?\s*y$/, 6, 'Thứ Bảy'],
];

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

const VOWEL = /[aăâeêioôơuưy]/;

/**
 * Letters an extraction substituted, two spaces between letters, or a lower-case "word" without a
 * vowel ("ph t", "hu n": letters lost); abbreviations in capitals (UBND, KT-XH) are not words here.
 */
export function looksDamaged(s: string): boolean {
  if (/[ƣƢ]/.test(s) || /\p{L} {2,}\p{L}/u.test(s.trim())) return true;
  return s.split(/[\s,.;:()“”"'/-]+/).some(
    (w) =>
      /^\p{Ll}+$/u.test(w) &&
      !VOWEL.test(
        w
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')
          .replace(/[ăâ]/g, 'a'),
      ),
  );
}

/** The kind of an agenda item from its first words (Báo cáo, Kế hoạch, Dự thảo, Tờ trình...). */
export function itemKindOf(title: string): ItemKind {
  const t = recognisable(title);
  if (/^báo cáo/.test(t)) return 'report';
  if (/^(dự thảo\s+)?(kế hoạch|chương trình)\b/.test(t)) return 'plan';
  if (/^(dự thảo|tờ trình)/.test(t)) return 'draft-decision';
  return 'other';
}

/** The kind of meeting a part-B heading announces (tolerant of letters lost in extraction). */
export function meetingKindOf(heading: string): MeetingKind | null {
  const t = recognisable(heading);
  if (/bất\s*thường/.test(t)) return 'extraordinary-session';
  if (/phiên\s*họp/.test(t)) return 'regular-session';
  if (/kỳ\s*họp/.test(t) && /hđnd|hội đồng/.test(t)) return 'council-session';
  if (/giao\s*ban/.test(t)) return 'briefing';
  if (/hội\s*n\s*g?\s*hị/.test(t)) return 'thematic-conference';
  return null;
}

/** The kind of body a heading names: UBND, HĐND or a Party committee. */
export function bodyKindOf(heading: string): BodyKind | null {
  const t = recognisable(heading);
  if (/ubnd|ủy ban nhân dân|uỷ ban nhân dân/.test(t)) return 'people-committee';
  if (/hđnd|hội đồng nhân dân/.test(t)) return 'people-council';
  if (/(huyện|tỉnh|thành|thị|đảng|xã)\s*ủy|thường trực\s+\S+\s*ủy|ban thường vụ/.test(t)) return 'party-committee';
  return null;
}

/** "Ngày 23/5/2023", "ngày 23 tháng 5 năm 2023" → 2023-05-23 (null when absent or impossible). */
export function dateIn(text: string): string | null {
  const t = recognisable(text);
  const m =
    /ngày\s+(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/.exec(t) ??
    /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "8 giờ 00", "8h30", "14 giờ" → HH:mm; null when the text gives no hour. */
export function timeIn(text: string): string | null {
  const m = /(?:^|[\s(,;:])(\d{1,2})\s*(?:giờ|h|g)\s*(\d{2})?(?:\s*phút)?(?=[\s,;:).]|$)/i.exec(recognisable(text));
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

function halfDayIn(text: string): 'morning' | 'afternoon' | null {
  const t = recognisable(text);
  if (/\bchiều\b|(^|\s)chiều/.test(t)) return 'afternoon';
  if (/(^|\s)sáng/.test(t)) return 'morning';
  return null;
}

/** The weekday a text names ("thứ Năm", damaged "thứ N m"): [ISO number, as written]. */
function weekdayIn(text: string): [number, string] | null {
  const m = /\bth[ứu]\s+(hai|ba|t\s*[ưư]|n\s*[ăa]?\s*m|s\s*[áa]?\s*u|b\s*[ảa]?\s*y)(?=[\s);,.]|$)/.exec(
    recognisable(text),
  );
  if (!m) return /chủ\s*nhật/.test(recognisable(text)) ? [7, 'Chủ nhật'] : null;
  const word = m[1]!;
  for (const [re, n, name] of WEEKDAYS) if (re.test(word)) return [n, name];
  return null;
}

/**
 * An assignment sentence: "(Thanh tra huyện chuẩn bị nội dung 7, 8)", "Phòng Nội vụ chuẩn bị",
 * "Phòng TC-KH chủ trì, phối hợp với Thanh tra huyện chuẩn bị nội dung 3". Null when the text is
 * not one.
 */
export function parseAssignment(sentence: string): Omit<ParsedAssignment, 'line'> | null {
  const text = collapse(sentence.replace(/^\(\s*/, '').replace(/\s*\)\s*[.;,]?\s*$/, ''));
  const m = /^(.+?)\s+(?:chủ trì\s*,?\s*)?chuẩn bị(?:\s+(?:các\s+)?nội dung)?\s*(.*?)\s*[.;]?$/i.exec(text);
  if (!m) return null;
  let agency = m[1]!.trim();
  const coordinating: string[] = [];
  const co = /^(.+?)\s+chủ trì\s*,?\s*phối hợp(?:\s+với)?\s+(.+)$/i.exec(agency);
  if (co) {
    agency = co[1]!.trim();
    coordinating.push(
      ...co[2]!
        .split(/\s*(?:,|;|\svà\s)\s*/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  return { text, agencyText: agency, coordinatingTexts: coordinating, items: m[2]!.trim() };
}

/** An assignment at the end of an item's text: "… năm 2023 (Thanh tra huyện chuẩn bị nội dung 7, 8)." */
const TRAILING_ASSIGNMENT = /\s*\(([^()]*chuẩn bị[^()]*)\)\s*([.;]?)\s*$/i;

/** Lines grouped into blocks separated by blank lines. */
function blocks(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    if (l.text.trim()) cur.push(l);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Part A as Markdown: numbered headings ("1. Về phát triển kinh tế") as `###`, paragraphs joined
 * into one line each, a paragraph cut by a page break (no sentence end, next starts in lower
 * case) joined again, bullet lines kept as list items.
 */
function partAMarkdown(lines: Line[], warnings: string[]): string {
  type Para = { text: string; line: number; bullet: boolean };
  const paras: Para[] = [];
  for (const block of blocks(lines)) {
    block.forEach((l, i) => {
      const t = collapse(l.text);
      const bullet = /^[-+•]\s+/.test(t);
      const last = paras[paras.length - 1];
      const pageBreak = i === 0 && last !== undefined && !SENTENCE_END.test(last.text) && /^\p{Ll}/u.test(t);
      if (last && !bullet && (i > 0 || pageBreak)) last.text = `${last.text} ${t}`;
      else paras.push({ text: t, line: l.n, bullet });
    });
  }
  // A heading: a short one-line paragraph "1. Về …" (its number sometimes lost: ". Về …") without a sentence end.
  let lastNumber = 0;
  const out: string[] = [];
  for (const p of paras) {
    const h = /^(\d{1,2})?\s*\.\s+(\S.{0,90})$/.exec(p.text);
    if (h && !/[.;]$/.test(p.text) && !/^\d+\.\d/.test(p.text)) {
      let n = h[1] ? Number(h[1]) : lastNumber + 1;
      if (!h[1])
        warnings.push(
          `Phần A, dòng ${p.line}: đề mục "${p.text}" mất số thứ tự trong văn bản; đã đánh số ${n} theo thứ tự.`,
        );
      else n = Number(h[1]);
      lastNumber = n;
      if (looksDamaged(p.text))
        warnings.push(
          `Phần A, dòng ${p.line}: đề mục "${p.text}" có thể bị lỗi trích xuất (thiếu chữ); hãy sửa trong phần A sau khi nhập.`,
        );
      out.push(`### ${n}. ${h[2]!.trim()}`);
    } else out.push(p.bullet ? p.text.replace(/^[-+•]\s+/, '- ') : p.text);
  }
  return out.join('\n\n');
}

interface Section {
  label: string | null;
  heading: string;
  line: number;
  body: Line[];
}

/** Part B split at its Roman-numbered entries; a heading runs on until it ends a sentence or the agenda starts. */
function sections(lines: Line[]): Section[] {
  const out: Section[] = [];
  let cur: Section | null = null;
  let inHeading = false;
  for (const l of lines) {
    const t = l.text.trim();
    const roman = ROMAN.exec(t);
    if (roman && roman[1]) {
      cur = { label: roman[1], heading: roman[2]!, line: l.n, body: [] };
      out.push(cur);
      inHeading = !SENTENCE_END.test(roman[2]!);
      continue;
    }
    if (!cur) {
      if (!t) continue;
      cur = { label: null, heading: '', line: l.n, body: [] };
      out.push(cur);
    }
    if (inHeading) {
      if (!t) continue;
      if (NUMBERED.test(t) || (t.startsWith('(') && /chuẩn bị/i.test(t))) inHeading = false;
      else {
        cur.heading = `${cur.heading} ${t}`;
        inHeading = !SENTENCE_END.test(t);
        continue;
      }
    }
    cur.body.push(l);
  }
  for (const s of out) s.heading = collapse(s.heading);
  return out;
}

/** The numbered items and assignment sentences of one session's body. */
function agendaOf(body: Line[], warnings: string[]): { items: ParsedItem[]; assignments: ParsedAssignment[] } {
  const items: ParsedItem[] = [];
  const assignments: ParsedAssignment[] = [];
  let open: { number: number; text: string; line: number } | null = null;
  const close = () => {
    if (!open) return;
    let title = collapse(open.text);
    const trailing = TRAILING_ASSIGNMENT.exec(title);
    if (trailing) {
      const a = parseAssignment(trailing[1]!);
      if (a) {
        title = `${title.slice(0, trailing.index)}${trailing[2] ?? ''}`.trim();
        // "(Phòng Nội vụ chuẩn bị)" names no number: it assigns the item it closes.
        assignments.push({ ...a, items: a.items || String(open.number), line: open.line });
      }
    }
    items.push({ number: open.number, title, kind: itemKindOf(title), line: open.line });
    open = null;
  };
  for (const block of blocks(body)) {
    for (const l of block) {
      const t = l.text.trim();
      const numbered = NUMBERED.exec(t);
      const standalone = /^\(.*\)\s*[.;]?$/.test(t) ? parseAssignment(t) : null;
      if (standalone) {
        close();
        if (!standalone.items) warnings.push(`Dòng ${l.n}: câu giao "${standalone.text}" không nêu nội dung số mấy.`);
        assignments.push({ ...standalone, line: l.n });
      } else if (numbered) {
        close();
        open = { number: Number(numbered[1]), text: numbered[2]!, line: l.n };
      } else if (open) open.text = `${open.text} ${t}`;
      else
        warnings.push(
          `Dòng ${l.n}: không đọc được "${collapse(t).slice(0, 120)}" (không phải nội dung đánh số hay câu giao chuẩn bị).`,
        );
    }
    // An item runs over a blank line only when it does not end a sentence (a page break).
    if (open && SENTENCE_END.test((open as { text: string }).text)) close();
  }
  close();
  for (const a of assignments) {
    if (!a.items) continue;
    try {
      parseItemRange(a.items);
    } catch (err) {
      warnings.push(`Dòng ${a.line}: câu giao "${a.text}": không đọc được số nội dung (${(err as Error).message}).`);
    }
  }
  return { items, assignments };
}

/** Reads a programme's text (see the top of this file). */
export function parseProgrammeText(source: string): ParsedProgramme {
  const lines: Line[] = source
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .split('\n')
    .map((text, i) => ({ n: i + 1, text: text.replace(/\s+$/, '') }));
  const warnings: string[] = [];
  const find = (re: RegExp, from = 0) => lines.findIndex((l, i) => i >= from && re.test(l.text.trim()));
  const isPart = (letter: string) => (l: Line) => {
    const m = PART.exec(l.text.trim());
    return !!m && m[1] === letter && m[2] === m[2]!.toUpperCase();
  };
  const a = lines.findIndex(isPart('A'));
  const b = lines.findIndex(isPart('B'));
  let end = find(/^nơi nhận\s*:/i);
  if (end < 0) end = lines.length;

  // The header before part A: number and month of the document, when pasted with it.
  const head = lines
    .slice(0, a >= 0 ? a : b >= 0 ? b : 0)
    .map((l) => l.text)
    .join('\n');
  const number = /Số\s*:\s*([^\s]+\/CTr-[^\s]+)/i.exec(head)?.[1] ?? null;
  const monthM = /tháng\s+(\d{1,2})\s*(?:năm\s+|\/)\s*(\d{4})/i.exec(head);
  const month =
    monthM && Number(monthM[1]) >= 1 && Number(monthM[1]) <= 12
      ? `${monthM[2]}-${String(Number(monthM[1])).padStart(2, '0')}`
      : null;

  const partAEnd = b >= 0 ? b : end;
  const partA = a >= 0 ? partAMarkdown(lines.slice(a + 1, partAEnd), warnings) || null : null;
  if (a < 0) warnings.push('Không thấy phần "A. NHIỆM VỤ TRỌNG TÂM": phần A của chương trình không được nhập.');
  if (b < 0)
    warnings.push('Không thấy phần "B. HỘI NGHỊ CHÍNH TRONG THÁNG": đọc các phiên họp ở phần còn lại của văn bản.');
  const partBStart = b >= 0 ? b + 1 : a >= 0 ? partAEnd : 0;

  const sessions: ParsedSession[] = [];
  const notes: ParsedNote[] = [];
  for (const s of sections(lines.slice(partBStart, end))) {
    const agenda = agendaOf(s.body, warnings);
    const where = s.label ? `Mục ${s.label} phần B (dòng ${s.line})` : `Dòng ${s.line}`;
    if (!agenda.items.length) {
      if (!s.heading && !agenda.assignments.length) continue;
      const t = recognisable(s.heading);
      const weekly = /(hằng|hàng|hằn)\s*tuần/.test(t);
      const wd = weekdayIn(s.heading);
      notes.push({
        label: s.label,
        text: s.heading,
        line: s.line,
        kind: weekly ? 'weekly' : meetingKindOf(s.heading) === 'thematic-conference' ? 'thematic' : 'other',
        weekday: weekly ? (wd?.[0] ?? null) : null,
        halfDay: weekly ? halfDayIn(s.heading) : null,
      });
      if (looksDamaged(s.heading)) warnings.push(`${where}: "${s.heading}" có thể bị lỗi trích xuất (thiếu chữ).`);
      for (const x of agenda.assignments)
        warnings.push(`Dòng ${x.line}: câu giao "${x.text}" không thuộc phiên họp nào có danh sách nội dung.`);
      continue;
    }
    const kind = meetingKindOf(s.heading);
    const date = dateIn(s.heading);
    const weekday = weekdayIn(s.heading);
    const session: ParsedSession = {
      heading: s.heading,
      label: s.label,
      line: s.line,
      kind: kind ?? 'other',
      bodyKind: bodyKindOf(s.heading),
      date,
      weekday: weekday?.[1] ?? null,
      time: timeIn(s.heading),
      halfDay: halfDayIn(s.heading),
      items: agenda.items,
      assignments: agenda.assignments,
    };
    sessions.push(session);
    if (!kind) warnings.push(`${where}: không nhận ra loại cuộc họp trong "${s.heading}"; ghi là "khác".`);
    if (!date)
      warnings.push(`${where}: tiêu đề không nêu ngày họp (dạng "Ngày 23/5/2023"): phiên này không được nhập.`);
    if (date && weekday && weekday[0] !== ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) {
      warnings.push(
        `${where}: ngày ${date.slice(8).replace(/^0/, '')}/${Number(date.slice(5, 7))}/${date.slice(0, 4)} không phải ${weekday[1]} như văn bản ghi.`,
      );
    }
    if (looksDamaged(s.heading))
      warnings.push(
        `${where}: tiêu đề "${s.heading}" có thể bị lỗi trích xuất (thiếu chữ); ngày, giờ và loại phiên họp vẫn đọc được.`,
      );
    for (const it of agenda.items)
      if (looksDamaged(it.title))
        warnings.push(`Nội dung ${it.number} (dòng ${it.line}) có thể bị lỗi trích xuất: "${it.title}".`);
    const seen = new Map<number, number>();
    for (const it of agenda.items) {
      if (seen.has(it.number))
        warnings.push(
          `${where}: số nội dung ${it.number} xuất hiện hai lần (dòng ${seen.get(it.number)} và ${it.line}).`,
        );
      seen.set(it.number, it.line);
    }
  }
  if (!sessions.length) warnings.push('Không thấy phiên họp nào có danh sách nội dung đánh số (1., 2., …) ở phần B.');

  // After "Nơi nhận:": the list (lines starting with - or +), then the signature block in capitals.
  const recipients: string[] = [];
  const signature: string[] = [];
  if (end < lines.length) {
    for (const l of lines.slice(end + 1)) {
      const t = collapse(l.text);
      if (!t) continue;
      if (/^(TM|KT|TL|Q|TUQ)\s*\.\s/.test(t) || (signature.length && t === t.toUpperCase())) signature.push(t);
      else if (!signature.length) recipients.push(t.replace(/^[-+•]\s*/, ''));
      else signature.push(t);
    }
  }
  return { documentNumber: number, month, partA, sessions, notes, recipients, signature, warnings };
}
