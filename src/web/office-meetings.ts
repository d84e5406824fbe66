/**
 * Office pages for the schedule: the dashboard, a body's month (add a one-off meeting or an extra
 * session of a series), and meeting series (list, create, edit).
 */
import { Router, type Response } from 'express';
import { parseWith } from '../http/validate';
import { extraSessionInput, meetingInput, seriesInput, seriesPatch } from '../meetings/schemas';
import { HOLIDAY_POLICIES, MEETING_KINDS, type Series } from '../meetings/types';
import { loadDirectory, type Directory } from '../meetings/views';
import { meetingEntries } from '../publishing/entries';
import { html, type SafeHtml } from '../publishing/html';
import { currentPeriods, monthPeriod, monthRange, shiftMonth } from '../publishing/periods';
import type { Services } from '../services';
import { ValidationError } from '../shared/errors';
import { code } from '../shared/schemas';
import { userOf } from './auth';
import { checkboxes, form, input, many, numberOf, one, optional, select, submitForm, textarea, type FormState, type FormValues } from './forms';
import { page } from './layout';
import { DONE_MESSAGES, HOLIDAY_POLICY_LABELS, MEETING_KIND_LABELS } from './messages';
import { occurrencePath } from './office-occurrence';
import { meetingsByDay } from './views';

const options = (labels: Record<string, string>, keys: readonly string[]) => keys.map((k) => ({ value: k, label: labels[k] ?? k }));
const monthLabel = (month: string) => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

const SERIES_FIELDS = ['id', 'title', 'kind', 'bodyCode', 'chairCode', 'attendees.officials', 'attendees.agencies', 'location', 'startTime', 'durationMinutes', 'rrule', 'startDate', 'endDate', 'holidayPolicy', 'description'];
const MEETING_FIELDS = ['title', 'kind', 'chairCode', 'attendees.officials', 'attendees.agencies', 'location', 'date', 'time', 'durationMinutes', 'description'];

