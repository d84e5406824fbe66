/**
 * The frame of every web page: head, top bar with the signed-in user, flash messages. Mobile first:
 * one column on a phone, wider tables on a desktop; no JavaScript.
 */
import type { Principal } from '../access/api-keys';
import { html, raw, type SafeHtml } from '../shared/html';

export interface PageUser {
  principal: Principal;
  csrf: string;
}

export interface PageOptions {
  title: string;
  user?: PageUser | null;
  /** Shown at the top: a success message after a redirect. */
  done?: string | null;
  /** A general error of a failed form (field errors sit next to their fields). */
  error?: string | null;
  /** Breadcrumb links. */
  crumbs?: { href: string; label: string }[];
}

export const SITE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:16px;\
line-height:1.45;color:#1d1d1f;background:#f4f6f8}
a{color:#0b5394}
header.top{background:#0b3d6b;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
header.top a{color:#fff;text-decoration:none;font-weight:600}
header.top .brand{font-size:18px;margin-right:auto}
header.top form{display:inline;margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #9fc5e8;border-radius:4px;padding:3px 10px;\
font:inherit;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .6rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
.crumbs{font-size:.9rem;margin-bottom:.4rem}
.crumbs a::after{content:" ›";color:#777}
.card{background:#fff;border:1px solid #d9dee3;border-radius:8px;padding:12px 16px;margin:0 0 12px}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(280px,1fr))}
.grid.two{grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr))}
table.readiness .item-title{min-width:18rem}
form.status-form{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin-top:4px}
form.status-form .field label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
form.status-form .field select{width:auto;padding:4px}
form.status-form button{padding:4px 10px}
table.agenda td:last-child{min-width:15rem}
table.readiness td.cell{min-width:7rem;text-align:center}
table.readiness .role{font-size:.8rem;color:#5f6368}
table.readiness td.overdue .role,table.readiness td.overdue .muted{color:#fff}
table.readiness tr.meeting-row th{background:#dfe7ef;text-align:left}
.done{background:#e6f4ea;border:1px solid #34a853;padding:8px 12px;border-radius:6px;margin-bottom:12px}
.error-box{background:#fce8e6;border:1px solid #d93025;padding:8px 12px;border-radius:6px;margin-bottom:12px}
.warnings{background:#fff8e1;border:1px solid #f9ab00;padding:8px 12px 8px 28px;border-radius:6px}
.muted{color:#5f6368;font-size:.92rem}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.82rem;background:#e8eaed;white-space:nowrap}
.badge.moved{background:#fff4ce}.badge.cancelled{background:#fce8e6;color:#a50e0e}
.badge.submitted,.badge.ready,.badge.considered{background:#e6f4ea;color:#0d652d}
.badge.returned{background:#fce8e6}.badge.preparing{background:#e8f0fe}
.overdue,.badge.overdue{background:#d93025!important;color:#fff!important}
table.list{width:100%;border-collapse:collapse;background:#fff}
table.list th,table.list td{border:1px solid #d9dee3;padding:6px 8px;vertical-align:top;text-align:left}
table.list th{background:#eef2f6}
.table-wrap{overflow-x:auto}
form.inline{display:inline}
form.stack{display:grid;gap:10px;max-width:720px}
.field label{display:block;font-weight:600;margin-bottom:2px}
.field input[type=text],.field input[type=date],.field input[type=time],.field input[type=number],\
.field input[type=password],.field select,.field textarea{width:100%;padding:8px;font:inherit;\
border:1px solid #9aa0a6;border-radius:4px;background:#fff}
.field textarea{min-height:7rem}
.field textarea.tall{min-height:24rem;font-size:.95rem}
.field .hint{font-size:.85rem;color:#5f6368}
.field .field-error{color:#c5221f;font-weight:600;font-size:.9rem;margin-top:2px}
.field.has-error input,.field.has-error select,.field.has-error textarea{border-color:#c5221f;border-width:2px}
.checks{display:flex;flex-wrap:wrap;gap:4px 16px}
.checks label{font-weight:normal}
button,.button{background:#0b5394;color:#fff;border:0;border-radius:4px;padding:8px 14px;font:inherit;cursor:pointer;\
text-decoration:none;display:inline-block}
button.secondary{background:#5f6368}
button.danger{background:#c5221f}
.day{margin-bottom:14px}
.day h3{border-bottom:2px solid #0b3d6b;padding-bottom:2px}
.meeting{background:#fff;border:1px solid #d9dee3;border-left:4px solid #0b5394;border-radius:6px;padding:8px 12px;\
margin:6px 0}
.meeting.cancelled{border-left-color:#d93025;opacity:.8}
.meeting.cancelled .title{text-decoration:line-through}
.meeting .when{font-weight:700}
.meeting ol{margin:.4rem 0 .2rem;padding-left:1.6rem}
.holiday{color:#a50e0e;font-style:italic}
.nav-periods{display:flex;gap:12px;flex-wrap:wrap;margin:.3rem 0 1rem}
.qr svg{width:180px;height:180px}
.feed-url{word-break:break-all;overflow-wrap:anywhere}
details{margin:4px 0}
summary{cursor:pointer;color:#0b5394}
.rich{background:#fff;border:1px solid #d9dee3;padding:8px 16px;border-radius:6px;font-family:"Times New Roman",serif}
@media (max-width:640px){
  main{padding:10px}
  h1{font-size:1.25rem}
  table.list.responsive thead{display:none}
  table.list.responsive tr{display:block;border:1px solid #d9dee3;margin-bottom:8px;background:#fff}
  table.list.responsive td{display:block;border:0;border-bottom:1px solid #eef0f2}
  table.list.responsive td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
`;

const crumb = (c: { href: string; label: string }) => html`<a href="${c.href}">${c.label}</a> `;

/** A whole page. */
export function page(opts: PageOptions, content: SafeHtml): string {
  const user = opts.user;
  const who = user
    ? html`<span>${user.principal.name}</span>\
${user.principal.role === 'office' ? html`<a href="/van-phong">Văn phòng</a>` : html`<a href="/co-quan">Cơ quan</a>`}\
<form method="post" action="/dang-xuat"><input type="hidden" name="_csrf" value="${user.csrf}">\
<button type="submit">Đăng xuất</button></form>`
    : html`<a href="/dang-nhap">Đăng nhập</a>`;
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} - Lịch họp</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><header class="top"><a class="brand" href="/">Lịch họp</a><a href="/programmes">Văn bản đã ban hành</a>\
<a href="/dang-ky">Đăng ký lịch</a>${who}</header>
<main>${opts.crumbs?.length ? html`<nav class="crumbs">${opts.crumbs.map(crumb)}</nav>` : ''}
${opts.done ? html`<p class="done" role="status">${opts.done}</p>` : ''}\
${opts.error ? html`<p class="error-box" role="alert">${opts.error}</p>` : ''}
${content}</main></body></html>`.toString();
}

export { html, raw };
