/**
 * The Office's month of a body (`/van-phong/lich/<body>/<YYYY-MM>`): its meetings by day, and forms
 * to add an extra session of a series or a one-off meeting.
 */
import { Router, type Response } from 'express';
import type { AgendaRepository } from '../../agenda/repository';
import type { MeetingsService } from '../../meetings/service';
import { extraSessionInput, meetingInput } from '../../meetings/schemas';
import { loadDirectory } from '../../meetings/views';
import type { OrganisationRepositories } from '../../organisation/repository';
import type { OrganisationService } from '../../organisation/service';
import { meetingEntries } from '../../publishing/entries';
import { monthRange, shiftMonth } from '../../publishing/periods';
import { ValidationError } from '../../shared/errors';
import { html } from '../../shared/html';
import { userOf } from '../auth';
import { formRoutes, noticeOf } from '../form-route';
import { form, input, one, optional, select, textarea, type FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { meetingsByDay, monthLabel } from '../views';
import { meetingFields, seriesPayload } from './meeting-fields';
import { monthParams, OFFICE_CRUMB, occurrencePath } from './paths';

export interface MonthPageDeps {
  organisation: Pick<OrganisationService, 'getBody'>;
  meetings: Pick<MeetingsService, 'occurrencesIn' | 'listSeries' | 'createMeeting' | 'addExtraSession'>;
  agendaRepo: Pick<AgendaRepository, 'listByOccurrences'>;
  orgRepos: OrganisationRepositories;
}

const MEETING_FIELDS = [
  'title',
  'kind',
  'chairCode',
  'attendees.officials',
  'attendees.agencies',
  'location',
  'date',
  'time',
  'durationMinutes',
  'description',
];

type Params = { bodyCode: string; month: string };

export function monthPage(deps: MonthPageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  async function render(res: Response, p: Params, forms: Record<string, FormState> = {}, ok: string | null = null) {
    const { bodyCode, month } = p;
    const body = await deps.organisation.getBody(bodyCode);
    const range = monthRange(month);
    const occs = await deps.meetings.occurrencesIn({ from: range.from, to: range.to, bodyCode });
    const [items, dir, series] = await Promise.all([
      deps.agendaRepo.listByOccurrences(occs.map((o) => o.id)),
      loadDirectory(deps.orgRepos),
      deps.meetings.listSeries(bodyCode),
    ]);
    const user = userOf(res)!;
    const base = `/van-phong/lich/${bodyCode}/${month}`;
    const extra = forms.extra;
    const seriesOptions = series.map((x) => ({ value: x.id, label: x.title }));
    const extraFields = html`${select({
      name: 'seriesId',
      label: 'Lịch định kỳ',
      options: seriesOptions,
      blank: '(chọn)',
      state: extra,
    })}\
${input({ name: 'date', label: 'Ngày', type: 'date', state: extra })}\
${input({ name: 'time', label: 'Giờ (để trống: giờ của lịch định kỳ)', type: 'time', state: extra })}\
${textarea({ name: 'reason', label: 'Lý do', state: extra })}<div><button type="submit">Thêm phiên họp</button></div>`;
    const meeting = forms.meeting;
    const meetingForm = html`${meetingFields(dir, meeting, {}, bodyCode)}\
${input({ name: 'date', label: 'Ngày', type: 'date', state: meeting })}\
${input({ name: 'time', label: 'Giờ', type: 'time', value: '08:00', state: meeting })}\
${input({ name: 'durationMinutes', label: 'Thời lượng (phút)', type: 'number', value: '120', state: meeting })}\
${textarea({ name: 'description', label: 'Mô tả', state: meeting })}<div><button type="submit">Thêm cuộc họp</button>\
</div>`;
    const nav = html`<a href="/van-phong/lich/${bodyCode}/${shiftMonth(month, -1)}">‹ Tháng trước</a>\
<a href="/van-phong/lich/${bodyCode}/${shiftMonth(month, 1)}">Tháng sau ›</a>\
<a href="/van-phong/san-sang/${bodyCode}/${month}">Bảng theo dõi</a>\
<a href="/van-phong/chuong-trinh/${bodyCode}/${month}">Chương trình công tác</a>`;
    return page(
      { title: `${body.shortName} - ${monthLabel(month)}`, user, done: ok, crumbs: [OFFICE_CRUMB] },
      html`<h1>Lịch ${body.name}, ${monthLabel(month)}</h1>
<nav class="nav-periods">${nav}</nav>
<p class="muted">Bấm tên cuộc họp để dời, hủy hoặc sửa nội dung trình.</p>
${meetingsByDay(meetingEntries(occs, items, dir), (m) => occurrencePath(m.id))}
<div class="grid two">
<div class="card"><h2>Thêm phiên họp bổ sung của lịch định kỳ</h2>\
${form(`${base}/phien-bo-sung`, user.csrf, extraFields, { id: 'extra-form', state: extra })}</div>
<div class="card"><h2>Thêm cuộc họp (một lần)</h2>\
${form(`${base}/cuoc-hop`, user.csrf, meetingForm, { id: 'meeting-form', state: meeting })}</div>
</div>`,
    );
  }

  r.get('/van-phong/lich/:body/:month', async (req, res) => {
    res.send(await render(res, monthParams(req.params), {}, done(req.query.ok)));
  });

  const post = formRoutes(r, { params: (req) => monthParams(req.params), redraw: render });
  post('/van-phong/lich/:body/:month/cuoc-hop', {
    key: 'meeting',
    fields: MEETING_FIELDS,
    schema: meetingInput,
    read: (v, { bodyCode }) => {
      const p = seriesPayload(v);
      return {
        ...{
          title: p.title,
          kind: p.kind,
          bodyCode,
          chairCode: p.chairCode,
          attendees: p.attendees,
          location: p.location,
        },
        ...{
          date: one(v, 'date'),
          time: one(v, 'time'),
          durationMinutes: p.durationMinutes,
          description: p.description,
        },
      };
    },
    act: async (input) => `${occurrencePath((await deps.meetings.createMeeting(input)).id)}?ok=meeting-created`,
  });
  post('/van-phong/lich/:body/:month/phien-bo-sung', {
    key: 'extra',
    fields: ['seriesId', 'date', 'time', 'reason'],
    schema: extraSessionInput,
    read: (v) => {
      if (!one(v, 'seriesId')) throw ValidationError.field('seriesId', 'must not be empty');
      return { date: one(v, 'date'), time: optional(one(v, 'time')), reason: one(v, 'reason') };
    },
    act: async (input, _p, _res, v) => {
      const m = await deps.meetings.addExtraSession(one(v, 'seriesId'), input);
      return `${occurrencePath(m.id)}?ok=extra-created`;
    },
  });
  return r;
}
