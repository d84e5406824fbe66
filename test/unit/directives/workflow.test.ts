import type { Principal } from '../../../src/access/api-keys';
import {
  decideExtension,
  decideExtensionRequest,
  decidePatch,
  decideReport,
  decideStatus,
  isOwn,
  TRANSITIONS,
} from '../../../src/directives/workflow';
import { warningAnswered } from '../../../src/directives/service';
import type { Directive } from '../../../src/directives/types';
import { ConflictError, ForbiddenError, ValidationError } from '../../../src/shared/errors';

const now = new Date('2023-05-12T02:00:00Z');
const office: Principal = { keyId: 'k1', name: 'Văn phòng', role: 'office', agencyCode: null };
const thanhtra: Principal = { keyId: 'k2', name: 'Thanh tra', role: 'agency', agencyCode: 'thanh-tra' };
const ldld: Principal = { keyId: 'k3', name: 'LĐLĐ', role: 'agency', agencyCode: 'ldld' };
const officials = new Map([['chu-tich-ldld', { agencyCode: 'ldld' }]]);
const d = (over: Partial<Directive> = {}): Directive => ({
  id: 'n-1',
  seq: 1,
  number: 1,
  section: null,
  text: 't',
  assignees: [{ kind: 'agency', code: 'thanh-tra', role: 'lead' }],
  dueAt: new Date('2023-05-19T10:00:00Z'),
  dueTimeAssumed: true,
  cadence: null,
  status: 'assigned',
  statusNote: null,
  reportedDoneAt: null,
  doneAt: null,
  reports: [],
  extensions: [],
  deadlineHistory: [],
  warnings: ['Văn bản không nêu thời hạn.'],
  history: [],
  rev: 3,
  updatedAt: now,
  ...over,
});

describe('the workflow of a directive', () => {
  test('when an agency acts, then only on its own directives, or those of its officials', () => {
    expect(isOwn(d(), 'thanh-tra', officials)).toBe(true);
    expect(
      isOwn(d({ assignees: [{ kind: 'official', code: 'chu-tich-ldld', role: 'lead' }] }), 'ldld', officials),
    ).toBe(true);
    expect(isOwn(d({ assignees: [{ kind: 'body', code: 'ubnd', role: 'lead' }] }), 'thanh-tra', officials)).toBe(false);
    expect(() => decideStatus(d(), 'in-progress', ldld, officials, now)).toThrow(ForbiddenError);
  });

  test('when statuses change, then each allowed move bumps the revision and appends history; the Office alone confirms and cancels', () => {
    const started = decideStatus(d(), 'in-progress', thanhtra, officials, now)!;
    expect(started).toMatchObject({
      status: 'in-progress',
      rev: 4,
      history: [
        { by: 'Thanh tra (agency)', action: 'status', changes: { status: { from: 'assigned', to: 'in-progress' } } },
      ],
    });
    const reported = decideStatus(started, 'reported-done', thanhtra, officials, now)!;
    expect(reported.reportedDoneAt).toEqual(now);
    expect(() => decideStatus(reported, 'done', thanhtra, officials, now)).toThrow(ForbiddenError);
    expect(decideStatus(reported, 'done', office, officials, now)!.doneAt).toEqual(now);
    expect(decideStatus(reported, 'in-progress', office, officials, now)!.reportedDoneAt).toBeNull();
    expect(decideStatus(d(), 'assigned', office, officials, now)).toBeNull();
    expect(() => decideStatus(d({ status: 'cancelled' }), 'done', office, officials, now)).toThrow(ConflictError);
    expect(() => decideStatus(d(), 'cancelled', office, officials, now, ' ')).toThrow(ValidationError);
    expect(Object.keys(TRANSITIONS.done)).toEqual(['in-progress']);
  });

  test('when a report arrives on an assigned directive, then it starts it; on a done one, it is refused', () => {
    const r = decideReport(d(), { date: '2023-05-12', text: 'Đã triển khai.' }, thanhtra, officials, now, 'r1');
    expect(r).toMatchObject({ status: 'in-progress', reports: [{ id: 'r1', text: 'Đã triển khai.', link: null }] });
    expect(() =>
      decideReport(d({ status: 'done' }), { date: '2023-05-12', text: 'x' }, office, officials, now, 'r2'),
    ).toThrow(ConflictError);
  });

  test('when an extension is requested and decided, then one at a time, later only, and the deadline history keeps the change', () => {
    const asked = decideExtensionRequest(
      d(),
      { reason: 'Chờ số liệu.', proposedDueAt: new Date('2023-05-26T10:00:00Z') },
      thanhtra,
      officials,
      now,
      'e1',
    );
    expect(() =>
      decideExtensionRequest(
        asked,
        { reason: 'x', proposedDueAt: new Date('2023-05-30T10:00:00Z') },
        thanhtra,
        officials,
        now,
        'e2',
      ),
    ).toThrow(ConflictError);
    expect(() =>
      decideExtensionRequest(
        d(),
        { reason: 'x', proposedDueAt: new Date('2023-05-18T10:00:00Z') },
        thanhtra,
        officials,
        now,
        'e3',
      ),
    ).toThrow(ValidationError);
    expect(() => decideExtension(asked, { decision: 'granted' }, thanhtra, now)).toThrow(ForbiddenError);
    const refused = decideExtension(asked, { decision: 'refused', note: 'Không đủ lý do.' }, office, now);
    expect(refused).toMatchObject({ dueAt: d().dueAt, extensions: [{ state: 'refused', note: 'Không đủ lý do.' }] });
    const granted = decideExtension(asked, { decision: 'granted' }, office, now);
    expect(granted).toMatchObject({
      dueAt: new Date('2023-05-26T10:00:00Z'),
      dueTimeAssumed: false,
      deadlineHistory: [{ from: d().dueAt, to: new Date('2023-05-26T10:00:00Z'), reason: 'Gia hạn: Chờ số liệu.' }],
    });
    expect(() =>
      decideExtensionRequest(
        d({ dueAt: null }),
        { reason: 'x', proposedDueAt: new Date('2023-05-26T10:00:00Z') },
        thanhtra,
        officials,
        now,
        'e4',
      ),
    ).toThrow(ConflictError);
  });

  test('when the Office sets a deadline, then the "no deadline" warning goes and the history records the reason', () => {
    const next = decidePatch(
      d({ dueAt: null }),
      { dueAt: new Date('2023-06-01T10:00:00Z'), reason: 'Theo chỉ đạo.' },
      office,
      now,
      warningAnswered,
    )!;
    expect(next).toMatchObject({
      warnings: [],
      dueTimeAssumed: false,
      deadlineHistory: [{ from: null, reason: 'Theo chỉ đạo.' }],
    });
    expect(next.history[0]!.changes).toMatchObject({
      dueAt: { from: null, to: '2023-06-01T10:00:00.000Z' },
      reason: { to: 'Theo chỉ đạo.' },
    });
    expect(decidePatch(d(), { dueAt: d().dueAt }, office, now, warningAnswered)).toBeNull();
    expect(() => decidePatch(d(), { text: 'x' }, thanhtra, now, warningAnswered)).toThrow(ForbiddenError);
  });
});
