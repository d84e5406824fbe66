/** Recognising the agency a programme names, however the Office spelled it. */
import { initialsOf, matchAgency, nameKey, type AgencyName } from '../../../src/organisation/match';

const AGENCIES: AgencyName[] = [
  { code: 'vp-hdnd-ubnd', name: 'Văn phòng HĐND và UBND huyện', shortName: 'Văn phòng', bodyCode: 'ubnd' },
  { code: 'phong-tc-kh', name: 'Phòng Tài chính - Kế hoạch', shortName: 'Phòng TC-KH', bodyCode: 'ubnd' },
  { code: 'thanh-tra', name: 'Thanh tra huyện', shortName: 'Thanh tra', bodyCode: 'ubnd' },
  { code: 'cong-an', name: 'Công an huyện', shortName: 'Công an', bodyCode: 'ubnd' },
  {
    code: 'phong-ldtbxh',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    shortName: 'Phòng LĐ-TB&XH',
    bodyCode: 'ubnd',
  },
  { code: 'phong-noi-vu', name: 'Phòng Nội vụ', shortName: 'Phòng Nội vụ', bodyCode: 'ubnd' },
  { code: 'vp-huyen-uy', name: 'Văn phòng Huyện ủy', shortName: 'Văn phòng Huyện ủy', bodyCode: 'huyen-uy' },
];
const code = (text: string) => matchAgency(text, AGENCIES, 'ubnd');

describe('matching agencies by name', () => {
  test('when the name is written exactly, or with other spacing, case, dashes or "&", then the agency is found by name', () => {
    for (const text of [
      'Phòng Tài chính - Kế hoạch',
      'phòng tài chính – kế hoạch',
      'PHÒNG TÀI CHÍNH-KẾ HOẠCH',
      ' Phòng  Tài chính -Kế hoạch ',
    ])
      expect(code(text)).toEqual({ code: 'phong-tc-kh', how: 'name' });
    expect(code('Văn phòng HĐND & UBND huyện')).toEqual({ code: 'vp-hdnd-ubnd', how: 'name' });
    expect(code('Phòng Lao động - Thương binh & Xã hội')).toEqual({ code: 'phong-ldtbxh', how: 'name' });
  });

  test('when an abbreviation is used, then the short name or the initials made from the name find it', () => {
    expect(code('Phòng TC-KH')).toEqual({ code: 'phong-tc-kh', how: 'short-name' });
    expect(code('Phòng TC - KH')).toEqual({ code: 'phong-tc-kh', how: 'short-name' });
    expect(code('Phòng LĐTB&XH')).toEqual({ code: 'phong-ldtbxh', how: 'short-name' });
    expect(code('Phòng LĐ-TB và XH')).toEqual({ code: 'phong-ldtbxh', how: 'short-name' });
    expect(initialsOf('Phòng Lao động - Thương binh và Xã hội')).toEqual(['phòng lđ-tb&xh', 'lđ-tb&xh']);
    expect(code('TC-KH')).toEqual({ code: 'phong-tc-kh', how: 'initials' });
  });

  test('when the level word is added or left out, or accents are lost, then the agency is still found', () => {
    expect(code('Thanh tra')).toEqual({ code: 'thanh-tra', how: 'short-name' });
    expect(code('Công an huyện Lục Ngạn')).toEqual({ code: null, candidates: [] });
    expect(code('Cong an huyen')).toEqual({ code: 'cong-an', how: 'without-accents' });
    expect(code('Phong Tai chinh - Ke hoach')).toEqual({ code: 'phong-tc-kh', how: 'without-accents' });
  });

  test("when two agencies read the same, then the programme body's own is preferred, else none is guessed", () => {
    const twins: AgencyName[] = [
      ...AGENCIES,
      { code: 'thanh-tra-2', name: 'Thanh tra huyện', shortName: 'Thanh tra', bodyCode: 'other' },
    ];
    expect(matchAgency('Thanh tra huyện', twins, 'ubnd')).toEqual({ code: 'thanh-tra', how: 'name' });
    expect(matchAgency('Thanh tra huyện', twins)).toEqual({ code: null, candidates: ['thanh-tra', 'thanh-tra-2'] });
    expect(code('Văn phòng')).toEqual({ code: 'vp-hdnd-ubnd', how: 'short-name' });
  });

  test('when keys are made, then "và" and "&" are one and spacing is gone', () => {
    expect(nameKey('HĐND và UBND')).toBe(nameKey('HĐND&UBND'));
    expect(nameKey('thƣờng')).toBe(nameKey('thường'));
  });
});
