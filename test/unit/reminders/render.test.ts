/**
 * Rendering the emails from the real templates: golden files for one preparation reminder, for
 * one email bundling the reminders of items 1-6 and for a bundled overdue notice
 * (`UPDATE_GOLDEN=1` rewrites them; review the diff), escaping, and the iTIP attachment of a change
 * notice read back with ical.js.
 */
import { join } from 'node:path';
import ICAL from 'ical.js';
import { detectChanges, stateOf } from '../../../src/reminders/changes';
import { loadEmailTemplates } from '../../../src/reminders/email-templates';
import { emailInput } from '../../../src/reminders/bundle';
import { messageIdOf } from '../../../src/reminders/keys';
import { planDeliveries } from '../../../src/reminders/plan';
import { parseSender, renderEmail } from '../../../src/reminders/render';
import { expectGolden, GOLDEN_ROOT } from '../../support/golden';
import { directory, item, links, planInput, session } from './fixtures';

const templates = loadEmailTemplates();
const sender = parseSender('Văn phòng HĐND và UBND huyện <no-reply@lucngan.example>');
const GOLDEN = join(GOLDEN_ROOT, 'reminders');

/** A missing golden file fails (support/golden.ts); `npm run golden:update` rewrites them, reviewed in the diff. */
const golden = (name: string, actual: string) => expectGolden(join(GOLDEN, name), actual);

function render(
  kind: string,
  input = planInput('2023-05-01T01:00:00Z'),
  optOutUrl: string | null = 'https://lich.example.gov.vn/email/huy-dang-ky/TOKEN',
) {
  const d = planDeliveries(input).find((p) => p.kind === kind && p.recipient !== 'chutich@lucngan.example')!;
  return renderEmail(templates, emailInput([d], 'lucngan.example'), { sender, optOutUrl });
}

/** The email of every delivery of `kind` to `recipient` due at the first time (a bundle). */
function renderBundle(kind: string, input: ReturnType<typeof planInput>, recipient = 'tckh@lucngan.example') {
  const all = planDeliveries(input).filter((p) => p.kind === kind && p.recipient === recipient);
  const first = Math.min(...all.map((p) => p.dueAt.getTime()));
  const members = all.filter((p) => p.dueAt.getTime() === first);
  return {
    members,
    message: renderEmail(templates, emailInput(members, 'lucngan.example'), {
      sender,
      optOutUrl: 'https://lich.example.gov.vn/email/huy-dang-ky/TOKEN',
    }),
  };
}