function people(dir: Directory, bodyCode?: string) {
  const officials = [...dir.officials.values()].filter((o) => !bodyCode || o.bodyCode === bodyCode).map((o) => ({ value: o.code, label: o.name }));
  const agencies = [...dir.agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((a) => ({ value: a.code, label: a.name }));
  return { officials, agencies };
}

/** The fields shared by series and one-off meetings: title, kind, chair, attendees, place, description. */
function meetingFields(dir: Directory, state: FormState | undefined, current: Partial<Series> = {}, bodyCode?: string): SafeHtml {
  const p = people(dir, bodyCode);
  return html`${input({ name: 'title', label: 'Tên cuộc họp', value: current.title, state })}
${select({ name: 'kind', label: 'Loại cuộc họp', options: options(MEETING_KIND_LABELS, MEETING_KINDS), value: current.kind, state })}
${select({ name: 'chairCode', label: 'Chủ trì', options: p.officials, blank: '(không ghi)', value: current.chairCode ?? '', state })}
${checkboxes({ name: 'attendees.officials', label: 'Lãnh đạo dự họp', options: p.officials, checked: current.attendees?.officials ?? [], state })}
${checkboxes({ name: 'attendees.agencies', label: 'Cơ quan dự họp', options: p.agencies, checked: current.attendees?.agencies ?? [], state })}
${input({ name: 'location', label: 'Địa điểm', value: current.location, state })}`;
}

function seriesPayload(v: FormValues) {
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

export function officeMeetingPages(s: Services): Router {
  const r = Router();
  const done = (q: unknown) => DONE_MESSAGES[String(q ?? '')] ?? null;

  r.get('/van-phong', async (req, res) => {
    const bodies = await s.orgRepos.bodies.list();
    const now = currentPeriods(s.clock.now(), s.settings.defaultTimeZone);
    res.send(
      page(
        { title: 'Văn phòng', user: userOf(res), done: done(req.query.ok) },
        html`<h1>Văn phòng: quản lý lịch họp</h1>
<p><a href="/van-phong/chuoi">Lịch họp định kỳ (chuỗi)</a> · <a href="/van-phong/chuoi/moi">Tạo lịch họp định kỳ</a> · <a href="/van-phong/chi-dao">Theo dõi ý kiến chỉ đạo</a></p>
<div class="grid">${bodies.map(
          (b) => html`<div class="card" data-body="${b.code}"><h2>${b.name}</h2><ul>
<li><a href="/van-phong/lich/${b.code}/${now.month}">Lịch ${monthLabel(now.month)}: dời, hủy, thêm phiên họp</a></li>
<li><a href="/van-phong/san-sang/${b.code}/${now.month}">Bảng theo dõi chuẩn bị nội dung</a></li>
<li><a href="/van-phong/chuong-trinh/${b.code}/${now.month}">Chương trình công tác ${monthLabel(now.month)}: phần A, ban hành</a></li>
<li><a href="/van-phong/lich-tuan/${b.code}/${now.week}">Lịch công tác tuần này: ban hành</a></li></ul></div>`,
        )}</div>`,
      ),
    );
  });

  async function monthPage(res: Response, bodyCode: string, month: string, forms: Record<string, FormState> = {}, ok?: string | null): Promise<string> {
    const body = await s.organisation.getBody(bodyCode);
    const range = monthRange(month);
    const occs = await s.meetings.occurrencesIn({ from: range.from, to: range.to, bodyCode });
    const [items, dir, series] = await Promise.all([s.agendaRepo.listByOccurrences(occs.map((o) => o.id)), loadDirectory(s.orgRepos), s.meetings.listSeries(bodyCode)]);
    const user = userOf(res)!;
    const base = `/van-phong/lich/${bodyCode}/${month}`;
    return page(
      { title: `${body.shortName} - ${monthLabel(month)}`, user, done: ok ?? null, crumbs: [{ href: '/van-phong', label: 'Văn phòng' }] },
      html`<h1>Lịch ${body.name}, ${monthLabel(month)}</h1>
<nav class="nav-periods"><a href="/van-phong/lich/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a><a href="/van-phong/lich/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a><a href="/van-phong/san-sang/${bodyCode}/${month}">Bảng theo dõi</a><a href="/van-phong/chuong-trinh/${bodyCode}/${month}">Chương trình công tác</a></nav>
<p class="muted">Bấm tên cuộc họp để dời, hủy hoặc sửa nội dung trình.</p>
${meetingsByDay(meetingEntries(occs, items, dir), (m) => occurrencePath(m.id))}
<div class="grid two">
<div class="card"><h2>Thêm phiên họp bổ sung của lịch định kỳ</h2>${form(`${base}/phien-bo-sung`, user.csrf, html`${select({ name: 'seriesId', label: 'Lịch định kỳ', options: series.map((x) => ({ value: x.id, label: x.title })), blank: '(chọn)', state: forms.extra })}${input({ name: 'date', label: 'Ngày', type: 'date', state: forms.extra })}${input({ name: 'time', label: 'Giờ (để trống: giờ của lịch định kỳ)', type: 'time', state: forms.extra })}${textarea({ name: 'reason', label: 'Lý do', state: forms.extra })}<div><button type="submit">Thêm phiên họp</button></div>`, { id: 'extra-form', state: forms.extra })}</div>
<div class="card"><h2>Thêm cuộc họp (một lần)</h2>${form(`${base}/cuoc-hop`, user.csrf, html`${meetingFields(dir, forms.meeting, {}, bodyCode)}${input({ name: 'date', label: 'Ngày', type: 'date', state: forms.meeting })}${input({ name: 'time', label: 'Giờ', type: 'time', value: '08:00', state: forms.meeting })}${input({ name: 'durationMinutes', label: 'Thời lượng (phút)', type: 'number', value: '120', state: forms.meeting })}${textarea({ name: 'description', label: 'Mô tả', state: forms.meeting })}<div><button type="submit">Thêm cuộc họp</button></div>`, { id: 'meeting-form', state: forms.meeting })}</div>
</div>`,
    );
  }

  const monthParams = (p: Record<string, unknown>) => ({ bodyCode: parseWith(code, p.body, 'body'), month: parseWith(monthPeriod, p.month, 'month') });

  r.get('/van-phong/lich/:body/:month', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    res.send(await monthPage(res, bodyCode, month, {}, done(req.query.ok)));
  });

  r.post('/van-phong/lich/:body/:month/cuoc-hop', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: MEETING_FIELDS,
      action: async () => {
        const p = seriesPayload(v);
        const input = parseWith(meetingInput, { title: p.title, kind: p.kind, bodyCode, chairCode: p.chairCode, attendees: p.attendees, location: p.location, date: one(v, 'date'), time: one(v, 'time'), durationMinutes: p.durationMinutes, description: p.description });
        const m = await s.meetings.createMeeting(input);
        return `${occurrencePath(m.id)}?ok=meeting-created`;
      },
      rerender: (state) => monthPage(res, bodyCode, month, { meeting: state }),
    });
  });

  r.post('/van-phong/lich/:body/:month/phien-bo-sung', async (req, res) => {
    const { bodyCode, month } = monthParams(req.params);
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: ['seriesId', 'date', 'time', 'reason'],
      action: async () => {
        const seriesId = one(v, 'seriesId');
        if (!seriesId) throw ValidationError.field('seriesId', 'must not be empty');
        const m = await s.meetings.addExtraSession(seriesId, parseWith(extraSessionInput, { date: one(v, 'date'), time: optional(one(v, 'time')), reason: one(v, 'reason') }));
        return `${occurrencePath(m.id)}?ok=extra-created`;
      },
      rerender: (state) => monthPage(res, bodyCode, month, { extra: state }),
    });
  });

  // Series
  async function seriesForm(res: Response, current: Series | null, state?: FormState, ok?: string | null): Promise<string> {
    const [dir, bodies] = await Promise.all([loadDirectory(s.orgRepos), s.orgRepos.bodies.list()]);
    const user = userOf(res)!;
    const action = current ? `/van-phong/chuoi/${encodeURIComponent(current.id)}` : '/van-phong/chuoi';
    return page(
      { title: current ? current.title : 'Tạo lịch họp định kỳ', user, done: ok ?? null, crumbs: [{ href: '/van-phong', label: 'Văn phòng' }, { href: '/van-phong/chuoi', label: 'Lịch định kỳ' }] },
      html`<h1>${current ? `Sửa: ${current.title}` : 'Tạo lịch họp định kỳ'}</h1>
${current?.warnings.length ? html`<ul class="warnings">${current.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<div class="card">${form(
        action,
        user.csrf,
        html`${current ? '' : input({ name: 'id', label: 'Mã (tùy chọn)', hint: 'chữ thường không dấu, số, gạch ngang; để trống để tự tạo', state })}
${select({ name: 'bodyCode', label: 'Cơ quan họp', options: bodies.map((b) => ({ value: b.code, label: b.name })), value: current?.bodyCode, state })}
${meetingFields(dir, state, current ?? {})}
${input({ name: 'startTime', label: 'Giờ bắt đầu', type: 'time', value: current?.startTime ?? '08:00', state })}
${input({ name: 'durationMinutes', label: 'Thời lượng (phút)', type: 'number', value: String(current?.durationMinutes ?? 120), state })}
${input({ name: 'rrule', label: 'Quy tắc lặp (RRULE)', value: current?.rrule, hint: 'Ví dụ: FREQ=WEEKLY;BYDAY=TH (thứ Năm hằng tuần); FREQ=MONTHLY;BYMONTHDAY=25 (ngày 25 hằng tháng); FREQ=MONTHLY;BYDAY=2TH (thứ Năm tuần thứ hai)', state })}
${input({ name: 'startDate', label: 'Từ ngày', type: 'date', value: current?.startDate, state })}
${input({ name: 'endDate', label: 'Đến ngày (để trống: không hạn)', type: 'date', value: current?.endDate ?? '', state })}
${select({ name: 'holidayPolicy', label: 'Khi trùng ngày nghỉ', options: options(HOLIDAY_POLICY_LABELS, HOLIDAY_POLICIES), value: current?.holidayPolicy ?? 'next-working-day', state })}
${textarea({ name: 'description', label: 'Mô tả', value: current?.description, state })}
<div><button type="submit">${current ? 'Lưu' : 'Tạo lịch định kỳ'}</button></div>`,
        { id: 'series-form', state },
      )}</div>`,
    );
  }

  r.get('/van-phong/chuoi', async (req, res) => {
    const [series, bodies] = await Promise.all([s.meetings.listSeries(), s.orgRepos.bodies.list()]);
    const name = (c: string) => bodies.find((b) => b.code === c)?.shortName ?? c;
    res.send(
      page(
        { title: 'Lịch họp định kỳ', user: userOf(res), done: done(req.query.ok), crumbs: [{ href: '/van-phong', label: 'Văn phòng' }] },
        html`<h1>Lịch họp định kỳ</h1><p><a class="button" href="/van-phong/chuoi/moi">Tạo lịch định kỳ</a></p>
<div class="table-wrap"><table class="list responsive"><thead><tr><th>Tên</th><th>Cơ quan</th><th>Loại</th><th>Quy tắc</th><th>Giờ</th><th>Từ ngày</th></tr></thead><tbody>
${series.map((x) => html`<tr><td data-label="Tên"><a href="/van-phong/chuoi/${encodeURIComponent(x.id)}">${x.title}</a></td><td data-label="Cơ quan">${name(x.bodyCode)}</td><td data-label="Loại">${MEETING_KIND_LABELS[x.kind]}</td><td data-label="Quy tắc"><code>${x.rrule}</code></td><td data-label="Giờ">${x.startTime}</td><td data-label="Từ ngày">${x.startDate}</td></tr>`)}
</tbody></table></div>`,
      ),
    );
  });
  r.get('/van-phong/chuoi/moi', async (_req, res) => void res.send(await seriesForm(res, null)));
  r.post('/van-phong/chuoi', async (req, res) => {
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: SERIES_FIELDS,
      action: async () => {
        const created = await s.meetings.createSeries(parseWith(seriesInput, { id: optional(one(v, 'id')), ...seriesPayload(v) }));
        return `/van-phong/chuoi/${encodeURIComponent(created.id)}?ok=series-created`;
      },
      rerender: (state) => seriesForm(res, null, state),
    });
  });
  r.get('/van-phong/chuoi/:id', async (req, res) => {
    res.send(await seriesForm(res, await s.meetings.getSeries(String(req.params.id)), undefined, done(req.query.ok)));
  });
  r.post('/van-phong/chuoi/:id', async (req, res) => {
    const current = await s.meetings.getSeries(String(req.params.id));
    const v = req.body as FormValues;
    await submitForm(res, {
      values: v,
      fields: SERIES_FIELDS,
      action: async () => {
        await s.meetings.updateSeries(current.id, parseWith(seriesPatch, seriesPayload(v)));
        return `/van-phong/chuoi/${encodeURIComponent(current.id)}?ok=series-saved`;
      },
      rerender: (state) => seriesForm(res, current, state),
    });
  });
  return r;
}
