/**
 * The importer: what the Office already writes (a notice pasted as text, a .txt or a .docx) to a
 * notice with its sections and directives, every gap stated as a warning. Pure: the directory of
 * known bodies, agencies and officials is an argument, nothing is stored here.
 *
 * What it recognises:
 * - the header: issuer lines, "Số ..." (number), "<place>, ngày .. tháng .. năm ...." (date),
 *   "THÔNG BÁO" and the summary below it (title; its words give the kind: ý kiến chỉ đạo, kết
 *   luận, giao nhiệm vụ), the "-----" rule;
 * - the body: the opening paragraph (with the meeting's date, "Ngày 11 tháng 5 năm 2023, ..."),
 *   numbered section headings without final punctuation ("1. Về công tác Đảng, đoàn thể"), and
 *   every other paragraph as one directive, verbatim;
 * - in each directive: assignees where a sentence assigns ("Giao X ...", "Chỉ đạo X ...",
 *   "Đề nghị X ...", "X chủ trì, phối hợp với Y"), matched to known names (matcher.ts); a
 *   deadline where it names exactly one date on or after the meeting (not a document reference
 *   such as "Kế hoạch số 348/KH-LĐLĐ ngày 21/4/2023"); "thường xuyên" makes a standing task;
 * - the tail: "Nơi nhận:" and its lines, the signature block ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG").
 *
 * Text extracted from PDF breaks lines inside paragraphs: a line joins the previous one unless
 * that one ended a sentence block (".", ";", ":", "!", "?") or the line starts a heading, a
 * bullet or the tail. A .docx gives its paragraphs as they are.
 *
 * @example importNotice(paragraphsOfText(text), directory).directives.length // 15 for seed 000
 */
import { isLocalDate } from '../meetings/local-time';
import { buildAliases, matchAt, tokenise, type EntitySource, type Token } from './matcher';
import type { Assignee, AssigneeRole, Cadence, NoticeKind, Signer } from './types';
import { WARNINGS } from './wording';
import { shortDate } from '../shared/wording';

export interface ImportedDirective {
  /** Index into `sections`, or null. */
  section: number | null;
  text: string;
  assignees: Assignee[];
  /** The deadline's local date (its time is the end of the office day), or null. */
  due: string | null;
  cadence: Cadence | null;
  warnings: string[];
}

export interface ImportedNotice {
  bodyCode: string | null;
  kind: NoticeKind;
  number: string;
  date: string | null;
  title: string;
  meetingDate: string | null;
  signer: Signer;
  recipients: string[];
  preamble: string;
  sections: string[];
  directives: ImportedDirective[];
  warnings: string[];
}

export interface ImportHints {
  /** The issuing body when the Office names it (wins over what the text suggests). */
  bodyCode?: string | undefined;
}

export interface ImportDirectory extends EntitySource {
  bodies: (EntitySource['bodies'][number] & { kind: string })[];
}

/** Lines that end a paragraph block. */
const TERMINAL = /(\.\/\.|[.;:!?…])["”’)]*$/u;
const HEADING = /^((\d{1,2})|([IVXLC]{1,6}))\.\s+\S/u;
const BULLET = /^[-+•–]\s+/u;
const RECIPIENTS = /^Nơi nhận\s*:?/iu;
const AUTHORITY = /^(T\/M|TM\.?|T\/L|TL\.?|KT\.?|K\/T|Q\.)\s*\S/u;
const SEPARATOR = /^[-–—_*.\s]{3,}$/u;

const isUpper = (line: string) => /\p{L}/u.test(line) && line === line.toLocaleUpperCase('vi');
const clean = (line: string) =>
  line
    .normalize('NFC')
    .replace(/[\u00a0\t ]+/g, ' ')
    .trim();

/** The lines of pasted text (PDF extraction, Word, plain typing), cleaned, without empty ones. */
export function linesOfText(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u000c/g, '\n')
    .split('\n')
    .map(clean)
    .filter(Boolean);
}

const pad = (n: number) => String(n).padStart(2, '0');
function ymd(y: number, m: number, d: number): string | null {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  return isLocalDate(s) ? s : null;
}

/** Dates written in a text: `19/5/2023`, `01/6/2023`, `ngày 19 tháng 5 năm 2023`, with where they are. */
export function datesIn(text: string): { date: string; index: number; written: string }[] {
  const out: { date: string; index: number; written: string }[] = [];
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?![\d/])/gu)) {
    const date = ymd(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) out.push({ date, index: m.index, written: m[0] });
  }
  for (const m of text.matchAll(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu)) {
    const date = ymd(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) out.push({ date, index: m.index, written: m[0] });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Months named without a day: "tháng 5/2023", "tháng 6 năm 2023". */
function monthsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/tháng\s+(\d{1,2})\s*(?:\/|năm)\s*(\d{4})(?![\d/])/giu)) out.push(m[0]);
  return out;
}

