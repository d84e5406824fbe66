/**
 * Builds the weekly schedule (Lịch công tác tuần) of one body: day by day, morning and afternoon,
 * with lunar dates and days off. Pure.
 */
import { decisionLabel } from '../calendar/holidays';
import { formatLunarShort, solarToLunar } from '../calendar/lunar';
import type { Occurrence } from '../meetings/types';
import { clockTime, meetingTime, partOfDay, shortDate, weekdayLabel } from '../shared/wording';
import { weekRange } from './periods';
import { documentBody, documentHeader, meetingEntries, officeWarnings, type BuildContext } from './entries';
import type { MeetingEntry, ScheduleDay, ScheduleDocument, ScheduleEntry } from './types';

export interface ScheduleInput extends BuildContext {
  /** ISO week `YYYY-Www`. */
  week: string;
  /** Days off (holidays, nghỉ bù, decided days): the working calendar. */
  calendar: {
    dayOff(date: string): { name: string; kind: string; documentNumber?: string; documentDate?: string } | null;
  };
}

function uniq(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

function entryOf(m: MeetingEntry, occ: Occurrence): ScheduleEntry {
  const time = m.start.slice(11, 16);
  const attendees = uniq([
    ...m.officials.filter((o) => o.code !== m.chair?.code).map((o) => o.name),
    ...m.agencies.map((a) => a.name),
  ]);
  const preparing = uniq(m.items.flatMap((i) => i.agencies.filter((a) => a.role === 'lead').map((a) => a.name)));
  let note = '';
  if (m.status === 'cancelled') note = `Đã hủy${m.reason ? `: ${m.reason}` : ''}`;
  else if (occ.originalLocalStart !== occ.localStart) {
    note = `Dời từ ${clockTime(occ.originalLocalStart.slice(11, 16))} ngày ${shortDate(occ.originalLocalStart.slice(0, 10))}${occ.holiday ? ` (${occ.holiday.name})` : ''}`;
  }
  return {
    occurrenceId: m.id,
    period: partOfDay(time),
    time: meetingTime(time, m.timeAssumed),
    content: m.items.length ? `${m.title} (${m.items.length} nội dung trình)` : m.title,
    chair: m.chair?.name ?? '',
    attendees: attendees.join('; '),
    preparing: preparing.join('; '),
    place: m.location,
    status: m.status,
    note,
  };
}

/** "Tết Nguyên đán (theo Công văn số 8662/VPCP-KGVX ngày 03/11/2023)": the day off and the decision behind it. */
function dayOffLabel(off: { name: string; documentNumber?: string; documentDate?: string }): string {
  const decided = decisionLabel(off);
  return decided ? `${off.name} (theo ${decided})` : off.name;
}

export function buildSchedule(input: ScheduleInput): ScheduleDocument {
  const { body, settings, week } = input;
  const range = weekRange(week);
  const occs = input.occurrences.filter(
    (o) => o.bodyCode === body.code && range.days.includes(o.localStart.slice(0, 10)),
  );
  const entries = meetingEntries(occs, input.items, input.directory);
  const days: ScheduleDay[] = range.days.map((date) => {
    const off = input.calendar.dayOff(date);
    return {
      date,
      weekday: weekdayLabel(date),
      dateLabel: shortDate(date),
      lunar: formatLunarShort(solarToLunar(date)),
      dayOff: off && off.kind !== 'weekend' ? dayOffLabel(off) : null,
      entries: occs
        .filter((o) => o.localStart.slice(0, 10) === date)
        .map((o) =>
          entryOf(
            entries.find((m) => m.id === o.id)!,
            o,
          ),
        ),
    };
  });
  const year = Number(range.from.slice(0, 4));
  return {
    type: 'schedule',
    schemaVersion: 1,
    period: week,
    from: range.from,
    to: range.to,
    body: documentBody(body),
    header: documentHeader(body, settings, { number: null, issueDate: null, year, numbered: false }),
    title: 'LỊCH CÔNG TÁC TUẦN',
    subtitle: `Tuần ${Number(week.slice(6))} (từ ngày ${shortDate(range.from)} đến ngày ${shortDate(range.to)})`,
    revisionLabel: null,
    days,
    note: 'Lịch này thay thư mời họp.',
    signature: {
      authority: settings.signatureAuthority,
      title: settings.signatureTitle,
      signerName: settings.signerName,
    },
    recipients: settings.recipients,
    meetings: entries,
    warnings: officeWarnings(occs, input.items),
    publication: null,
  };
}
