/**
 * Whatever the stored data holds (written before input was checked, or loaded from a seed), no
 * renderer writes a control character raw: iCalendar feeds and iTIP (RFC 5545 forbids them), HTML,
 * DOCX (XML) and email.
 */
import { escapeText, icalText, renderCalendar } from '../../../src/feeds/render';
import { escapeHtml as escapePage, html } from '../../../src/shared/html';
import { markdownToHtml } from '../../../src/publishing/part-a';
import { xmlSafe } from '../../../src/publishing/render-docx';
import { buildItip } from '../../../src/reminders/itip';
import { compileTemplate } from '../../../src/reminders/template';

/** Controls no output may carry: C0 but tab, LF and CR, and DEL. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const DIRTY = 'Phiên\u0000 họp\u0007 thường\u001b kỳ\u000b\u007f';

describe('control characters in output', () => {
  test('when a feed is rendered from dirty text, then no content line carries a control character', () => {
    const at = new Date('2023-05-23T01:00:00Z');
    const ics = renderCalendar({
      name: `Lịch\u0007 họp`,
      description: 'Mô tả\u0000',
      timeZone: 'Asia/Ho_Chi_Minh',
      refreshMinutes: 60,
      events: [
        {
          uid: 'x@lich-hop',
          zone: 'Asia/Ho_Chi_Minh',
          start: '2023-05-23T08:00',
          end: '2023-05-23T10:00',
          startUtc: at,
          endUtc: new Date('2023-05-23T03:00:00Z'),
          recurrenceId: null,
          rrule: null,
          exdates: [],
          summary: DIRTY,
          description: `Dòng 1\u0001\nDòng 2\u001f`,
          location: 'Hội\u000c trường\nUBND',
          organizer: { name: 'Văn\u0007 phòng', email: 'vp@example.gov.vn' },
          url: null,
          sequence: 0,
          stamp: at,
          cancelled: false,
          transparent: false,
          alarmMinutes: 15,
        },
      ],
    });
    expect(ics).not.toMatch(FORBIDDEN);
    expect(ics).toContain('SUMMARY:Phiên họp thường kỳ');
    expect(ics).toContain('DESCRIPTION:Dòng 1\\nDòng 2');
    expect(ics).toContain('LOCATION:Hội trường UBND');
    expect(escapeText('a\u0007;b\nc')).toBe('a\\;b\\nc');
    expect(icalText('a\tb\u0000\nc')).toBe('a\tb c');
  });

  test('when an iTIP invitation is built from dirty text, then it carries no control character', () => {
    const itip = buildItip(
      {
        method: 'REQUEST',
        uid: 'x@lich-hop',
        recurrenceId: null,
        zone: 'Asia/Ho_Chi_Minh',
        start: '2023-05-23T08:00',
        durationMinutes: 60,
        sequence: 1,
        summary: DIRTY,
        location: 'Hội\u0007 trường',
        description: 'a\u0000\nb',
        stamp: '2023-05-20T01:00:00Z',
        organizer: { name: 'Văn\u001b phòng', email: 'vp@example.gov.vn' },
      },
      'a@example.gov.vn',
      'Người\u0007 nhận',
    );
    expect(itip).not.toMatch(FORBIDDEN);
    expect(itip).toContain('SUMMARY:Phiên họp thường kỳ');
  });

  test('when HTML is built from dirty text, then the escaping drops control characters', () => {
    expect(escapePage('a\u0000<b>\u007f')).toBe('a&lt;b&gt;');
    expect(html`<p>${DIRTY}</p>`.toString()).toBe('<p>Phiên họp thường kỳ</p>');
    expect(markdownToHtml('**Nhiệm\u0007 vụ**\u0000')).toBe('<p><strong>Nhiệm vụ</strong></p>');
  });

  test('when a Word run is made from dirty text, then XML-invalid characters and DEL are dropped', () => {
    expect(xmlSafe(DIRTY)).toBe('Phiên họp thường kỳ');
    expect(xmlSafe('a\tb\nc')).toBe('a\tb\nc');
  });

  test('when an email is rendered from dirty data, then neither part carries a control character', () => {
    expect(compileTemplate('<p>{{title}}</p>', 'html').render({ title: DIRTY })).toBe('<p>Phiên họp thường kỳ</p>');
    expect(compileTemplate('{{title}}\n{{note}}', 'text').render({ title: DIRTY, note: 'a\r\nb\tc' })).toBe(
      'Phiên họp thường kỳ\na\r\nb\tc',
    );
    expect(compileTemplate('{{v}}', 'html').render({ v: 'x\u0007<y>' })).toBe('x&lt;y&gt;');
  });
});
