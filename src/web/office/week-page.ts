/**
 * The Office's page of a weekly schedule (`/van-phong/lich-tuan/<body>/<YYYY-Www>`): its warnings,
 * what changed since the last version, publish, versions.
 */
import { Router, type Response } from 'express';
import type { OrganisationService } from '../../organisation/service';
import type { PublishingService } from '../../publishing/service';
import { html } from '../../shared/html';
import { userOf } from '../auth';
import { noticeOf } from '../form-route';
import type { FormState } from '../forms';
import { page } from '../layout';
import { DONE_MESSAGES } from '../messages';
import { OFFICE_CRUMB, weekParams } from './paths';
import { publishRoute, publishSection } from './publish-section';

export interface WeekPageDeps {
  publishing: Pick<PublishingService, 'draftSchedule' | 'versions' | 'pathOf' | 'compare' | 'publish'>;
  organisation: Pick<OrganisationService, 'getBody'>;
}

type Params = { bodyCode: string; week: string };

export function weekPage(deps: WeekPageDeps): Router {
  const r = Router();
  const done = noticeOf(DONE_MESSAGES);

  async function render(res: Response, p: Params, forms: Record<string, FormState> = {}, ok: string | null = null) {
    const { bodyCode, week } = p;
    const doc = await deps.publishing.draftSchedule(bodyCode, week);
    const base = `/van-phong/lich-tuan/${bodyCode}/${week}`;
    const warnings = doc.warnings.length
      ? html`<ul class="warnings">${doc.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
      : '';
    const publish = await publishSection(deps, res, { kind: 'schedule', bodyCode, period: week, base }, forms.publish);
    return page(
      { title: `Lịch tuần ${week}`, user: userOf(res), done: ok, crumbs: [OFFICE_CRUMB] },
      html`<h1>Lịch công tác tuần: ${doc.body.name}</h1><p>${doc.subtitle}</p>
<nav class="nav-periods"><a href="/schedules/${bodyCode}/${week}">Bản in hiện hành</a>\
<a href="/lich/${bodyCode}/tuan/${week}">Xem trên web</a></nav>
${warnings}
${publish}`,
    );
  }

  r.get('/van-phong/lich-tuan/:body/:week', async (req, res) => {
    res.send(await render(res, weekParams(req.params), {}, done(req.query.ok)));
  });
  publishRoute(r, deps, {
    kind: 'schedule',
    path: '/van-phong/lich-tuan/:body/:week/ban-hanh',
    params: weekParams,
    period: (p) => p.week,
    redraw: render,
  });
  return r;
}
