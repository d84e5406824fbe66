/**
 * The Office's meeting series (`/van-phong/chuoi`): the list, the creation form and one series'
 * edit form. Each form calls the same use case and schema as the API.
 */
import { Router, type Response } from 'express';
import type { MeetingsService } from '../../meetings/service';
import { seriesInput, seriesPatch } from '../../meetings/schemas';
import { HOLIDAY_POLICIES, type Series } from '../../meetings/types';
import { loadDirectory } from '../../meetings/views';
import type { OrganisationRepositories } from '../../organisation/repository';
import { html } from '../../shared/html';
import { HOLIDAY_POLICY_LABELS, MEETING_KIND_LABELS } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes, noticeOf } from '../form-route';
import { form, input, one, optional, optionsOf, select, textarea, type FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { labelOf } from '../views';
import { meetingFields, seriesPayload } from './meeting-fields';
import { OFFICE_CRUMB } from './paths';

export interface SeriesPagesDeps {
  meetings: Pick<MeetingsService, 'listSeries' | 'getSeries' | 'createSeries' | 'updateSeries'>;
  orgRepos: OrganisationRepositories;
}

const SERIES_FIELDS = [
  'id',
  'title',
  'kind',
  'bodyCode',
  'chairCode',
  'attendees.officials',
  'attendees.agencies',
  'location',
  'startTime',
  'durationMinutes',
  'rrule',
  'startDate',
  'endDate',
  'holidayPolicy',
  'description',
];
const RRULE_HINT =
  'Ví dụ: FREQ=WEEKLY;BYDAY=TH (thứ Năm hằng tuần); FREQ=MONTHLY;BYMONTHDAY=25 (ngày 25 hằng tháng); ' +
  'FREQ=MONTHLY;BYDAY=2TH (thứ Năm tuần thứ hai)';
const seriesPath = (id: string) => `/van-phong/chuoi/${encodeURIComponent(id)}`;
const SERIES_CRUMBS = [OFFICE_CRUMB, { href: '/van-phong/chuoi', label: 'Lịch định kỳ' }];

export function seriesPages(deps: SeriesPagesDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  /** The creation form (no current series) or the edit form of one. */
  async function seriesForm(res: Response, current: Series | null, state?: FormState, ok: string | null = null) {
    const [dir, bodies] = await Promise.all([loadDirectory(deps.orgRepos), deps.orgRepos.bodies.list()]);
    const user = userOf(res)!;
    const action = current ? seriesPath(current.id) : '/van-phong/chuoi';
    const idHint = 'chữ thường không dấu, số, gạch ngang; để trống để tự tạo';
    const bodyOptions = bodies.map((b) => ({ value: b.code, label: b.name }));
    const policies = optionsOf(HOLIDAY_POLICY_LABELS, HOLIDAY_POLICIES);
    const fields = html`${current ? '' : input({ name: 'id', label: 'Mã (tùy chọn)', hint: idHint, state })}
${select({ name: 'bodyCode', label: 'Cơ quan họp', options: bodyOptions, value: current?.bodyCode, state })}
${meetingFields(dir, state, current ?? {})}
${input({ name: 'startTime', label: 'Giờ bắt đầu', type: 'time', value: current?.startTime ?? '08:00', state })}
${input({
  name: 'durationMinutes',
  label: 'Thời lượng (phút)',
  type: 'number',
  value: String(current?.durationMinutes ?? 120),
  state,
})}
${input({ name: 'rrule', label: 'Quy tắc lặp (RRULE)', value: current?.rrule, hint: RRULE_HINT, state })}
${input({ name: 'startDate', label: 'Từ ngày', type: 'date', value: current?.startDate, state })}
${input({
  name: 'endDate',
  label: 'Đến ngày (để trống: không hạn)',
  type: 'date',
  value: current?.endDate ?? '',
  state,
})}
${select({
  name: 'holidayPolicy',
  label: 'Khi trùng ngày nghỉ',
  options: policies,
  value: current?.holidayPolicy ?? 'next-working-day',
  state,
})}
${textarea({ name: 'description', label: 'Mô tả', value: current?.description, state })}
<div><button type="submit">${current ? 'Lưu' : 'Tạo lịch định kỳ'}</button></div>`;
    const warnings = current?.warnings.length
      ? html`<ul class="warnings">${current.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
      : '';
    return page(
      { title: current ? current.title : 'Tạo lịch họp định kỳ', user, done: ok, crumbs: SERIES_CRUMBS },
      html`<h1>${current ? `Sửa: ${current.title}` : 'Tạo lịch họp định kỳ'}</h1>
${warnings}
<div class="card">${form(action, user.csrf, fields, { id: 'series-form', state })}</div>`,
    );
  }

  r.get('/van-phong/chuoi', async (req, res) => {
    const [series, bodies] = await Promise.all([deps.meetings.listSeries(), deps.orgRepos.bodies.list()]);
    const name = (c: string) => bodies.find((b) => b.code === c)?.shortName ?? c;
    const rows = series.map(
      (x) => html`<tr><td data-label="Tên"><a href="${seriesPath(x.id)}">${x.title}</a></td>\
<td data-label="Cơ quan">${name(x.bodyCode)}</td><td data-label="Loại">${labelOf(MEETING_KIND_LABELS, x.kind)}</td>\
<td data-label="Quy tắc"><code>${x.rrule}</code></td><td data-label="Giờ">${x.startTime}</td>\
<td data-label="Từ ngày">${x.startDate}</td></tr>`,
    );
    res.send(
      page(
        { title: 'Lịch họp định kỳ', user: userOf(res), done: done(req.query.ok), crumbs: [OFFICE_CRUMB] },
        html`<h1>Lịch họp định kỳ</h1><p><a class="button" href="/van-phong/chuoi/moi">Tạo lịch định kỳ</a></p>
<div class="table-wrap"><table class="list responsive"><thead><tr><th>Tên</th><th>Cơ quan</th><th>Loại</th>\
<th>Quy tắc</th><th>Giờ</th><th>Từ ngày</th></tr></thead><tbody>
${rows}
</tbody></table></div>`,
      ),
    );
  });
  r.get('/van-phong/chuoi/moi', async (_req, res) => void res.send(await seriesForm(res, null)));
  r.get('/van-phong/chuoi/:id', async (req, res) => {
    res.send(
      await seriesForm(res, await deps.meetings.getSeries(String(req.params.id)), undefined, done(req.query.ok)),
    );
  });

  const create = formRoutes(r, { params: () => null, redraw: (res, _p, forms) => seriesForm(res, null, forms.series) });
  create('/van-phong/chuoi', {
    key: 'series',
    fields: SERIES_FIELDS,
    schema: seriesInput,
    read: (v) => ({ id: optional(one(v, 'id')), ...seriesPayload(v) }),
    act: async (input) => `${seriesPath((await deps.meetings.createSeries(input)).id)}?ok=series-created`,
  });
  // The series is read before the form: an unknown one is a 404 page, not a form error.
  const update = formRoutes(r, {
    params: (req) => deps.meetings.getSeries(String(req.params.id)),
    redraw: (res, current, forms) => seriesForm(res, current, forms.series),
  });
  update('/van-phong/chuoi/:id', {
    key: 'series',
    fields: SERIES_FIELDS,
    schema: seriesPatch,
    read: (v) => seriesPayload(v),
    act: async (patch, current) => {
      await deps.meetings.updateSeries(current.id, patch);
      return `${seriesPath(current.id)}?ok=series-saved`;
    },
  });
  return r;
}
