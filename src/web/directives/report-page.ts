/**
 * The follow-up report of directives (`/van-phong/chi-dao/bao-cao`): a body and a period, the
 * report as a page, and its printable HTML, DOCX and XLSX.
 */
import { Router } from 'express';
import { followUpArticle, followUpDocx, followUpHtml, followUpModel, followUpXlsx } from '../../directives/documents';
import { parseWith } from '../../http/validate';
import { utcToLocal } from '../../meetings/local-time';
import { html } from '../../shared/html';
import { localDate } from '../../shared/schemas';
import { userOf } from '../auth';
import { textOf } from '../forms';
import { page } from '../layout';
import { DOCX_TYPE, XLSX_TYPE } from '../views';
import { BOARD_CRUMB, type DirectivePagesDeps } from './kit';

export function reportPage(deps: DirectivePagesDeps): Router {
  const r = Router();
  const svc = deps.directives;
  r.get('/van-phong/chi-dao/bao-cao', async (req, res) => {
    const bodies = await deps.orgRepos.bodies.list();
    const today = utcToLocal(svc.now(), deps.defaultTimeZone).slice(0, 10);
    const body = textOf(req.query.body, bodies[0]?.code ?? '');
    const from = textOf(req.query.from, `${today.slice(0, 8)}01`);
    const to = textOf(req.query.to, today);
    const query = `body=${encodeURIComponent(body)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const model = await followUpModel(
      svc,
      body,
      parseWith(localDate, from, 'query.from'),
      parseWith(localDate, to, 'query.to'),
    );
    const options = bodies.map(
      (b) => html`<option value="${b.code}"${b.code === body ? html` selected` : ''}>${b.name}</option>`,
    );
    const fields = html`<div class="field"><label for="f-body">Cơ quan</label>\
<select id="f-body" name="body">${options}</select></div>\
<div class="field"><label for="f-from">Từ ngày</label><input id="f-from" type="date" name="from" value="${from}"></div>\
<div class="field"><label for="f-to">Đến ngày</label><input id="f-to" type="date" name="to" value="${to}"></div>`;
    const downloads = html`<a href="/van-phong/chi-dao/bao-cao.docx?${query}">Tải DOCX</a> · \
<a href="/van-phong/chi-dao/bao-cao.xlsx?${query}">Tải XLSX</a> · \
<a href="/van-phong/chi-dao/bao-cao.html?${query}">Bản in</a>`;
    res.send(
      page(
        { title: 'Báo cáo kết quả thực hiện ý kiến chỉ đạo', user: userOf(res), crumbs: [BOARD_CRUMB] },
        html`<form method="get" class="card" id="report-form"><div class="grid">${fields}</div>\
<div><button type="submit">Xem</button> ${downloads}</div></form>
<div class="rich">${followUpArticle(model)}</div>`,
      ),
    );
  });
  r.get(/^\/van-phong\/chi-dao\/bao-cao\.(html|docx|xlsx)$/, async (req, res) => {
    const ext = req.path.split('.').pop()!;
    const q = (name: string) => textOf(req.query[name]);
    const model = await followUpModel(svc, q('body'), q('from'), q('to'));
    if (ext === 'html') return void res.send(followUpHtml(model));
    res
      .type(ext === 'docx' ? DOCX_TYPE : XLSX_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="bao-cao-chi-dao.${ext}"`);
    res.send(ext === 'docx' ? await followUpDocx(model) : await followUpXlsx(model));
  });
  return r;
}
