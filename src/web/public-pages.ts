/**
 * Public pages: home, month and week views per body (each meeting with its agenda), the subscribe
 * page, the archive of published documents and the comparison of two versions.
 */
import { Router } from 'express';
import { loadWorkingCalendar } from '../calendar/adjustments';
import { decisionLabel } from '../calendar/holidays';
import { loadDirectory } from '../meetings/views';
import { utcToLocal } from '../meetings/local-time';
import { meetingEntries } from '../publishing/entries';
import { addDays, dayHeading, shortDate } from '../shared/wording';
import { html, raw } from '../shared/html';
import {
  currentPeriods,
  monthPeriod,
  monthRange,
  shiftMonth,
  shiftWeek,
  weekPeriod,
  weekRange,
} from '../publishing/periods';
import { compareQuery, documentBody, documentPeriod } from '../publishing';
import type { DocumentKind } from '../publishing/types';
import type { AdjustmentRepository } from '../calendar/adjustments';
import type { AgendaRepository } from '../agenda/repository';
import type { MeetingsService } from '../meetings/service';
import type { OrganisationRepositories } from '../organisation/repository';
import type { PublishingService } from '../publishing/service';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { parseWith } from '../http/validate';
import { code } from '../shared/schemas';
import { userOf } from './auth';
import { page } from './layout';
import { comparisonView, meetingCard, meetingsByDay, monthLabel, versionsTable } from './views';
import { qrSvg, subscribeLinks } from './subscribe';

const HOME_CRUMB = { href: '/', label: 'Trang chủ' };

export interface PublicPagesDeps {
  orgRepos: OrganisationRepositories;
  clock: Clock;
  adjustments: AdjustmentRepository;
  meetings: Pick<MeetingsService, 'occurrencesIn'>;
  agendaRepo: Pick<AgendaRepository, 'listByOccurrences'>;
  publishing: Pick<PublishingService, 'draftSchedule' | 'archive' | 'pathOf' | 'versions' | 'compare'>;
  defaultTimeZone: string;
  publicBaseUrl: string;
}

