/**
 * Shared pieces of the directives' pages (this folder): their dependencies, words, paths, badges
 * and the small readers every page uses. Pure rendering but for `directiveKit`, which reads
 * through the directives use cases.
 */
import { DIRECTIVE_STATUSES, type DirectiveRef, type Notice } from '../../directives/types';
import type { DirectivesService } from '../../directives/service';
import { directiveView, type DirectiveView } from '../../directives/views';
import { localToUtc, toOffsetIso } from '../../meetings/local-time';
import type { OrganisationRepositories } from '../../organisation/repository';
import { html, raw, type SafeHtml } from '../../shared/html';
import { CADENCE_LABELS, DIRECTIVE_STATUS_LABELS, ROLE_WORDS, shortDate } from '../../shared/wording';
import { noticeOf } from '../form-route';

/** What the directives' pages need: the directives use cases, bodies (their zones) and agencies, the default zone. */
export interface DirectivePagesDeps {
  directives: DirectivesService;
  orgRepos: Pick<OrganisationRepositories, 'bodies' | 'agencies'>;
  defaultTimeZone: string;
}

export const CSS = raw(`<style>
.dir-board td.overdue{background:#d93025;color:#fff}.dir-board td.overdue a{color:#fff}
.dir-board tr.due-week td.due{background:#fff4ce}.dir-board tr.standing td.due{background:#e8f0fe}
.dir-board .text{min-width:18rem}.warn{color:#a50e0e;font-size:.9rem}
.review td.warn-cell{background:#fff8e1}.history li{margin-bottom:4px}
</style>`);

export const STATUS_OPTIONS = DIRECTIVE_STATUSES.map((s) => ({ value: s, label: DIRECTIVE_STATUS_LABELS[s] }));
export const CADENCE_OPTIONS = [
  { value: '', label: 'Không (có thời hạn hoặc chưa định)' },
  ...(['weekly', 'monthly', 'quarterly'] as const).map((c) => ({
    value: c,
    label: `Thường xuyên, báo cáo ${CADENCE_LABELS[c]}`,
  })),
];

/** Notices after a redirect (`?ok=<key>`). */
export const done = noticeOf({
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
});

export const noticePath = (id: string) => `/van-phong/thong-bao/${encodeURIComponent(id)}`;
export const officeDirectivePath = (id: string) => `/van-phong/chi-dao/${encodeURIComponent(id)}`;
export const BOARD_CRUMB = { href: '/van-phong/chi-dao', label: 'Theo dõi chỉ đạo' };

/** A deadline as the pages show it: "17:00 19/5/2023", the date alone when its hour is assumed, or the cadence. */
export function dueText(v: Pick<DirectiveView, 'dueAt' | 'dueTimeAssumed' | 'cadence'>): string {
  if (v.dueAt) {
    const date = shortDate(v.dueAt.slice(0, 10));
    return v.dueTimeAssumed ? date : `${v.dueAt.slice(11, 16)} ${date}`;
  }
  return v.cadence ? `Thường xuyên (${CADENCE_LABELS[v.cadence]})` : 'Không nêu';
}

/** The assignees, each with its role when there are several: "Phòng Nội vụ (chủ trì); Phòng TC-KH (phối hợp)". */
export function assigneesText(v: { assignees: { name: string; role: 'lead' | 'coordinating' }[] }): string {
  const several = v.assignees.length > 1;
  return v.assignees.map((a) => `${a.name}${several ? ` (${ROLE_WORDS[a.role]})` : ''}`).join('; ');
}

/** @example noticeLabel({ number: '123-TB/HU', date: '2023-05-12', ... }) === 'Số 123-TB/HU ngày 12/5/2023' */
export function noticeLabel(n: Pick<Notice, 'number' | 'date' | 'meetingDate' | 'title'>): string {
  const number = n.number ? `Số ${n.number}` : 'Chưa có số';
  if (n.date) return `${number} ngày ${shortDate(n.date)}`;
  return n.meetingDate ? `${number} (giao ban ${shortDate(n.meetingDate)})` : number;
}

export function statusBadge(v: DirectiveView): SafeHtml {
  const overdue = v.overdue ? ` - quá hạn ${v.overdueDays} ngày` : '';
  return html`<span class="badge ${v.status}${v.overdue ? ' overdue' : ''}">${DIRECTIVE_STATUS_LABELS[v.status]}\
${overdue}</span>`;
}

/** Readers shared by the directives' pages. */
export function directiveKit(deps: DirectivePagesDeps) {
  const zone = deps.defaultTimeZone;
  const svc = deps.directives;
  const view = async (refs: DirectiveRef[]) => {
    const dir = await svc.directory();
    return refs.map((x) => directiveView(x.notice, x.directive, dir, svc.now(), zone));
  };

  /** An instant from a form's local date and time in a body's zone (time default: end of the office day). */
  async function instantOf(bodyCode: string, date: string, time: string): Promise<string | undefined> {
    if (!date.trim()) return undefined;
    const tz = (await deps.orgRepos.bodies.get(bodyCode))?.timeZone ?? zone;
    try {
      return toOffsetIso(localToUtc(`${date.trim()}T${time.trim() || '17:00'}`, tz), tz);
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
      agencies: [...dir.agencies.values()]
        .sort(name)
        .map((a) => ({ value: `agency:${a.code}`, label: a.shortName || a.name })),
      bodies: [...dir.bodies.values()].map((b) => ({ value: b.code, label: b.name })),
    };
  }

  return { zone, svc, view, instantOf, assigneeOptions };
}
