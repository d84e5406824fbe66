import { compareBodies, type Body } from '../../../src/organisation/types';

const body = (code: string, kind: Body['kind'], level: Body['level'], name = code) => ({ code, kind, level, name });

describe('the order of bodies', () => {
  test('when bodies of one level are sorted, then Party committee, Council, Committee, whatever their codes', () => {
    const sorted = [
      body('ubnd', 'people-committee', 'district'),
      body('hdnd', 'people-council', 'district'),
      body('huyen-uy', 'party-committee', 'district'),
    ].sort(compareBodies);
    expect(sorted.map((b) => b.code)).toEqual(['huyen-uy', 'hdnd', 'ubnd']);
  });

  test('when levels are mixed, then the higher level comes first, each in political order, then other bodies by name', () => {
    const sorted = [
      body('xa-ubnd', 'people-committee', 'commune'),
      body('tinh-uy', 'party-committee', 'province'),
      body('khac-b', 'other', 'commune', 'B'),
      body('dang-uy-xa', 'party-committee', 'commune'),
      body('khac-a', 'other', 'commune', 'A'),
      body('ubnd-tinh', 'people-committee', 'province'),
    ].sort(compareBodies);
    expect(sorted.map((b) => b.code)).toEqual(['tinh-uy', 'ubnd-tinh', 'dang-uy-xa', 'xa-ubnd', 'khac-a', 'khac-b']);
  });
});
