import { bodyDefaults, recipientLines, resolveSettings, settingsInput } from '../../../src/publishing/settings';

const ubnd = { code: 'ubnd', kind: 'people-committee' as const, level: 'district' as const };

describe('document settings per body and month', () => {
  test("when nothing is set, then the district People's Committee gets the signature and list of the May 2023 programme", () => {
    const s = resolveSettings(ubnd, '2023-05', null, null);
    expect(s).toMatchObject({
      signatureAuthority: 'TL. CHỦ TỊCH',
      signatureTitle: 'CHÁNH VĂN PHÒNG',
      numberTemplate: 'Số: {number}/CTr-UBND',
      partA: '',
      issueDate: null,
    });
    expect(s.recipients[0]).toBe('- Văn phòng UBND tỉnh:');
    expect(s.recipients.at(-1)).toBe('- Lưu: VT.');
  });

  test('when other kinds of body have no settings, then their own defaults apply (Party documents have their own motto line)', () => {
    expect(bodyDefaults({ kind: 'people-council', level: 'commune' }).numberTemplate).toBe('Số: {number}/CTr-HĐND');
    expect(bodyDefaults({ kind: 'party-committee', level: 'district' })).toMatchObject({
      nation: 'ĐẢNG CỘNG SẢN VIỆT NAM',
      numberTemplate: 'Số {number}-CTr/HU',
    });
    expect(bodyDefaults({ kind: 'people-committee', level: 'province' }).recipients.at(-1)).toBe('- Lưu: VT.');
    expect(bodyDefaults({ kind: 'other', level: 'province' }).signatureAuthority).toBe('THỦ TRƯỞNG CƠ QUAN');
  });

  test('when an earlier month has settings, then the signature and list carry over, part A and issue date do not', () => {
    const s = resolveSettings(ubnd, '2023-06', null, {
      partA: 'Tháng 5',
      signatureAuthority: 'TM. ỦY BAN NHÂN DÂN',
      recipients: ['- Lưu: VT.'],
      issueDate: '2023-05-05',
    });
    expect(s).toMatchObject({
      partA: '',
      signatureAuthority: 'TM. ỦY BAN NHÂN DÂN',
      signatureTitle: 'CHÁNH VĂN PHÒNG',
      recipients: ['- Lưu: VT.'],
      issueDate: null,
    });
  });

  test('when the Office types the list and the number line, then blank lines go and the number placeholder is required', () => {
    expect(recipientLines('- Như trên;\r\n\r\n  - Lưu: VT.  \n')).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(settingsInput.safeParse({ numberTemplate: 'Số: 45/CTr' }).success).toBe(false);
    expect(settingsInput.safeParse({}).success).toBe(false);
    expect(settingsInput.safeParse({ issueDate: null }).success).toBe(true);
  });
});
