/**
 * Shared pieces of the directives' pages (directive-*.ts in this folder): words, paths, badges and
 * the small readers every page uses. Pure rendering but for `pageKit`, which reads through the
 * directives use cases.
 */
import { DIRECTIVE_STATUSES, type DirectiveRef, type Notice } from '../directives/types';
import { directiveView, type DirectiveView } from '../directives/views';
import { CADENCE_LABELS, DIRECTIVE_STATUS_LABELS } from '../directives/wording';
import { localToUtc, toOffsetIso } from '../meetings/local-time';
import { shortDate } from '../publishing/format';
import { html, raw, type SafeHtml } from '../publishing/html';
import type { Services } from '../services';

export const CSS = raw(`<style>
.dir-board td.overdue{background:#d93025;color:#fff}.dir-board td.overdue a{color:#fff}
.dir-board tr.due-week td.due{background:#fff4ce}.dir-board tr.standing td.due{background:#e8f0fe}
.dir-board .text{min-width:18rem}.warn{color:#a50e0e;font-size:.9rem}
.review td.warn-cell{background:#fff8e1}.history li{margin-bottom:4px}
</style>`);

export const STATUS_OPTIONS = DIRECTIVE_STATUSES.map((s) => ({ value: s, label: DIRECTIVE_STATUS_LABELS[s] }));
export const CADENCE_OPTIONS = [{ value: '', label: 'Không (có thời hạn hoặc chưa định)' }, ...(['weekly', 'monthly', 'quarterly'] as const).map((c) => ({ value: c, label: `Thường xuyên, báo cáo ${CADENCE_LABELS[c]}` }))];
export const DONE: Record<string, string> = {
  created: 'Đã tạo thông báo (dự thảo).',
  imported: 'Đã nhập thông báo với toàn bộ nhiệm vụ.',
  saved: 'Đã lưu.',
  issued: 'Đã ban hành thông báo.',
  added: 'Đã thêm nhiệm vụ.',
  assigned: 'Đã giao nhiệm vụ.',
  edited: 'Đã sửa nội dung nhiệm vụ.',
  status: 'Đã cập nhật trạng thái.',
  report: 'Đã gửi báo cáo tiến độ.',
  extension: 'Đã gửi đề nghị gia hạn.',
  decided: 'Đã quyết định về đề nghị gia hạn.',
  agenda: 'Đã thêm báo cáo kết quả vào chương trình buổi giao ban tiếp theo.',
};

export const noticePath = (id: string) => `/van-phong/thong-bao/${encodeURIComponent(id)}`;
export const officeDirectivePath = (id: string) => `/van-phong/chi-dao/${encodeURIComponent(id)}`;
export const dueText = (v: DirectiveView) => (v.dueAt ? (v.dueTimeAssumed ? shortDate(v.dueAt.slice(0, 10)) : `${v.dueAt.slice(11, 16)} ${shortDate(v.dueAt.slice(0, 10))}`) : v.cadence ? `Thường xuyên (${CADENCE_LABELS[v.cadence]})` : 'Không nêu');
export const assigneesText = (v: DirectiveView) => v.assignees.map((a) => `${a.name}${v.assignees.length > 1 ? ` (${a.role === 'lead' ? 'chủ trì' : 'phối hợp'})` : ''}`).join('; ');
export const noticeLabel = (n: Pick<Notice, 'number' | 'date' | 'meetingDate' | 'title'>) => `${n.number ? `Số ${n.number}` : 'Chưa có số'}${n.date ? ` ngày ${shortDate(n.date)}` : n.meetingDate ? ` (giao ban ${shortDate(n.meetingDate)})` : ''}`;

export function statusBadge(v: DirectiveView): SafeHtml {
  return html`<span class="badge ${v.status}${v.overdue ? ' overdue' : ''}">${DIRECTIVE_STATUS_LABELS[v.status]}${v.overdue ? ` - quá hạn ${v.overdueDays} ngày` : ''}</span>`;
}

/**
 * Parses the multipart form of the import page (a file upload) before the CSRF check, which reads
 * `_csrf` from the parsed body: fields become `req.body`, the file `req.body.fileBase64`/`fileName`.
 */

/** Readers shared by the directives' pages. */
export function pageKit(s: Services) {
  const zone = s.settings.defaultTimeZone;
  const svc = s.directives;
  const done = (ok: unknown) => DONE[String(ok ?? '')] ?? null;
  const view = async (refs: DirectiveRef[]) => {
    const dir = await svc.directory();
    return refs.map((x) => directiveView(x.notice, x.directive, dir, svc.now(), zone));
  };

  /** An instant from a form's local date and time in a body's zone (time default: end of the office day). */
  async function instantOf(bodyCode: string, date: string, time: string): Promise<string | undefined> {
    if (!date.trim()) return undefined;
    const tz = (await s.orgRepos.bodies.get(bodyCode))?.timeZone ?? zone;
    try {
      return toOffsetIso(localToUtc(`${date.trim()}T${(time.trim() || '17:00')}`, tz), tz);
    } catch {
      return `${date}T${time}`; // let the schema say what is wrong
    }
  }

  async function assigneeOptions() {
    const dir = await svc.directory();
    const name = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');
    return {
      lead: [
        ...[...dir.agencies.values()].sort(name).map((a) => ({ value: `agency:${a.code}`, label: a.name })),
        ...[...dir.bodies.values()].sort(name).map((b) => ({ value: `body:${b.code}`, label: b.shortName || b.name })),
        ...[...dir.officials.values()].sort(name).map((o) => ({ value: `official:${o.code}`, label: o.name })),
      ],
      agencies: [...dir.agencies.values()].sort(name).map((a) => ({ value: `agency:${a.code}`, label: a.shortName || a.name })),
      bodies: [...dir.bodies.values()].map((b) => ({ value: b.code, label: b.name })),
    };
  }

  return { zone, svc, done, view, instantOf, assigneeOptions };
}
