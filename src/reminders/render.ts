/**
 * Turns a stored delivery (kind + facts) into the message sent: Vietnamese subject, plain-text and
 * HTML parts from templates/email/, the iTIP attachment of a change notice, and the headers of an
 * automatic message. Pure: the templates are given (see email-templates.ts).
 */
import type { OutgoingMessage } from '../mail/transport';
import { buildItip, type ItipData } from './itip';
import type { Template } from './template';
import type { DeliveryKind } from './types';

export interface KindTemplates {
  subject: Template;
  text: Template;
  html: Template;
}

export interface EmailTemplates {
  kinds: Record<DeliveryKind, KindTemplates>;
  /** The layout around each part, split at `<!--content-->`. */
  layout: { htmlBefore: Template; htmlAfter: Template; textBefore: Template; textAfter: Template };
}

/** Vietnamese names of the kinds (opt-out page, footer). */
export const KIND_LABELS: Record<DeliveryKind, string> = {
  preparation: 'thư nhắc hạn gửi tài liệu',
  overdue: 'thư báo quá hạn gửi tài liệu',
  escalation: 'báo cáo nội dung quá hạn',
  agenda: 'chương trình họp gửi trước ngày họp',
  digest: 'thư tổng hợp hằng tuần',
  change: 'thông báo thay đổi lịch họp',
  publication: 'thông báo điều chỉnh chương trình/lịch công tác',
  'directive-reminder': 'thư nhắc thời hạn thực hiện ý kiến chỉ đạo',
  'directive-overdue': 'thư báo quá hạn thực hiện ý kiến chỉ đạo',
  'directive-escalation': 'báo cáo nhiệm vụ chỉ đạo quá hạn',
  'directive-report': 'thư đề nghị báo cáo định kỳ nhiệm vụ thường xuyên',
};

export interface Sender {
  name: string;
  email: string;
}

/** `"Văn phòng HĐND và UBND" <no-reply@x>` or `Name <x>` or `x` → name and address. */
export function parseSender(from: string): Sender {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { name: m[1]!.trim() || m[2]!.trim(), email: m[2]!.trim() };
  return { name: from.trim(), email: from.trim() };
}

/** One line, NFC, no control characters, at most 250 characters. */
export function cleanSubject(subject: string): string {
  const one = subject
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > 250 ? `${one.slice(0, 247)}...` : one;
}

/** One email: its kind, address, facts and Message-ID (see `emailInput` in bundle.ts for a bundle's). */
export interface RenderInput {
  kind: DeliveryKind;
  recipient: string;
  data: Record<string, unknown>;
  messageId: string;
}

export interface RenderOptions {
  sender: Sender;
  /** The recipient's opt-out link for this kind; null for escalations (not optional). */
  optOutUrl: string | null;
}

/** The flags the change templates branch on. */
function withChangeFlags(data: Record<string, unknown>): Record<string, unknown> {
  const change = data.change;
  return {
    ...data,
    isMoved: change === 'moved',
    isCancelled: change === 'cancelled',
    isRestored: change === 'restored',
    isRelocated: change === 'relocated',
  };
}

/** The subject alone (listings, dry runs), from an email's facts (`emailInput(...).data`). */
export function renderSubject(templates: EmailTemplates, kind: DeliveryKind, data: Record<string, unknown>): string {
  return cleanSubject(templates.kinds[kind].subject.render(kind === 'change' ? withChangeFlags(data) : data));
}

export function renderEmail(templates: EmailTemplates, d: RenderInput, options: RenderOptions): OutgoingMessage {
  const t = templates.kinds[d.kind];
  const data = d.kind === 'change' ? withChangeFlags(d.data) : d.data;
  const subject = cleanSubject(t.subject.render(data));
  const frame = {
    subject,
    senderName: options.sender.name,
    optOutUrl: options.optOutUrl,
    kindLabel: KIND_LABELS[d.kind],
  };
  const { layout } = templates;
  const text =
    `${layout.textBefore.render(frame)}${t.text.render(data).trim()}${layout.textAfter.render(frame)}`.normalize('NFC');
  const html =
    `${layout.htmlBefore.render(frame)}${t.html.render(data).trim()}${layout.htmlAfter.render(frame)}`.normalize('NFC');
  const headers: Record<string, string> = {
    'Auto-Submitted': 'auto-generated', // RFC 3834: no vacation replies
    'X-Auto-Response-Suppress': 'All',
    'X-Lich-Hop-Kind': d.kind,
  };
  if (options.optOutUrl) {
    headers['List-Unsubscribe'] = `<${options.optOutUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'; // RFC 8058
  }
  const message: OutgoingMessage = { to: d.recipient, subject, text, html, messageId: d.messageId, headers };
  if (d.kind === 'change') {
    const ical = d.data.ical as ItipData;
    message.icalEvent = {
      method: ical.method,
      filename: ical.method === 'CANCEL' ? 'huy-lich-hop.ics' : 'lich-hop.ics',
      content: buildItip(
        ical,
        d.recipient,
        typeof d.data.recipientName === 'string' ? d.data.recipientName : d.recipient,
      ),
    };
  }
  return message;
}
