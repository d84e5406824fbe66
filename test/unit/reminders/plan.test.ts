import { toOffsetIso } from '../../../src/meetings/local-time';
import { planDeliveries } from '../../../src/reminders/plan';
import { item, planInput, session, ZONE } from './fixtures';

const iso = (d: Date) => toOffsetIso(d, ZONE);

describe('reminder planning (pure)', () => {
  test('when an item is assigned, then its agency gets a preparation reminder per offset and an overdue notice, and the Office an escalation', () => {
    const planned = planDeliveries(planInput('2023-05-01T01:00:00Z'));
    const mine = planned.filter((p) => p.recipient === 'tckh@lucngan.example' && p.itemNumber === 1);
    expect(mine.map((p) => [p.key, iso(p.dueAt), iso(p.expiresAt)])).toEqual([
      [
        'preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example:7',
        '2023-05-09T08:00:00+07:00',
        '2023-05-18T17:00:00+07:00',
      ],
      [
        'preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example:3',
        '2023-05-15T08:00:00+07:00',
        '2023-05-18T17:00:00+07:00',
      ],
      [
        'preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example:1',
        '2023-05-17T08:00:00+07:00',
        '2023-05-18T17:00:00+07:00',
      ],
      [
        'preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example:0',
        '2023-05-18T08:00:00+07:00',
        '2023-05-18T17:00:00+07:00',
      ],
      [
        'overdue:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example',
        '2023-05-19T08:00:00+07:00',
        '2023-05-23T08:00:00+07:00',
      ],
    ]);
    expect(new Set(mine.filter((p) => p.kind === 'preparation').map((p) => p.group))).toEqual(
      new Set(['preparation:ubnd-phien-hop-thuong-ky_20230525T0800:1:tckh@lucngan.example']),
    );
    const escalation = planned.filter((p) => p.kind === 'escalation');
    expect(escalation.map((p) => [p.key, iso(p.dueAt)])).toEqual([
      [
        'escalation:ubnd-phien-hop-thuong-ky_20230525T0800:-:vanphong@lucngan.example:2023-05-19',
        '2023-05-19T08:00:00+07:00',
      ],
    ]);
  });

  test('when an agency lists the same address twice in different case, then it gets one email per reminder', () => {
    const planned = planDeliveries(planInput('2023-05-01T01:00:00Z'));
    expect(
      planned.filter((p) => p.kind === 'preparation' && p.agencyCode === 'phong-tc-kh').map((p) => p.recipient),
    ).toEqual(Array(4).fill('tckh@lucngan.example'));
  });

  test('when planning twice, then the same keys and hashes come out', () => {
    const a = planDeliveries(planInput('2023-05-01T01:00:00Z'));
    const b = planDeliveries(planInput('2023-05-01T01:00:00Z'));
    expect(b.map((p) => `${p.key} ${p.dataHash}`)).toEqual(a.map((p) => `${p.key} ${p.dataHash}`));
    expect(new Set(a.map((p) => p.key)).size).toBe(a.length);
  });

  test('when the item is submitted, the meeting cancelled or already started, then nothing is planned for it', () => {
    const keys = (input: ReturnType<typeof planInput>) =>
      planDeliveries(input)
        .filter((p) => p.occurrenceId)
        .map((p) => p.key);
    expect(
      keys(planInput('2023-05-01T01:00:00Z', { items: [item(1, { status: 'submitted' })] })).filter(
        (k) => !k.startsWith('agenda:'),
      ),
    ).toEqual([]);
    expect(keys(planInput('2023-05-01T01:00:00Z', { occurrences: [session({ status: 'cancelled' })] }))).toEqual([]);
    expect(keys(planInput('2023-05-23T01:30:00Z'))).toEqual([]);
  });

  test('when a reminder is no longer useful at planning time, then it is not planned at all', () => {
    const planned = planDeliveries(planInput('2023-05-18T11:00:00Z')); // after the due time
    expect(planned.filter((p) => p.kind === 'preparation')).toEqual([]);
    expect(planned.filter((p) => p.kind === 'overdue')).toHaveLength(1);
  });

  test('when an address opted out of preparation reminders, then it gets none, but the Office still gets escalations', () => {
    const planned = planDeliveries(
      planInput('2023-05-01T01:00:00Z', {
        optedOut: (e, k) => k === 'preparation' || (e === 'vanphong@lucngan.example' && k !== 'agenda'),
      }),
    );
    expect(planned.filter((p) => p.kind === 'preparation')).toEqual([]);
    expect(planned.filter((p) => p.kind === 'escalation')).toHaveLength(1);
  });

  test('when the body has its own offsets, then they are used', () => {
    const planned = planDeliveries(
      planInput('2023-05-01T01:00:00Z', {}, { preparationOffsets: [5, 2], reminderTime: '07:30' }),
    );
    expect(
      planned
        .filter((p) => p.kind === 'preparation' && p.recipient === 'tckh@lucngan.example')
        .map((p) => iso(p.dueAt)),
    ).toEqual(['2023-05-11T07:30:00+07:00', '2023-05-16T07:30:00+07:00']);
  });

  test('when attendees are officials and agencies, then each address gets the agenda the working day before', () => {
    const agenda = planDeliveries(planInput('2023-05-01T01:00:00Z')).filter((p) => p.kind === 'agenda');
    expect(agenda.map((p) => p.recipient).sort()).toEqual([
      'chutich@lucngan.example',
      'tckh@lucngan.example',
      'vanphong@lucngan.example',
    ]);
    expect(new Set(agenda.map((p) => iso(p.dueAt)))).toEqual(new Set(['2023-05-22T08:00:00+07:00']));
    expect((agenda[0]!.data.items as unknown[]).length).toBe(1);
  });

  test('when it is Monday 15/5/2023 07:00, then each agency with open items due within 14 days gets a digest at 07:30', () => {
    const planned = planDeliveries(
      planInput('2023-05-15T00:00:00Z', {
        items: [
          item(1),
          item(2, {
            preparingAgencies: [
              { code: 'thanh-tra', role: 'lead' },
              { code: 'cong-an', role: 'coordinating' },
            ],
          }),
        ],
      }),
    );
    const digests = planned.filter((p) => p.kind === 'digest' && p.key.endsWith(':2023-05-15'));
    expect(digests.map((p) => [p.key, iso(p.dueAt)])).toEqual([
      ['digest:-:-:tckh@lucngan.example:2023-05-15', '2023-05-15T07:30:00+07:00'],
      ['digest:-:-:thanhtra@lucngan.example:2023-05-15', '2023-05-15T07:30:00+07:00'],
      ['digest:-:-:congan@lucngan.example:2023-05-15', '2023-05-15T07:30:00+07:00'],
    ]);
    expect(planned.filter((p) => p.kind === 'digest' && p.key.endsWith(':2023-05-22'))).toHaveLength(3); // next Monday's, planned ahead
    expect(digests[2]!.data).toMatchObject({
      agencyName: 'Công an huyện',
      from: '15/5/2023',
      to: '29/5/2023',
      count: 1,
      entries: [{ role: 'phối hợp', overdue: false }],
    });
  });
});
