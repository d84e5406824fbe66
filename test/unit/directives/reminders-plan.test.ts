import { WorkingCalendar } from '../../../src/calendar/working-days';
import { directiveFeedEvents } from '../../../src/directives/feed-events';
import {
  assigneeRecipients,
  digestEntries,
  planDirectiveDeliveries,
  type DirectivePlanInput,
} from '../../../src/directives/reminders';
import { withDefaults } from '../../../src/directives/settings';
import type { Directive, Notice } from '../../../src/directives/types';
import type { Directory } from '../../../src/meetings/views';

const ZONE = 'Asia/Ho_Chi_Minh';
const t0 = new Date('2023-07-01T00:00:00Z');
const dir: Directory = {
  bodies: new Map([
    [
      'ubnd',
      {
        id: 'ubnd',
        code: 'ubnd',
        name: 'Ủy ban nhân dân huyện Lục Ngạn',
        shortName: 'UBND huyện',
        kind: 'people-committee',
        level: 'district',
        place: 'Lục Ngạn',
        parentName: '',
        timeZone: ZONE,
        documentDueWorkingDays: 3,
        createdAt: t0,
        updatedAt: t0,
      },
    ],
  ]),
  agencies: new Map([
    [
      'thanh-tra',
      {
        id: 'thanh-tra',
        code: 'thanh-tra',
        name: 'Thanh tra huyện',
        shortName: 'Thanh tra',
        bodyCode: 'ubnd',
        emails: ['ThanhTra@lucngan.example'],
        createdAt: t0,
        updatedAt: t0,
      },
    ],
    [
      'ldld',
      {
        id: 'ldld',
        code: 'ldld',
        name: 'Liên đoàn Lao động huyện',
        shortName: 'LĐLĐ',
        bodyCode: 'ubnd',
        emails: ['ldld@lucngan.example'],
        createdAt: t0,
        updatedAt: t0,
      },
    ],
  ]),
  officials: new Map([
    [
      'chu-tich-ldld',
      {
        id: 'x',
        code: 'chu-tich-ldld',
        name: 'Chủ tịch LĐLĐ huyện',
        title: '',
        bodyCode: 'ubnd',
        agencyCode: 'ldld',
        email: null,
        createdAt: t0,
        updatedAt: t0,
      },
    ],
  ]),
};
const directive = (n: number, over: Partial<Directive> = {}): Directive => ({
  id: `tb-${n}`,
  seq: n,
  number: n,
  section: null,
  text: `Nhiệm vụ ${n}`,
  assignees: [{ kind: 'agency', code: 'thanh-tra', role: 'lead' }],
  dueAt: new Date('2023-07-13T10:00:00Z'),
  dueTimeAssumed: false,
  cadence: null,
  status: 'assigned',
  statusNote: null,
  reportedDoneAt: null,
  doneAt: null,
  reports: [],
  extensions: [],
  deadlineHistory: [{ at: t0, by: 'x', from: null, to: new Date('2023-07-13T10:00:00Z'), reason: 'x' }],
  warnings: [],
  history: [],
  rev: 0,
  updatedAt: t0,
  ...over,
});
const notice = (directives: Directive[], over: Partial<Notice> = {}): Notice => ({
  id: 'tb',
  bodyCode: 'ubnd',
  kind: 'conclusions',
  number: '150/TB-UBND',
  date: '2023-07-07',
  title: 'Kết luận',
  occurrenceId: null,
  meetingDate: null,
  signer: { authority: '', title: '', name: '' },
  recipients: [],
  status: 'issued',
  preamble: '',
  sections: [],
  directives,
  warnings: [],
  history: [],
  source: 'manual',
  issuedAt: t0,
  issuedBy: 'x',
  nextSeq: 9,
  rev: 0,
  createdAt: t0,
  updatedAt: t0,
  ...over,
});
const input = (now: string, notices: Notice[], over: Partial<DirectivePlanInput> = {}): DirectivePlanInput => ({
  now: new Date(now),
  notices,
  directory: dir,
  calendar: new WorkingCalendar([]),
  settingsOf: (c) => withDefaults(c, null),
  officeEmailsOf: () => ['vanphong@lucngan.example'],
  optedOut: () => false,
  links: { directive: (id) => `https://x/chi-dao/${id}`, board: () => 'https://x/van-phong/chi-dao' },
  defaultTimeZone: ZONE,
  ...over,
});
const summary = (list: ReturnType<typeof planDirectiveDeliveries>) =>
  list.map((p) => `${p.key} @${p.dueAt.toISOString()}`).sort();

