import { seriesInput, seriesPatch } from '../../../src/meetings/schemas';
import { agencyPatch, bodyPatch, officialPatch } from '../../../src/organisation/schemas';

describe('patch schemas', () => {
  test('when a patch changes one field, then no other field gets a default (nothing stored is wiped)', () => {
    expect(seriesPatch.parse({ title: 'Giao ban' })).toEqual({ title: 'Giao ban' });
    expect(bodyPatch.parse({ name: 'UBND xã' })).toEqual({ name: 'UBND xã' });
    expect(agencyPatch.parse({ name: 'Phòng Nội vụ' })).toEqual({ name: 'Phòng Nội vụ' });
    expect(officialPatch.parse({ name: 'Nguyễn Văn A' })).toEqual({ name: 'Nguyễn Văn A' });
  });
  test('when a patch is empty, then it is refused', () => {
    expect(seriesPatch.safeParse({}).success).toBe(false);
  });
  test('when a series is created without optional fields, then the defaults apply', () => {
    const parsed = seriesInput.parse({
      title: 'Giao ban',
      kind: 'briefing',
      bodyCode: 'ubnd',
      startTime: '14:00',
      durationMinutes: 60,
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TH',
      startDate: '2023-05-04',
      holidayPolicy: 'skip',
    });
    expect(parsed).toMatchObject({
      chairCode: null,
      attendees: { officials: [], agencies: [] },
      location: '',
      endDate: null,
      description: '',
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
    });
    expect(parsed.timeZone).toBeUndefined();
  });
});
