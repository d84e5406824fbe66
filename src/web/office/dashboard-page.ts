/**
 * The Office's home (`/van-phong`): for each body, links to this month's calendar, readiness board
 * and programme, and this week's schedule.
 */
import { Router } from 'express';
import type { OrganisationRepositories } from '../../organisation/repository';
import { currentPeriods } from '../../publishing/periods';
import type { Clock } from '../../shared/clock';
import { html } from '../../shared/html';
import { userOf } from '../auth';
import { noticeOf } from '../form-route';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { monthLabel } from '../views';

export interface DashboardPageDeps {
  orgRepos: Pick<OrganisationRepositories, 'bodies'>;
  clock: Clock;
  defaultTimeZone: string;
}

export function dashboardPage(deps: DashboardPageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);
  r.get('/van-phong', async (req, res) => {
    const bodies = await deps.orgRepos.bodies.list();
    const now = currentPeriods(deps.clock.now(), deps.defaultTimeZone);
    const month = monthLabel(now.month);
    const cards = bodies.map(
      (b) => html`<div class="card" data-body="${b.code}"><h2>${b.name}</h2><ul>
<li><a href="/van-phong/lich/${b.code}/${now.month}">Lịch ${month}: dời, hủy, thêm phiên họp</a></li>
<li><a href="/van-phong/san-sang/${b.code}/${now.month}">Bảng theo dõi chuẩn bị nội dung</a></li>
<li><a href="/van-phong/chuong-trinh/${b.code}/${now.month}">Chương trình công tác ${month}: phần A, ban hành</a></li>
<li><a href="/van-phong/lich-tuan/${b.code}/${now.week}">Lịch công tác tuần này: ban hành</a></li></ul></div>`,
    );
    const links = html`<a href="/van-phong/chuoi">Lịch họp định kỳ (chuỗi)</a> · \
<a href="/van-phong/chuoi/moi">Tạo lịch họp định kỳ</a> · <a href="/van-phong/chi-dao">Theo dõi ý kiến chỉ đạo</a>`;
    res.send(
      page(
        { title: 'Văn phòng', user: userOf(res), done: done(req.query.ok) },
        html`<h1>Văn phòng: quản lý lịch họp</h1>
<p>${links}</p>
<div class="grid">${cards}</div>`,
      ),
    );
  });
  return r;
}