describe('rendering reminder emails', () => {
  test('when rendering the 7-day preparation reminder of item 1, then subject, text and HTML match the golden files', () => {
    const m = render('preparation');
    expect(m.subject).toBe(
      '[Nhắc hạn] Nội dung 1 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: hạn gửi tài liệu 17:00, Thứ Năm ngày 18/5/2023',
    );
    expect(m.to).toBe('tckh@lucngan.example');
    expect(m.headers).toMatchObject({
      'List-Unsubscribe': '<https://lich.example.gov.vn/email/huy-dang-ky/TOKEN>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    });
    golden('preparation.txt', `Subject: ${m.subject}\n\n${m.text}`);
    golden('preparation.html', m.html);
  });

  test('when items 1-6 of one session are due for the same agency at the same time, then one email lists them all, and its golden files match', () => {
    const input = planInput('2023-05-01T01:00:00Z', {
      items: [1, 2, 3, 4, 5, 6].map((n) => item(n, n === 2 ? { leaderCode: 'chu-tich-ubnd' } : {})),
    });
    const { members, message: m } = renderBundle('preparation', input);
    expect(members.map((d) => d.itemNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.subject).toBe(
      '[Nhắc hạn] Nội dung 1-6 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: hạn gửi tài liệu 17:00, Thứ Năm ngày 18/5/2023',
    );
    expect(m.messageId).toMatch(/^<[0-9a-f]{40}@lucngan\.example>$/);
    expect(m.messageId).not.toBe(messageIdOf(members[0]!.key, 'lucngan.example'));
    for (const n of [1, 2, 3, 4, 5, 6])
      expect(m.text).toContain(`Nội dung ${n}: Báo cáo tình hình thực hiện nhiệm vụ số ${n}`);
    expect(m.text).toContain(
      'Văn phòng xin nhắc: còn 7 ngày làm việc đến hạn gửi tài liệu đối với 6 nội dung dưới đây do đơn vị chuẩn bị.',
    );
    golden('preparation-bundle.txt', `Subject: ${m.subject}\n\n${m.text}`);
    golden('preparation-bundle.html', m.html);
  });

  test('when two items of one bundle have different due dates, then each shows its own and the subject the soonest', () => {
    const input = planInput('2023-05-01T01:00:00Z', {
      items: [item(7), item(8, { dueAt: new Date('2023-05-19T10:00:00Z'), dueAtFixed: true })],
    });
    // Item 7 is due Thursday 18/5, item 8 Friday 19/5: at 18/5 08:00 item 7's due-day reminder and item 8's "1 working day" one meet.
    const all = planDeliveries(input).filter((p) => p.kind === 'preparation');
    const at = new Date('2023-05-18T01:00:00Z'); // 18/5 08:00: item 7's due day, item 8's last working day before
    const members = all.filter((p) => p.dueAt.getTime() === at.getTime());
    expect(members.map((d) => `${d.itemNumber}:${d.data.offset as number}`).sort()).toEqual(['7:0', '8:1']);
    const m = renderEmail(templates, emailInput(members, 'lucngan.example'), { sender, optOutUrl: null });
    expect(m.subject).toBe(
      '[Nhắc hạn] Nội dung 7, 8 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: hạn gửi tài liệu sớm nhất 17:00, Thứ Năm ngày 18/5/2023',
    );
    expect(m.text).toContain('Hạn gửi tài liệu: 17:00, Thứ Năm ngày 18/5/2023 (hôm nay là hạn gửi tài liệu)');
    expect(m.text).toContain(
      'Hạn gửi tài liệu: 17:00, Thứ Sáu ngày 19/5/2023 (còn 1 ngày làm việc đến hạn gửi tài liệu)',
    );
  });

  test('when items 1-6 are overdue, then one notice lists them, and its golden files match', () => {
    const input = planInput('2023-05-18T12:00:00Z', { items: [1, 2, 3, 4, 5, 6].map((n) => item(n)) });
    const { members, message: m } = renderBundle('overdue', input);
    expect(members).toHaveLength(6);
    expect(m.subject).toBe('[Quá hạn] Nội dung 1-6 - Phiên họp thường kỳ UBND huyện ngày 23/5/2023: chưa gửi tài liệu');
    golden('overdue-bundle.txt', `Subject: ${m.subject}\n\n${m.text}`);
    golden('overdue-bundle.html', m.html);
  });

  test('when every kind is rendered, then all parts are NFC and no template name is missing', () => {
    const input = planInput('2023-05-15T00:00:00Z');
    for (const kind of ['preparation', 'overdue', 'escalation', 'agenda', 'digest']) {
      const m = render(kind, input);
      for (const part of [m.subject, m.text, m.html]) expect(part).toBe(part.normalize('NFC'));
      expect(m.text).not.toMatch(/\{\{|\}\}/);
    }
    expect(render('escalation', input, null).headers).not.toHaveProperty('List-Unsubscribe');
  });

  test('when a title carries markup, then the HTML shows it as text and the subject stays one line', () => {
    const input = planInput('2023-05-01T01:00:00Z', {
      items: [item(1, { title: 'Tờ trình <img src=x onerror=alert(1)>\r\nBcc: x@evil.example' })],
    });
    const m = render('preparation', input);
    // Escaped by the one HTML escaper (src/shared/html.ts), whichever characters besides < > & " ' it encodes.
    expect(m.html).toMatch(/Tờ trình &lt;img src(=|&#61;)x onerror(=|&#61;)alert\(1\)&gt;/);
    expect(m.html).not.toContain('<img');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  test('when a moved meeting is notified, then the attachment is an iTIP REQUEST for the series instance with the new time and SEQUENCE', () => {
    const before = stateOf(session(), new Date('2023-05-01T00:00:00Z'));
    const moved = session({
      localStart: '2023-05-30T08:00',
      startUtc: new Date('2023-05-30T01:00:00Z'),
      endUtc: new Date('2023-05-30T05:00:00Z'),
      sequence: 2,
    });
    const { notices } = detectChanges({
      now: new Date('2023-05-10T03:00:00Z'),
      occurrences: [moved],
      items: [item(1)],
      notified: new Map([[before.occurrenceId, before]]),
      directory: directory(),
      links,
      optedOut: () => false,
      organizer: sender,
    });
    const n = notices.find((x) => x.recipient === 'tckh@lucngan.example')!;
    const m = renderEmail(
      templates,
      { ...n, messageId: messageIdOf(n.key, 'lucngan.example') },
      { sender, optOutUrl: null },
    );
    expect(m.subject).toBe(
      'Thay đổi lịch họp: Phiên họp thường kỳ UBND huyện chuyển sang 08:00, Thứ Ba ngày 30/5/2023',
    );
    expect(m.icalEvent?.method).toBe('REQUEST');
    const cal = new ICAL.Component(ICAL.parse(m.icalEvent!.content));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(ev.uid).toBe('ubnd-phien-hop-thuong-ky@lich-hop');
    expect(ev.sequence).toBe(2);
    expect(ev.recurrenceId.toString()).toBe('2023-05-25T08:00:00');
    expect(ev.component.getFirstProperty('recurrence-id')!.getParameter('tzid')).toBe('Asia/Ho_Chi_Minh');
    expect(ev.startDate.toJSDate().toISOString()).toBe('2023-05-30T01:00:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2023-05-30T05:00:00.000Z');
    expect(ev.summary).toBe('Phiên họp thường kỳ UBND huyện');
    expect(ev.organizer).toBe('mailto:no-reply@lucngan.example');
    expect(ev.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:tckh@lucngan.example']);
  });

  test('when a cancellation is notified, then the attachment is an iTIP CANCEL with STATUS:CANCELLED', () => {
    const before = stateOf(session(), new Date('2023-05-01T00:00:00Z'));
    const { notices } = detectChanges({
      now: new Date('2023-05-10T03:00:00Z'),
      occurrences: [session({ status: 'cancelled', sequence: 2 })],
      items: [],
      notified: new Map([[before.occurrenceId, before]]),
      directory: directory(),
      links,
      optedOut: () => false,
      organizer: sender,
    });
    const m = renderEmail(templates, { ...notices[0]!, messageId: 'x' }, { sender, optOutUrl: null });
    expect(m.subject).toBe('Hủy lịch họp: Phiên họp thường kỳ UBND huyện (08:00, Thứ Ba ngày 23/5/2023)');
    const cal = new ICAL.Component(ICAL.parse(m.icalEvent!.content));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