/** A date that belongs to a document reference: "Kế hoạch số 348/KH-LĐLĐ ngày 21/4/2023". */
function isReference(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  return /\bsố\s+[^\s,;]+\s+(ngày\s*)?$/iu.test(before);
}

/** Joins the lines of a body into paragraphs (see the top of this file). */
export function joinLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const starts = HEADING.test(line) || BULLET.test(line) || RECIPIENTS.test(line);
    if (prev === undefined || starts || TERMINAL.test(prev) || isHeading(prev)) out.push(line);
    else out[out.length - 1] = `${prev} ${line}`;
  }
  return out;
}

/** A numbered heading: short, no final punctuation ("1. Về công tác Đảng, đoàn thể"). */
export function isHeading(p: string): boolean {
  return HEADING.test(p) && p.length <= 150 && !/[.;:]$/u.test(p);
}

const TRIGGERS: string[][] = [['giao', 'cho'], ['giao'], ['chỉ', 'đạo'], ['đề', 'nghị'], ['yêu', 'cầu']];
/** Words before a trigger at a sentence's start ("Tiếp tục chỉ đạo ..."). */
const LEADING = [
  ['tiếp', 'tục'],
  ['thống', 'nhất'],
  ['đồng', 'thời'],
  ['sau', 'đó'],
];
/** Where an unknown assignee's words stop, for the warning. */
const VERBS = new Set([
  'chủ',
  'phối',
  'thực',
  'triển',
  'chỉ',
  'tổ',
  'xây',
  'rà',
  'báo',
  'tham',
  'chuẩn',
  'khẩn',
  'tiếp',
  'hướng',
  'kiểm',
  'theo',
  'nghiên',
  'phối',
]);

const startsWith = (tokens: Token[], i: number, words: string[]) => words.every((w, k) => tokens[i + k]?.tok === w);

/** The assignees a paragraph names, and a warning for a "Giao ..." whose names are unknown. */
export function assigneesIn(
  text: string,
  aliases: ReturnType<typeof buildAliases>,
): { assignees: Assignee[]; unknown: string[] } {
  const { spans, tokens } = tokenise(text);
  const nfc = text.normalize('NFC');
  const assignees: Assignee[] = [];
  const unknown: string[] = [];
  const add = (kind: Assignee['kind'], code: string, role: AssigneeRole) => {
    const found = assignees.find((a) => a.kind === kind && a.code === code);
    if (!found) assignees.push({ kind, code, role });
  };
  const starts = [0, ...tokens.flatMap((t, i) => (['.', ';', ':'].includes(t.tok) ? [i + 1] : []))];
  for (let s of starts) {
    for (const lead of LEADING) if (startsWith(tokens, s, lead)) s += lead.length;
    const trigger = TRIGGERS.find((t) => startsWith(tokens, s, t));
    let i = trigger ? s + trigger.length : s;
    let m = matchAt(tokens, i, aliases);
    if (!m) {
      if (trigger && trigger[0] !== 'chỉ') {
        const from = tokens[i]?.src;
        if (from !== undefined) {
          let last = -1;
          for (let k = i, n = 0; k < tokens.length && n < 8; k++) {
            const t = tokens[k]!;
            if (/^[,.;:()]$/.test(t.tok) || (VERBS.has(t.tok) && k > i)) break;
            if (t.src !== last) {
              last = t.src;
              n++;
            }
          }
          if (last >= 0) unknown.push(nfc.slice(spans[from]![0], spans[last]![1]));
        }
      }
      continue;
    }
    // Without a trigger, only "X chủ trì ..." assigns.
    if (!trigger && !startsWith(tokens, m.end, ['chủ', 'trì'])) continue;
    let role: AssigneeRole = 'lead';
    while (m) {
      add(m.entity.kind, m.entity.code, role);
      i = m.end;
      // Separators between names: ",", "và", "chủ trì", "phối hợp (với)".
      for (;;) {
        if (tokens[i]?.tok === ',' || tokens[i]?.tok === 'và') i++;
        else if (startsWith(tokens, i, ['chủ', 'trì'])) i += 2;
        else if (startsWith(tokens, i, ['phối', 'hợp', 'với'])) {
          i += 3;
          role = 'coordinating';
        } else if (startsWith(tokens, i, ['phối', 'hợp']) && matchAt(tokens, i + 2, aliases)) {
          i += 2;
          role = 'coordinating';
        } else break;
      }
      m = matchAt(tokens, i, aliases);
    }
  }
  return { assignees, unknown };
}

