/**
 * Builds the monthly work programme (Chương trình công tác tháng) of one body from the month's
 * occurrences and agendas, the Office's part A and settings. Pure: the same input gives the same
 * document, which is what is rendered, compared and frozen on publication.
 */
import { parseRule } from '../meetings/rrule-parse';
import type { Series } from '../meetings/types';
import { roman } from './format';
import {
  ASSUMED_TIME_NOTE,
  clockTime,
  dateWithWeekday,
  dayMonth,
  joinVi,
  meetingTime,
  partOfDay,
  shortDate,
  WEEKDAY_WORDS,
  weekdayWord,
} from '../shared/wording';
import { buildPartA } from './part-a';
import { monthRange } from './periods';
import { agendaLines } from './preparing-lines';
import { documentBody, documentHeader, meetingEntries, officeWarnings, type BuildContext } from './entries';
import type { MeetingEntry, ProgrammeDocument, ProgrammeSection } from './types';

const SESSION_KINDS = ['regular-session', 'extraordinary-session', 'council-session'];
const ORDINAL_WORDS: Record<string, string> = {
  '1': 'thứ nhất',
  '2': 'thứ hai',
  '3': 'thứ ba',
  '4': 'thứ tư',
  '5': 'thứ năm',
  '-1': 'cuối cùng',
};

export interface ProgrammeInput extends BuildContext {
  /** `YYYY-MM`. */
  month: string;
  /** The body's series (for the standing slots' wording). */
  series: Series[];
}

/**
 * How a standing slot recurs, in words, from its rule and start time.
 * @example describeRecurrence('FREQ=WEEKLY;BYDAY=TH', '14:00') === 'vào chiều thứ Năm hằng tuần'
 *          describeRecurrence('FREQ=MONTHLY;BYDAY=2TH', '08:00') === 'vào sáng thứ Năm tuần thứ hai hằng tháng'
 */
export function describeRecurrence(rrule: string, startTime: string): string | null {
  const rule = parseRule(rrule);
  if (typeof rule === 'string' || rule.interval !== 1) return null;
  const buoi = partOfDay(startTime).toLowerCase();
  const day = rule.byday.length === 1 ? rule.byday[0]! : null;
  if (rule.freq === 'WEEKLY' && day && day.n === null) return `vào ${buoi} ${WEEKDAY_WORDS[day.weekday]} hằng tuần`;
  if (rule.freq === 'MONTHLY' && day && day.n !== null && ORDINAL_WORDS[String(day.n)]) {
    return `vào ${buoi} ${WEEKDAY_WORDS[day.weekday]} tuần ${ORDINAL_WORDS[String(day.n)]} hằng tháng`;
  }
  if (rule.freq === 'MONTHLY' && !rule.byday.length && rule.bymonthday.length === 1 && rule.bymonthday[0]! > 0) {
    return `vào ${buoi} ngày ${rule.bymonthday[0]} hằng tháng`;
  }
  return null;
}

/** "các ngày 4, 11, 18 và 25/5/2023" (one month) or "ngày 11/5/2023". */
function datesText(dates: string[]): string {
  if (dates.length === 1) return `ngày ${shortDate(dates[0]!)}`;
  const sameMonth = dates.every((d) => d.slice(0, 7) === dates[0]!.slice(0, 7));
  if (sameMonth) {
    const days = dates.map((d) => String(Number(d.slice(8, 10))));
    const last = dates[dates.length - 1]!;
    return `các ngày ${joinVi([...days.slice(0, -1), `${days[days.length - 1]}/${Number(last.slice(5, 7))}/${last.slice(0, 4)}`])}`;
  }
  return `các ngày ${joinVi(dates.map(dayMonth))}`;
}

