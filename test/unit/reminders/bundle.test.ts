/** Which deliveries go out as one email, in what order they are claimed, and the Message-IDs. */
import {
  BUNDLED_KINDS,
  bundleFacts,
  bundleKeyOf,
  bundlesOf,
  emailInput,
  takeWholeBundles,
} from '../../../src/reminders/bundle';
import { bundleMessageIdOf, messageDomainOf, messageIdOf } from '../../../src/reminders/keys';
import { planDeliveries } from '../../../src/reminders/plan';
import { item, planInput } from './fixtures';

const at = new Date('2023-05-09T01:00:00Z');
const d = (
  key: string,
  kind = 'preparation',
  recipient = 'tckh@lucngan.example',
  occurrenceId: string | null = 's',
  dueAt = at,
) => ({ key, kind, recipient, occurrenceId, dueAt }) as Parameters<typeof bundleKeyOf>[0];

describe('bundles', () => {
  test('when deliveries share kind, meeting, address and send time, then they form one bundle led by the smallest key (as a string)', () => {
    const list = [
      d('preparation:s:2:a:7'),
      d('preparation:s:10:a:7'),
      d('preparation:s:1:a:7'),
      d('overdue:s:1:a', 'overdue'),
      d('preparation:s:3:b:7', 'preparation', 'b'),
      d('preparation:s:4:a:3', 'preparation', 'tckh@lucngan.example', 's', new Date('2023-05-15T01:00:00Z')),
    ];
    const bundles = bundlesOf(list);
    expect(bundles.map((b) => b.map((x) => x.key))).toEqual([
      ['preparation:s:10:a:7', 'preparation:s:1:a:7', 'preparation:s:2:a:7'],
      ['overdue:s:1:a'],
      ['preparation:s:3:b:7'],
      ['preparation:s:4:a:3'],
    ]);
    expect(BUNDLED_KINDS).toEqual(['preparation', 'overdue']);
  });

  test('when the kind is not bundled, then each delivery is a bundle of its own', () => {
    expect(bundleKeyOf(d('agenda:s:-:a', 'agenda'))).toBe('agenda:s:-:a');
    expect(
      bundlesOf([d('digest:-:-:a:1', 'digest', 'a', null), d('digest:-:-:a:2', 'digest', 'a', null)]),
    ).toHaveLength(2);
  });

  test('when a batch is taken, then a bundle is never cut: its members come along, and a full read defers its last bundle', () => {
    const list = [
      d('preparation:s:1:a:7'),
      d('agenda:x', 'agenda'),
      d('preparation:s:2:a:7'),
      d('preparation:t:1:a:7', 'preparation', 'tckh@lucngan.example', 't'),
    ];
    expect(takeWholeBundles(list, 1, false).map((x) => x.key)).toEqual(['preparation:s:1:a:7', 'preparation:s:2:a:7']);
    expect(takeWholeBundles(list, 4, true).map((x) => x.key)).toEqual([
      'preparation:s:1:a:7',
      'agenda:x',
      'preparation:s:2:a:7',
    ]);
    expect(takeWholeBundles([list[3]!], 4, true, true)).toEqual([]); // one bundle that may go on: read more first
    expect(takeWholeBundles([list[3]!], 4, true, false)).toHaveLength(1); // nothing more can be read: all there is
  });

  test('when several items are bundled, then the facts list them in order with the range written the Office way', () => {
    const planned = planDeliveries(planInput('2023-05-01T01:00:00Z', { items: [item(3), item(1), item(2)] })).filter(
      (p) => p.kind === 'preparation' && p.data.offset === 7 && p.recipient === 'tckh@lucngan.example',
    );
    const facts = bundleFacts(planned);
    expect(facts).toMatchObject({
      count: 3,
      several: true,
      numbers: '1-3',
      sameDue: true,
      remaining: 'còn 7 ngày làm việc đến hạn gửi tài liệu',
      recipientName: 'Phòng Tài chính - Kế hoạch',
    });
    expect((facts.items as { number: number }[]).map((i) => i.number)).toEqual([1, 2, 3]);
  });

  test('when Message-IDs are made, then they are under the sender domain, one key gives the single id, and a bundle id depends on its members only', () => {
    expect(messageDomainOf('no-reply@LucNgan.gov.vn')).toBe('lucngan.gov.vn');
    expect(() => messageDomainOf('no-reply')).toThrow(/no domain/);
    expect(messageIdOf('k', 'lucngan.gov.vn')).toMatch(/^<[0-9a-f]{40}@lucngan\.gov\.vn>$/);
    expect(bundleMessageIdOf(['k'], 'x.example')).toBe(messageIdOf('k', 'x.example'));
    expect(bundleMessageIdOf(['a', 'b'], 'x.example')).toBe(bundleMessageIdOf(['b', 'a'], 'x.example'));
    expect(bundleMessageIdOf(['a', 'b'], 'x.example')).not.toBe(bundleMessageIdOf(['a', 'b', 'c'], 'x.example'));
    const planned = planDeliveries(planInput('2023-05-01T01:00:00Z')).find((p) => p.kind === 'agenda')!;
    expect(emailInput([planned], 'x.example')).toEqual({
      kind: 'agenda',
      recipient: planned.recipient,
      data: planned.data,
      messageId: messageIdOf(planned.key, 'x.example'),
    });
  });
});
