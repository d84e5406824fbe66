/**
 * Golden files of every kind of email the reminders and directives send (text and HTML each, the
 * subject on the text's first line), rendered from the real templates with the facts the real
 * planners produce: the escalation, agenda and weekly digest (with the agency's directives) of the
 * May 2023 session, the four change notices (moved, cancelled, restored, relocated), a revision
 * notice of the programme, and the four directive kinds. Preparation and overdue notices are in
 * render.test.ts. A missing file fails; `npm run golden:update` rewrites them (review the diff).
 *
 * Each email is also checked for what a golden file could hide once accepted: no "undefined",
 * "null", "[object Object]" or template braces; no HTML entity or tag in the text part; NFC.
 */
import { join } from 'node:path';
import { WorkingCalendar } from '../../../src/calendar/working-days';
import { digestEntries, planDirectiveDeliveries, type DirectivePlanInput } from '../../../src/directives/reminders';
import { withDefaults as directiveDefaults } from '../../../src/directives/settings';
import type { Directive, Notice } from '../../../src/directives/types';
import type { OutgoingMessage } from '../../../src/mail/transport';
import { compareDocuments } from '../../../src/publishing/compare';
import { affectedRecipients, type RevisionNotice } from '../../../src/publishing/notifier';
import { buildProgramme } from '../../../src/publishing/programme';
import { emailInput } from '../../../src/reminders/bundle';
import { detectChanges, stateOf } from '../../../src/reminders/changes';
import { loadEmailTemplates } from '../../../src/reminders/email-templates';
import { messageIdOf } from '../../../src/reminders/keys';
import { planDeliveries } from '../../../src/reminders/plan';
import { publicationDeliveries } from '../../../src/reminders/publication-notifier';
import { parseSender, renderEmail } from '../../../src/reminders/render';
import type { DeliveryKind, PlannedDelivery } from '../../../src/reminders/types';
import { expectGolden, GOLDEN_ROOT } from '../../support/golden';
import * as pub from '../publishing/fixtures';
import { directory, item, links, planInput, session, ZONE } from './fixtures';

const templates = loadEmailTemplates();
const sender = parseSender('Văn phòng HĐND và UBND huyện <no-reply@lucngan.example>');
const GOLDEN = join(GOLDEN_ROOT, 'reminders');
const OPT_OUT = 'https://lich.example.gov.vn/email/huy-dang-ky/TOKEN';

/** The message of one planned email (or of a bundle of them), as the dispatcher renders it. */
function render(members: PlannedDelivery[], optOutUrl: string | null = OPT_OUT): OutgoingMessage {
  return renderEmail(templates, emailInput(members, 'lucngan.example'), { sender, optOutUrl });
}