/** The deadline of a directive, or why there is none. */
export function deadlineIn(
  text: string,
  reference: string | null,
): { due: string | null; cadence: Cadence | null; warnings: string[] } {
  const candidates = datesIn(text).filter((d) => !isReference(text, d.index) && (!reference || d.date >= reference));
  const distinct = [...new Set(candidates.map((c) => c.date))];
  if (distinct.length === 1) return { due: distinct[0]!, cadence: null, warnings: [] };
  if (distinct.length > 1)
    return { due: null, cadence: null, warnings: [WARNINGS.severalDates(distinct.map(shortDate))] };
  if (/thường xuyên/iu.test(text)) return { due: null, cadence: 'monthly', warnings: [WARNINGS.standing] };
  const months = monthsIn(text);
  return { due: null, cadence: null, warnings: [months.length ? WARNINGS.monthOnly(months) : WARNINGS.noDeadline] };
}

function kindOf(title: string): NoticeKind | null {
  const t = tokenise(title)
    .tokens.map((x) => x.tok)
    .join(' ');
  if (t.includes('ý kiến chỉ đạo')) return 'directive-opinions';
  if (t.includes('kết luận')) return 'conclusions';
  if (t.includes('giao nhiệm vụ')) return 'task-assignment';
  return null;
}

/** The issuing body: an issuer line, else "của <body>" in the title, else the number's suffix. */
function issuingBody(issuerLines: string[], title: string, number: string, dir: ImportDirectory): string | null {
  const bodyAliases = buildAliases({ bodies: dir.bodies, agencies: [], officials: [] });
  for (const line of issuerLines) {
    const { tokens } = tokenise(line);
    for (let i = 0; i < tokens.length; i++) {
      const m = matchAt(tokens, i, bodyAliases);
      if (m && m.end === tokens.length) return m.entity.code;
    }
  }
  const { tokens } = tokenise(title);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.tok !== 'của') continue;
    let j = i + 1;
    if (startsWith(tokens, j, ['thường', 'trực'])) j += 2;
    else if (startsWith(tokens, j, ['ban', 'thường', 'vụ'])) j += 3;
    else if (startsWith(tokens, j, ['chủ', 'tịch'])) j += 2;
    const m = matchAt(tokens, j, bodyAliases);
    if (m) return m.entity.code;
  }
  const suffix = /(HU|TU|ĐU|UBND|HĐND)\s*$/u.exec(number)?.[1];
  const kind =
    suffix === 'UBND' ? 'people-committee' : suffix === 'HĐND' ? 'people-council' : suffix ? 'party-committee' : null;
  const ofKind = kind ? dir.bodies.filter((b) => b.kind === kind) : [];
  return ofKind.length === 1 ? ofKind[0]!.code : null;
}

/** The meeting's date from the opening ("Ngày 11 tháng 5 năm 2023, ...", "Chiều ngày 11/5/2023, ..."). */
function meetingDateOf(preamble: string): string | null {
  const first = datesIn(preamble.slice(0, 80))[0];
  return first ? first.date : null;
}

/**
 * A notice from its lines (`linesOfText` for text, the paragraphs of a .docx), against the known
 * names. `joined`: the lines are paragraphs already (a .docx), do not join them.
 */