function sessionText(m: MeetingEntry, month: number, year: number): string {
  const suffix = m.kind === 'regular-session' && !/tháng/i.test(m.title) ? ` tháng ${month}/${year}` : '';
  const date = dateWithWeekday(m.start.slice(0, 10));
  if (!m.items.length) return `${m.title}${suffix}: ${date}.`;
  const what = m.kind === 'council-session' ? 'kỳ họp' : 'phiên họp';
  return `${m.title}${suffix}: ${date}; dự kiến các nội dung trình ${what} gồm:`;
}

/** Adds the decree's end mark "./." to the last sentence of the document's body. */
function endMark(sections: ProgrammeSection[]): void {
  const last = sections[sections.length - 1];
  if (!last) return;
  const mark = (s: string) => s.replace(/[.:;]?\s*$/, './.');
  if (last.entries.length) last.entries[last.entries.length - 1] = mark(last.entries[last.entries.length - 1]!);
  else last.text = mark(last.text);
}

/** Where the rule put an occurrence, and whether it is an extra session rather than the rule's own. */
export interface OccurrenceOrigin {
  originalStart: string;
  extra: boolean;
}

/** "8h00 sáng thứ Tư, ngày 10/5/2023", with "(giờ dự kiến)" after an estimated time. */
const slotText = (localStart: string, assumed?: boolean) =>
  `${clockTime(localStart.slice(11, 16))} ${partOfDay(localStart.slice(11, 16)).toLowerCase()} ${weekdayWord(localStart.slice(0, 10))}, ngày ${shortDate(localStart.slice(0, 10))}${assumed ? ` ${ASSUMED_TIME_NOTE}` : ''}`;

/**
 * A standing slot in one sentence: the rule with the dates that keep to it, then every exception
 * with its own day and time (a moved or extra session, a cancelled one), so that no date is
 * listed under a rule it does not follow.
 */
function standingText(
  title: string,
  rule: string | null,
  meetings: MeetingEntry[],
  origins: ReadonlyMap<string, OccurrenceOrigin>,
): string {
  const live = meetings.filter((m) => m.status !== 'cancelled');
  if (!rule) return `${title}: ${datesText(live.map((m) => m.start.slice(0, 10)))}.`;
  const origin = (m: MeetingEntry) => origins.get(m.id) ?? { originalStart: m.start, extra: false };
  const follows = (m: MeetingEntry) =>
    m.status !== 'cancelled' && !origin(m).extra && origin(m).originalStart === m.start;
  const kept = meetings.filter(follows).map((m) => m.start.slice(0, 10));
  const exceptions = meetings
    .filter((m) => !follows(m))
    .map((m) => {
      const o = origin(m);
      if (m.status === 'cancelled') return `buổi ngày ${shortDate(o.originalStart.slice(0, 10))} không họp`;
      if (o.extra) return `thêm buổi ${slotText(m.start, m.timeAssumed)}`;
      return `buổi ngày ${shortDate(o.originalStart.slice(0, 10))} dời sang ${slotText(m.start, m.timeAssumed)}`;
    });
  const head = kept.length ? `${title} ${rule} (${datesText(kept)})` : `${title} ${rule}`;
  return exceptions.length ? `${head}${kept.length ? ';' : ':'} ${exceptions.join('; ')}.` : `${head}.`;
}