describe('planning directive reminders (pure)', () => {
  test('when a directive is due Thursday 13/7 17:00, then reminders 3 and 1 working days before and on the day, the overdue notice and the escalation are planned once each', () => {
    const planned = planDirectiveDeliveries(input('2023-07-05T00:00:00Z', [notice([directive(1)])]));
    expect(summary(planned)).toEqual([
      'directive-escalation:-:-:vanphong@lucngan.example:ubnd:2023-07-14 @2023-07-14T01:00:00.000Z',
      'directive-overdue:-:-:thanhtra@lucngan.example:tb-1 @2023-07-14T01:00:00.000Z',
      'directive-reminder:-:-:thanhtra@lucngan.example:tb-1:0 @2023-07-13T01:00:00.000Z',
      'directive-reminder:-:-:thanhtra@lucngan.example:tb-1:1 @2023-07-12T01:00:00.000Z',
      'directive-reminder:-:-:thanhtra@lucngan.example:tb-1:3 @2023-07-10T01:00:00.000Z',
    ]);
    expect(planned.find((p) => p.kind === 'directive-reminder')!.group).toBe(
      'directive-reminder:-:-:thanhtra@lucngan.example:tb-1',
    );
    expect(summary(planDirectiveDeliveries(input('2023-07-05T00:00:00Z', [notice([directive(1)])])))).toEqual(
      summary(planned),
    ); // planning twice: the same keys
  });

  test('when a body sets its own offsets and time, then the reminders follow them', () => {
    const planned = planDirectiveDeliveries(
      input('2023-07-01T00:00:00Z', [notice([directive(1)])], {
        settingsOf: (c) => ({ ...withDefaults(c, null), offsets: [5], reminderTime: '07:30' }),
      }),
    );
    expect(planned.filter((p) => p.kind === 'directive-reminder').map((p) => [p.key, p.dueAt.toISOString()])).toEqual([
      ['directive-reminder:-:-:thanhtra@lucngan.example:tb-1:5', '2023-07-06T00:30:00.000Z'],
    ]);
  });

  test('when the directive is reported done, cancelled, or its notice a draft, then nothing is planned; opted-out kinds are left out but never the escalation', () => {
    for (const d of [directive(1, { status: 'reported-done' }), directive(1, { status: 'cancelled' })])
      expect(planDirectiveDeliveries(input('2023-07-05T00:00:00Z', [notice([d])]))).toEqual([]);
    expect(
      planDirectiveDeliveries(input('2023-07-05T00:00:00Z', [notice([directive(1)], { status: 'draft' })])),
    ).toEqual([]);
    const kinds = planDirectiveDeliveries(
      input('2023-07-05T00:00:00Z', [notice([directive(1)])], { optedOut: () => true }),
    ).map((p) => p.kind);
    expect(kinds).toEqual(['directive-escalation']);
  });

  test('when an official without an address is assigned, then his agency is reminded; a body is answered for by its Office', () => {
    expect(assigneeRecipients({ kind: 'official', code: 'chu-tich-ldld' }, dir, () => []).map((r) => r.email)).toEqual([
      'ldld@lucngan.example',
    ]);
    expect(
      assigneeRecipients({ kind: 'body', code: 'ubnd' }, dir, () => ['VanPhong@x.example']).map((r) => [
        r.email,
        r.name,
      ]),
    ).toEqual([['vanphong@x.example', 'UBND huyện']]);
  });

  test('when a standing task is monthly, then its report is requested on the 25th (or the working day before) unless a report came since the last period', () => {
    const standing = directive(2, { dueAt: null, cadence: 'monthly', deadlineHistory: [] });
    const planned = planDirectiveDeliveries(input('2023-06-20T00:00:00Z', [notice([standing])]));
    expect(summary(planned)).toEqual([
      'directive-report:-:-:thanhtra@lucngan.example:tb-2:2023-06-23 @2023-06-23T01:00:00.000Z',
    ]);
    const reported = directive(2, {
      dueAt: null,
      cadence: 'monthly',
      reports: [
        {
          id: 'r',
          at: new Date('2023-06-05T03:00:00Z'),
          by: 'x',
          date: '2023-06-05',
          text: 'ok',
          link: null,
          documentNumber: null,
        },
      ],
    });
    expect(planDirectiveDeliveries(input('2023-06-20T00:00:00Z', [notice([reported])]))).toEqual([]);
  });

  test("when an agency's digest is built, then it lists its open directives due by its end or overdue and its standing tasks, its officials' included", () => {
    const list = [
      directive(1),
      directive(2, { dueAt: new Date('2023-09-01T10:00:00Z') }),
      directive(3, { dueAt: null, cadence: 'weekly' }),
      directive(4, { assignees: [{ kind: 'official', code: 'chu-tich-ldld', role: 'lead' }] }),
    ];
    const i = input('2023-07-10T00:00:00Z', [notice(list)]);
    const at = new Date('2023-07-10T00:30:00Z');
    const until = new Date(at.getTime() + 14 * 86_400_000);
    expect(digestEntries(i, 'thanh-tra', at, until).map((e) => [e.id, e.overdue, e.standing])).toEqual([
      ['tb-1', false, false],
      ['tb-3', false, true],
    ]);
    expect(digestEntries(i, 'ldld', at, until).map((e) => e.id)).toEqual(['tb-4']);
  });

  test('when feeds are built, then open directives with a deadline become transparent instants for their agencies and officials, others none', () => {
    const list = [
      directive(1),
      directive(2, { dueAt: null, cadence: 'monthly' }),
      directive(3, { status: 'done' }),
      directive(4, { assignees: [{ kind: 'official', code: 'chu-tich-ldld', role: 'lead' }] }),
    ];
    const ev = directiveFeedEvents([notice(list)], dir, 'https://x', ZONE);
    expect(
      ev.map((e) => [
        e.event.uid,
        e.subjects.map((s) => `${s.kind}:${s.code}`),
        e.event.start,
        e.event.end,
        e.event.transparent,
        e.event.sequence,
      ]),
    ).toEqual([
      ['directive_tb-1@lich-hop', ['agency:thanh-tra'], '2023-07-13T17:00', '2023-07-13T17:00', true, 1],
      [
        'directive_tb-4@lich-hop',
        ['official:chu-tich-ldld', 'agency:ldld'],
        '2023-07-13T17:00',
        '2023-07-13T17:00',
        true,
        1,
      ],
    ]);
    expect(ev[0]!.event.summary).toBe('Hạn: Nhiệm vụ 1');
  });
});