/** Golden files `<name>.txt` (subject, blank line, text) and `<name>.html`, after the sanity checks. */
function golden(name: string, m: OutgoingMessage): void {
  for (const part of [m.subject, m.text, m.html]) {
    expect(part).toBe(part.normalize('NFC'));
    expect(part).not.toMatch(/undefined|\bnull\b|NaN|\[object Object\]|\{\{|\}\}/);
  }
  // The text part is plain text: no entity (&amp; &#61; …) and no tag.
  expect(m.text).not.toMatch(/&[a-z]+;|&#\d+;|<\/?[a-z][^>]*>/i);
  expect(m.subject).not.toMatch(/[\r\n]|&[a-z]+;|&#\d+;/i);
  expectGolden(join(GOLDEN, `${name}.txt`), `Subject: ${m.subject}\n\n${m.text}`);
  expectGolden(join(GOLDEN, `${name}.html`), m.html);
}

const only = (list: PlannedDelivery[], kind: DeliveryKind, recipient: string): PlannedDelivery => {
  const found = list.filter((p) => p.kind === kind && p.recipient === recipient);
  expect(found).toHaveLength(1);
  return found[0]!;
};

// --- Directives: the notice of 11/5/2023 (three of its tasks), issued by the UBND. ---------------
const T0 = new Date('2023-05-11T03:00:00Z');
const directive = (n: number, text: string, over: Partial<Directive> = {}): Directive => ({
  id: `tb-45-${n}`,
  seq: n,
  number: n,
  section: 0,
  text,
  assignees: [
    { kind: 'agency', code: 'phong-tc-kh', role: 'lead' },
    { kind: 'agency', code: 'thanh-tra', role: 'coordinating' },
  ],
  dueAt: new Date('2023-05-31T10:00:00Z'),
  dueTimeAssumed: false,
  cadence: null,
  status: 'assigned',
  statusNote: null,
  reportedDoneAt: null,
  doneAt: null,
  reports: [],
  extensions: [],
  deadlineHistory: [{ at: T0, by: 'vanphong', from: null, to: new Date('2023-05-31T10:00:00Z'), reason: 'Thông báo' }],
  warnings: [],
  history: [],
  rev: 0,
  updatedAt: T0,
  ...over,
});
const notice: Notice = {
  id: 'tb-45',
  bodyCode: 'ubnd',
  kind: 'conclusions',
  number: '45/TB-UBND',
  date: '2023-05-11',
  title: 'Kết luận của Chủ tịch UBND huyện tại buổi giao ban ngày 08/5/2023',
  occurrenceId: null,
  meetingDate: '2023-05-08',
  signer: { authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', name: 'Nguyễn Văn A' },
  recipients: [],
  status: 'issued',
  preamble: '',
  sections: ['Về công tác thu ngân sách và giải ngân vốn đầu tư công'],
  directives: [
    directive(
      1,
      'Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Thanh tra huyện rà soát các khoản thu ngân sách ' +
        '"còn tồn đọng" & báo cáo UBND huyện.',
    ),
    directive(2, 'Thanh tra huyện báo cáo tiến độ giải quyết đơn thư tồn đọng trên địa bàn.', {
      assignees: [{ kind: 'agency', code: 'thanh-tra', role: 'lead' }],
      dueAt: new Date('2023-05-19T10:00:00Z'),
      dueTimeAssumed: true,
    }),
    directive(3, 'Phòng Tài chính - Kế hoạch theo dõi, báo cáo tình hình giải ngân vốn đầu tư công.', {
      dueAt: null,
      cadence: 'monthly',
      deadlineHistory: [],
    }),
  ],
  warnings: [],
  history: [],
  source: 'manual',
  issuedAt: T0,
  issuedBy: 'vanphong',
  nextSeq: 4,
  rev: 0,
  createdAt: T0,
  updatedAt: T0,
};
const directiveInput = (now: string): DirectivePlanInput => ({
  now: new Date(now),
  notices: [notice],
  directory: directory(),
  calendar: new WorkingCalendar([]),
  settingsOf: (code) => directiveDefaults(code, null),
  officeEmailsOf: () => ['vanphong@lucngan.example'],
  optedOut: () => false,
  links: {
    directive: (id) => `https://lich.example.gov.vn/chi-dao/${id}`,
    board: () => 'https://lich.example.gov.vn/van-phong/chi-dao',
  },
  defaultTimeZone: ZONE,
});

describe('golden files of every email kind', () => {
  test('when item 1 of the 23/5 session is overdue, then the escalation to the Office matches its golden files', () => {
    const planned = planDeliveries(planInput('2023-05-18T12:00:00Z'));
    const m = render([only(planned, 'escalation', 'vanphong@lucngan.example')], null);
    expect(m.subject).toMatch(/^\[/);
    expect(m.headers).not.toHaveProperty('List-Unsubscribe');
    golden('escalation', m);
  });

  test('when the working day before the session comes, then the agenda to an agency matches its golden files', () => {
    const input = planInput('2023-05-15T00:00:00Z', {
      items: [
        item(1),
        item(2, {
          preparingAgencies: [
            { code: 'thanh-tra', role: 'lead' },
            { code: 'cong-an', role: 'coordinating' },
          ],
        }),
      ],
    });
    golden('agenda', render([only(planDeliveries(input), 'agenda', 'tckh@lucngan.example')]));
  });

  test("when an agency's weekly digest is built, then it lists its items and directives as golden", () => {
    const directives = directiveInput('2023-05-15T00:00:00Z');
    const input = planInput('2023-05-15T00:00:00Z', {
      items: [item(1), item(2, { dueAt: new Date('2023-05-12T10:00:00Z') })],
      digestExtras: (agencyCode, at, until) => digestEntries(directives, agencyCode, at, until),
    });
    const digests = planDeliveries(input).filter((p) => p.kind === 'digest' && p.recipient === 'tckh@lucngan.example');
    expect(digests.length).toBeGreaterThan(0);
    const m = render([digests[0]!]);
    expect(m.text).toContain('[QUÁ HẠN] Nội dung 2');
    expect(m.text).toContain('thường xuyên, báo cáo');
    golden('digest', m);
  });

  describe('change notices', () => {
    const notify = (before: ReturnType<typeof session>, after: ReturnType<typeof session>) => {
      const { notices } = detectChanges({
        now: new Date('2023-05-10T03:00:00Z'),
        occurrences: [after],
        items: [item(1)],
        notified: new Map([[before.id, stateOf(before, new Date('2023-05-01T00:00:00Z'))]]),
        directory: directory(),
        links,
        optedOut: () => false,
        organizer: sender,
      });
      const n = notices.find((x) => x.recipient === 'tckh@lucngan.example')!;
      return renderEmail(
        templates,
        { ...n, messageId: messageIdOf(n.key, 'lucngan.example') },
        { sender, optOutUrl: OPT_OUT },
      );
    };
    const moved = {
      localStart: '2023-05-30T08:00',
      startUtc: new Date('2023-05-30T01:00:00Z'),
      endUtc: new Date('2023-05-30T05:00:00Z'),
    };

    test('when the session is moved, then the notice matches its golden files', () => {
      golden(
        'change-moved',
        notify(session(), session({ ...moved, sequence: 2, reason: 'Trùng lịch họp của Tỉnh ủy' })),
      );
    });

    test('when the session is cancelled, then the notice matches its golden files', () => {
      golden(
        'change-cancelled',
        notify(session(), session({ status: 'cancelled', sequence: 2, reason: 'Lãnh đạo đi công tác tỉnh' })),
      );
    });

    test('when a cancelled session is held again, then the notice matches its golden files', () => {
      golden('change-restored', notify(session({ status: 'cancelled' }), session({ sequence: 3 })));
    });

    test('when the session changes place, then the notice matches its golden files', () => {
      golden('change-relocated', notify(session(), session({ location: 'Phòng họp tầng 2, UBND huyện', sequence: 2 })));
    });
  });

  test('when version 2 of the programme moves the session and changes items, then the notice is golden', () => {
    const SESSION = 'thuong-ky_20230525T0800';
    const build = (o: { overrides?: Parameters<typeof pub.occurrences>[1]; items?: ReturnType<typeof pub.item>[] }) =>
      buildProgramme({
        body: pub.body,
        month: '2023-05',
        series: [pub.briefing, pub.regular],
        directory: pub.directory,
        occurrences: pub.occurrences({ from: '2023-05-01', to: '2023-05-31' }, o.overrides ?? []),
        items: o.items ?? [pub.item(SESSION, 1, [['tckh', 'lead']]), pub.item(SESSION, 2, [['thanh-tra', 'lead']])],
        settings: pub.settings({ partA: 'A' }),
      });
    const before = build({});
    const after = build({
      overrides: [pub.override(pub.regular, '2023-05-25T08:00', { start: '2023-05-23T08:00' })],
      items: [
        pub.item(SESSION, 1, [['cong-an', 'lead']]),
        pub.item(SESSION, 2, [['thanh-tra', 'lead']], { title: 'Nội dung hai, sửa.' }),
      ],
    });
    const comparison = compareDocuments(before, after);
    const base = 'https://lich.example.gov.vn/programmes/ubnd/2023-05';
    // As publishing/service.ts builds it (notifyRevision).
    const revision: RevisionNotice = {
      kind: 'programme',
      bodyCode: 'ubnd',
      bodyName: pub.body.name,
      period: '2023-05',
      version: 2,
      previousVersion: 1,
      label: 'Điều chỉnh lần 1',
      subject: `Chương trình công tác tháng 5/2023 của ${pub.body.name}: điều chỉnh lần 1`,
      url: `${base}/versions/2`,
      compareUrl: `${base}/compare?from=1&to=2`,
      comparison,
      recipients: affectedRecipients(comparison, before.meetings, after.meetings, pub.directory),
      publishedAt: new Date('2023-05-10T02:00:00Z'),
      publishedBy: 'vanphong',
    };
    const m = render([only(publicationDeliveries(revision), 'publication', 'tckh@lucngan.example')]);
    expect(m.text).toContain('Dời: Phiên họp thường kỳ UBND huyện, từ 8h00 ngày 25/5/2023 sang 8h00 ngày 23/5/2023.');
    golden('publication', m);
  });

  describe('directives', () => {
    const planned = planDirectiveDeliveries(directiveInput('2023-05-15T00:00:00Z'));
    const at = (p: PlannedDelivery) => p.dueAt.toISOString();

    test('when a directive is 3 working days from its deadline, then the reminder matches its golden files', () => {
      const reminders = planned.filter(
        (p) => p.kind === 'directive-reminder' && p.recipient === 'tckh@lucngan.example' && p.data.offset === 3,
      );
      expect(reminders.map((p) => `${(p.data.directive as { id: string }).id} ${at(p)}`)).toEqual([
        'tb-45-1 2023-05-26T01:00:00.000Z',
      ]);
      golden('directive-reminder', render(reminders));
    });

    test('when a directive with a date only is overdue, then the overdue notice matches its golden files', () => {
      const overdue = planned.filter(
        (p) =>
          p.kind === 'directive-overdue' &&
          p.recipient === 'thanhtra@lucngan.example' &&
          (p.data.directive as { id: string }).id === 'tb-45-2',
      );
      expect(overdue.map(at)).toEqual(['2023-05-22T01:00:00.000Z']);
      golden('directive-overdue', render(overdue));
    });

    test('when directives of the UBND are overdue, then the escalation to the Office matches its golden files', () => {
      const late = planDirectiveDeliveries(directiveInput('2023-05-31T12:00:00Z')).filter(
        (p) => p.kind === 'directive-escalation',
      );
      expect(late.map(at)).toEqual(['2023-06-01T01:00:00.000Z']);
      const m = render(late, null);
      expect(m.text).toContain('2 nhiệm vụ chỉ đạo');
      golden('directive-escalation', m);
    });

    test("when a standing task's monthly report is due, then the request matches its golden files", () => {
      const requests = planDirectiveDeliveries(directiveInput('2023-05-20T00:00:00Z')).filter(
        (p) => p.kind === 'directive-report' && p.recipient === 'tckh@lucngan.example',
      );
      expect(requests.map(at)).toEqual(['2023-05-25T01:00:00.000Z']);
      golden('directive-report', render(requests));
    });
  });
});
