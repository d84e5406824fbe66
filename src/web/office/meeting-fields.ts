/**
 * The fields a series and a one-off meeting share (title, kind, chair, attendees, place), and the
 * reading of their posted values into the API's input shape. Pure rendering.
 */
import { MEETING_KINDS, type Series } from '../../meetings/types';
import type { Directory } from '../../meetings/views';
import { html, type SafeHtml } from '../../shared/html';
import { MEETING_KIND_LABELS } from '../../shared/wording';
import { checkboxes, input, many, numberOf, one, optionsOf, select, type FormState, type FormValues } from '../forms';

/** The officials (of one body, if given) and all agencies, as select options. */
function people(dir: Directory, bodyCode?: string) {
  const officials = [...dir.officials.values()]
    .filter((o) => !bodyCode || o.bodyCode === bodyCode)
    .map((o) => ({ value: o.code, label: o.name }));
  const agencies = [...dir.agencies.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((a) => ({ value: a.code, label: a.name }));
  return { officials, agencies };
}

/** Title, kind, chair, attendees and place of a meeting or series. */
export function meetingFields(
  dir: Directory,
  state: FormState | undefined,
  current: Partial<Series> = {},
  bodyCode?: string,
): SafeHtml {
  const p = people(dir, bodyCode);
  const kinds = optionsOf(MEETING_KIND_LABELS, MEETING_KINDS);
  return html`${input({ name: 'title', label: 'Tên cuộc họp', value: current.title, state })}
${select({ name: 'kind', label: 'Loại cuộc họp', options: kinds, value: current.kind, state })}
${select({
  name: 'chairCode',
  label: 'Chủ trì',
  options: p.officials,
  blank: '(không ghi)',
  value: current.chairCode ?? '',
  state,
})}
${checkboxes({
  name: 'attendees.officials',
  label: 'Lãnh đạo dự họp',
  options: p.officials,
  checked: current.attendees?.officials ?? [],
  state,
})}
${checkboxes({
  name: 'attendees.agencies',
  label: 'Cơ quan dự họp',
  options: p.agencies,
  checked: current.attendees?.agencies ?? [],
  state,
})}
${input({ name: 'location', label: 'Địa điểm', value: current.location, state })}`;
}

/** The posted values of a series form (and the shared part of a meeting form) as the API takes them. */
export function seriesPayload(v: FormValues) {
  return {
    title: one(v, 'title'),
    kind: one(v, 'kind'),
    bodyCode: one(v, 'bodyCode'),
    chairCode: one(v, 'chairCode') || null,
    attendees: { officials: many(v, 'attendees.officials'), agencies: many(v, 'attendees.agencies') },
    location: one(v, 'location'),
    startTime: one(v, 'startTime'),
    durationMinutes: numberOf(one(v, 'durationMinutes')),
    rrule: one(v, 'rrule'),
    startDate: one(v, 'startDate'),
    endDate: one(v, 'endDate') || null,
    holidayPolicy: one(v, 'holidayPolicy'),
    description: one(v, 'description'),
  };
}