export function publicPages(s: PublicPagesDeps): Router {
  const r = Router();
  const localDate = (d: Date, zone = s.defaultTimeZone) => shortDate(utcToLocal(d, zone).slice(0, 10));

  async function bodyOrThrow(raw: unknown) {
    const bodyCode = parseWith(code, raw, 'body');
    const body = await s.orgRepos.bodies.get(bodyCode);
    if (!body) throw new NotFoundError('Body', bodyCode);
    return body;
  }

  r.get('/', async (_req, res) => {
    const bodies = await s.orgRepos.bodies.list();
    const now = currentPeriods(s.clock.now(), s.defaultTimeZone);
    res.send(
      page(
        { title: 'Lịch họp', user: userOf(res) },
        html`<h1>Lịch họp và chương trình công tác</h1>
<p class="muted">Hôm nay ${dayHeading(now.date)}. Lịch được cập nhật từ dữ liệu của Văn phòng; văn bản chính thức là \
bản đã ban hành.</p>
<div class="grid">${bodies.map(
          (b) => html`<div class="card body-card" data-body="${b.code}"><h2>${b.name}</h2>
<ul><li><a href="/lich/${b.code}/thang/${now.month}">Lịch ${monthLabel(now.month)}</a></li>
<li><a href="/lich/${b.code}/tuan/${now.week}">Lịch tuần này</a></li>
<li><a href="/programmes/${b.code}/${now.month}">Chương trình công tác ${monthLabel(now.month)}</a></li>
<li><a href="/schedules/${b.code}/${now.week}">Lịch công tác tuần (bản in)</a></li>
<li><a href="/dang-ky#${b.code}">Đăng ký lịch vào điện thoại</a></li></ul></div>`,
        )}</div>
<p class="muted">Dữ liệu mở cho phần mềm khác: \
<a href="/api-docs">tài liệu API</a> (lịch công khai đọc không cần khóa).</p>`,
      ),
    );
  });

  r.get('/lich/:body/thang/:month', async (req, res) => {
    const body = await bodyOrThrow(req.params.body);
    const month = parseWith(monthPeriod, req.params.month, 'month');
    const range = monthRange(month);
    const cal = await loadWorkingCalendar(s.adjustments);
    const occs = await s.meetings.occurrencesIn({ from: range.from, to: range.to, bodyCode: body.code }, cal);
    const [items, dir] = await Promise.all([
      s.agendaRepo.listByOccurrences(occs.map((o) => o.id)),
      loadDirectory(s.orgRepos),
    ]);
    const entries = meetingEntries(occs, items, dir);
    const daysOff: string[] = [];
    for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
      const off = cal.dayOff(d);
      // The decision that made the day off, when one did (e.g. the Government's Tết span).
      const decided = off ? decisionLabel(off) : '';
      if (off && off.kind !== 'weekend')
        daysOff.push(`${shortDate(d)}: ${off.name}${decided ? ` (theo ${decided})` : ''}`);
    }
    res.send(
      page(
        { title: `${body.shortName} - ${monthLabel(month)}`, user: userOf(res), crumbs: [HOME_CRUMB] },
        html`<h1>Lịch họp ${body.name}, ${monthLabel(month)}</h1>
<nav class="nav-periods"><a href="/lich/${body.code}/thang/${shiftMonth(month, -1)}">‹ Tháng trước</a>\
<a href="/lich/${body.code}/thang/${shiftMonth(month, 1)}">Tháng sau ›</a>
<a href="/programmes/${body.code}/${month}">Chương trình công tác tháng (bản in)</a>\
<a href="/programmes/${body.code}/${month}.docx">DOCX</a></nav>
${daysOff.length ? html`<p class="holiday">Ngày nghỉ trong tháng: ${daysOff.join('; ')}</p>` : ''}
${meetingsByDay(entries)}`,
      ),
    );
  });

  r.get('/lich/:body/tuan/:week', async (req, res) => {
    const body = await bodyOrThrow(req.params.body);
    const week = parseWith(weekPeriod, req.params.week, 'week');
    const doc = await s.publishing.draftSchedule(body.code, week);
    const month = weekRange(week).from.slice(0, 7);
    const crumbs = [HOME_CRUMB, { href: `/lich/${body.code}/thang/${month}`, label: monthLabel(month) }];
    const entries = (d: (typeof doc.days)[number]) =>
      d.entries.length
        ? d.entries.map((e) =>
            meetingCard(
              doc.meetings.find((m) => m.id === e.occurrenceId)!,
              { openAgenda: false },
            ),
          )
        : html`<p class="muted">Không có lịch họp.</p>`;
    res.send(
      page(
        { title: `${body.shortName} - ${doc.subtitle}`, user: userOf(res), crumbs },
        html`<h1>Lịch công tác tuần: ${body.name}</h1><p>${doc.subtitle}</p>
<nav class="nav-periods"><a href="/lich/${body.code}/tuan/${shiftWeek(week, -1)}">‹ Tuần trước</a>\
<a href="/lich/${body.code}/tuan/${shiftWeek(week, 1)}">Tuần sau ›</a>
<a href="/schedules/${body.code}/${week}">Bản in</a><a href="/schedules/${body.code}/${week}.docx">DOCX</a></nav>
${doc.days.map(
  (d) => html`<section class="day" data-date="${d.date}">\
<h3>${d.weekday}, ${d.dateLabel} <span class="muted">(${d.lunar})</span>\
${d.dayOff ? html` <span class="holiday">Nghỉ: ${d.dayOff}</span>` : ''}</h3>
${entries(d)}</section>`,
)}
<p><em>${doc.note}</em></p>`,
      ),
    );
  });

  r.get('/dang-ky', async (_req, res) => {
    const bodies = await s.orgRepos.bodies.list();
    const blocks = await Promise.all(
      bodies.map(async (b) => {
        const l = subscribeLinks(s.publicBaseUrl, b.code, b.name);
        return html`<div class="card subscribe" id="${b.code}" data-body="${b.code}"><h2>${b.name}</h2>
<div class="grid"><div>
<p><a class="button" href="${l.webcal}">Đăng ký (webcal)</a></p>
<p><a class="button" href="${l.google}" rel="noopener">Thêm vào Google Calendar</a></p>
<p><a class="button" href="${l.outlook}" rel="noopener">Thêm vào Outlook</a></p>
<p>Địa chỉ lịch (https): <br><code class="feed-url">${l.https}</code></p></div>
<div class="qr">${raw(await qrSvg(l.https))}<p class="muted">Quét mã bằng máy ảnh điện thoại để mở địa chỉ lịch.</p>\
</div></div></div>`;
      }),
    );
    res.send(
      page(
        { title: 'Đăng ký lịch họp', user: userOf(res) },
        html`<h1>Đăng ký lịch họp vào điện thoại, máy tính</h1>
<div class="card"><h2>Hướng dẫn</h2><ol>
<li><strong>iPhone, iPad, máy Mac:</strong> bấm “Đăng ký (webcal)” rồi chọn “Đăng ký”; hoặc quét mã QR.</li>
<li><strong>Điện thoại Android, Google Calendar:</strong> bấm “Thêm vào Google Calendar” (đăng nhập tài khoản Google \
trên trình duyệt), lịch tự đồng bộ sang điện thoại.</li>
<li><strong>Outlook:</strong> bấm “Thêm vào Outlook”, hoặc trong Outlook chọn Thêm lịch → Từ Internet và dán địa chỉ \
https.</li>
<li>Lịch tự cập nhật khi Văn phòng dời, hủy hay thêm cuộc họp (thường trong vài giờ, tùy ứng dụng).</li></ol></div>
${blocks}`,
      ),
    );
  });

  r.get('/programmes', async (_req, res) => {
    const [all, bodies] = await Promise.all([s.publishing.archive(), s.orgRepos.bodies.list()]);
    const name = (c: string) => bodies.find((b) => b.code === c)?.name ?? c;
    const groups = new Map<string, typeof all>();
    for (const p of all)
      groups.set(`${p.kind}:${p.bodyCode}:${p.period}`, [
        ...(groups.get(`${p.kind}:${p.bodyCode}:${p.period}`) ?? []),
        p,
      ]);
    res.send(
      page(
        { title: 'Văn bản đã ban hành', user: userOf(res) },
        html`<h1>Lưu trữ chương trình công tác và lịch tuần đã ban hành</h1>
${groups.size ? '' : html`<p class="muted">Chưa có văn bản nào được ban hành.</p>`}
${[...groups.values()].map((versions) => {
  const v = versions[0]!;
  const path = s.publishing.pathOf(v.kind, v.bodyCode, v.period);
  const what =
    v.kind === 'programme' ? `Chương trình công tác ${monthLabel(v.period)}` : `Lịch công tác tuần ${v.period}`;
  const table = versionsTable(path, [...versions].reverse(), (d) => localDate(d));
  return html`<div class="card archive-entry" data-kind="${v.kind}" data-body="${v.bodyCode}" data-period="${v.period}">\
<h2><a href="${path}">${what}</a> <span class="muted">${name(v.bodyCode)}</span></h2>${table}</div>`;
})}`,
      ),
    );
  });

  for (const kind of ['programme', 'schedule'] as DocumentKind[]) {
    const root = kind === 'programme' ? '/programmes' : '/schedules';
    r.get(`${root}/:body/:period/compare`, async (req, res) => {
      // A malformed body or period in a document's address names no document: 404, like the documents themselves.
      const body = await bodyOrThrow(documentBody(req.params.body));
      const period = documentPeriod(kind, req.params.period);
      // A malformed number names its field (400); a well-formed one that was never published is a 404.
      const q = parseWith(compareQuery, { from: req.query.from, to: req.query.to });
      const versions = await s.publishing.versions(kind, body.code, period);
      if (!versions.length) throw new NotFoundError('Published version', `${body.code}/${period}`);
      const last = versions[versions.length - 1]!.version;
      const to = q.to ?? last;
      const from = q.from ?? Math.max(1, to - 1);
      const out = await s.publishing.compare(kind, body.code, period, from, to);
      if (req.query.format === 'json')
        return void res.json({ from: out.from.version, to: to, comparison: out.comparison });
      const path = `${root}/${body.code}/${period}`;
      const document = kind === 'programme' ? `Chương trình ${monthLabel(period)}` : `Lịch tuần ${period}`;
      const crumbs = [
        { href: '/programmes', label: 'Lưu trữ' },
        { href: path, label: document },
      ];
      res.send(
        page(
          { title: `So sánh bản ${from} và ${to}`, user: userOf(res), crumbs },
          html`<h1>So sánh: ${out.from.label} và ${out.to!.label}</h1>
<p class="muted">${body.name}. <a href="${path}/versions/${from}">Xem ${out.from.label}</a> · \
<a href="${path}/versions/${to}">Xem ${out.to!.label}</a></p>
<div class="card">${comparisonView(out.comparison)}</div>
<h2>Các bản đã ban hành</h2>${versionsTable(path, versions, (d) => localDate(d, body.timeZone))}`,
        ),
      );
    });
  }
  return r;
}