export function importNotice(
  lines: string[],
  dir: ImportDirectory,
  hints: ImportHints = {},
  opts: { joined?: boolean } = {},
): ImportedNotice {
  const warnings: string[] = [];
  const all = lines.map(clean).filter(Boolean);

  // The header: up to the "-----" rule after "THÔNG BÁO", else up to the first body-like line.
  const noticeLine = all.findIndex((l) => /^THÔNG BÁO\b/u.test(l) && isUpper(l.replace(/[^\p{L}\s]/gu, '')));
  let bodyStart = -1;
  for (let i = Math.max(0, noticeLine); i < Math.min(all.length, Math.max(0, noticeLine) + 15); i++) {
    if (SEPARATOR.test(all[i]!)) {
      bodyStart = i + 1;
      break;
    }
  }
  if (bodyStart < 0) {
    const from = noticeLine >= 0 ? noticeLine + 1 : 0;
    const i = all.findIndex(
      (l, k) => k >= from && (/^(Ngày|Sáng|Chiều|Tối|Căn cứ|Thực hiện|Tại)\b/u.test(l) || isHeading(l)),
    );
    bodyStart = i >= 0 ? i : from;
  }
  const head = all.slice(0, bodyStart);
  let number = '';
  let date: string | null = null;
  const issuerLines: string[] = [];
  const titleLines: string[] = [];
  let afterNotice = false;
  for (const line of head) {
    const num = /^Số\s*:?\s*(\S.*)$/u.exec(line);
    const placeDate = /^.+?,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(line);
    if (num)
      number = /^[.…\s]*[-/]|^[.…\s]*$/u.test(num[1]!) ? '' : num[1]!.trim(); // ".../TB-UBND": a draft's dots
    else if (placeDate) date = ymd(Number(placeDate[3]), Number(placeDate[2]), Number(placeDate[1]));
    else if (/^THÔNG BÁO\b/u.test(line)) afterNotice = true;
    else if (/^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập)/iu.test(line) || SEPARATOR.test(line) || line === '*')
      continue;
    else if (afterNotice) titleLines.push(line);
    else issuerLines.push(line);
  }

  // The tail: "Nơi nhận:" and the signature block.
  const rest = all.slice(bodyStart);
  let tailStart = rest.findIndex((l) => RECIPIENTS.test(l));
  const authorityAt = rest.findIndex(
    (l, i) => AUTHORITY.test(l) && isUpper(l) && (tailStart < 0 || i >= tailStart - 3),
  );
  if (tailStart < 0) tailStart = authorityAt >= 0 ? authorityAt : rest.length;
  const body = rest.slice(0, Math.min(tailStart, authorityAt >= 0 ? authorityAt : rest.length));
  const tail = rest.slice(Math.min(tailStart, authorityAt >= 0 ? authorityAt : rest.length));
  const recipients: string[] = [];
  const signer: Signer = { authority: '', title: '', name: '' };
  let inRecipients = false;
  let sigLines = 0;
  for (const line of tail) {
    const r = RECIPIENTS.exec(line);
    if (r) {
      inRecipients = true;
      const after = line.slice(r[0].length).trim();
      if (after) recipients.push(after);
      continue;
    }
    if (inRecipients && BULLET.test(line)) {
      recipients.push(line);
      continue;
    }
    inRecipients = false;
    if (sigLines === 0 && AUTHORITY.test(line) && isUpper(line)) {
      signer.authority = line;
      sigLines = 1;
    } else if (sigLines === 1 && isUpper(line)) {
      signer.title = line;
      sigLines = 2;
    } else if (sigLines >= 1 && !isUpper(line) && !signer.name) {
      signer.name = line;
      sigLines = 3;
    }
  }

  // The body: the opening, the sections and the directives.
  const paragraphs = (opts.joined ? body : joinLines(body)).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const firstHeading = paragraphs.findIndex(isHeading);
  let preambleEnd: number;
  if (firstHeading >= 0) preambleEnd = firstHeading;
  else {
    const colon = paragraphs.findIndex((p, i) => i < 3 && /:$/u.test(p));
    preambleEnd = colon >= 0 ? colon + 1 : 0;
  }
  const preamble = paragraphs.slice(0, preambleEnd).join('\n');
  const meetingDate = meetingDateOf(preamble);
  const bodyCode = hints.bodyCode ?? issuingBody(issuerLines, titleLines.join(' '), number, dir);
  const title = titleLines.join(' ');
  const kind = kindOf(title);

  const aliases = buildAliases(dir);
  const sections: string[] = [];
  const directives: ImportedDirective[] = [];
  const reference = meetingDate ?? date;
  for (const p of paragraphs.slice(preambleEnd)) {
    if (isHeading(p)) {
      sections.push(p);
      continue;
    }
    const text = p.replace(BULLET, '');
    const found = assigneesIn(text, aliases);
    const deadline = deadlineIn(text, reference);
    const dWarnings: string[] = [];
    if (!found.assignees.length)
      dWarnings.push(...(found.unknown.length ? found.unknown.map(WARNINGS.unknownAssignee) : [WARNINGS.noAssignee]));
    else dWarnings.push(...found.unknown.map(WARNINGS.unknownAssignee));
    dWarnings.push(...deadline.warnings);
    directives.push({
      section: sections.length ? sections.length - 1 : null,
      text,
      assignees: found.assignees,
      due: deadline.due,
      cadence: deadline.cadence,
      warnings: dWarnings,
    });
  }

  if (!bodyCode) warnings.push(WARNINGS.noBody);
  if (!kind) warnings.push(WARNINGS.noKind);
  if (!number) warnings.push(WARNINGS.noNumber);
  if (!date) warnings.push(WARNINGS.noDate(meetingDate ? shortDate(meetingDate) : null));
  if (!directives.length) warnings.push(WARNINGS.noDirectives);
  if (!recipients.length) warnings.push(WARNINGS.noRecipients);
  if (!signer.authority && !signer.title) warnings.push(WARNINGS.noSignature);
  return {
    bodyCode,
    kind: kind ?? 'directive-opinions',
    number,
    date,
    title,
    meetingDate,
    signer,
    recipients,
    preamble,
    sections,
    directives,
    warnings,
  };
}
