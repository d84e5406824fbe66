/**
 * The "Ban hành" part of the programme and weekly schedule pages: what changed since the last
 * version, the publish form, the versions; and the publish form's route. Publishing calls the
 * same use case and schema as the API.
 */
import type { Response, Router } from 'express';
import { actorOf } from '../../http/auth';
import type { OrganisationService } from '../../organisation/service';
import { publishInput } from '../../publishing';
import type { PublishingService } from '../../publishing/service';
import type { DocumentKind } from '../../publishing/types';
import { html, type SafeHtml } from '../../shared/html';
import { utcToLocal } from '../../meetings/local-time';
import { shortDate } from '../../shared/wording';
import { userOf } from '../auth';
import { formRoutes, type Redraw } from '../form-route';
import { form, input, one, textarea, type FormState } from '../forms';
import { comparisonView, versionsTable } from '../views';

export interface PublishDeps {
  publishing: Pick<PublishingService, 'versions' | 'pathOf' | 'compare' | 'publish'>;
  organisation: Pick<OrganisationService, 'getBody'>;
}

const ISSUE_DATE_HINT = 'Để trống: ngày trong thiết lập văn bản nếu có và mới hơn bản trước, không thì ngày hôm nay.';

/** The publish section of a document's page: pending changes, the form, the versions. */
export async function publishSection(
  deps: PublishDeps,
  res: Response,
  doc: { kind: DocumentKind; bodyCode: string; period: string; base: string },
  state?: FormState,
): Promise<SafeHtml> {
  const { kind, bodyCode, period, base } = doc;
  const user = userOf(res)!;
  const [versions, body] = await Promise.all([
    deps.publishing.versions(kind, bodyCode, period),
    deps.organisation.getBody(bodyCode),
  ]);
  const latest = versions[versions.length - 1];
  const path = deps.publishing.pathOf(kind, bodyCode, period);
  const pending = latest
    ? (await deps.publishing.compare(kind, bodyCode, period, latest.version, 'current')).comparison
    : null;
  const button = latest ? `Ban hành bản điều chỉnh lần ${latest.version}` : 'Ban hành';
  const fields = html`${input({
    name: 'documentNumber',
    label: kind === 'programme' ? 'Số văn bản' : 'Số văn bản (nếu có)',
    value: latest?.documentNumber ?? '',
    hint: 'Số do văn thư cấp, ví dụ 45',
    state,
  })}${input({
    name: 'issueDate',
    label: 'Ngày ban hành ghi trên văn bản',
    type: 'date',
    hint: ISSUE_DATE_HINT,
    state,
  })}\
${textarea({ name: 'note', label: 'Ghi chú (lý do điều chỉnh)', state })}<div><button type="submit">${button}</button>\
</div>`;
  const changes =
    latest && pending
      ? html`<div class="card pending"><h3>Thay đổi so với ${latest.label}</h3>${comparisonView(pending)}</div>`
      : '';
  const localDay = (d: Date) => shortDate(utcToLocal(d, body.timeZone).slice(0, 10));
  return html`<h2>Ban hành</h2>
${changes}
<div class="card">${form(`${base}/ban-hanh`, user.csrf, fields, { id: 'publish-form', state })}</div>
<h2>Các bản đã ban hành</h2>${versionsTable(path, versions, localDay)}`;
}

/**
 * The publish form's route of a document page: on success to the new version, on failure (a
 * missing number, nothing changed) the page again with the problem under the key `publish`.
 */
export function publishRoute<P extends { bodyCode: string }>(
  r: Router,
  deps: PublishDeps,
  opts: {
    kind: DocumentKind;
    path: string;
    params: (p: Record<string, unknown>) => P;
    period: (p: P) => string;
    redraw: Redraw<P>;
  },
): void {
  const root = opts.kind === 'programme' ? '/programmes' : '/schedules';
  formRoutes(r, { params: (req) => opts.params(req.params), redraw: opts.redraw })(opts.path, {
    key: 'publish',
    fields: ['documentNumber', 'issueDate', 'note'],
    schema: publishInput,
    read: (v) => ({
      documentNumber: one(v, 'documentNumber'),
      issueDate: one(v, 'issueDate') || undefined,
      note: one(v, 'note'),
    }),
    act: async (input, p, res) => {
      const period = opts.period(p);
      const out = await deps.publishing.publish(opts.kind, p.bodyCode, period, input, actorOf(res));
      return `${root}/${p.bodyCode}/${period}/versions/${out.publication.version}`;
    },
  });
}