export function partBSections(
  entries: MeetingEntry[],
  series: Series[],
  body: { shortName: string },
  month: number,
  year: number,
  origins: ReadonlyMap<string, OccurrenceOrigin> = new Map(),
): ProgrammeSection[] {
  const live = entries.filter((m) => m.status !== 'cancelled');
  const sections: ProgrammeSection[] = [];
  const add = (s: Omit<ProgrammeSection, 'numeral'>) => sections.push({ numeral: roman(sections.length + 1), ...s });

  for (const m of live.filter((x) => SESSION_KINDS.includes(x.kind))) {
    add({
      kind: 'session',
      text: sessionText(m, month, year),
      lines: agendaLines(m.items),
      entries: [],
      occurrenceIds: [m.id],
    });
  }

  const conferences = live.filter(
    (x) => x.kind === 'thematic-conference' || x.kind === 'other' || (x.kind === 'briefing' && !x.seriesId),
  );
  const separate = `Các hội nghị chuyên đề, ${body.shortName} sẽ có lịch cụ thể riêng.`;
  if (!conferences.length) add({ kind: 'conferences', text: separate, lines: [], entries: [], occurrenceIds: [] });
  else {
    add({
      kind: 'conferences',
      text: 'Các hội nghị chuyên đề, hội nghị khác trong tháng:',
      lines: [],
      entries: [
        ...conferences.map(
          (c, i) =>
            `${i + 1}. ${c.title}: ${dateWithWeekday(c.start.slice(0, 10))}, ${meetingTime(c.start.slice(11), c.timeAssumed)}${c.location ? `, tại ${c.location}` : ''}.`,
        ),
        `Các hội nghị chuyên đề khác, ${body.shortName} sẽ có lịch cụ thể riêng.`,
      ],
      occurrenceIds: conferences.map((c) => c.id),
    });
  }

  // Standing slots, cancelled sessions included: they are said as exceptions to the rule.
  const bySeries = new Map<string, MeetingEntry[]>();
  for (const m of entries.filter((x) => x.kind === 'briefing' && x.seriesId))
    bySeries.set(m.seriesId!, [...(bySeries.get(m.seriesId!) ?? []), m]);
  for (const [seriesId, meetings] of bySeries) {
    const s = series.find((x) => x.id === seriesId);
    const rule = s ? describeRecurrence(s.rrule, s.startTime) : null;
    if (!rule && meetings.every((m) => m.status === 'cancelled')) continue;
    const title = s?.title ?? meetings[0]!.title;
    add({
      kind: 'standing',
      text: standingText(title, rule, meetings, origins),
      lines: [],
      entries: [],
      occurrenceIds: meetings.map((m) => m.id),
    });
  }
  endMark(sections);
  return sections;
}

/** The programme of `input.month`; a draft unless `publication` is given. */
export function buildProgramme(input: ProgrammeInput): ProgrammeDocument {
  const { body, settings, month } = input;
  const range = monthRange(month);
  const occs = input.occurrences.filter(
    (o) => o.bodyCode === body.code && o.localStart.slice(0, 10) >= range.from && o.localStart.slice(0, 10) <= range.to,
  );
  const entries = meetingEntries(occs, input.items, input.directory);
  const origins = new Map(
    occs.map((o) => [o.id, { originalStart: o.originalLocalStart, extra: o.meetingId !== null }]),
  );
  const partA = buildPartA(settings.partA);
  const warnings = [
    ...(partA.markdown ? [] : ['Chưa có nội dung phần A (nhiệm vụ trọng tâm) của tháng này.']),
    ...(entries.some((m) => m.status !== 'cancelled' && SESSION_KINDS.includes(m.kind))
      ? []
      : ['Tháng này chưa có phiên họp nào.']),
    ...officeWarnings(occs, input.items),
  ];
  return {
    type: 'programme',
    schemaVersion: 1,
    period: month,
    year: range.year,
    month: range.month,
    body: documentBody(body),
    header: documentHeader(body, settings, {
      number: null,
      issueDate: settings.issueDate,
      year: range.year,
      numbered: true,
    }),
    title: `CHƯƠNG TRÌNH CÔNG TÁC THÁNG ${range.month} NĂM ${range.year}`,
    revisionLabel: null,
    partA,
    partB: {
      heading: 'HỘI NGHỊ CHÍNH TRONG THÁNG',
      sections: partBSections(entries, input.series, body, range.month, range.year, origins),
    },
    signature: {
      authority: settings.signatureAuthority,
      title: settings.signatureTitle,
      signerName: settings.signerName,
    },
    recipients: settings.recipients,
    meetings: entries,
    warnings,
    publication: null,
  };
}
